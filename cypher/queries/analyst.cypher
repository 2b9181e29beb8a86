// Named, parameterised queries behind the analyst queries of the GraphQL API.
// Each block starts with `// name: …`; `// param:` lines document its parameters.
// Every block runs unchanged in Neo4j Browser, a notebook, a resolver and a test (EXPLAINed).

// name: entity-by-id
// description: One entity by id, whatever its label.
// param: id — the entity id, e.g. "org:aurubis"
MATCH (n:Entity {id: $id})
RETURN n {.*, labels: labels(n)} AS node;

// name: search
// description: Full-text search over names, aliases and transliterations, ranked.
// param: lucene — a Lucene query built from escaped terms; labels — entity types to keep ([] = all); limit
CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: 500}) YIELD node, score
WHERE size($labels) = 0 OR any(l IN labels(node) WHERE l IN $labels)
RETURN node {.*, labels: labels(node)} AS node, score
ORDER BY score DESC, node.name
LIMIT $limit;

// name: neighbours
// description: The new neighbours of a frontier, most connected first, capped at budget.
// param: frontier — ids to expand; seen — ids already in the subgraph; relationshipTypes, labels ([] = all); budget
UNWIND $frontier AS fid
MATCH (a:Entity {id: fid})-[r]-(b:Entity)
WHERE (size($relationshipTypes) = 0 OR type(r) IN $relationshipTypes)
  AND (size($labels) = 0 OR any(l IN labels(b) WHERE l IN $labels))
  AND NOT b.id IN $seen
WITH collect(DISTINCT b) AS found
// Only the kept ones are ranked and projected (Top, not a sort of all); with no budget left, only counted.
CALL (found) {
  UNWIND CASE WHEN $budget > 0 THEN found ELSE [] END AS b
  WITH b, COUNT { (b)--() } AS degree
  ORDER BY degree DESC, b.id
  LIMIT $budget
  RETURN collect(b {.*, labels: labels(b)}) AS nodes
}
RETURN nodes, size(found) AS total;

// name: edges-among
// description: Every relationship between the given entities.
// param: ids — entity ids; relationshipTypes ([] = all)
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids
  AND (size($relationshipTypes) = 0 OR type(r) IN $relationshipTypes)
RETURN coalesce(r.id, elementId(r)) AS id, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS properties;

