// Named queries of the review of likely duplicates (seed/review): list, reject, accept (merge) and undo.
// A merge is recorded on a MergeRecord node (the merged node's labels, properties and relationships as
// JSON, the kept node's properties before the merge) so that `undo` can restore the merged node and
// take off the kept node what the merge added; edits made since the merge are kept (review-undo-take-copies).
// Properties are typed JSON (seed/review/typed-json.ts, `encoding: "typed-json"` on the record), so an
// INTEGER, a DATE or a POINT comes back as one; a record without `encoding` is plain JSON (written before).

// name: review-open
// description: Open SIMILAR_TO candidates, most similar first.
// param: limit
MATCH (a:Entity)-[r:SIMILAR_TO]->(b:Entity)
WHERE r.status = 'open'
RETURN r.id AS id, r.score AS score, r.reason AS reason, r.evidence AS evidence,
       a {.id, .name, .country, .city, .kind} AS candidate, b {.id, .name, .country, .city, .kind} AS existing
ORDER BY r.score DESC, r.id
LIMIT $limit;

// name: review-similar
// description: One SIMILAR_TO link with both ends, whatever its status.
// param: id — the SIMILAR_TO id
MATCH (a:Entity)-[r:SIMILAR_TO {id: $id}]->(b:Entity)
RETURN properties(r) AS link, a.id AS from, b.id AS to;

// name: review-set-status
// description: Sets a SIMILAR_TO link's status (rejected …) and when it was reviewed.
// param: id — the SIMILAR_TO id; status
MATCH ()-[r:SIMILAR_TO {id: $id}]->()
SET r.status = $status, r.reviewedAt = toString(datetime())
RETURN r.id AS id;

// name: review-merge-snapshot
// description: What a merge changes: the node to merge (labels, properties, and every relationship but the link itself, each once — a self-loop too — with its other end) and the kept node's properties.
// param: from — the node merged away; to — the node kept; id — the SIMILAR_TO link's id
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
OPTIONAL MATCH (a)-[r]-()
WHERE NOT (type(r) = 'SIMILAR_TO' AND startNode(r) = a AND endNode(r) = b AND coalesce(r.id = $id, false))
WITH a, b, collect(DISTINCT r) AS rs
RETURN labels(a) AS labels, properties(a) AS props, properties(b) AS keptProps,
       [r IN rs | {type: type(r), outgoing: startNode(r) = a, other: CASE WHEN startNode(r) = a THEN endNode(r).id ELSE startNode(r).id END, props: properties(r)}] AS rels;

// name: review-move-relationships
// description: Recreates relationships of the merged node on the kept node, or (undo) on the restored node: each with the same type, direction and properties; one statement for a batch of them. A relationship whose other end is missing is not created.
// param: node — the node receiving them; rels — list of maps: {type, outgoing, other, props}
MATCH (n:Entity {id: $node})
UNWIND $rels AS rel
MATCH (o:Entity {id: rel.other})
WITH rel, CASE WHEN rel.outgoing THEN n ELSE o END AS s, CASE WHEN rel.outgoing THEN o ELSE n END AS e
CREATE (s)-[x:$(rel.type)]->(e)
SET x = rel.props
RETURN count(x) AS moved;

// name: review-merge-into
// description: Adds the merged node's spellings, ids and sources to the kept node, records the merge, and deletes the merged node with its relationships: the link, the originals of those moved (review-move-relationships), and those between the two nodes (recorded in betweenRels; undo recreates them).
// param: from, to — node ids; record — map: {id, similarId, keptId, mergedId, mergedLabels, mergedProps, keptPropsBefore, rels, betweenRels, link (typed JSON strings), encoding}
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
SET b.aliases = coalesce(b.aliases, []) + [x IN coalesce(a.aliases, []) + [a.name] WHERE NOT x IN coalesce(b.aliases, [])]
SET b.searchKeys = coalesce(b.searchKeys, []) + [x IN coalesce(a.searchKeys, []) WHERE NOT x IN coalesce(b.searchKeys, [])]
SET b.externalIds = coalesce(b.externalIds, []) + [x IN coalesce(a.externalIds, []) WHERE NOT x IN coalesce(b.externalIds, [])]
SET b.sources = coalesce(b.sources, []) + [x IN coalesce(a.sources, []) WHERE NOT x IN coalesce(b.sources, [])]
SET b.mergedIds = coalesce(b.mergedIds, []) + [a.id]
SET b.country = coalesce(b.country, a.country), b.city = coalesce(b.city, a.city)
CREATE (m:MergeRecord) SET m = $record, m.status = 'merged', m.mergedAt = toString(datetime())
DETACH DELETE a
RETURN m.id AS id;

