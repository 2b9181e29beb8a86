// Named queries of the importer (seed/import): resolution candidates, batched idempotent writes, the
// run's Source node. Labels and types arrive as $parameters checked against seed/model.ts before use.

// name: import-organisation-candidates
// description: Every organisation with the names and ids entity resolution compares against.
MATCH (n:Organisation)
RETURN n.id AS id, n.name AS name, coalesce(n.aliases, []) AS aliases, n.country AS country,
       coalesce(n.externalIds, []) AS externalIds, coalesce(n.mergedIds, []) AS mergedIds;

// name: import-existing-nodes
// description: Which of the given ids the graph already holds.
// param: ids — entity ids
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id;

// name: import-relationship-counts
// description: How many relationships of each of the model's types the graph holds, one column per type, each from Neo4j's count store (RelationshipCountFromCountStore, no scan): the importer looks ids up only in the types that hold any. (A UNION of one `MATCH … RETURN count(r)` per type reads the same store but took twice as long to plan.)
RETURN COUNT { ()-[:MEMBER_OF]->() } AS MEMBER_OF,
       COUNT { ()-[:BOARD_MEMBER_OF]->() } AS BOARD_MEMBER_OF,
       COUNT { ()-[:HOLDS_POSITION]->() } AS HOLDS_POSITION,
       COUNT { ()-[:FUNDS]->() } AS FUNDS,
       COUNT { ()-[:SUPPORTS]->() } AS SUPPORTS,
       COUNT { ()-[:PARTICIPATES_IN]->() } AS PARTICIPATES_IN,
       COUNT { ()-[:PART_OF]->() } AS PART_OF,
       COUNT { ()-[:LOCATED_IN]->() } AS LOCATED_IN,
       COUNT { ()-[:FOCUSES_ON]->() } AS FOCUSES_ON,
       COUNT { ()-[:AFFILIATED_WITH]->() } AS AFFILIATED_WITH,
       COUNT { ()-[:SIMILAR_TO]->() } AS SIMILAR_TO;

// name: import-relationship-ids
// description: The ids of every relationship of the given types, read from their id indexes (no relationship record is touched): for a type holding fewer relationships than the import has rows, reading them all is cheaper than seeking every row's id in it. The UNWIND in front of each branch yields nothing for a type not asked for, so that branch reads nothing.
// param: types — relationship types of the model to read
UNWIND CASE WHEN 'MEMBER_OF' IN $types THEN ['MEMBER_OF'] ELSE [] END AS type
MATCH ()-[r:MEMBER_OF]->() USING INDEX r:MEMBER_OF(id) WHERE r.id IS NOT NULL
RETURN type, r.id AS id
UNION ALL
UNWIND CASE WHEN 'BOARD_MEMBER_OF' IN $types THEN ['BOARD_MEMBER_OF'] ELSE [] END AS type
MATCH ()-[r:BOARD_MEMBER_OF]->() USING INDEX r:BOARD_MEMBER_OF(id) WHERE r.id IS NOT NULL
RETURN type, r.id AS id
UNION ALL
UNWIND CASE WHEN 'HOLDS_POSITION' IN $types THEN ['HOLDS_POSITION'] ELSE [] END AS type
MATCH ()-[r:HOLDS_POSITION]->() USING INDEX r:HOLDS_POSITION(id) WHERE r.id IS NOT NULL
RETURN type, r.id AS id
UNION ALL
UNWIND CASE WHEN 'FUNDS' IN $types THEN ['FUNDS'] ELSE [] END AS type
MATCH ()-[r:FUNDS]->() USING INDEX r:FUNDS(id) WHERE r.id IS NOT NULL
RETURN type, r.id AS id
UNION ALL
UNWIND CASE WHEN 'SUPPORTS' IN $types THEN ['SUPPORTS'] ELSE [] END AS type
MATCH ()-[r:SUPPORTS]->() USING INDEX r:SUPPORTS(id) WHERE r.id IS NOT NULL
RETURN type, r.id AS id
UNION ALL
UNWIND CASE WHEN 'PARTICIPATES_IN' IN $types THEN ['PARTICIPATES_IN'] ELSE [] END AS type
MATCH ()-[r:PARTICIPATES_IN]->() USING INDEX r:PARTICIPATES_IN(id) WHERE r.id IS NOT NULL
RETURN type, r.id AS id
UNION ALL
UNWIND CASE WHEN 'PART_OF' IN $types THEN ['PART_OF'] ELSE [] END AS type
MATCH ()-[r:PART_OF]->() USING INDEX r:PART_OF(id) WHERE r.id IS NOT NULL
RETURN type, r.id AS id
UNION ALL
UNWIND CASE WHEN 'LOCATED_IN' IN $types THEN ['LOCATED_IN'] ELSE [] END AS type
MATCH ()-[r:LOCATED_IN]->() USING INDEX r:LOCATED_IN(id) WHERE r.id IS NOT NULL
RETURN type, r.id AS id
UNION ALL
UNWIND CASE WHEN 'FOCUSES_ON' IN $types THEN ['FOCUSES_ON'] ELSE [] END AS type
MATCH ()-[r:FOCUSES_ON]->() USING INDEX r:FOCUSES_ON(id) WHERE r.id IS NOT NULL
RETURN type, r.id AS id
UNION ALL
UNWIND CASE WHEN 'AFFILIATED_WITH' IN $types THEN ['AFFILIATED_WITH'] ELSE [] END AS type
MATCH ()-[r:AFFILIATED_WITH]->() USING INDEX r:AFFILIATED_WITH(id) WHERE r.id IS NOT NULL
RETURN type, r.id AS id
UNION ALL
UNWIND CASE WHEN 'SIMILAR_TO' IN $types THEN ['SIMILAR_TO'] ELSE [] END AS type
MATCH ()-[r:SIMILAR_TO]->() USING INDEX r:SIMILAR_TO(id) WHERE r.id IS NOT NULL
RETURN type, r.id AS id;

