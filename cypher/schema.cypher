// innograph schema: every constraint and index, named and idempotent (IF NOT EXISTS).
// Applied on every start by server/db/apply-schema.ts; applying it twice is harmless.
// Every node carries the label Entity beside its own, so one constraint keeps ids unique graph-wide
// and one lookup finds any entity by id whatever its label.

CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT cluster_id IF NOT EXISTS FOR (n:Cluster) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT ministry_id IF NOT EXISTS FOR (n:Ministry) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT project_id IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (n:Topic) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;

// Name look-ups and sorting.
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE INDEX organisation_name IF NOT EXISTS FOR (n:Organisation) ON (n.name);
CREATE INDEX organisation_kind IF NOT EXISTS FOR (n:Organisation) ON (n.kind);
CREATE INDEX entity_normalised_name IF NOT EXISTS FOR (n:Entity) ON (n.normalisedName);

// A sort by name of one type, as the API writes it (`MATCH (this:Person&Entity) WHERE this.name IS NOT NULL
// ORDER BY this.name LIMIT 50`), reads that type's own name index in order and stops after 50; with only the
// shared entity_name it read entities of every type until it had 50 people (1M-relationship bench graph:
// 62,786 entries, 117k sorting descending). Organisation has its own above; the other types have a few hundred
// nodes at most, which a label scan and a sort read in about a thousand db hits (250 clusters: 801).
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE INDEX project_name IF NOT EXISTS FOR (n:Project) ON (n.name);

// Rankings by a network measure (set by `npm run analyse`) of the three large types: a page sorted by one
// that also bounds it, as `organisations(where: { degree: { gte: 0 } }, sort: [{ degree: DESC }], limit: 50)`
// or a notebook's `WHERE o.degree IS NOT NULL ORDER BY o.degree DESC LIMIT 50`, reads the index in order and
// stops at the limit (1M-relationship bench graph: 270,101 db hits and a sort of 90,000 organisations → 201).
// A Cypher sort without the bound still reads the whole label: Cypher orders a missing measure first when
// descending, and no index holds the nodes that lack one. GraphQL's unbounded rankings
// (`organisations(sort: [{ degree: DESC }], limit: 20)`) read the index all the same while no node of the type
// lacks the measure, checked once per version of the graph (server/graphql/ranked-reads.ts, confirmed: 270,041 →
// 85 db hits at 1M). Only the analysis writes these properties: its
// store step takes about twice as long (219k entities at 1M: 4.6 → 9.2 s, of about 110 s); creating or
// importing nodes without measures costs them nothing.
CREATE INDEX organisation_degree IF NOT EXISTS FOR (n:Organisation) ON (n.degree);
CREATE INDEX organisation_betweenness IF NOT EXISTS FOR (n:Organisation) ON (n.betweenness);
CREATE INDEX organisation_pagerank IF NOT EXISTS FOR (n:Organisation) ON (n.pagerank);
CREATE INDEX person_degree IF NOT EXISTS FOR (n:Person) ON (n.degree);
CREATE INDEX person_betweenness IF NOT EXISTS FOR (n:Person) ON (n.betweenness);
CREATE INDEX person_pagerank IF NOT EXISTS FOR (n:Person) ON (n.pagerank);
CREATE INDEX project_degree IF NOT EXISTS FOR (n:Project) ON (n.degree);
CREATE INDEX project_betweenness IF NOT EXISTS FOR (n:Project) ON (n.betweenness);
CREATE INDEX project_pagerank IF NOT EXISTS FOR (n:Project) ON (n.pagerank);

// `name: { contains }` and `{ endsWith }` filters (GraphQL: `organisations`, `people`, `projects`, and each
// branch of `entities`): a TEXT index answers CONTAINS and ENDS WITH with a trigram seek, where a RANGE index
// can only be read whole (90,000 entries for a substring no organisation has). Per type, not on Entity: the
// API's statements name one type each, and an Entity index would read every type's matches to find one type's
// ("GmbH" in people: 25,716 entries for none). STARTS WITH keeps the RANGE indexes. The price: a substring that
// most names hold, sorted by name, reads all its matches before sorting them, where the RANGE index stopped
// at the 50th.
CREATE TEXT INDEX organisation_name_text IF NOT EXISTS FOR (n:Organisation) ON (n.name);
CREATE TEXT INDEX person_name_text IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE TEXT INDEX project_name_text IF NOT EXISTS FOR (n:Project) ON (n.name);

// Full-text search over names, aliases and their transliterations ("Luenen" for "Lünen"), with
// ASCII folding and lower-casing: "Lunen" finds "Lünen", "remondis" finds "REMONDIS".
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.aliases, n.searchKeys]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } };

// Relationship look-ups by their own id, one index for every relationship type of the model
// (seed/model.ts): a relationship id names one relationship graph-wide, and Neo4j's relationship
// indexes are per type, so the importer finds an id with one seek per type (import-edges-by-id).
// Not uniqueness constraints: those are per type too (they cannot see the same id on another type),
// and creating one on a database that already holds a duplicate fails — and with it the start.
CREATE INDEX rel_member_of_id IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.id);
CREATE INDEX rel_board_member_of_id IF NOT EXISTS FOR ()-[r:BOARD_MEMBER_OF]-() ON (r.id);
CREATE INDEX rel_holds_position_id IF NOT EXISTS FOR ()-[r:HOLDS_POSITION]-() ON (r.id);
CREATE INDEX rel_funds_id IF NOT EXISTS FOR ()-[r:FUNDS]-() ON (r.id);
CREATE INDEX rel_supports_id IF NOT EXISTS FOR ()-[r:SUPPORTS]-() ON (r.id);
CREATE INDEX rel_participates_in_id IF NOT EXISTS FOR ()-[r:PARTICIPATES_IN]-() ON (r.id);
CREATE INDEX rel_part_of_id IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.id);
CREATE INDEX rel_located_in_id IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() ON (r.id);
CREATE INDEX rel_focuses_on_id IF NOT EXISTS FOR ()-[r:FOCUSES_ON]-() ON (r.id);
CREATE INDEX rel_affiliated_with_id IF NOT EXISTS FOR ()-[r:AFFILIATED_WITH]-() ON (r.id);
// Funding by status.
CREATE INDEX rel_funds_status IF NOT EXISTS FOR ()-[r:FUNDS]-() ON (r.status);

// Importer and review (seed/import, seed/review): likely duplicates and undoable merges.
CREATE INDEX rel_similar_to_id IF NOT EXISTS FOR ()-[r:SIMILAR_TO]-() ON (r.id);
CREATE INDEX rel_similar_to_status IF NOT EXISTS FOR ()-[r:SIMILAR_TO]-() ON (r.status);
CREATE CONSTRAINT merge_record_id IF NOT EXISTS FOR (m:MergeRecord) REQUIRE m.id IS UNIQUE;