// name: neighbourhood-edges
// description: The rows of edges-among (every relationship between the given entities), read where they are fewest: a neighbourhood keeps the most connected neighbours, hubs whose links grow with the graph, and edges-among reads all the links on one side of every kept entity.
// An entity with at most 50 links (db.relationship_grouping_threshold's default: up to it all of a node's links
// are one chain) is read whole; each of its links to a kept entity is taken there, once (between two such, at its
// start). Between two busier entities a relationship of type T is among the T links leaving the one and among
// those reaching the other: for each type it is looked for on the side whose sum over the busy entities is
// smaller (a dense node keeps its links, and their count, by type and direction), and not at all when either
// sum is 0. So the cost follows the smaller side of each type, not a hub's degree (1M-relationship bench graph,
// a small organisation's 100: 9,340 db hits where edges-among took 16,796, 637 links read where it read 7,453).
// A type outside this list (none in a database the importer wrote) is read from the start, as edges-among does.
// param: ids — entity ids; relationshipTypes ([] = all)
MATCH (n:Entity) WHERE n.id IN $ids
WITH collect(DISTINCT n) AS kept
WITH kept, [n IN kept WHERE COUNT { (n)--() } > 50] AS busy
WITH busy, [n IN kept WHERE COUNT { (n)--() } <= 50] AS sparse
CALL (busy) {
  UNWIND busy AS n
  UNWIND [
    ['MEMBER_OF', COUNT { (n)-[:MEMBER_OF]->() }, COUNT { (n)<-[:MEMBER_OF]-() }],
    ['BOARD_MEMBER_OF', COUNT { (n)-[:BOARD_MEMBER_OF]->() }, COUNT { (n)<-[:BOARD_MEMBER_OF]-() }],
    ['HOLDS_POSITION', COUNT { (n)-[:HOLDS_POSITION]->() }, COUNT { (n)<-[:HOLDS_POSITION]-() }],
    ['FUNDS', COUNT { (n)-[:FUNDS]->() }, COUNT { (n)<-[:FUNDS]-() }],
    ['SUPPORTS', COUNT { (n)-[:SUPPORTS]->() }, COUNT { (n)<-[:SUPPORTS]-() }],
    ['PARTICIPATES_IN', COUNT { (n)-[:PARTICIPATES_IN]->() }, COUNT { (n)<-[:PARTICIPATES_IN]-() }],
    ['PART_OF', COUNT { (n)-[:PART_OF]->() }, COUNT { (n)<-[:PART_OF]-() }],
    ['LOCATED_IN', COUNT { (n)-[:LOCATED_IN]->() }, COUNT { (n)<-[:LOCATED_IN]-() }],
    ['FOCUSES_ON', COUNT { (n)-[:FOCUSES_ON]->() }, COUNT { (n)<-[:FOCUSES_ON]-() }],
    ['AFFILIATED_WITH', COUNT { (n)-[:AFFILIATED_WITH]->() }, COUNT { (n)<-[:AFFILIATED_WITH]-() }],
    ['SIMILAR_TO', COUNT { (n)-[:SIMILAR_TO]->() }, COUNT { (n)<-[:SIMILAR_TO]-() }]
  ] AS degree
  WITH degree[0] AS type, sum(degree[1]) AS leaving, sum(degree[2]) AS reaching
  WHERE leaving > 0 AND reaching > 0 AND (size($relationshipTypes) = 0 OR type IN $relationshipTypes)
  RETURN collect(CASE WHEN leaving <= reaching THEN type END) AS fromStart, collect(CASE WHEN leaving > reaching THEN type END) AS fromEnd
}
CALL (busy) {
  CALL db.relationshipTypes() YIELD relationshipType
  WITH relationshipType WHERE NOT relationshipType IN ['MEMBER_OF', 'BOARD_MEMBER_OF', 'HOLDS_POSITION', 'FUNDS', 'SUPPORTS', 'PARTICIPATES_IN', 'PART_OF', 'LOCATED_IN', 'FOCUSES_ON', 'AFFILIATED_WITH', 'SIMILAR_TO']
  RETURN collect(relationshipType) AS otherTypes
}
CALL (busy, sparse, fromStart, fromEnd, otherTypes) {
  // Kept entities are told by id ($ids: a set) and busy ones by degree, not by `IN kept`, which compares each
  // row with every kept node; CASE keeps Neo4j from counting a degree before the cheaper id test.
  UNWIND sparse AS s
  MATCH (s)-[r]-(m)
  WHERE CASE WHEN NOT (m.id IN $ids AND m:Entity) THEN false WHEN startNode(r) = s THEN true ELSE COUNT { (m)--() } > 50 END
  RETURN r
  UNION ALL
  CALL (busy, fromStart, fromEnd, otherTypes) {
    UNWIND CASE WHEN 'MEMBER_OF' IN fromStart THEN busy ELSE [] END AS a MATCH (a)-[r:MEMBER_OF]->(far) RETURN r, far
    UNION ALL
    UNWIND CASE WHEN 'MEMBER_OF' IN fromEnd THEN busy ELSE [] END AS b MATCH (far)-[r:MEMBER_OF]->(b) RETURN r, far
    UNION ALL
    UNWIND CASE WHEN 'BOARD_MEMBER_OF' IN fromStart THEN busy ELSE [] END AS a MATCH (a)-[r:BOARD_MEMBER_OF]->(far) RETURN r, far
    UNION ALL
    UNWIND CASE WHEN 'BOARD_MEMBER_OF' IN fromEnd THEN busy ELSE [] END AS b MATCH (far)-[r:BOARD_MEMBER_OF]->(b) RETURN r, far
    UNION ALL
    UNWIND CASE WHEN 'HOLDS_POSITION' IN fromStart THEN busy ELSE [] END AS a MATCH (a)-[r:HOLDS_POSITION]->(far) RETURN r, far
    UNION ALL
    UNWIND CASE WHEN 'HOLDS_POSITION' IN fromEnd THEN busy ELSE [] END AS b MATCH (far)-[r:HOLDS_POSITION]->(b) RETURN r, far
    UNION ALL
    UNWIND CASE WHEN 'FUNDS' IN fromStart THEN busy ELSE [] END AS a MATCH (a)-[r:FUNDS]->(far) RETURN r, far
    UNION ALL
    UNWIND CASE WHEN 'FUNDS' IN fromEnd THEN busy ELSE [] END AS b MATCH (far)-[r:FUNDS]->(b) RETURN r, far
    UNION ALL
    UNWIND CASE WHEN 'SUPPORTS' IN fromStart THEN busy ELSE [] END AS a MATCH (a)-[r:SUPPORTS]->(far) RETURN r, far
    UNION ALL
    UNWIND CASE WHEN 'SUPPORTS' IN fromEnd THEN busy ELSE [] END AS b MATCH (far)-[r:SUPPORTS]->(b) RETURN r, far
    UNION ALL
    UNWIND CASE WHEN 'PARTICIPATES_IN' IN fromStart THEN busy ELSE [] END AS a MATCH (a)-[r:PARTICIPATES_IN]->(far) RETURN r, far
    UNION ALL
    UNWIND CASE WHEN 'PARTICIPATES_IN' IN fromEnd THEN busy ELSE [] END AS b MATCH (far)-[r:PARTICIPATES_IN]->(b) RETURN r, far
    UNION ALL
    UNWIND CASE WHEN 'PART_OF' IN fromStart THEN busy ELSE [] END AS a MATCH (a)-[r:PART_OF]->(far) RETURN r, far
    UNION ALL
    UNWIND CASE WHEN 'PART_OF' IN fromEnd THEN busy ELSE [] END AS b MATCH (far)-[r:PART_OF]->(b) RETURN r, far
    UNION ALL
    UNWIND CASE WHEN 'LOCATED_IN' IN fromStart THEN busy ELSE [] END AS a MATCH (a)-[r:LOCATED_IN]->(far) RETURN r, far
    UNION ALL
    UNWIND CASE WHEN 'LOCATED_IN' IN fromEnd THEN busy ELSE [] END AS b MATCH (far)-[r:LOCATED_IN]->(b) RETURN r, far
    UNION ALL
    UNWIND CASE WHEN 'FOCUSES_ON' IN fromStart THEN busy ELSE [] END AS a MATCH (a)-[r:FOCUSES_ON]->(far) RETURN r, far
    UNION ALL
    UNWIND CASE WHEN 'FOCUSES_ON' IN fromEnd THEN busy ELSE [] END AS b MATCH (far)-[r:FOCUSES_ON]->(b) RETURN r, far
    UNION ALL
    UNWIND CASE WHEN 'AFFILIATED_WITH' IN fromStart THEN busy ELSE [] END AS a MATCH (a)-[r:AFFILIATED_WITH]->(far) RETURN r, far
    UNION ALL
    UNWIND CASE WHEN 'AFFILIATED_WITH' IN fromEnd THEN busy ELSE [] END AS b MATCH (far)-[r:AFFILIATED_WITH]->(b) RETURN r, far
    UNION ALL
    UNWIND CASE WHEN 'SIMILAR_TO' IN fromStart THEN busy ELSE [] END AS a MATCH (a)-[r:SIMILAR_TO]->(far) RETURN r, far
    UNION ALL
    UNWIND CASE WHEN 'SIMILAR_TO' IN fromEnd THEN busy ELSE [] END AS b MATCH (far)-[r:SIMILAR_TO]->(b) RETURN r, far
    UNION ALL
    UNWIND CASE WHEN size(otherTypes) > 0 THEN busy ELSE [] END AS a MATCH (a)-[r]->(far) WHERE type(r) IN otherTypes RETURN r, far
  }
  WITH r, far WHERE CASE WHEN far.id IN $ids AND far:Entity THEN COUNT { (far)--() } > 50 ELSE false END
  RETURN r
}
WITH r WHERE size($relationshipTypes) = 0 OR type(r) IN $relationshipTypes
RETURN coalesce(r.id, elementId(r)) AS id, type(r) AS type, startNode(r).id AS source, endNode(r).id AS target, properties(r) AS properties;

