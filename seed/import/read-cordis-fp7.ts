/**
 * Reads CORDIS FP7 links (organizations.csv `;`-separated with address and NUTS-3, edges.tsv
 * projectRcn→new_org_id). There is no project table: each project id becomes a minimal Project,
 * funded by the European Commission with an unknown amount; participations have no role and no amount.
 */
import path from "node:path";
import type { ImportEdge, ImportNode, ParsedImport } from "./import-model.ts";
import { defined } from "./import-model.ts";
import { clean } from "./parse-values.ts";
import { missingColumns, readTable, type Table } from "./read-table.ts";
import { cordisOrganisation, europeanCommission, fundsEdge, participationId, projectId, RowCheck } from "./cordis-shared.ts";
import { ValidationError } from "../../server/errors.ts";

function need(table: Table, columns: string[]): void {
  const missing = missingColumns(table, columns);
  if (missing.length)
    throw new ValidationError(`import: ${table.file} lacks the column(s) ${missing.join(", ")}; is it CORDIS's FP7 link layout?`);
}

export async function readCordisFp7(dir: string): Promise<ParsedImport> {
  const files = [path.join(dir, "organizations.csv"), path.join(dir, "edges.tsv")];
  const [orgs, links] = await Promise.all([readTable(files[0]!, ";"), readTable(files[1]!, "\t")]);
  need(orgs, ["new_org_id", "organisationName", "organisationShortName", "country", "city"]);
  need(links, ["projectRcn", "new_org_id"]);
  const issues = [...orgs.issues, ...links.issues];
  const nodes: ImportNode[] = [europeanCommission("CORDIS: the European Commission funds every FP7 project")];
  const edges: ImportEdge[] = [];
  // CORDIS id → the organisation's node id, rcn → the project's node id: each relationship reuses the
  // node's id string (later look-ups by id hash and compare one string, not 160,000 equal copies).
  const known = new Map<string, string>();
  const projects = new Map<string, string>();
  let good = 0;

  for (const { line, values: v } of orgs.rows) {
    const c = new RowCheck(orgs.file, line);
    const id = c.require("new_org_id", v.new_org_id, "the organisation's id");
    const name = c.require("organisationName", clean(v.organisationName), "the organisation's name");
    const country = clean(v.country);
    if (country && !/^[A-Z]{2}$/.test(country)) c.fail("country", `"${country}" is not a two-letter country code`);
    if (known.has(id)) c.fail("new_org_id", `organisation ${id} appears twice`);
    if (!c.ok) {
      issues.push(...c.problems);
      continue;
    }
    good++;
    const shortName = clean(v.organisationShortName);
    const node = cordisOrganisation({
      cordisId: id,
      name,
      shortName,
      props: {
        country,
        city: clean(v.city),
        street: clean(v.street),
        postCode: clean(v.postCode),
        nutsCode: clean(v.REGION_Level_NUTS_3),
        url: clean(v.organizationUrl),
      },
      ref: `${orgs.file} line ${line}`,
    });
    known.set(id, node.id);
    nodes.push(node);
  }

  for (const { line, values: v } of links.rows) {
    const c = new RowCheck(links.file, line);
    const rcn = c.require("projectRcn", v.projectRcn).trim();
    const oid = c.require("new_org_id", v.new_org_id).trim();
    if (rcn && !/^\d+$/.test(rcn)) c.fail("projectRcn", `"${rcn}" is not a CORDIS record number`);
    const from = known.get(oid);
    if (oid && from === undefined) c.fail("new_org_id", `organisation ${oid} is not in ${orgs.file} (or its row was bad)`);
    if (!c.ok || from === undefined) {
      issues.push(...c.problems);
      continue;
    }
    good++;
    const ref = `${links.file} line ${line}`;
    let to = projects.get(rcn);
    if (to === undefined) {
      to = projectId(rcn);
      projects.set(rcn, to);
      const name = `FP7 project ${rcn}`;
      nodes.push({
        id: to,
        label: "Project",
        name,
        aliases: [name],
        shortNames: [],
        props: { name, kind: "EU research project", rcn, frameworkProgramme: "FP7", programme: "FP7" },
        externalIds: [`cordis-project:${rcn}`],
        sources: [],
        ref,
      });
      edges.push(fundsEdge(rcn, { programme: "FP7" }, ref));
    }
    edges.push({ id: participationId(rcn, oid), type: "PARTICIPATES_IN", from, to, props: {}, cites: [], ref });
  }

  return {
    format: "cordis",
    layout: "fp7-links",
    slug: "cordis-fp7",
    title: "CORDIS FP7 participating organisations and project links",
    publisher: "European Commission, CORDIS",
    files,
    nodes,
    edges,
    issues,
    rowsRead: orgs.rows.length + links.rows.length + orgs.issues.length + links.issues.length,
    rowsGood: good,
  };
}
