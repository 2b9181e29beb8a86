/** POSTs one GraphQL operation to /graphql; maps network, HTTP and GraphQL errors to ApiError. */
import { ApiError } from "./api-error.ts";

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export async function postGraphql(
  operation: string,
  query: string,
  variables: Record<string, unknown>,
  endpoint = "/graphql",
  fetchFn: Fetch = (i, init) => fetch(i, init),
): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetchFn(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError("UNAVAILABLE", `api: ${operation}: the server does not answer; is it running?`);
  }
  let body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new ApiError("UNAVAILABLE", `api: ${operation}: the server answered HTTP ${res.status} without JSON`);
  }
  if (body.errors?.length) {
    const first = body.errors[0]!;
    const code = first.extensions?.code === "NOT_FOUND" ? "NOT_FOUND" : "GRAPHQL";
    throw new ApiError(code, `api: ${operation}: ${first.message}`);
  }
  if (!res.ok || !body.data) throw new ApiError("UNAVAILABLE", `api: ${operation}: the server answered HTTP ${res.status}`);
  return body.data;
}
