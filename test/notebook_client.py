#!/usr/bin/env python3
"""A notebook's view of innograph, with the Python standard library only.

Calls GraphQL (search, fundingFlows), POST /api/cypher (JSON and CSV), a named query, and every
export format against a running server, and checks the answers. Exits non-zero on the first failure.

    python3 test/notebook_client.py http://localhost:4000      # or INNOGRAPH_URL=… python3 …
"""
import csv
import io
import json
import os
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
import zipfile

BASE = (sys.argv[1] if len(sys.argv) > 1 else os.environ.get("INNOGRAPH_URL", "http://localhost:4000")).rstrip("/")


def request(method, path, body=None, accept="application/json"):
    """Returns (status, content type, bytes); HTTP errors are answers too, not exceptions."""
    data = None if body is None else json.dumps(body).encode("utf-8")
    headers = {"Accept": accept}
    if data is not None:
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(BASE + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=60) as res:
            return res.status, res.headers.get("Content-Type", ""), res.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def graphql(query, variables=None):
    status, _, raw = request("POST", "/graphql", {"query": query, "variables": variables or {}})
    answer = json.loads(raw)
    assert status == 200 and "errors" not in answer, f"GraphQL failed ({status}): {answer}"
    return answer["data"]


def cypher(query, params=None, accept="application/json"):
    status, ctype, raw = request("POST", "/api/cypher", {"query": query, "params": params or {}}, accept)
    assert status == 200, f"cypher failed ({status}): {raw[:300]!r}"
    return ctype, raw


def named(name, **params):
    status, _, raw = request("POST", f"/api/queries/{name}", params)
    assert status == 200, f"query {name} failed ({status}): {raw[:300]!r}"
    answer = json.loads(raw)
    return [dict(zip(answer["columns"], row)) for row in answer["rows"]]


def export(fmt, query=""):
    status, ctype, raw = request("GET", f"/api/export?format={fmt}{query}", accept="*/*")
    assert status == 200, f"export {fmt} failed ({status}): {raw[:300]!r}"
    return ctype, raw


def main():
    # GraphQL: search is accent-tolerant; fundingFlows keeps unknown amounts apart.
    hits = graphql('query($q: String!) { search(query: $q, limit: 5) { node { id name type } score } }', {"q": "Lunen"})["search"]
    assert any(h["node"]["id"] == "place:luenen" for h in hits), f"search Lunen: {hits}"
    flows = graphql(
        """query($id: ID!) { fundingFlows(funderId: $id) {
             totals { currency status amount count } unknownAmounts flows { recipient { id } amount amountKnown } } }""",
        {"id": "ministry:land-nrw"},
    )["fundingFlows"]
    committed = [t for t in flows["totals"] if t["currency"] == "EUR" and t["status"] == "committed"]
    assert committed and committed[0]["amount"] >= 68_000_000, f"fundingFlows totals: {flows['totals']}"
    assert flows["unknownAmounts"] >= 1, "flows without an amount are counted apart"

    # Read-only Cypher, as JSON and as CSV.
    _, raw = cypher("MATCH (n:Entity) RETURN count(n) AS nodes")
    nodes = json.loads(raw)["rows"][0][0]
    _, raw = cypher("MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS relationships")
    relationships = json.loads(raw)["rows"][0][0]
    assert nodes > 50 and relationships > 100, (nodes, relationships)
    ctype, raw = cypher("MATCH (c:Cluster) RETURN c.id AS id, c.name AS name ORDER BY id", accept="text/csv")
    assert ctype.startswith("text/csv"), ctype
    clusters = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    assert [c["id"] for c in clusters] == ["cluster:its-owl", "cluster:smart-value", "cluster:spin"], clusters
    status, _, raw = request("POST", "/api/cypher", {"query": "CREATE (n:Entity {id: 'x'})"})
    assert status == 400 and json.loads(raw)["error"]["code"] == "BAD_USER_INPUT", raw

    # A named query, and the error for a wrong one.
    interlocks = named("board-interlocks", minOrganisations=2, limit=10)
    assert any(p["personId"] == "person:eric-swehla" for p in interlocks), interlocks
    status, _, raw = request("POST", "/api/queries/no-such-query", {})
    assert status == 404 and "GET /api/queries" in json.loads(raw)["error"]["message"], raw

    # Exports: node-link JSON (networkx), GraphML and GEXF (Gephi, networkx), CSV zip (pandas).
    _, raw = export("json")
    graph = json.loads(raw)
    assert graph["directed"] and graph["multigraph"], graph.keys()
    assert len(graph["nodes"]) == nodes and len(graph["links"]) == relationships
    aurubis = next(n for n in graph["nodes"] if n["id"] == "org:aurubis")
    assert aurubis["type"] == "Organisation" and isinstance(aurubis["aliases"], list), aurubis

    _, raw = export("graphml")
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.fromstring(raw)
    keys = {k.get("attr.name"): k for k in root.findall("g:key[@for='node']", ns)}
    assert keys["name"].get("attr.type") == "string" and "aliases" in keys, list(keys)
    assert len(root.findall(".//g:node", ns)) == nodes and len(root.findall(".//g:edge", ns)) == relationships
    aliases_key = keys["aliases"].get("id")
    node = root.find(".//g:node[@id='org:aurubis']", ns)
    aliases = json.loads(node.find(f"g:data[@key='{aliases_key}']", ns).text)
    assert "Aurubis AG" in aliases, aliases

    _, raw = export("gexf", "&ids=cluster:spin&depth=1")
    ns = {"x": "http://www.gexf.net/1.2draft"}
    root = ET.fromstring(raw)
    ids = {n.get("id") for n in root.findall(".//x:node", ns)}
    assert {"cluster:spin", "ministry:mwide"} <= ids, ids
    for edge in root.findall(".//x:edge", ns):
        assert edge.get("source") in ids and edge.get("target") in ids

    ctype, raw = export("csv")
    assert ctype == "application/zip", ctype
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        assert z.testzip() is None, "a zip entry fails its CRC check"
        node_rows = list(csv.DictReader(io.StringIO(z.read("nodes.csv").decode("utf-8"))))
        edge_rows = list(csv.DictReader(io.StringIO(z.read("edges.csv").decode("utf-8"))))
    assert len(node_rows) == nodes and len(edge_rows) == relationships
    spin = next(e for e in edge_rows if e["id"] == "e:mwide-funds-spin")
    assert float(spin["amount"]) == 15_000_000 and spin["currency"] == "EUR", spin

    status, _, raw = request("GET", "/api/export?format=pdf")
    assert status == 400 and "unknown format" in json.loads(raw)["error"]["message"], raw
    print(f"notebook client: all checks passed against {BASE} ({nodes} nodes, {relationships} relationships)")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"notebook client: FAILED: {e}", file=sys.stderr)
        sys.exit(1)