// name: import-edges-by-id
// description: Every relationship of the model's types (seed/model.ts) holding one of the given ids, with its type and ends: a relationship id names one relationship graph-wide, so an import looks each row's id up in every type, not only its own. Relationship indexes are per type (schema.cypher: rel_*_id), so one branch per type, each one seek of that type's id index per id; a dynamic type (`$(…)`) cannot use an index in Neo4j 5.26. The ids come per type, so that a type the graph holds none of costs nothing. The hint keeps the seek in a plan made on an empty graph, where a scan of the (empty) type looks as cheap and would stay cached.
// param: ids — map: relationship type → the ids to look up in it (every type a key, [] for none)
MATCH (a)-[r:MEMBER_OF]->(b) USING INDEX r:MEMBER_OF(id) WHERE r.id IN $ids.MEMBER_OF
RETURN r.id AS id, 'MEMBER_OF' AS type, a.id AS from, b.id AS to
UNION ALL
MATCH (a)-[r:BOARD_MEMBER_OF]->(b) USING INDEX r:BOARD_MEMBER_OF(id) WHERE r.id IN $ids.BOARD_MEMBER_OF
RETURN r.id AS id, 'BOARD_MEMBER_OF' AS type, a.id AS from, b.id AS to
UNION ALL
MATCH (a)-[r:HOLDS_POSITION]->(b) USING INDEX r:HOLDS_POSITION(id) WHERE r.id IN $ids.HOLDS_POSITION
RETURN r.id AS id, 'HOLDS_POSITION' AS type, a.id AS from, b.id AS to
UNION ALL
MATCH (a)-[r:FUNDS]->(b) USING INDEX r:FUNDS(id) WHERE r.id IN $ids.FUNDS
RETURN r.id AS id, 'FUNDS' AS type, a.id AS from, b.id AS to
UNION ALL
MATCH (a)-[r:SUPPORTS]->(b) USING INDEX r:SUPPORTS(id) WHERE r.id IN $ids.SUPPORTS
RETURN r.id AS id, 'SUPPORTS' AS type, a.id AS from, b.id AS to
UNION ALL
MATCH (a)-[r:PARTICIPATES_IN]->(b) USING INDEX r:PARTICIPATES_IN(id) WHERE r.id IN $ids.PARTICIPATES_IN
RETURN r.id AS id, 'PARTICIPATES_IN' AS type, a.id AS from, b.id AS to
UNION ALL
MATCH (a)-[r:PART_OF]->(b) USING INDEX r:PART_OF(id) WHERE r.id IN $ids.PART_OF
RETURN r.id AS id, 'PART_OF' AS type, a.id AS from, b.id AS to
UNION ALL
MATCH (a)-[r:LOCATED_IN]->(b) USING INDEX r:LOCATED_IN(id) WHERE r.id IN $ids.LOCATED_IN
RETURN r.id AS id, 'LOCATED_IN' AS type, a.id AS from, b.id AS to
UNION ALL
MATCH (a)-[r:FOCUSES_ON]->(b) USING INDEX r:FOCUSES_ON(id) WHERE r.id IN $ids.FOCUSES_ON
RETURN r.id AS id, 'FOCUSES_ON' AS type, a.id AS from, b.id AS to
UNION ALL
MATCH (a)-[r:AFFILIATED_WITH]->(b) USING INDEX r:AFFILIATED_WITH(id) WHERE r.id IN $ids.AFFILIATED_WITH
RETURN r.id AS id, 'AFFILIATED_WITH' AS type, a.id AS from, b.id AS to
UNION ALL
MATCH (a)-[r:SIMILAR_TO]->(b) USING INDEX r:SIMILAR_TO(id) WHERE r.id IN $ids.SIMILAR_TO
RETURN r.id AS id, 'SIMILAR_TO' AS type, a.id AS from, b.id AS to;

