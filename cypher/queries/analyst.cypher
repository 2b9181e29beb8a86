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
// description: The new neighbours of a frontier, most connected first, capped at budget; with rootId, also that entity itself (a neighbourhood's first level and its root in one read); and, when no level follows this one, every relationship among seen and the new neighbours, read where they are fewest, with the sources those relationships cite (a whole neighbourhood of depth 1 in one read).
// No level follows when levelsLeft is 1 or this level finds no new neighbour (no budget left: the level only counts
// them). Otherwise edges and sources are null.
// An entity with at most 50 links (db.relationship_grouping_threshold's default: up to it all of a node's links
// are one chain) is read whole; each of its links to a kept entity is taken there, once (between two such, at its
// start). Between two busier entities a relationship of type T is among the T links leaving the one and among
// those reaching the other: for each type it is looked for on the side whose sum over the busy entities is
// smaller (a dense node keeps its links, and their count, by type and direction), and not at all when either
// sum is 0. So the cost follows the smaller side of each type, not a hub's degree (1M-relationship bench graph,
// a small organisation's 100: 9,340 db hits where edges-among took 16,796, 637 links read where it read 7,453).
// A type outside this list (none in a database the importer wrote) is read from the start, as edges-among does.
// Its strings and lists come in one map parameter, `sized`: Neo4j keeps a plan for each size class of each
// string and list parameter (0, 1, 2–10, 11–100, 101–1,000 …; null apart), and planning this statement takes
// 0.6–1 s (10k graph, warm JVM), so each new mix of frontier, seen and root id lengths after a start cost a
// neighbourhood a second. A map is one type whatever it holds: one plan serves them all, with the same plan and
// db hits (BENCHMARKS.md § 2/3).
// param: sized — map: frontier (ids to expand), seen (ids already in the subgraph), relationshipTypes and labels ([] = all), rootId (an entity to return as `root`, or null for none, and root is null too when no entity has that id); budget; levelsLeft — integer, the levels still to read, this one included (1 = the last); citations — boolean, true to return with the edges the sources they cite
OPTIONAL MATCH (root:Entity {id: $sized.rootId})
// In a subquery, the neighbours are collected without a grouping key: one row even when there are none.
CALL () {
  UNWIND $sized.frontier AS fid
  MATCH (a:Entity {id: fid})-[r]-(b:Entity)
  WHERE (size($sized.relationshipTypes) = 0 OR type(r) IN $sized.relationshipTypes)
    AND (size($sized.labels) = 0 OR any(l IN labels(b) WHERE l IN $sized.labels))
    AND NOT b.id IN $sized.seen
  WITH collect(DISTINCT b) AS found
  // Only the kept ones are ranked and projected (Top, not a sort of all); with no budget left, only counted.
  CALL (found) {
    UNWIND CASE WHEN $budget > 0 THEN found ELSE [] END AS b
    WITH b, COUNT { (b)--() } AS degree
    ORDER BY degree DESC, b.id
    LIMIT $budget
    RETURN collect(b) AS chosen
  }
  RETURN chosen, size(found) AS total
}
WITH root, chosen, total, CASE WHEN $levelsLeft <= 1 OR size(chosen) = 0 THEN $sized.seen + [n IN chosen | n.id] END AS ids
CALL (ids) {
  // No ids (another level follows): no entity, and nothing below runs; collect still gives its one row.
  MATCH (n:Entity) WHERE n.id IN ids
  WITH collect(DISTINCT n) AS kept
  WITH kept, [n IN kept WHERE COUNT { (n)--() } > 50] AS busy WHERE size(kept) > 0
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
    WHERE leaving > 0 AND reaching > 0 AND (size($sized.relationshipTypes) = 0 OR type IN $sized.relationshipTypes)
    RETURN collect(CASE WHEN leaving <= reaching THEN type END) AS fromStart, collect(CASE WHEN leaving > reaching THEN type END) AS fromEnd
  }
  CALL (busy) {
    CALL db.relationshipTypes() YIELD relationshipType
    WITH relationshipType WHERE NOT relationshipType IN ['MEMBER_OF', 'BOARD_MEMBER_OF', 'HOLDS_POSITION', 'FUNDS', 'SUPPORTS', 'PARTICIPATES_IN', 'PART_OF', 'LOCATED_IN', 'FOCUSES_ON', 'AFFILIATED_WITH', 'SIMILAR_TO']
    RETURN collect(relationshipType) AS otherTypes
  }
  CALL (busy, sparse, fromStart, fromEnd, otherTypes, ids) {
    // Kept entities are told by id (ids) and busy ones by degree, not by `IN kept`, which compares each
    // row with every kept node; CASE keeps Neo4j from counting a degree before the cheaper id test.
    UNWIND sparse AS s
    MATCH (s)-[r]-(m)
    WHERE CASE WHEN NOT (m.id IN ids AND m:Entity) THEN false WHEN startNode(r) = s THEN true ELSE COUNT { (m)--() } > 50 END
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
    WITH r, far WHERE CASE WHEN far.id IN ids AND far:Entity THEN COUNT { (far)--() } > 50 ELSE false END
    RETURN r
  }
  WITH r WHERE size($sized.relationshipTypes) = 0 OR type(r) IN $sized.relationshipTypes
  RETURN collect({id: coalesce(r.id, elementId(r)), type: type(r), source: startNode(r).id, target: endNode(r).id, properties: properties(r)}) AS edges
}
CALL (edges) {
  UNWIND CASE WHEN $citations THEN edges ELSE [] END AS edge
  UNWIND coalesce(edge.properties.sources, []) AS sourceId
  WITH collect(DISTINCT sourceId) AS sourceIds
  MATCH (s:Source)
  WHERE s.id IN sourceIds
  RETURN collect({id: s.id, title: coalesce(s.title, s.name), publisher: s.publisher, date: s.date}) AS sources
}
// A map projection of null is null: no entity, no root.
RETURN root {.*, labels: labels(root)} AS root, [b IN chosen | b {.*, labels: labels(b)}] AS nodes, total,
       CASE WHEN ids IS NULL THEN null ELSE edges END AS edges, CASE WHEN ids IS NULL OR NOT $citations THEN null ELSE sources END AS sources;

