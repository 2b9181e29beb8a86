// Reading the graph whole or in part (exports, network measures) and storing the measures.
// Property types travel beside the values: integerKeys names the properties stored as INTEGER, so
// exports can declare them and an import can restore them.

// name: graph-nodes
// description: Every entity (optionally of some types) with all its properties, in id order.
// param: labels — list: entity types to keep ([] = all); limit — integer: the most nodes read
MATCH (n:Entity)
WHERE size($labels) = 0 OR any(l IN labels(n) WHERE l IN $labels)
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS type, properties(n) AS properties,
       [k IN keys(n) WHERE valueType(n[k]) STARTS WITH 'INTEGER' OR valueType(n[k]) STARTS WITH 'LIST<INTEGER'] AS integerKeys
ORDER BY n.id
LIMIT $limit;

// name: graph-nodes-by-id
// description: The given entities (optionally of some types) with all their properties.
// param: ids — list: entity ids; labels — list: entity types to keep ([] = all)
MATCH (n:Entity)
WHERE n.id IN $ids AND (size($labels) = 0 OR any(l IN labels(n) WHERE l IN $labels))
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS type, properties(n) AS properties,
       [k IN keys(n) WHERE valueType(n[k]) STARTS WITH 'INTEGER' OR valueType(n[k]) STARTS WITH 'LIST<INTEGER'] AS integerKeys
ORDER BY n.id;

// name: graph-edges
// description: Every relationship between entities (optionally between entities of some types) with all its properties.
// param: labels — list: entity types both ends must have ([] = all); limit — integer: the most relationships read
MATCH (a:Entity)-[r]->(b:Entity)
WHERE size($labels) = 0 OR (any(l IN labels(a) WHERE l IN $labels) AND any(l IN labels(b) WHERE l IN $labels))
RETURN coalesce(r.id, elementId(r)) AS id, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS properties,
       [k IN keys(r) WHERE valueType(r[k]) STARTS WITH 'INTEGER' OR valueType(r[k]) STARTS WITH 'LIST<INTEGER'] AS integerKeys
ORDER BY id
LIMIT $limit;

// name: graph-edges-among
// description: Every relationship whose two ends are both among the given entities, with all its properties.
// param: ids — list: entity ids
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids
RETURN coalesce(r.id, elementId(r)) AS id, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS properties,
       [k IN keys(r) WHERE valueType(r[k]) STARTS WITH 'INTEGER' OR valueType(r[k]) STARTS WITH 'LIST<INTEGER'] AS integerKeys
ORDER BY id;

// name: graph-neighbour-ids
// description: The ids of the neighbours of the given entities (optionally of some types), one hop in either direction.
// param: ids — list: entity ids; labels — list: entity types to keep ([] = all); limit — integer: the most ids returned
MATCH (a:Entity)--(b:Entity)
WHERE a.id IN $ids AND (size($labels) = 0 OR any(l IN labels(b) WHERE l IN $labels))
RETURN DISTINCT b.id AS id
LIMIT $limit;

// name: measures-nodes
// description: The id and type of every entity: the nodes of the network the measures are computed on.
MATCH (n:Entity)
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS type;

// name: measures-edges
// description: Every relationship between entities except SIMILAR_TO (a review hint, not a tie), with its known EUR amount for FUNDS.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE type(r) <> 'SIMILAR_TO'
RETURN a.id AS source, b.id AS target, type(r) AS type,
       CASE WHEN type(r) = 'FUNDS' THEN coalesce(r.amountEur, CASE WHEN r.currency = 'EUR' THEN r.amount END) END AS amountEur;

// name: measures-write
// description: Stores the network measures on their nodes; a null measure removes the property.
// param: rows — list: {id, degree, weightedDegree, betweenness, pagerank, community} per node
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n.degree = row.degree, n.weightedDegree = row.weightedDegree, n.betweenness = row.betweenness,
    n.pagerank = row.pagerank, n.community = row.community
RETURN count(n) AS written;
