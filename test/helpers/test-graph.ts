/** Integration-test helpers: connect to the run's Neo4j, wipe it, load the schema and the seed. */
import { inject } from "vitest";
import { SignJWT } from "jose";
import path from "node:path";
import { Database } from "../../server/db/database.ts";
import { applySchema } from "../../server/db/apply-schema.ts";
import { countGraph } from "../../server/db/count-graph.ts";
import { PROJECT_ROOT, loadConfig, type Config } from "../../server/config.ts";
import { seedDatabase } from "../../seed/seed-database.ts";
import { startHttp, type RunningHttp } from "../../server/start-http.ts";

export { SEED_DIR } from "./paths.ts";
import { SEED_DIR } from "./paths.ts";

export async function connectTestDb(): Promise<Database> {
  const { uri, user, password } = inject("neo4j");
  return Database.connect({ uri, user, password });
}

/** Deletes every node and relationship (the schema stays). */
export async function wipeGraph(db: Database): Promise<void> {
  await db.autoCommit("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS", {}, { what: "wipe", timeoutMs: 120000 });
}

/** A clean database with the schema and the seed graph. */
export async function seededGraph(db: Database): Promise<{ nodes: number; relationships: number }> {
  await wipeGraph(db);
  await applySchema(db);
  await seedDatabase(db, SEED_DIR);
  return countGraph(db);
}

/** A clean database with the schema and the graph one Cypher statement writes (a test's own fixture). */
export async function fixtureGraph(db: Database, cypher: string): Promise<void> {
  await wipeGraph(db);
  await applySchema(db);
  await db.write(cypher);
}

/** A config for an in-process server on a free port against the run's Neo4j. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  const { uri, user, password } = inject("neo4j");
  return loadConfig({ NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password, PORT: "0", ...overrides });
}

/** Starts the HTTP server in-process (health, GraphQL, page) over db. */
export function startTestServer(db: Database, overrides: Record<string, string> = {}): Promise<RunningHttp> {
  return startHttp(db, testConfig(overrides));
}

/** POSTs a GraphQL operation; returns the parsed body and the HTTP status. */
export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ status: number; data?: T; errors?: { message: string; extensions?: { code?: string } }[] }> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as object) };
}

/** A JWT with these roles, signed with secret (HS256, ten minutes), as the server's JWT_SECRET checks it. */
export function signedToken(secret: string, roles: string[]): Promise<string> {
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(secret));
}
