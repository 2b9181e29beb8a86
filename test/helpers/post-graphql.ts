/** A raw POST /graphql for comparing answers to the byte: status, headers as sent, body. */
import { request as httpRequest } from "node:http";

export type RawResponse = { status: number; headers: string[]; type: string | undefined; cache: string | undefined; body: string };

/**
 * POSTs `body` to /graphql; `chunked` sends it without a length, which the fast lane leaves to Apollo.
 * The headers come back as sent (names as written, in order), `Date`'s value blanked.
 */
export function post(url: string, body: string, opts: { chunked?: boolean; headers?: Record<string, string> } = {}) {
  return new Promise<RawResponse>((resolve, reject) => {
    const req = httpRequest(`${url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(opts.chunked ? {} : { "content-length": Buffer.byteLength(body) }),
        ...opts.headers,
      },
    });
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => {
        const headers = res.rawHeaders.map((v, i) => (i % 2 === 1 && res.rawHeaders[i - 1]!.toLowerCase() === "date" ? "(date)" : v));
        resolve({
          status: res.statusCode ?? 0,
          headers,
          type: res.headers["content-type"],
          cache: res.headers["cache-control"],
          body: text,
        });
      });
    });
    req.on("error", reject);
    if (opts.chunked) req.write(body.slice(0, 5));
    req.end(opts.chunked ? body.slice(5) : body);
  });
}
