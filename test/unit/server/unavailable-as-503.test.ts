import { describe, expect, it } from "vitest";
import { unavailableAs503 } from "../../../server/http/mount-graphql.ts";

type Result = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };

/** The status the plugin leaves on an answer with this body (Apollo's own default: undefined, sent as 200). */
async function statusFor(singleResult: Result, kind: "single" | "incremental" = "single"): Promise<number | undefined> {
  const response = { http: { status: undefined as number | undefined, headers: new Map() }, body: { kind, singleResult } };
  const hooks = await unavailableAs503().requestDidStart!({} as never);
  await hooks!.willSendResponse!({ response } as never);
  return response.http.status;
}

const unavailable = { message: "neighbourhood: Neo4j is not reachable (…)", extensions: { code: "UPSTREAM_UNAVAILABLE" } };

describe("GraphQL answers while Neo4j is unreachable", () => {
  it("are HTTP 503 when no root field has data and every error says the database is unreachable", async () => {
    expect(await statusFor({ data: null, errors: [unavailable] })).toBe(503);
    expect(await statusFor({ errors: [unavailable, unavailable] })).toBe(503);
    expect(await statusFor({ data: { a: null, b: null }, errors: [unavailable, unavailable] })).toBe(503);
  });

  it("stay 200 with any data, any other error, or no error", async () => {
    expect(await statusFor({ data: { a: { id: "org:x" }, b: null }, errors: [unavailable] })).toBeUndefined();
    expect(
      await statusFor({ data: null, errors: [unavailable, { message: "too slow", extensions: { code: "TIMEOUT" } }] }),
    ).toBeUndefined();
    expect(await statusFor({ data: null, errors: [{ message: "no such id", extensions: { code: "NOT_FOUND" } }] })).toBeUndefined();
    expect(await statusFor({ data: { a: [] } })).toBeUndefined();
    expect(await statusFor({ data: null, errors: [unavailable] }, "incremental")).toBeUndefined();
  });
});
