/**
 * POST /graphql from a benchmark: node:http over one kept-alive connection, as a notebook's HTTP
 * session or a browser holds one, or `fetch` (undici), whose own cost per request on loopback is
 * ≈ 0.2 ms more (`npm run bench:api-breakdown` prints both). Throws on GraphQL errors.
 */
import http from "node:http";

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export type Client = "http" | "fetch";

function viaHttp(url: string, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/graphql`, {
      method: "POST",
      agent,
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(text) },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(text);
  });
}

export async function postGraphql(url: string, query: string, client: Client = "http"): Promise<unknown> {
  const text = JSON.stringify({ query });
  const raw =
    client === "http"
      ? await viaHttp(url, text)
      : await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: text }).then((r) =>
          r.text(),
        );
  const body = JSON.parse(raw) as { data?: unknown; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`bench: ${query.slice(0, 60)}…: ${body.errors[0]!.message}`);
  return body.data;
}

/** Closes the kept-alive connections so the process can exit. */
export function closeClients(): void {
  agent.destroy();
}