// name: import-upsert-source
// description: The import run's Source node: created once, its status and counts updated by every run.
// param: id — the run's source id; props — map: name, file, format, checksum, recordCount …; status — running | complete
MERGE (s:Entity {id: $id})
ON CREATE SET s.importedAt = toString(datetime())
SET s:Source, s += $props, s.status = $status, s.lastRunAt = toString(datetime())
RETURN s.id AS id;

// name: import-upsert-nodes
// description: Creates or confirms nodes (MERGE on id) — used for the ids the graph held when the import was planned and for rows merged into a node of the same import: properties the node lacks are filled, none overwritten; aliases, search keys, external ids and sources are unions. Their SIMILAR_TO links follow in the same transaction (import-flag-similar): as a subquery here they made the statement cost ≈ 0.5 s more to plan.
// param: rows — [{id, label, props, aliases, searchKeys, externalIds, sources, fill: {country, city}}]
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
ON CREATE SET n += row.props
FOREACH (k IN [k IN keys(row.props) WHERE n[k] IS NULL] | SET n[k] = row.props[k])
SET n:$(row.label)
SET n.aliases = coalesce(n.aliases, []) + [a IN row.aliases WHERE NOT a IN coalesce(n.aliases, [])]
SET n.searchKeys = coalesce(n.searchKeys, []) + [k IN row.searchKeys WHERE NOT k IN coalesce(n.searchKeys, [])]
SET n.externalIds = coalesce(n.externalIds, []) + [k IN row.externalIds WHERE NOT k IN coalesce(n.externalIds, [])]
SET n.sources = coalesce(n.sources, []) + [s IN row.sources WHERE NOT s IN coalesce(n.sources, [])]
SET n.country = coalesce(n.country, row.fill.country), n.city = coalesce(n.city, row.fill.city)
RETURN count(n) AS written;

// name: import-create-nodes
// description: Creates the nodes the graph lacked when the import was planned (the first row of each id), every property — the record's, name, normalisedName, aliases, searchKeys, externalIds, sources, country, city — in one map: what import-upsert-nodes leaves on a node it creates, without its look-up, fill and union steps. A node that appeared since the plan fails the id constraint and the batch writes nothing.
// param: rows — [{id, label, props}]
UNWIND $rows AS row
CREATE (n:Entity:$(row.label))
SET n = row.props
RETURN count(n) AS written;

// name: import-flag-similar
// description: SIMILAR_TO links for review from the nodes a batch of import-create-nodes or import-upsert-nodes wrote, in the same transaction: created once (by id), open, citing the run. A link's id is made from its pair, "e:similar-<from>~<to>" with each node id's "%" written "%25" and "~" written "%7E" (seed/import/to-import-rows.ts, similarId), so two pairs never get one id, and only for a node the import creates (`from`). Another relationship can hold it all the same — one an editor gave that id before mutations refused such ids (server/graphql/guard-relationship-ids.ts), a link the review moved to a merge's kept node — so the writer looks the batch's link ids up first (import-edges-by-id) and refuses the batch when a relationship other than the same link holds one (seed/import/write-import.ts). That look-up needs no importers' lock, so node batches still run at the same time: no writer can give such an id to another relationship meanwhile — the seed's, CSV and JSON ids have no "~", CORDIS relationship ids start "e:cordis-", editors' mutations refuse ids starting "e:similar-", the review moves only relationships that exist, and another import's link with this id links the same pair (the id names its pair), whose `from` node both would create, which the id constraint lets only one do.
// param: rows — [{from, id, to, score, reason, evidence}]; sourceId — the run's source
UNWIND $rows AS s
MATCH (n:Entity {id: s.from})
MATCH (c:Entity {id: s.to})
MERGE (n)-[r:SIMILAR_TO {id: s.id}]->(c)
ON CREATE SET r.score = s.score, r.reason = s.reason, r.status = 'open', r.createdAt = toString(datetime()),
              r.sources = [$sourceId], r.evidence = [s.evidence]
