/**
 * POST /graphql before Express: a plain JSON request that server/graphql/fast-operation.ts can
 * answer (a lookup, a filtered page, shortestPaths, a neighbourhood …) is answered here, with the
 * status, headers and body Apollo would send; everything else goes on to the Express app with its
 * body already parsed, exactly as express.json() would have left it. Express's routing and
 * body parsing plus Apollo's pipeline cost more than the lookup itself (BENCHMARKS.md, section 2/3).
 *
 * Taken only when nothing else could matter: POST to exactly /graphql, `content-type:
 * application/json`, a declared length under 64 kB, no content encoding, no credentials (reads are
 * public, but a token is for Apollo and @neo4j/graphql to judge), and a client that accepts
 * `application/json`.
 *
 * A request the lane began and could not answer (any error) goes on with the reads it made
 * (server/db/read-tape.ts): Apollo's run of it takes them from there (handedOnReads, in
 * server/http/mount-graphql.ts) and words its answer as ever, without asking Neo4j twice.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { ReadTape, type ReadThrough } from "../db/read-tape.ts";
import type { FastOperations, GraphqlRequest } from "../graphql/fast-operation.ts";

const MAX_BODY = 64 * 1024;
const JSON_TYPE = "application/json; charset=utf-8";

/** The tapes of requests handed on to the app, by request. */
const handedOn = new WeakMap<IncomingMessage, ReadTape>();

/** For Apollo's context: the reads the lane made for this request, to replay; undefined when it made none. */
export function handedOnReads(req: IncomingMessage): ReadThrough | undefined {
  const tape = handedOn.get(req);
  return tape?.replay.bind(tape);
}

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
    let first: Buffer | undefined;
    let more: Buffer[] | undefined;
    req.on("data", (c: Buffer) => {
      if (!first) first = c;
      else (more ??= [first]).push(c);
    });
    req.on("end", () => resolve(more ? Buffer.concat(more) : (first ?? Buffer.alloc(0))));
    req.on("error", reject);
  });
}

const FIRST_NON_WHITESPACE = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d]|$)/;

/**
 * The body as express.json() reads it (body-parser 2, strict), so that the lane's answer to a body
 * it cannot read is the app's, to the byte: a leading byte-order mark dropped, an empty body `{}`,
 * only an object or an array at the top, and the error message body-parser gives.
 */
function parseJson(raw: Buffer): { value: unknown } | { error: string } {
  let text = raw.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.length) return { value: {} };
  if (text[0] !== "{" && text[0] !== "[") {
    const first = FIRST_NON_WHITESPACE.exec(text)?.[1] || undefined;
    if (first !== "{" && first !== "[") {
      // body-parser's createStrictSyntaxError: JSON.parse's message for the text with "#" from the
      // first character on, the text put back in the message.
      const index = first === undefined ? -1 : text.indexOf(first);
      const partial = index === -1 ? "" : text.substring(0, index) + "#".repeat(text.length - index);
      try {
        JSON.parse(partial);
        return { error: "strict violation" };
      } catch (e) {
        return { error: (e as Error).message.replace(/#+/g, (hashes) => text.substring(index, index + hashes.length)) };
      }
    }
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function asRequest(body: unknown): GraphqlRequest | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const { query, variables, operationName, ...rest } = body as Record<string, unknown>;
  if (typeof query !== "string" || Object.keys(rest).length) return undefined;
  if (variables !== undefined && variables !== null && (typeof variables !== "object" || Array.isArray(variables))) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== "string") return undefined;
  return body as GraphqlRequest;
}

/**
 * Writes a JSON answer with the headers Express and Apollo send for it, to the byte: their names as
 * written, in order, and Express's weak ETag (the `etag` package: length in hex and the SHA-1's first
 * 27 base64 characters). `cache-control: no-store` comes first on GraphQL answers, as Apollo's
 * plugin (server/http/mount-graphql.ts) sets it before Express adds the rest; Express's own error
 * answers have none.
 */
function send(res: ServerResponse, status: number, body: string, graphql: boolean): void {
  const bytes = Buffer.from(body, "utf8");
  const etag = `W/"${bytes.length.toString(16)}-${createHash("sha1").update(bytes).digest("base64").substring(0, 27)}"`;
  const length = String(bytes.length);
  res.writeHead(
    status,
    graphql
      ? ["cache-control", "no-store", "Content-Type", JSON_TYPE, "Content-Length", length, "ETag", etag]
      : ["Content-Type", JSON_TYPE, "Content-Length", length, "ETag", etag],
  );
  res.end(bytes);
}

/** `app` with the fast lane in front of it. */
export function withGraphqlFastLane(fast: FastOperations, app: RequestListener): RequestListener {
  return (req, res) => {
    if (!eligible(req)) {
      app(req, res);
      return;
    }
    void (async () => {
      let raw: Buffer;
      try {
        raw = await readBody(req);
      } catch {
        res.destroy();
        return;
      }
      const parsed = parseJson(raw);
      if ("error" in parsed) {
        // As the app answers a body express.json() cannot parse (server/http/create-app.ts).
        send(res, 400, JSON.stringify({ error: { code: "BAD_USER_INPUT", message: parsed.error } }), false);
        return;
      }
      const request = asRequest(parsed.value);
      const tape = request ? new ReadTape() : undefined;
      // A fault in the fast lane must not cost the client its answer: Apollo answers then.
      const answer = request ? await fast.answer(request, tape).catch(() => undefined) : undefined;
      if (answer !== undefined) {
        // Apollo ends its JSON with a newline; so does this, to the byte.
        send(res, 200, `${answer}\n`, true);
        return;
      }
      if (tape?.stop()) handedOn.set(req, tape);
      // body-parser leaves a finished request's `body` as it finds it.
      (req as IncomingMessage & { body?: unknown }).body = parsed.value;
      app(req, res);
    })().catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, JSON.stringify({ error: { code: "INTERNAL", message: "internal error" } }), false);
      else res.destroy(e as Error);
    });
  };
}