// name: shortest-paths
// description: Every path of the least length (any direction, up to 8 hops) between two entities, at most 200; and whether each end exists (one round trip where checking the ends first took three).
// allShortestPaths, a breadth-first search from both ends: on the 1M-relationship benchmark graph it found a
// small organisation's link to a hub in 0.04–1 s where ALL SHORTEST took 6–19 s, with the same paths.
// No predicate on the path's length here: one makes Neo4j plan a fallback that expands every path of up to
// 8 hops when no shortest path passes it, and around hubs that explodes. All shortest paths have one
// length, so the caller drops them all when that length is over its maxLength.
// Not SHORTEST k either: asking for k paths makes Neo4j look for longer ones too.
// param: fromId, toId; relationshipTypes ([] = all)
OPTIONAL MATCH (a:Entity {id: $fromId})
OPTIONAL MATCH (b:Entity {id: $toId})
CALL (a, b) {
  MATCH p = allShortestPaths((a)-[rels*1..8]-(b))
  WHERE all(r IN rels WHERE size($relationshipTypes) = 0 OR type(r) IN $relationshipTypes)
  WITH p LIMIT 200
  RETURN collect({
    nodes: [n IN nodes(p) | n {.*, labels: labels(n)}],
    edges: [r IN relationships(p) | {id: coalesce(r.id, elementId(r)), type: type(r), source: startNode(r).id, target: endNode(r).id, properties: properties(r)}]
  }) AS paths
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, paths;

// name: funders-of
// description: A funder and its sub-units (entities PART_OF it, up to three levels down).
// param: id — the funder's id
MATCH (root:Entity {id: $id})
OPTIONAL MATCH (sub:Entity)-[:PART_OF*1..3]->(root)
WHERE sub:Ministry OR sub:Organisation OR sub:Cluster OR sub:Project
WITH root, collect(DISTINCT sub) AS subs
RETURN [n IN [root] + subs | n {.*, labels: labels(n)}] AS funders;

// name: funding-out
// description: FUNDS edges leaving the given funders, light and in flat columns (a funder may reach a hundred thousand): the recipient's id, name and labels and the edge's id, type and facts (amount, currency, status, dates); key is the edge's element id, for flow-elements.
// param: ids — funder ids
MATCH (f:Entity)-[r:FUNDS]->(x:Entity)
WHERE f.id IN $ids
RETURN f.id AS funder, x.id AS id, x.name AS name, labels(x) AS labels, elementId(r) AS key,
       coalesce(r.id, elementId(r)) AS edgeId, type(r) AS type, r.amount AS amount, r.currency AS currency,
       r.status AS status, r.startDate AS startDate, r.endDate AS endDate;

// name: funding-in
// description: FUNDS edges reaching the given recipients.
// param: ids — recipient ids
MATCH (f:Entity)-[r:FUNDS]->(x:Entity)
WHERE x.id IN $ids
RETURN f {.*, labels: labels(f)} AS funder, x.id AS recipient,
       {id: coalesce(r.id, elementId(r)), type: type(r), source: f.id, target: x.id, properties: properties(r)} AS edge;

// name: beneficiaries-of
// description: Members of and participants in the given clusters, programmes and projects, light and flat as in funding-out (via: the cluster or project).
// param: ids — ids of the clusters/projects that received money
MATCH (y:Entity)-[r:PARTICIPATES_IN|MEMBER_OF]->(x:Entity)
WHERE x.id IN $ids AND (x:Cluster OR x:Project OR x:Organisation)
RETURN x.id AS via, y.id AS id, y.name AS name, labels(y) AS labels, elementId(r) AS key,
       coalesce(r.id, elementId(r)) AS edgeId, type(r) AS type, r.amount AS amount, r.currency AS currency,
       r.status AS status, r.startDate AS startDate, r.endDate AS endDate;

// name: flow-elements
// description: In full, the entities (by id) and relationships (by element id, returned as key) of the page of funding flows an answer returns.
// param: nodeIds — list of entity ids; edgeKeys — list of element ids of relationships
CALL () {
  MATCH (n:Entity) WHERE n.id IN $nodeIds
  RETURN collect(n {.*, labels: labels(n)}) AS nodes
}
CALL () {
  MATCH ()-[r]->() WHERE elementId(r) IN $edgeKeys
  RETURN collect({key: elementId(r), id: coalesce(r.id, elementId(r)), type: type(r), source: startNode(r).id, target: endNode(r).id, properties: properties(r)}) AS edges
}
RETURN nodes, edges;

// name: memberships-of
// description: The clusters, programmes and projects an entity belongs to (for flows reaching it indirectly).
// param: id — the recipient's id
MATCH (y:Entity {id: $id})-[r:PARTICIPATES_IN|MEMBER_OF]->(x:Entity)
WHERE x:Cluster OR x:Project OR x:Organisation
RETURN x {.*, labels: labels(x)} AS via,
       {id: coalesce(r.id, elementId(r)), type: type(r), source: y.id, target: x.id, properties: properties(r)} AS edge;

// name: sources-by-id
// description: Title, publisher and date of the given sources (for citations).
// param: ids — source ids
MATCH (s:Source)
WHERE s.id IN $ids
RETURN s.id AS id, coalesce(s.title, s.name) AS title, s.publisher AS publisher, s.date AS date;

// name: stats-labels
// description: Node counts per entity label (without the shared Entity label and bookkeeping labels such as MergeRecord).
CALL db.labels() YIELD label
WHERE label IN ['Organisation', 'Person', 'Cluster', 'Ministry', 'Project', 'Topic', 'Place', 'Source']
CALL (label) { MATCH (n) WHERE label IN labels(n) RETURN count(n) AS count }
RETURN label, count
ORDER BY count DESC, label;

// name: stats-types
// description: Relationship counts per type.
CALL db.relationshipTypes() YIELD relationshipType AS type
CALL (type) { MATCH ()-[r]->() WHERE type(r) = type RETURN count(r) AS count }
RETURN type AS label, count
ORDER BY count DESC, label;

// name: most-connected
// description: The entities with the most relationships.
// param: limit
MATCH (n:Entity)
WITH n, COUNT { (n)--() } AS degree
ORDER BY degree DESC, n.id
LIMIT $limit
RETURN n {.*, labels: labels(n)} AS node, degree;
