/**
 * loadConfig(env): the one place that reads the environment. Applies defaults, validates, and
 * returns a frozen object; every error names the option and its environment variable.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError } from "./errors.ts";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface Config {
  /** Bolt URI of an external Neo4j; undefined means: start the local one. */
  readonly neo4jUri: string | undefined;
  readonly neo4jUser: string;
  readonly neo4jPassword: string;
  readonly neo4jDatabase: string | undefined;
  readonly port: number;
  readonly host: string;
  readonly jwtSecret: string | undefined;
  readonly production: boolean;
  /** NODE_ENV=development: error messages and stack traces reach clients. */
  readonly development: boolean;
  readonly local: {
    readonly dataDir: string;
    readonly boltPort: number;
    readonly heap: string;
    readonly pageCache: string;
  };
  /** Per-transaction timeout for API queries, in milliseconds. */
  readonly queryTimeoutMs: number;
  /** GraphQL reads in Neo4j at once (server/http/mount-graphql.ts); more wait their turn. */
  readonly readSlots: number;
  /** Make the page's requests once after start and after an outage, so Neo4j's plans are made (server/warm-up.ts). */
  readonly warmUp: boolean;
  readonly seedDir: string;
}

function int(env: NodeJS.ProcessEnv, name: string, option: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`config: invalid \`${option}\` (${name}=${JSON.stringify(raw)}); expecting a whole number from ${min} to ${max}`);
  }
  return value;
}

function memory(env: NodeJS.ProcessEnv, name: string, option: string, fallback: string): string {
  const raw = env[name] || fallback;
  if (!/^\d+[kmg]$/i.test(raw)) {
    throw new ConfigError(`config: invalid \`${option}\` (${name}=${JSON.stringify(raw)}); expecting a size such as 512m or 2g`);
  }
  return raw.toLowerCase();
}

function onOff(env: NodeJS.ProcessEnv, name: string, option: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (raw === "on") return true;
  if (raw === "off") return false;
  throw new ConfigError(`config: invalid \`${option}\` (${name}=${JSON.stringify(raw)}); expecting on or off`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const neo4jUri = env.NEO4J_URI?.trim() || undefined;
  if (neo4jUri && !/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s]+$/.test(neo4jUri)) {
    throw new ConfigError(
      `config: invalid \`neo4jUri\` (NEO4J_URI=${JSON.stringify(neo4jUri)}); expecting bolt://host:port, neo4j://host, or neo4j+s://host`,
    );
  }
  const neo4jPassword = env.NEO4J_PASSWORD ?? "innograph-local";
  if (!neo4jUri && neo4jPassword.length < 8) {
    throw new ConfigError("config: invalid `neo4jPassword` (NEO4J_PASSWORD); the local Neo4j needs at least 8 characters");
  }
  const jwtSecret = env.JWT_SECRET || undefined;
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError("config: invalid `jwtSecret` (JWT_SECRET); expecting at least 32 characters (HS256)");
  }
  const config: Config = {
    neo4jUri,
    neo4jUser: env.NEO4J_USER || "neo4j",
    neo4jPassword,
    neo4jDatabase: env.NEO4J_DATABASE || undefined,
    port: int(env, "PORT", "port", 4000, 0, 65535),
    host: env.HOST || "127.0.0.1",
    jwtSecret,
    production: env.NODE_ENV === "production",
    development: env.NODE_ENV === "development",
    local: Object.freeze({
      dataDir: path.resolve(PROJECT_ROOT, env.NEO4J_DATA_DIR || ".data/neo4j"),
      boltPort: int(env, "NEO4J_BOLT_PORT", "local.boltPort", 7687, 1, 65535),
      heap: memory(env, "NEO4J_HEAP", "local.heap", "1g"),
      pageCache: memory(env, "NEO4J_PAGECACHE", "local.pageCache", "512m"),
    }),
    queryTimeoutMs: int(env, "QUERY_TIMEOUT_MS", "queryTimeoutMs", 15000, 100, 600000),
    readSlots: int(env, "READ_SLOTS", "readSlots", 8, 1, 1000),
    warmUp: onOff(env, "WARM_UP", "warmUp", true),
    seedDir: path.resolve(PROJECT_ROOT, env.SEED_DIR || "seed"),
  };
  return Object.freeze(config);
}
