// The questions analysts ask, as named queries: run them in Neo4j Browser, from a notebook over Bolt,
// at POST /api/queries/{name} or with `npm run query -- NAME key=value …`.
// A `// param:` doc that starts with a type word (string, integer, float, boolean, list) is checked
// by the HTTP and CLI runners; `[] = all` means an empty list does not filter.

// name: board-interlocks
// description: People who sit on boards of, or hold positions in, several organisations (interlocking directorates), with every seat.
// param: minOrganisations — integer: the fewest distinct organisations a person must be tied to (2 finds interlocks); limit — integer: the most people returned
MATCH (p:Person)-[r:BOARD_MEMBER_OF|HOLDS_POSITION]->(o:Entity)
WITH p, collect(DISTINCT o.id) AS organisationIds,
     collect({organisationId: o.id, organisation: o.name, relationship: type(r), role: r.role, startDate: r.startDate, endDate: r.endDate}) AS seats
WHERE size(organisationIds) >= $minOrganisations
RETURN p.id AS personId, p.name AS person, size(organisationIds) AS organisations, seats
ORDER BY organisations DESC, person
LIMIT $limit;

// name: multi-cluster-organisations
// description: Organisations tied to several clusters: members of or participants in a cluster, directly or through a project or sub-unit that is PART_OF it.
// param: minClusters — integer: the fewest distinct clusters (2 finds overlaps); limit — integer: the most organisations returned
MATCH (o:Organisation)-[r:MEMBER_OF|PARTICIPATES_IN]->(x:Entity)-[:PART_OF*0..2]->(c:Cluster)
WITH o, collect(DISTINCT c.id) AS clusterIds,
     collect(DISTINCT {clusterId: c.id, cluster: c.name, via: CASE WHEN x = c THEN null ELSE x.name END, relationship: type(r), role: r.role}) AS memberships
WHERE size(clusterIds) >= $minClusters
RETURN o.id AS id, o.name AS name, o.kind AS kind, size(clusterIds) AS clusters, memberships
ORDER BY clusters DESC, name
LIMIT $limit;

// name: cluster-brokers
// description: Brokers between clusters: actors tied to several clusters directly or through one other actor, ranked by betweenness when `npm run analyse` has run, else by the number of clusters reached.
// From the clusters out: each actor tied to a cluster is read once, with its clusters, and passes them on to its
// neighbours. Starting from every actor and walking two hops instead read a hub's links once for each of its
// neighbours (the square of its degree): 49M db hits, 4.6 s on the 100k-relationship benchmark graph (0.3M, 0.18 s
// from the clusters); 938M db hits, 218 s on the 1M one (3.6M, 7.5 s for all its 128,530 brokers).
// The far ends' labels are read with labels(), not written as labels: Neo4j could seek those with a label scan of
// every entity, and does so on a small graph.
// param: minClusters — integer: the fewest clusters a broker must reach (2 or more); limit — integer: the most brokers returned
MATCH (c:Cluster)
CALL (c) {
  MATCH (c)-[r]-(x)
  WHERE type(r) <> 'SIMILAR_TO' AND 'Entity' IN labels(x) AND NOT any(l IN labels(x) WHERE l IN ['Cluster', 'Topic', 'Place', 'Source'])
  RETURN x
}
WITH x, collect(DISTINCT c.name) AS near
CALL (x, near) {
  RETURN x AS b, near AS reached
  UNION ALL
  MATCH (x)-[r]-(b)
  WHERE type(r) <> 'SIMILAR_TO' AND 'Entity' IN labels(b) AND NOT any(l IN labels(b) WHERE l IN ['Cluster', 'Topic', 'Place', 'Source'])
  RETURN b, near AS reached
}
UNWIND reached AS cluster
WITH b, collect(DISTINCT cluster) AS clusters
WHERE size(clusters) >= $minClusters
RETURN b.id AS id, b.name AS name, [l IN labels(b) WHERE l <> 'Entity'][0] AS type,
       size(clusters) AS clusterCount, clusters, b.betweenness AS betweenness, b.degree AS degree
ORDER BY coalesce(b.betweenness, -1.0) DESC, clusterCount DESC, name
LIMIT $limit;

// name: funding-by-recipient-year
// description: Funding per recipient, year (the first year of the funding period; null when undated), currency and status. Known amounts are summed; flows without an amount are counted apart in unknownAmounts, never as zero.
// param: statuses — list: funding statuses to keep, e.g. ["committed"] ([] = all); limit — integer: the most rows returned
MATCH (f:Entity)-[r:FUNDS]->(x:Entity)
WHERE size($statuses) = 0 OR r.status IN $statuses
WITH x, f, r, CASE WHEN r.startDate IS NULL THEN null ELSE toInteger(left(r.startDate, 4)) END AS year
WITH x, year, r.currency AS currency, r.status AS status,
     count(r.amount) AS knownAmounts, count(*) - count(r.amount) AS unknownAmounts,
     sum(r.amount) AS knownSum, sum(r.amountEur) AS knownEurSum, count(r.amountEur) AS knownEur,
     collect(DISTINCT f.name) AS funders
RETURN x.id AS recipientId, x.name AS recipient, year, currency, status,
       CASE WHEN knownAmounts = 0 THEN null ELSE knownSum END AS amount,
       CASE WHEN knownEur = 0 THEN null ELSE knownEurSum END AS amountEur,
       knownAmounts, unknownAmounts, funders
ORDER BY recipient, year, currency, status
LIMIT $limit;

