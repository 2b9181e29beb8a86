/**
 * importNodeLink(db, data): loads a node-link JSON graph (what GET /api/export?format=json gives,
 * or networkx's `node_link_data(G, edges="links")`) into Neo4j — batched UNWIND … MERGE on id, in one
 * write transaction, so a failure writes nothing. Labels and relationship types are checked against
 * the model; properties listed in graph.integerProperties come back as INTEGER. Node and relationship
 * properties are replaced by the file's, so an export imported back yields the same graph.
 */
import { NODE_LABELS, RELATIONSHIP_TYPES } from "../../seed/model.ts";
import { int, run, type Database } from "../db/database.ts";
import { ValidationError } from "../errors.ts";

const BATCH = 1000;

interface Row {
  id: string;
  source?: string;
  target?: string;
  props: Record<string, unknown>;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function propertyValue(value: unknown, integer: boolean, where: string): unknown {
  const scalar = (v: unknown): unknown => {
    if (typeof v === "number") return integer && Number.isSafeInteger(v) ? int(v) : v;
    if (typeof v === "string" || typeof v === "boolean") return v;
    throw new ValidationError(
      `${where} is ${v === null ? "null inside a list" : Array.isArray(v) ? "a nested list" : `a ${typeof v}`}; Neo4j properties hold strings, numbers, booleans and flat lists of them`,
    );
  };
  return Array.isArray(value) ? value.map(scalar) : scalar(value);
}

function properties(record: Record<string, unknown>, omit: string[], integers: string[], where: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (omit.includes(k) || v === null || v === undefined) continue;
    out[k] = propertyValue(v, integers.includes(k), `${where} property "${k}"`);
  }
  return out;
}

function group<T>(items: [string, T][]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const [k, v] of items) out.set(k, [...(out.get(k) ?? []), v]);
  return out;
}

export async function importNodeLink(db: Database, data: unknown): Promise<{ nodes: number; relationships: number }> {
  if (!isMap(data) || !Array.isArray(data.nodes) || !Array.isArray(data.links ?? data.edges)) {
    throw new ValidationError(
      'import: expecting node-link JSON: {"nodes": [{"id", "type", …}], "links": [{"source", "target", "key", "type", …}]}',
    );
  }
  const ints = isMap(data.graph) && isMap(data.graph.integerProperties) ? data.graph.integerProperties : {};
  const nodeInts = Array.isArray(ints.nodes) ? (ints.nodes as string[]) : [];
  const linkInts = Array.isArray(ints.links) ? (ints.links as string[]) : [];

  const nodes: [string, Row][] = (data.nodes as unknown[]).map((n, i) => {
    if (!isMap(n) || typeof n.id !== "string" || !n.id) throw new ValidationError(`import: nodes[${i}] has no string \`id\``);
    const type = String(n.type);
    if (!(NODE_LABELS as readonly string[]).includes(type)) {
      throw new ValidationError(`import: node "${n.id}" has type ${JSON.stringify(n.type)}; expecting one of ${NODE_LABELS.join(", ")}`);
    }
    return [type, { id: n.id, props: { ...properties(n, ["type"], nodeInts, `import: node "${n.id}"`), id: n.id } }];
  });
  const links: [string, Row][] = ((data.links ?? data.edges) as unknown[]).map((l, i) => {
    if (!isMap(l) || typeof l.source !== "string" || typeof l.target !== "string")
      throw new ValidationError(`import: links[${i}] needs string \`source\` and \`target\``);
    const id = typeof l.id === "string" ? l.id : typeof l.key === "string" ? l.key : undefined;
    if (!id) throw new ValidationError(`import: links[${i}] (${l.source} → ${l.target}) has no string \`id\` or \`key\``);
    const type = String(l.type);
    if (!(RELATIONSHIP_TYPES as readonly string[]).includes(type)) {
      throw new ValidationError(
        `import: link "${id}" has type ${JSON.stringify(l.type)}; expecting one of ${RELATIONSHIP_TYPES.join(", ")}`,
      );
    }
    return [
      type,
      {
        id,
        source: l.source,
        target: l.target,
        props: { ...properties(l, ["source", "target", "key", "type"], linkInts, `import: link "${id}"`), id },
      },
    ];
  });

  return db.inTransaction(
    "WRITE",
    async (tx) => {
      // Labels and types were checked against the model above before they enter a statement.
      for (const [label, rows] of group(nodes)) {
        for (let i = 0; i < rows.length; i += BATCH) {
          await run(tx, `UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n = row.props SET n:${label}`, {
            rows: rows.slice(i, i + BATCH),
          });
        }
      }
      let written = 0;
      for (const [type, rows] of group(links)) {
        for (let i = 0; i < rows.length; i += BATCH) {
          const [row] = await run(
            tx,
            `UNWIND $rows AS row MATCH (a:Entity {id: row.source}), (b:Entity {id: row.target})
MERGE (a)-[r:${type} {id: row.id}]->(b) SET r = row.props RETURN count(r) AS written`,
            { rows: rows.slice(i, i + BATCH) },
          );
          written += Number(row?.written ?? 0);
        }
      }
      if (written !== links.length) {
        throw new ValidationError(
          `import: ${links.length - written} of ${links.length} links point at entities that are neither in the file nor in the graph; nothing was written`,
        );
      }
      return { nodes: nodes.length, relationships: links.length };
    },
    { what: "import", timeoutMs: 300_000 },
  );
}