// name: edges-among
// description: Every relationship between the given entities.
// param: ids — entity ids; relationshipTypes ([] = all)
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids
  AND (size($relationshipTypes) = 0 OR type(r) IN $relationshipTypes)
RETURN coalesce(r.id, elementId(r)) AS id, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS properties;

// name: shortest-paths
// description: Paths of the least length (any direction, up to 8 hops) between two entities: the first `limit` of at most 200 found, one per sequence of nodes, none when that length is over maxLength; and whether each end exists (one round trip where checking the ends first took three).
// allShortestPaths, a breadth-first search from both ends: on the 1M-relationship benchmark graph it found a
// small organisation's link to a hub in 0.04–1 s where ALL SHORTEST took 6–19 s, with the same paths.
// No predicate on the path's length here: one makes Neo4j plan a fallback that expands every path of up to
// 8 hops when no shortest path passes it, and around hubs that explodes. All shortest paths have one
// length, so they are all dropped after the search when that length is over maxLength (below).
// Not SHORTEST k either: asking for k paths makes Neo4j look for longer ones too.
// Of the (at most 200) paths found, only the answer's are projected and sent: the first `limit` whose node
// sequences differ (parallel edges give one sequence several paths), none when their length is over maxLength.
// A shortest path never visits a node twice (cutting out the loop would leave a shorter one), so none is
// checked for that. For the soak's pairs on the 100k graph the search finds 42 paths (median; 200 for one pair
// in eight), which came back with every node's and edge's properties for an answer of 3: 20 ms of the API's CPU
// a request (BENCHMARKS.md, soak).
// With citations, the sources those paths' edges cite come in the same round trip (as sources-by-id's rows).
// The ids and the types come in one map parameter, `sized`, as for neighbours: Neo4j keeps a plan for each mix of
// their size classes (an id of 2–10 characters and one of 11–100 are two; ≈ 0.15 s to plan each, 10k graph).
// param: sized — map: fromId, toId, relationshipTypes ([] = all); maxLength; limit — paths to return; citations — boolean, true to return the sources the paths' edges cite
OPTIONAL MATCH (a:Entity {id: $sized.fromId})
OPTIONAL MATCH (b:Entity {id: $sized.toId})
CALL (a, b) {
  MATCH p = allShortestPaths((a)-[rels*1..8]-(b))
  WHERE all(r IN rels WHERE size($sized.relationshipTypes) = 0 OR type(r) IN $sized.relationshipTypes)
  WITH p LIMIT 200
  WITH collect({ids: [n IN nodes(p) | n.id], path: p}) AS found
  WITH reduce(kept = [], f IN found |
    CASE
      WHEN size(kept) >= $limit OR length(f.path) > $maxLength OR f.ids IN [k IN kept | k.ids] THEN kept
      ELSE kept + f
    END) AS kept
  UNWIND kept AS f
  WITH f.path AS p
  RETURN collect({
    nodes: [n IN nodes(p) | n {.*, labels: labels(n)}],
    edges: [r IN relationships(p) | {id: coalesce(r.id, elementId(r)), type: type(r), source: startNode(r).id, target: endNode(r).id, properties: properties(r)}]
  }) AS paths
}
CALL (paths) {
  UNWIND CASE WHEN $citations THEN paths ELSE [] END AS path
  UNWIND path.edges AS edge
  UNWIND coalesce(edge.properties.sources, []) AS sourceId
  WITH collect(DISTINCT sourceId) AS sourceIds
  MATCH (s:Source)
  WHERE s.id IN sourceIds
  RETURN collect({id: s.id, title: coalesce(s.title, s.name), publisher: s.publisher, date: s.date}) AS sources
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, paths, sources;

// name: funders-of
// description: A funder and its sub-units (entities PART_OF it, up to three levels down), the funder first; and the PART_OF links among them (partOf, as edges-among's rows). No row when no entity has the id.
// The id comes in a map parameter, `sized`, as for neighbours: Neo4j keeps a plan for each size class of a string
// parameter (an id of 2–10 characters and one of 11–100 are two; ≈ 0.15 s to plan each, 10k graph).
// param: sized — map: id (the funder's id)
MATCH (root:Entity {id: $sized.id})
OPTIONAL MATCH (sub:Entity)-[:PART_OF*1..3]->(root)
WHERE sub:Ministry OR sub:Organisation OR sub:Cluster OR sub:Project
WITH root, collect(DISTINCT sub) AS subs
WITH [root] + subs AS funders
CALL (funders) {
  UNWIND funders AS a
  MATCH (a)-[r:PART_OF]->(b:Entity)
  WHERE b IN funders
  RETURN collect({id: coalesce(r.id, elementId(r)), type: type(r), source: a.id, target: b.id, properties: properties(r)}) AS partOf
}
RETURN [n IN funders | n {.*, labels: labels(n)}] AS funders, partOf;

// name: funding-from
// description: Every flow of money from the given funders, in the order fundingFlows lists them: their FUNDS (level 1); then, from each cluster, programme, project or organisation first reached one level up (and not a funder), its FUNDS, then its members' and participants' shares (level 2, and 3 from what level 2's FUNDS first reach); a fact a flow leaves out (currency of an unknown amount, status, dates) comes from the flow that first reached its source. Kept by status and period; of those, for all in order only the recipient's id, the amount (NaN when unknown) and the currency of a known amount as text (false when it has none, and for an unknown amount: collect drops nulls, and no stored text is false), in full only the first `limit` (page), and the level 1 facts for totals. As lists of plain values, 500 flows to a row: a funder may reach a hundred thousand flows, which the driver decodes far faster so than as a row each.
// A level's sources are read in the order an index seek by their ids yields them (for a longer list, not the list's
// own order), as the level-by-level statements this one replaces read them; the page and the order of equal
// recipients follow it. So the seeks are hinted, and each source's links are followed in a subquery of its own and
// checked only after an aggregation (which predicates are not pushed through): on a small graph the planner would
// otherwise scan the id index (in id order) instead.
// param: ids — the funder and its sub-units, as funders-of lists them; depth — levels to follow (1–3); statuses — statuses to keep ([] = all); from, to — the window's first and last day, e.g. "2019-01-01", "2021-12-31" (null = open); limit — flows in the page
MATCH (f:Entity)-[r:FUNDS]->(x:Entity)
USING INDEX SEEK f:Entity(id)
WHERE f.id IN $ids
WITH collect(f) AS funders, collect(r) AS edges, collect(x) AS recipients
// Level 2's sources: where level 1 first reaches a cluster, programme, project or organisation (by toNode's type: the first entity label).
CALL (recipients) {
  UNWIND CASE WHEN $depth >= 2 THEN range(0, size(recipients) - 1) ELSE [] END AS i
  WITH i, recipients[i] AS x
  WHERE NOT x.id IN $ids
    AND coalesce(head([l IN labels(x) WHERE l IN ['Organisation', 'Person', 'Cluster', 'Ministry', 'Project', 'Topic', 'Place', 'Source']]), 'Organisation')
      IN ['Cluster', 'Project', 'Organisation']
  WITH x, min(i) AS i
  ORDER BY i
  RETURN collect(i) AS firsts
}
WITH funders, edges, recipients,
     [i IN firsts | {level: 2, node: recipients[i], via: [recipients[i]], currency: edges[i].currency, status: edges[i].status,
                     startDate: edges[i].startDate, endDate: edges[i].endDate}] AS sources2
CALL (sources2) {
  CALL (sources2) {
    UNWIND range(0, size(sources2) - 1) AS p
    RETURN sources2[p].node AS n, p, null AS q
    UNION ALL
    MATCH (n:Entity) USING INDEX SEEK n:Entity(id) WHERE n.id IN [s IN sources2 | s.node.id]
    WITH collect(n) AS seek
    UNWIND range(0, size(seek) - 1) AS q
    RETURN seek[q] AS n, null AS p, q
  }
  WITH n, max(p) AS p, max(q) AS q
  ORDER BY q
  RETURN collect(p) AS order
}
WITH funders, edges, recipients, [p IN order | sources2[p]] AS sources2
// Level 3's sources: where level 2's FUNDS first reach one that neither a funder's FUNDS nor an earlier one reached.
CALL (sources2) {
  UNWIND CASE WHEN $depth >= 3 THEN sources2 ELSE [] END AS src
  CALL (src) {
    WITH src.node AS s
    MATCH (s)-[r:FUNDS]->(x)
    WITH collect([r, x]) AS links
    UNWIND links AS link
    WITH link[0] AS r, link[1] AS x WHERE x:Entity
    RETURN r, x
  }
  WITH collect(src) AS srcs, collect(r) AS rs, collect(x) AS xs
  CALL (xs) {
    UNWIND range(0, size(xs) - 1) AS k
    WITH k, xs[k] AS x
    WHERE NOT x.id IN $ids
      AND coalesce(head([l IN labels(x) WHERE l IN ['Organisation', 'Person', 'Cluster', 'Ministry', 'Project', 'Topic', 'Place', 'Source']]), 'Organisation')
        IN ['Cluster', 'Project', 'Organisation']
      AND NOT EXISTS { MATCH (x)<-[:FUNDS]-(g:Entity) WHERE g.id IN $ids }
    WITH x, min(k) AS k
    ORDER BY k
    RETURN collect(k) AS firsts
  }
  RETURN [k IN firsts | {level: 3, node: xs[k], via: srcs[k].via + xs[k],
                         currency: coalesce(rs[k].currency, CASE WHEN rs[k].amount IS NULL THEN srcs[k].currency END),
                         status: coalesce(rs[k].status, srcs[k].status), startDate: coalesce(rs[k].startDate, srcs[k].startDate),
                         endDate: coalesce(rs[k].endDate, srcs[k].endDate)}] AS sources3
}
CALL (sources3) {
  CALL (sources3) {
    UNWIND range(0, size(sources3) - 1) AS p
    RETURN sources3[p].node AS n, p, null AS q
    UNION ALL
    MATCH (n:Entity) USING INDEX SEEK n:Entity(id) WHERE n.id IN [s IN sources3 | s.node.id]
    WITH collect(n) AS seek
    UNWIND range(0, size(seek) - 1) AS q
    RETURN seek[q] AS n, null AS p, q
  }
  WITH n, max(p) AS p, max(q) AS q
  ORDER BY q
  RETURN collect(p) AS order
}
WITH funders, edges, recipients, sources2, [p IN order | sources3[p]] AS sources3
// The flows in order (the order rows stream in: level 1, then each level's FUNDS before its shares).
CALL (funders, edges, recipients, sources2, sources3) {
  UNWIND range(0, size(edges) - 1) AS i
  RETURN {level: 1, node: funders[i], via: []} AS src, edges[i] AS r, recipients[i] AS x
  UNION ALL
  UNWIND [sources2, sources3] AS sources
  CALL (sources) {
    UNWIND sources AS src
    CALL (src) {
      WITH src.node AS s
      MATCH (s)-[r:FUNDS]->(x)
      WITH collect([r, x]) AS links
      UNWIND links AS link
      WITH link[0] AS r, link[1] AS x WHERE x:Entity
      RETURN r, x
    }
    RETURN src, r, x
    UNION ALL
    UNWIND sources AS src
    CALL (src) {
      WITH src.node AS s
      WHERE s:Cluster OR s:Project OR s:Organisation
      MATCH (x)-[r:PARTICIPATES_IN|MEMBER_OF]->(s)
      WITH collect([r, x]) AS links
      UNWIND links AS link
      WITH link[0] AS r, link[1] AS x WHERE x:Entity AND NOT x.id IN $ids
      RETURN r, x
    }
    RETURN src, r, x
  }
  RETURN src, r, x
}
// The period overlaps the window: a partial date ("2021", "2021-03") starts after the window's last day exactly
// when it sorts after that day's prefix of its own length, and ends before its first day likewise.
WITH src, r, x
WHERE CASE WHEN size($statuses) = 0 THEN true ELSE coalesce(r.status, src.status) IN $statuses END
  AND CASE
    WHEN $from IS NULL AND $to IS NULL THEN true
    WHEN coalesce(r.startDate, src.startDate, '') = '' AND coalesce(r.endDate, src.endDate, '') = '' THEN false
    ELSE NOT ($to IS NOT NULL AND coalesce(r.startDate, src.startDate, '') <> ''
              AND coalesce(r.startDate, src.startDate) > left($to, size(coalesce(r.startDate, src.startDate))))
     AND NOT ($from IS NOT NULL AND coalesce(r.endDate, src.endDate, '') <> ''
              AND coalesce(r.endDate, src.endDate) < left($from, size(coalesce(r.endDate, src.endDate))))
  END
WITH src, r, x, r.amount AS amount
WITH collect(x.id) AS recipientIds,
     collect(coalesce(toFloat(amount), 0.0 / 0.0)) AS amounts,
     collect(CASE WHEN amount IS NULL THEN false ELSE coalesce(toString(r.currency), false) END) AS currencies,
     collect(CASE WHEN src.level = 1 THEN [amount, r.currency, r.status] END) AS level1,
     collect(src) AS srcs, collect(r) AS rs, collect(x) AS xs
CALL (srcs, rs, xs) {
  UNWIND range(0, CASE WHEN size(rs) < $limit THEN size(rs) ELSE $limit END - 1) AS i
  WITH srcs[i] AS src, rs[i] AS r, xs[i] AS x
  WITH src, r, x, src.node AS funder
  RETURN collect({
    level: src.level, funder: funder {.id, .name, labels: labels(funder)}, via: [v IN src.via | v {.id, .name, labels: labels(v)}],
    recipient: x {.id, .name, labels: labels(x)}, key: elementId(r), edgeId: coalesce(r.id, elementId(r)), type: type(r),
    source: startNode(r).id, target: endNode(r).id, amount: r.amount, currency: r.currency, status: r.status,
    startDate: r.startDate, endDate: r.endDate,
    inherit: {currency: src.currency, status: src.status, startDate: src.startDate, endDate: src.endDate}
  }) AS page
}
// In rows of 500 flows (and of the page): the driver reads one very long row far slower than many short ones.
UNWIND range(0, size(recipientIds) - 1, 500) AS at
RETURN recipientIds[at..at + 500] AS recipientIds, amounts[at..at + 500] AS amounts, currencies[at..at + 500] AS currencies,
       level1[at..at + 500] AS level1, page[at..at + 500] AS page;

// name: funding-in
// description: FUNDS edges reaching the given recipients.
// param: ids — recipient ids
MATCH (f:Entity)-[r:FUNDS]->(x:Entity)
WHERE x.id IN $ids
RETURN f {.*, labels: labels(f)} AS funder, x.id AS recipient,
       {id: coalesce(r.id, elementId(r)), type: type(r), source: f.id, target: x.id, properties: properties(r)} AS edge;

// name: funding-to
// description: Every flow of money reaching a recipient, as plain values, in the order fundingFlows lists them: the FUNDS reaching it (direct: funder id, element id, amount, currency, status, startDate, endDate); its memberships of and participations in clusters, programmes, projects and organisations (memberships: the via's id, the membership's element id, then the same facts: a flow through a via takes its facts from the membership; the answer's subgraph shows the memberships of the page's vias, fetched in full afterwards by flow-elements); the FUNDS reaching those (toVias: funder id, via id, then the same facts); the root itself and the PART_OF links among the funders (partOf, as edges-among's rows), on the first row (no row when no entity has the id). Each list in the order the funding-in and memberships-of statements read them (the vias' FUNDS by an index seek of their ids, as funding-in seeks them), 25 of each to a row: a hub may belong to ten thousand projects, and the driver decodes lists of plain values far faster than a row each with whole entities, and short rows faster than long ones (a row that spanned Bolt chunks was read through a combined buffer that cost more per value the more parts it had; server/db/whole-messages.ts now joins them first).
// The id comes in a map parameter, `sized`, as for neighbours: Neo4j keeps a plan for each size class of a string
// parameter (an id of 2–10 characters and one of 11–100 are two; ≈ 0.15 s to plan each, 10k graph).
// param: sized — map: id (the recipient's id)
MATCH (root:Entity {id: $sized.id})
CALL (root) {
  MATCH (f:Entity)-[r:FUNDS]->(root)
  RETURN collect([f.id, elementId(r), r.amount, r.currency, r.status, r.startDate, r.endDate]) AS direct
}
CALL (root) {
  MATCH (root)-[r:PARTICIPATES_IN|MEMBER_OF]->(x:Entity)
  WHERE x:Cluster OR x:Project OR x:Organisation
  RETURN collect([x.id, elementId(r), r.amount, r.currency, r.status, r.startDate, r.endDate]) AS memberships,
         collect(DISTINCT x.id) AS viaIds
}
CALL (viaIds) {
  MATCH (f:Entity)-[r:FUNDS]->(x:Entity)
  USING INDEX SEEK x:Entity(id)
  WHERE x.id IN viaIds
  RETURN collect([f.id, x.id, elementId(r), r.amount, r.currency, r.status, r.startDate, r.endDate]) AS toVias
}
// The PART_OF links among all the funders (the subgraph shows how a funder is organised), as edges-among's rows.
CALL (direct, toVias) {
  WITH [d IN direct | d[0]] + [t IN toVias | t[0]] AS funderIds
  UNWIND funderIds AS funderId
  WITH DISTINCT funderId
  MATCH (a:Entity {id: funderId})
  WITH collect(a) AS funders
  UNWIND funders AS a
  MATCH (a)-[r:PART_OF]->(b:Entity)
  WHERE b IN funders
  RETURN collect({id: coalesce(r.id, elementId(r)), type: type(r), source: a.id, target: b.id, properties: properties(r)}) AS partOf
}
WITH root, direct, memberships, toVias, partOf,
     reduce(n = 1, s IN [size(direct), size(memberships), size(toVias)] | CASE WHEN s > n THEN s ELSE n END) AS longest
// At least one row, the first with the root and partOf: no row means no entity has the id.
UNWIND range(0, longest - 1, 25) AS at
RETURN CASE WHEN at = 0 THEN root {.*, labels: labels(root)} END AS root, CASE WHEN at = 0 THEN partOf END AS partOf,
       direct[at..at + 25] AS direct, memberships[at..at + 25] AS memberships, toVias[at..at + 25] AS toVias;

// name: flow-elements
// description: In full, the entities (by id) and relationships (by element id) of the page of funding flows an answer returns: nodes as maps; edges as lists [element id, id, type, source id, target id, properties] (the driver decodes a map's keys one by one, far slower than a list's items). Ten of each to a row, a few KB, each row looked up as it is sent, so that Neo4j reads while the driver decodes (the driver read a row that spanned Bolt chunks through a combined buffer that cost more per value the more parts it had; server/db/whole-messages.ts now joins them first).
// The two lists come in one map parameter, `sized`: Neo4j would keep a plan for each mix of their size classes
// (1, 2–10, 11–100 …; ≈ 0.1 s to plan each, 10k graph), as for neighbours.
// param: sized — map: nodeIds (entity ids, each once), edgeKeys (element ids of relationships, each once)
UNWIND range(0, CASE WHEN size($sized.nodeIds) > size($sized.edgeKeys) THEN size($sized.nodeIds) ELSE size($sized.edgeKeys) END - 1, 10) AS at
CALL (at) {
  MATCH (n:Entity) WHERE n.id IN $sized.nodeIds[at..at + 10]
  RETURN collect(n {.*, labels: labels(n)}) AS nodes
}
CALL (at) {
  MATCH ()-[r]->() WHERE elementId(r) IN $sized.edgeKeys[at..at + 10]
  RETURN collect([elementId(r), coalesce(r.id, elementId(r)), type(r), startNode(r).id, endNode(r).id, properties(r)]) AS edges
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
// description: Node counts per entity label (without the shared Entity label and bookkeeping labels such as MergeRecord), from Neo4j's count store.
// One subquery per label, the label written out: only then does Neo4j read the count store (8 db hits). A label
// given as a value (`label IN labels(n)`, or `$(label)`) reads every node instead: 3.5M db hits, 356 ms on the
// 1M-relationship benchmark graph. The labels are seed/model.ts's NODE_LABELS (a unit test keeps them in step).
CALL () { MATCH (n:Organisation) RETURN count(n) AS organisation }
CALL () { MATCH (n:Person) RETURN count(n) AS person }
CALL () { MATCH (n:Cluster) RETURN count(n) AS cluster }
CALL () { MATCH (n:Ministry) RETURN count(n) AS ministry }
CALL () { MATCH (n:Project) RETURN count(n) AS project }
CALL () { MATCH (n:Topic) RETURN count(n) AS topic }
CALL () { MATCH (n:Place) RETURN count(n) AS place }
CALL () { MATCH (n:Source) RETURN count(n) AS source }
UNWIND [
  {label: 'Organisation', count: organisation}, {label: 'Person', count: person}, {label: 'Cluster', count: cluster},
  {label: 'Ministry', count: ministry}, {label: 'Project', count: project}, {label: 'Topic', count: topic},
  {label: 'Place', count: place}, {label: 'Source', count: source}
] AS row
RETURN row.label AS label, row.count AS count
ORDER BY count DESC, label;

// name: stats-types
// description: Relationship counts per type, from Neo4j's count store for the model's types; a type outside the model (written by hand) is counted by reading its relationships.
// One subquery per type, the type written out, as in stats-labels: 11 db hits where `type(r) = type` over
// db.relationshipTypes() read every relationship once per type (22M db hits, 1.4 s at 1M relationships). The types
// are seed/model.ts's RELATIONSHIP_TYPES (a unit test keeps them in step).
CALL () { MATCH ()-[r:MEMBER_OF]->() RETURN count(r) AS memberOf }
CALL () { MATCH ()-[r:BOARD_MEMBER_OF]->() RETURN count(r) AS boardMemberOf }
CALL () { MATCH ()-[r:HOLDS_POSITION]->() RETURN count(r) AS holdsPosition }
CALL () { MATCH ()-[r:FUNDS]->() RETURN count(r) AS funds }
CALL () { MATCH ()-[r:SUPPORTS]->() RETURN count(r) AS supports }
CALL () { MATCH ()-[r:PARTICIPATES_IN]->() RETURN count(r) AS participatesIn }
CALL () { MATCH ()-[r:PART_OF]->() RETURN count(r) AS partOf }
CALL () { MATCH ()-[r:LOCATED_IN]->() RETURN count(r) AS locatedIn }
CALL () { MATCH ()-[r:FOCUSES_ON]->() RETURN count(r) AS focusesOn }
CALL () { MATCH ()-[r:AFFILIATED_WITH]->() RETURN count(r) AS affiliatedWith }
CALL () { MATCH ()-[r:SIMILAR_TO]->() RETURN count(r) AS similarTo }
CALL () {
  CALL db.relationshipTypes() YIELD relationshipType AS type
  WITH type WHERE NOT type IN ['MEMBER_OF', 'BOARD_MEMBER_OF', 'HOLDS_POSITION', 'FUNDS', 'SUPPORTS', 'PARTICIPATES_IN', 'PART_OF', 'LOCATED_IN', 'FOCUSES_ON', 'AFFILIATED_WITH', 'SIMILAR_TO']
  CALL (type) { MATCH ()-[r]->() WHERE type(r) = type RETURN count(r) AS count }
  RETURN collect({label: type, count: count}) AS others
}
UNWIND [
  {label: 'MEMBER_OF', count: memberOf}, {label: 'BOARD_MEMBER_OF', count: boardMemberOf}, {label: 'HOLDS_POSITION', count: holdsPosition},
  {label: 'FUNDS', count: funds}, {label: 'SUPPORTS', count: supports}, {label: 'PARTICIPATES_IN', count: participatesIn},
  {label: 'PART_OF', count: partOf}, {label: 'LOCATED_IN', count: locatedIn}, {label: 'FOCUSES_ON', count: focusesOn},
  {label: 'AFFILIATED_WITH', count: affiliatedWith}, {label: 'SIMILAR_TO', count: similarTo}
] + others AS row
RETURN row.label AS label, row.count AS count
ORDER BY count DESC, label;

// name: most-connected
// description: The entities with the most relationships.
// param: limit
MATCH (n:Entity)
WITH n, COUNT { (n)--() } AS degree
ORDER BY degree DESC, n.id
LIMIT $limit
RETURN n {.*, labels: labels(n)} AS node, degree;