// name: members-by-region
// description: Members of and participants in each cluster, counted per place they are located in and at every larger region that place is PART_OF (members without a place count under "unknown").
// Clusters asked for by id are sought in the id index, and each member's places are followed from the member:
// one OPTIONAL MATCH for both made Neo4j join the members with every entity located in any place, so one
// small cluster read every LOCATED_IN of the graph (1M-relationship benchmark graph, cluster:gen-3: 187,041 db hits,
// now 29,525). For all clusters that join is kept: it reads each
// LOCATED_IN once, where following them member by member reads an entity once for each of its clusters.
// param: ids — list: cluster ids to report ([] = all clusters); limit — integer: the most rows returned
CALL () {
  UNWIND CASE WHEN size($ids) = 0 THEN [true] ELSE [] END AS everyCluster
  MATCH (o:Entity)-[:MEMBER_OF|PARTICIPATES_IN]->(c:Cluster)
  OPTIONAL MATCH (o)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..4]->(region:Place)
  RETURN c, o, region
  UNION ALL
  MATCH (c:Cluster)
  WHERE c.id IN $ids
  MATCH (o:Entity)-[:MEMBER_OF|PARTICIPATES_IN]->(c)
  CALL (o) {
    OPTIONAL MATCH (o)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..4]->(region:Place)
    RETURN region
  }
  RETURN c, o, region
}
WITH c, region, collect(DISTINCT o.name) AS members
RETURN c.id AS clusterId, c.name AS cluster, coalesce(region.name, 'unknown') AS region, region.kind AS regionKind,
       size(members) AS memberCount, members
ORDER BY cluster, clusterId, memberCount DESC, region
LIMIT $limit;

// name: entity-neighbours
// description: Every relationship of one entity with its facts: the neighbour, the direction, role, money, dates and sources.
// param: id — string: the entity id, e.g. "org:aurubis"; limit — integer: the most relationships returned
MATCH (n:Entity {id: $id})-[r]-(m:Entity)
RETURN type(r) AS relationship, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
       m.id AS neighbourId, m.name AS neighbour, [l IN labels(m) WHERE l <> 'Entity'][0] AS neighbourType,
       r.role AS role, r.amount AS amount, r.currency AS currency, r.status AS status,
       r.startDate AS startDate, r.endDate AS endDate, r.sources AS sources
ORDER BY relationship, neighbour
LIMIT $limit;

// name: central-entities
// description: Entities ranked by PageRank, with every network measure that `npm run analyse` stores (null before it has run).
// Entities of some types are read by their labels, one branch per type, as graph-nodes reads them: a type given as
// a value (`l IN $labels`) made Neo4j read every entity to rank the few of one type.
// param: labels — list: entity types to keep, e.g. ["Organisation"] ([] = all); limit — integer: the most entities returned
CALL () {
  UNWIND CASE WHEN size($labels) = 0 OR any(l IN $labels WHERE NOT l IN ['Organisation', 'Person', 'Cluster', 'Ministry', 'Project', 'Topic', 'Place', 'Source']) THEN [true] ELSE [] END AS everything
  MATCH (n:Entity)
  WHERE size($labels) = 0 OR any(l IN labels(n) WHERE l IN $labels)
  RETURN n
  UNION ALL
  UNWIND CASE WHEN size($labels) = 0 OR any(l IN $labels WHERE NOT l IN ['Organisation', 'Person', 'Cluster', 'Ministry', 'Project', 'Topic', 'Place', 'Source']) THEN [] ELSE [true] END AS some
  CALL () {
    UNWIND CASE WHEN 'Organisation' IN $labels THEN [true] ELSE [] END AS wanted
    MATCH (n:Organisation) WHERE n:Entity
    RETURN n
    UNION
    UNWIND CASE WHEN 'Person' IN $labels THEN [true] ELSE [] END AS wanted
    MATCH (n:Person) WHERE n:Entity
    RETURN n
    UNION
    UNWIND CASE WHEN 'Cluster' IN $labels THEN [true] ELSE [] END AS wanted
    MATCH (n:Cluster) WHERE n:Entity
    RETURN n
    UNION
    UNWIND CASE WHEN 'Ministry' IN $labels THEN [true] ELSE [] END AS wanted
    MATCH (n:Ministry) WHERE n:Entity
    RETURN n
    UNION
    UNWIND CASE WHEN 'Project' IN $labels THEN [true] ELSE [] END AS wanted
    MATCH (n:Project) WHERE n:Entity
    RETURN n
    UNION
    UNWIND CASE WHEN 'Topic' IN $labels THEN [true] ELSE [] END AS wanted
    MATCH (n:Topic) WHERE n:Entity
    RETURN n
    UNION
    UNWIND CASE WHEN 'Place' IN $labels THEN [true] ELSE [] END AS wanted
    MATCH (n:Place) WHERE n:Entity
    RETURN n
    UNION
    UNWIND CASE WHEN 'Source' IN $labels THEN [true] ELSE [] END AS wanted
    MATCH (n:Source) WHERE n:Entity
    RETURN n
  }
  RETURN n
}
WITH n
ORDER BY coalesce(n.pagerank, -1.0) DESC, coalesce(n.degree, -1) DESC, n.id
LIMIT $limit
RETURN n.id AS id, n.name AS name, [l IN labels(n) WHERE l <> 'Entity'][0] AS type,
       n.degree AS degree, n.weightedDegree AS weightedDegree, n.betweenness AS betweenness,
       n.pagerank AS pagerank, n.community AS community;