RETURN count(r) AS flagged;

// name: import-relationship-write-turn
// description: The first statement of every transaction that writes an import's relationships (seed/import/write-edges.ts). It takes the importers' relationship lock: MERGE on the id constraint (schema.cypher: entity_id) takes an exclusive lock on the index entry of a reserved id, held until the transaction ends, and another transaction's MERGE of it waits for that; the node is deleted at once, so nothing is ever committed (no node to count, read or clean up; nothing left by a killed run). So the relationship batches of concurrent imports run one at a time, each seeing all the others committed. Then, after the aggregation (so under the lock), it reads which import wrote relationships last (the Source node with the highest relationshipWrites) and that count, before marking this import's Source as the next writer (count + 1, committed with the batch). An import that finds the writer and count it left after its previous batch — or, for its first, the ones it read (with sourceId null) before planning — knows no other import has written a relationship since, so its plan's id check still holds; finding any other means one has, and from then on it looks each batch's ids up again (import-edges-by-id) in the same transaction, before writing. Node writes need no lock: the id constraint itself refuses a second node.
// param: sourceId — this import's Source node, or null to only read
MERGE (lock:Entity {id: 'lock:import-relationship-writes'})
DELETE lock
WITH count(*) AS locked
OPTIONAL MATCH (s:Source) WHERE s.relationshipWrites IS NOT NULL
WITH s ORDER BY s.relationshipWrites DESC LIMIT 1
WITH s.id AS writer, coalesce(s.relationshipWrites, 0) AS writes
OPTIONAL MATCH (me:Source {id: $sourceId})
SET me.relationshipWrites = writes + 1
RETURN writer, writes, me IS NOT NULL AS marked;

// name: import-mark-relationship-writer
// description: For a writer of relationships that is not an import — the seed loader (seed/load-seed.ts), an editor's GraphQL mutation (server/graphql/guard-relationship-ids.ts), the review's accept and undo (seed/review/review-similar.ts) — in the transaction that writes them, after import-relationship-write-turn (so under the importers' lock): marks $writer, a Source node (created with $props if the graph lacks it), as the last writer, one past the highest relationshipWrites, as an import's batch marks its own Source. An import running at the same time then finds another writer in its next turn and looks that batch's ids up again before writing.
// param: writer — a Source id; props — map: the Source's properties if it is created (name, aliases …)
MERGE (me:Entity {id: $writer})
ON CREATE SET me:Source, me += $props
WITH me
OPTIONAL MATCH (s:Source) WHERE s.relationshipWrites IS NOT NULL
WITH me, max(s.relationshipWrites) AS writes
SET me.relationshipWrites = coalesce(writes, 0) + 1
RETURN me.relationshipWrites AS writes;

// name: import-create-edges
// description: Creates relationships whose ids no relationship holds (ids unique per run; looked up in every type when planned, and again in the same transaction, under the lock of import-relationship-write-turn, when another import has written since: import-edges-by-id), every property — id, facts, sources, evidence — in one map.
// param: rows — [{type, from, to, props}]
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS written;

// name: import-upsert-edges
// description: Creates or confirms relationships (by id and type between their endpoints; rows are unique by id, and the plan refused any whose id another relationship holds): properties the relationship lacks are filled (a later source may know the amount), none overwritten; each citing source is added once with its evidence. Used for the relationships the graph holds (checked again by id, under the lock of import-relationship-write-turn, when another import has written since the plan); new ones go through import-create-edges, because a plan made on an empty graph looks the existing relationship up with a scan over all relationships (DirectedAllRelationshipsScan) instead of expanding between the bound endpoints, which made a cold import quadratic.
// param: rows — [{id, type, from, to, props, cites: [{source, evidence}]}]
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
OPTIONAL MATCH (a)-[old]->(b) WHERE old.id = row.id AND type(old) = row.type
CALL (a, b, row, old) {
  WITH a, b, row, old WHERE old IS NULL
  CREATE (a)-[created:$(row.type)]->(b)
  SET created += row.props, created.id = row.id
  RETURN created AS r
  UNION
  WITH old WHERE old IS NOT NULL
  RETURN old AS r
}
WITH r, row
FOREACH (k IN [k IN keys(row.props) WHERE r[k] IS NULL] | SET r[k] = row.props[k])
WITH r, row, [c IN row.cites WHERE NOT c.source IN coalesce(r.sources, [])] AS fresh
SET r.sources = coalesce(r.sources, []) + [c IN fresh | c.source],
    r.evidence = coalesce(r.evidence, []) + [c IN fresh | c.evidence]
RETURN count(r) AS written;
