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

// name: import-existing-edges
// description: Which of the given relationships (by id, between the given endpoints) the graph already holds. Both endpoints are sought by id first and the relationship found between them in a subquery (Expand(Into)); written as one pattern it is planned as an expansion of all of one endpoint's relationships, filtered on the other — from the European Commission's side (it funds every CORDIS project) that ran past the 120 s limit on a graph holding H2020.
// param: rows — [{id, from, to}]
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CALL (a, b, row) {
  MATCH (a)-[r]->(b)
  WHERE r.id = row.id
  RETURN r
}
RETURN DISTINCT row.id AS id;

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
// description: SIMILAR_TO links for review from the nodes a batch of import-create-nodes or import-upsert-nodes wrote, in the same transaction: created once (by id), open, citing the run.
// param: rows — [{from, id, to, score, reason, evidence}]; sourceId — the run's source
UNWIND $rows AS s
MATCH (n:Entity {id: s.from})
MATCH (c:Entity {id: s.to})
MERGE (n)-[r:SIMILAR_TO {id: s.id}]->(c)
ON CREATE SET r.score = s.score, r.reason = s.reason, r.status = 'open', r.createdAt = toString(datetime()),
              r.sources = [$sourceId], r.evidence = [s.evidence]
RETURN count(r) AS flagged;

// name: import-create-edges
// description: Creates the relationships the graph lacked when the import was planned (ids unique per run), every property — id, facts, sources, evidence — in one map.
// param: rows — [{type, from, to, props}]
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS written;

// name: import-upsert-edges
// description: Creates or confirms relationships (by id between their endpoints; rows are unique by id): properties the relationship lacks are filled (a later source may know the amount), none overwritten; each citing source is added once with its evidence. Used for the relationships the graph held when the import was planned; new ones go through import-create-edges, because a plan made on an empty graph looks the existing relationship up with a scan over all relationships (DirectedAllRelationshipsScan) instead of expanding between the bound endpoints, which made a cold import quadratic.
// param: rows — [{id, type, from, to, props, cites: [{source, evidence}]}]
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
OPTIONAL MATCH (a)-[old]->(b) WHERE old.id = row.id
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
