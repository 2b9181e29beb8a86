/**
 * POST /graphql before Express: a plain JSON request that server/graphql/fast-operation.ts can
 * answer (a lookup, a filtered page) is answered here; everything else goes on to the Express app
 * with its body already parsed, exactly as express.json() would have left it. Express's routing and
 * body parsing plus Apollo's pipeline cost more than the lookup itself (BENCHMARKS.md, section 2/3).
 *
 * Taken only when nothing else could matter: POST to exactly /graphql, `content-type:
 * application/json`, a declared length under 64 kB, no content encoding, no credentials (reads are
 * public, but a token is for Apollo and @neo4j/graphql to judge), and a client that accepts
 * `application/json`.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { FastOperations, GraphqlRequest } from "../graphql/fast-operation.ts";

const MAX_BODY = 64 * 1024;

function acceptsJson(accept: string | undefined): boolean {
  if (!accept) return true;
  // Apollo answers `application/graphql-response+json` to clients that ask for it; leave those to it.
  if (accept.includes("graphql-response+json")) return false;
  return accept.includes("application/json") || accept.includes("*/*");
}

function eligible(req: IncomingMessage): boolean {
  if (req.method !== "POST" || req.url !== "/graphql") return false;
  const h = req.headers;
  const length = Number(h["content-length"]);
  return (
    /^application\/json\s*(;\s*charset=utf-8\s*)?$/i.test(h["content-type"] ?? "") &&
    Number.isInteger(length) &&
    length > 0 &&
    length <= MAX_BODY &&
    !h["content-encoding"] &&
    !h.authorization &&
    !h.cookie &&
    acceptsJson(h.accept)
  );
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function asRequest(body: unknown): GraphqlRequest | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const { query, variables, operationName, ...rest } = body as Record<string, unknown>;
  if (typeof query !== "string" || Object.keys(rest).length) return undefined;
  if (variables !== undefined && variables !== null && (typeof variables !== "object" || Array.isArray(variables))) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== "string") return undefined;
  return body as GraphqlRequest;
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
  });
  res.end(body);
}

/** `app` with the fast lane in front of it. */
export function withGraphqlFastLane(fast: FastOperations, app: RequestListener): RequestListener {
  return (req, res) => {
    if (!eligible(req)) {
      app(req, res);
      return;
    }
    void (async () => {
      let parsed: unknown;
      try {
        const raw = await readBody(req);
        parsed = JSON.parse(raw.toString("utf8"));
      } catch (e) {
        // As the app answers a body express.json() cannot parse (server/http/create-app.ts).
        send(
          res,
          400,
          JSON.stringify({ error: { code: "BAD_USER_INPUT", message: `request body is not valid JSON: ${(e as Error).message}` } }),
        );
        return;
      }
      const request = asRequest(parsed);
      // A fault in the fast lane must not cost the client its answer: Apollo answers then.
      const answer = request ? await fast.answer(request).catch(() => undefined) : undefined;
      if (answer !== undefined) {
        // Apollo ends its JSON with a newline; so does this, to the byte.
        send(res, 200, `${answer}\n`);
        return;
      }
      // body-parser leaves a finished request's `body` as it finds it.
      (req as IncomingMessage & { body?: unknown }).body = parsed;
      app(req, res);
    })().catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, JSON.stringify({ error: { code: "INTERNAL", message: "internal error" } }));
      else res.destroy(e as Error);
    });
  };
}