// name: review-merge-record
// description: A merge record by its id or by the SIMILAR_TO id it came from.
// param: id
MATCH (m:MergeRecord)
WHERE m.id = $id OR m.similarId = $id
RETURN properties(m) AS record
ORDER BY m.mergedAt DESC
LIMIT 1;

// name: review-undo-restore-node
// description: Recreates the merged node with its labels and properties, and takes off the kept node what the merge added (review-merge-into): the items it added to each list (aliases, search keys, external ids, sources, mergedIds) and the country or city it filled, where they are still as the merge left them. The kept node's other properties stay as they are now: an edit since the merge is not undone. A list the node lacked before the merge and that holds nothing else now is removed again.
// param: labels — list: the merged node's labels; props — map: the merged node's properties; keptId; keptProps — map: the kept node's properties before the merge; added — map: list property → the items the merge added; filled — map: country / city → the value the merge filled in
MATCH (b:Entity {id: $keptId})
FOREACH (k IN keys($added) |
  SET b[k] = CASE
    WHEN b[k] IS NULL THEN null
    WHEN $keptProps[k] IS NULL AND all(x IN b[k] WHERE x IN $added[k]) THEN null
    ELSE [x IN b[k] WHERE NOT x IN $added[k]]
  END)
FOREACH (k IN keys($filled) | SET b[k] = CASE WHEN b[k] = $filled[k] THEN null ELSE b[k] END)
CREATE (a:$($labels))
SET a = $props
RETURN a.id AS id;

// name: review-undo-take-copies
// description: Takes back the copies a merge made on the kept node of the merged node's relationships, for a batch of recorded relationships in order: deletes each copy and returns its properties as they are now (an editor's changes since the merge included) with the recorded relationship's index in the batch; no row for one whose copy is gone — deleted since, or given another id, both later edits that undo keeps. A copy is the kept node's relationship of the recorded type and direction to the recorded other end with the recorded id (with no id recorded: with the recorded properties). One copy for each recorded relationship, and a copy taken is gone for the ones after it, so that two recorded relationships alike take two copies.
// param: keptId; rels — list of maps: {type, outgoing, other, props}, as the merge recorded them
MATCH (b:Entity {id: $keptId})
UNWIND range(0, size($rels) - 1) AS i
WITH b, i, $rels[i] AS rel
CALL (b, rel) {
  MATCH (o:Entity {id: rel.other})
  MATCH (b)-[x]-(o)
  WHERE type(x) = rel.type AND (startNode(x) = b) = rel.outgoing
    AND CASE WHEN rel.props.id IS NULL THEN properties(x) = rel.props ELSE x.id = rel.props.id END
  WITH x LIMIT 1
  WITH x, properties(x) AS props
  DELETE x
  RETURN props
}
RETURN i, props
ORDER BY i;

// name: review-undo-finish
// description: Recreates the SIMILAR_TO link as open and marks the merge record undone.
// param: recordId, from, to; link — map: the link's properties
MATCH (a:Entity {id: $from}), (b:Entity {id: $to}), (m:MergeRecord {id: $recordId})
CREATE (a)-[r:SIMILAR_TO]->(b)
SET r = $link, r.status = 'open', r.undoneAt = toString(datetime())
SET m.status = 'undone', m.undoneAt = toString(datetime())
RETURN r.id AS id;
