// Reading the graph whole or in part (exports, network measures) and storing the measures.
// Property types travel beside the values: integerKeys names the properties stored as INTEGER, so
// exports can declare them and an import can restore them.

// name: graph-nodes
// description: Every entity (optionally of some types) with all its properties, in id order.
// Entities of some types are read by their labels, one branch per type (each reads nothing unless its type is
// asked for): a type given as a value (`l IN $labels`) made Neo4j read every entity and test its labels (the
// 250 clusters of the 1M-relationship benchmark graph: all its 219,219 entities read, 446,439 db hits; now 8,253).
// Only the whole graph, or a type outside the model, reads every entity.
// param: labels — list: entity types to keep ([] = all); limit — integer: the most nodes read
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
ORDER BY n.id
LIMIT $limit
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS type, properties(n) AS properties,
       [k IN keys(n) WHERE valueType(n[k]) STARTS WITH 'INTEGER' OR valueType(n[k]) STARTS WITH 'LIST<INTEGER'] AS integerKeys;

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
// As graph-nodes: between entities of some types the relationships are read from the start entities of those
// types, one branch per type, not from every entity of the graph.
// param: labels — list: entity types both ends must have ([] = all); limit — integer: the most relationships read
CALL () {
  UNWIND CASE WHEN size($labels) = 0 OR any(l IN $labels WHERE NOT l IN ['Organisation', 'Person', 'Cluster', 'Ministry', 'Project', 'Topic', 'Place', 'Source']) THEN [true] ELSE [] END AS everything
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE size($labels) = 0 OR (any(l IN labels(a) WHERE l IN $labels) AND any(l IN labels(b) WHERE l IN $labels))
  RETURN r
  UNION ALL
  UNWIND CASE WHEN size($labels) = 0 OR any(l IN $labels WHERE NOT l IN ['Organisation', 'Person', 'Cluster', 'Ministry', 'Project', 'Topic', 'Place', 'Source']) THEN [] ELSE [true] END AS some
  CALL () {
    UNWIND CASE WHEN 'Organisation' IN $labels THEN [true] ELSE [] END AS wanted
    MATCH (a:Organisation)-[r]->(b:Entity)
    WHERE a:Entity AND any(l IN labels(b) WHERE l IN $labels)
    RETURN r
    UNION
    UNWIND CASE WHEN 'Person' IN $labels THEN [true] ELSE [] END AS wanted
    MATCH (a:Person)-[r]->(b:Entity)
    WHERE a:Entity AND any(l IN labels(b) WHERE l IN $labels)
    RETURN r
    UNION
    UNWIND CASE WHEN 'Cluster' IN $labels THEN [true] ELSE [] END AS wanted
    MATCH (a:Cluster)-[r]->(b:Entity)
    WHERE a:Entity AND any(l IN labels(b) WHERE l IN $labels)
    RETURN r
    UNION
    UNWIND CASE WHEN 'Ministry' IN $labels THEN [true] ELSE [] END AS wanted
    MATCH (a:Ministry)-[r]->(b:Entity)
    WHERE a:Entity AND any(l IN labels(b) WHERE l IN $labels)
    RETURN r
    UNION
    UNWIND CASE WHEN 'Project' IN $labels THEN [true] ELSE [] END AS wanted
    MATCH (a:Project)-[r]->(b:Entity)
    WHERE a:Entity AND any(l IN labels(b) WHERE l IN $labels)
    RETURN r
    UNION
    UNWIND CASE WHEN 'Topic' IN $labels THEN [true] ELSE [] END AS wanted
    MATCH (a:Topic)-[r]->(b:Entity)
    WHERE a:Entity AND any(l IN labels(b) WHERE l IN $labels)
    RETURN r
    UNION
    UNWIND CASE WHEN 'Place' IN $labels THEN [true] ELSE [] END AS wanted
    MATCH (a:Place)-[r]->(b:Entity)
    WHERE a:Entity AND any(l IN labels(b) WHERE l IN $labels)
    RETURN r
    UNION
    UNWIND CASE WHEN 'Source' IN $labels THEN [true] ELSE [] END AS wanted
    MATCH (a:Source)-[r]->(b:Entity)
    WHERE a:Entity AND any(l IN labels(b) WHERE l IN $labels)
    RETURN r
  }
  RETURN r
}
WITH r, coalesce(r.id, elementId(r)) AS id
ORDER BY id
LIMIT $limit
RETURN id, type(r) AS type, startNode(r).id AS source, endNode(r).id AS target, properties(r) AS properties,
       [k IN keys(r) WHERE valueType(r[k]) STARTS WITH 'INTEGER' OR valueType(r[k]) STARTS WITH 'LIST<INTEGER'] AS integerKeys;

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
