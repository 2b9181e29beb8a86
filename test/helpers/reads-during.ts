/**
 * readsDuring(db, work): every read `work` asks of Neo4j through db's driver, one entry per session
 * opened (each of the server's reads opens one): its statements, or "(none sent)" when none reached
 * the point of being sent (Neo4j unreachable). Waits until each of those sessions is closed, so that
 * reads still running when the HTTP answer came (a resolver beside a failed one) are counted too.
 */
import { expect, vi } from "vitest";
import type { ManagedTransaction } from "neo4j-driver";
import type { Database } from "../../server/db/database.ts";
import { post, type RawResponse } from "./post-graphql.ts";

export async function readsDuring<T>(db: Database, work: () => Promise<T>): Promise<{ result: T; reads: string[] }> {
  const sessions: { statements: string[]; closed: Promise<void> }[] = [];
  const open = db.driver.session.bind(db.driver);
  const spy = vi.spyOn(db.driver, "session").mockImplementation((config) => {
    const session = open(config);
    const statements: string[] = [];
    const { run, executeRead, close } = session;
    session.run = ((query: string, ...rest: unknown[]) => {
      statements.push(query);
      return (run as (...args: unknown[]) => unknown).call(session, query, ...rest);
    }) as typeof session.run;
    session.executeRead = ((txWork: (tx: ManagedTransaction) => Promise<unknown>, config?: object) =>
      executeRead.call(
        session,
        (tx) => {
          const counted = Object.create(tx) as ManagedTransaction;
          counted.run = ((query: string, params?: unknown) => {
            statements.push(query);
            return tx.run(query, params);
          }) as typeof tx.run;
          return txWork(counted);
        },
        config,
      )) as typeof session.executeRead;
    let closed!: () => void;
    sessions.push({ statements, closed: new Promise((resolve) => (closed = resolve)) });
    session.close = () => close.call(session).finally(closed);
    return session;
  });
  try {
    const result = await work();
    // A resolver still running opens its next session once the last one closed: wait until none comes.
    for (let seen = -1; seen !== sessions.length;) {
      seen = sessions.length;
      await Promise.all(sessions.map((s) => s.closed));
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { result, reads: sessions.map((s) => (s.statements.length ? s.statements.join("\n;\n") : "(none sent)")).sort() };
  } finally {
    spy.mockRestore();
  }
}

/**
 * Sends `body` through the fast lane and then to Apollo alone (chunked, which the lane leaves to it),
 * asserts that both answered the same bytes after the same reads, and returns the lane's answer and reads.
 */
export async function asApolloAlone(db: Database, url: string, body: string): Promise<{ response: RawResponse; reads: string[] }> {
  const viaLane = await readsDuring(db, () => post(url, body));
  const viaApollo = await readsDuring(db, () => post(url, body, { chunked: true }));
  expect(viaLane.result).toEqual(viaApollo.result);
  expect(viaLane.reads).toEqual(viaApollo.reads);
  return { response: viaLane.result, reads: viaLane.reads };
}
