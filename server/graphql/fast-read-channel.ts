/**
 * The diagnostics channel on which the fast reads (fast-read.ts, counted-reads.ts, the lane in
 * fast-operation.ts) announce each statement they run, for whoever subscribes: benchmarks profile
 * them, as they profile the Cypher @neo4j/graphql logs. Free while nobody does.
 */
import diagnostics from "node:diagnostics_channel";
import type { Params } from "../db/database.ts";

/** Each statement run, as `{ cypher, params }` (a fast read's whole plan: server/graphql/fast-read.ts's ReadPlan). */
export const FAST_READ_CHANNEL = "innograph:graphql:fast-read";
const channel = diagnostics.channel(FAST_READ_CHANNEL);

/** Tells subscribers of FAST_READ_CHANNEL (benchmarks) which statement runs. */
export function publishRead(statement: { cypher: string; params: Params }): void {
  if (channel.hasSubscribers) channel.publish(statement);
}
