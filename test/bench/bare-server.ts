/**
 * A node:http server for the API benchmarks that answers every request with the bytes it was given,
 * after reading the request: with no work, the floor of a round trip over loopback for the bench's
 * client (no parsing, GraphQL or Neo4j); with `work` (the baseline's own reads) done first, the floor
 * of any HTTP API for that query.
 */
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface BareServer {
  url: string;
  /** The bytes to send, and the work to do first (none: the bare round trip). */
  answer(body: string, work?: () => Promise<unknown>): void;
  close(): Promise<void>;
}

export async function bareServer(): Promise<BareServer> {
  let bytes = Buffer.alloc(0);
  let first: (() => Promise<unknown>) | undefined;
  const send = (res: ServerResponse): void => {
    res.writeHead(200, ["Content-Type", "application/json; charset=utf-8", "Content-Length", String(bytes.length)]);
    res.end(bytes);
  };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (!first) return send(res);
      first().then(
        () => send(res),
        (e: unknown) => res.destroy(e as Error),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answer: (body, work) => {
      bytes = Buffer.from(body, "utf8");
      first = work;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
