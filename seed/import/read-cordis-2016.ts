/**
 * Reads CORDIS H2020 in the 2016 layout (projects.tsv, organizations.tsv, edges.tsv: tab-separated,
 * CRLF, decimal commas, padded numbers). The coordinator is named on the project; edges carry no role
 * and no amount, so participations have role coordinator/participant and no amount (unknown, not 0).
 */
import path from "node:path";
import type { ImportEdge, ImportNode, ParsedImport } from "./import-model.ts";
import { defined } from "./import-model.ts";
import { clean, parseAmount, parseCount, parseDate } from "./parse-values.ts";
import { missingColumns, readTable, type Table } from "./read-table.ts";
import { cordisOrganisation, europeanCommission, fundsEdge, participationId, projectId, RowCheck } from "./cordis-shared.ts";
import { ValidationError } from "../../server/errors.ts";

function need(table: Table, columns: string[]): void {
  const missing = missingColumns(table, columns);
  if (missing.length)
    throw new ValidationError(`import: ${table.file} lacks the column(s) ${missing.join(", ")}; is it CORDIS's 2016 layout?`);
}

export async function readCordis2016(dir: string): Promise<ParsedImport> {
  const files = ["projects.tsv", "organizations.tsv", "edges.tsv"].map((f) => path.join(dir, f));
  const [projects, orgs, links] = await Promise.all(files.map((f) => readTable(f, "\t")));
  need(projects!, [
    "rcn",
    "reference",
    "acronym",
    "programme",
    "topics",
    "startDate",
    "endDate",
    "totalCost",
    "ecMaxContribution",
    "coordinator",
    "coordinatorCountry",
  ]);
  need(orgs!, ["new_org_id", "name", "shortName", "country"]);
  need(links!, ["projectRcn", "new_org_id"]);
  const issues = [...projects!.issues, ...orgs!.issues, ...links!.issues];
  const nodes: ImportNode[] = [europeanCommission("CORDIS: every H2020 project is funded by the European Commission")];
  const edges: ImportEdge[] = [];
  // rcn → the project's coordinator and node id; CORDIS id → the organisation's name, country and node id
  // (each relationship reuses the node's id string).
  const coordinators = new Map<string, { name: string; country: string; id: string }>();
  let good = 0;

  for (const { line, values: v } of projects!.rows) {
    const c = new RowCheck(projects!.file, line);
    const rcn = c.require("rcn", v.rcn, "the project's rcn");
    if (rcn && !/^\d+$/.test(rcn)) c.fail("rcn", `"${rcn}" is not a CORDIS record number`);
    const acronym = c.require("acronym", clean(v.acronym), "the project's acronym");
    const totalCost = c.take("totalCost", parseAmount(v.totalCost));
    const ecMax = c.take("ecMaxContribution", parseAmount(v.ecMaxContribution));
    const startDate = c.take("startDate", parseDate(v.startDate));
    const endDate = c.take("endDate", parseDate(v.endDate));
    const numOrg = c.take("numOrg", parseCount(v.numOrg));
    if (startDate && endDate && endDate < startDate) c.fail("endDate", `ends (${endDate}) before it starts (${startDate})`);
    if (!c.ok) {
      issues.push(...c.problems);
      continue;
    }
    good++;
    const ref = `${projects!.file} line ${line}`;
    const programme = clean(v.programme) || undefined;
    const id = projectId(rcn);
    nodes.push({
      id,
      label: "Project",
      name: acronym,
      aliases: [acronym],
      shortNames: [],
      props: defined({
        name: acronym,
        acronym,
        kind: "EU research project",
        rcn,
        grantId: clean(v.reference),
        projectStatus: clean(v.status),
        programme,
        callTopic: clean(v.topics),
        call: clean(v.call),
        fundingScheme: clean(v.fundingScheme),
        startDate,
        endDate,
        totalCost,
        ecMaxContribution: ecMax,
        participantCount: numOrg,
        frameworkProgramme: "H2020",
      }),
      externalIds: [`cordis-project:${rcn}`],
      sources: [],
      ref,
    });
    edges.push(fundsEdge(rcn, { amount: ecMax, startDate, endDate, programme }, ref));
    coordinators.set(rcn, { name: clean(v.coordinator), country: clean(v.coordinatorCountry), id });
  }

  const orgNames = new Map<string, { name: string; country: string; id: string }>();
  for (const { line, values: v } of orgs!.rows) {
    const c = new RowCheck(orgs!.file, line);
    const id = c.require("new_org_id", v.new_org_id, "the organisation's id");
    const name = c.require("name", clean(v.name), "the organisation's name");
    const country = clean(v.country);
    if (country && !/^[A-Z]{2}$/.test(country)) c.fail("country", `"${country}" is not a two-letter country code`);
    if (!c.ok) {
      issues.push(...c.problems);
      continue;
    }
    good++;
    const shortName = clean(v.shortName);
    const node = cordisOrganisation({ cordisId: id, name, shortName, props: { country }, ref: `${orgs!.file} line ${line}` });
    orgNames.set(id, { name, country, id: node.id });
    nodes.push(node);
  }

  for (const { line, values: v } of links!.rows) {
    const c = new RowCheck(links!.file, line);
    const rcn = c.require("projectRcn", v.projectRcn).trim();
    const oid = c.require("new_org_id", v.new_org_id).trim();
    const coord = coordinators.get(rcn);
    const org = orgNames.get(oid);
    if (rcn && !coord) c.fail("projectRcn", `project ${rcn} is not in ${projects!.file} (or its row was bad)`);
    if (oid && !org) c.fail("new_org_id", `organisation ${oid} is not in ${orgs!.file} (or its row was bad)`);
    if (!c.ok || !coord || !org) {
      issues.push(...c.problems);
      continue;
    }
    good++;
    const isCoordinator = coord.name === org.name && (!coord.country || coord.country === org.country);
    edges.push({
      id: participationId(rcn, oid),
      type: "PARTICIPATES_IN",
      from: org.id,
      to: coord.id,
      props: { role: isCoordinator ? "coordinator" : "participant" },
      cites: [],
      ref: `${links!.file} line ${line}`,
    });
  }

  return {
    format: "cordis",
    layout: "h2020-2016",
    slug: "cordis-h2020",
    title: "CORDIS Horizon 2020 projects and participants (2016 layout)",
    publisher: "European Commission, CORDIS",
    files,
    nodes,
    edges,
    issues,
    rowsRead:
      projects!.rows.length + orgs!.rows.length + links!.rows.length + projects!.issues.length + orgs!.issues.length + links!.issues.length,
    rowsGood: good,
  };
}
