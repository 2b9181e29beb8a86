/**
 * Reads CORDIS's current bulk layout: project.csv and organization.csv (`;`-separated, quoted), one
 * organisation row per participation with its role and ecContribution — the amount each partner gets.
 */
import path from "node:path";
import type { ImportEdge, ImportNode, ParsedImport } from "./import-model.ts";
import { defined } from "./import-model.ts";
import { clean, parseAmount, parseDate } from "./parse-values.ts";
import { missingColumns, readTable, type Table } from "./read-table.ts";
import {
  ACTIVITY_KINDS,
  cordisOrganisation,
  europeanCommission,
  fundsEdge,
  orgId,
  participationId,
  projectId,
  RowCheck,
} from "./cordis-shared.ts";
import { ValidationError } from "../../server/errors.ts";

function need(table: Table, columns: string[]): void {
  const missing = missingColumns(table, columns);
  if (missing.length)
    throw new ValidationError(`import: ${table.file} lacks the column(s) ${missing.join(", ")}; is it CORDIS's bulk layout?`);
}

/** "coordinator", "participant", "thirdParty" → "third party", "associatedPartner" → "associated partner". */
export function bulkRole(raw: string): string {
  return raw
    .trim()
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
}

export async function readCordisBulk(dir: string): Promise<ParsedImport> {
  const files = ["project.csv", "organization.csv"].map((f) => path.join(dir, f));
  const [projects, orgs] = await Promise.all(files.map((f) => readTable(f, ";")));
  need(projects!, ["id", "acronym", "title", "startDate", "endDate", "totalCost", "ecMaxContribution", "frameworkProgramme", "rcn"]);
  need(orgs!, ["projectID", "organisationID", "name", "activityType", "country", "role", "ecContribution"]);
  const issues = [...projects!.issues, ...orgs!.issues];
  const nodes: ImportNode[] = [europeanCommission("CORDIS: the European Commission funds every project of the framework programmes")];
  const edges: ImportEdge[] = [];
  const rcnOfGrant = new Map<string, string>();
  const seenOrgs = new Set<string>();
  let good = 0;

  for (const { line, values: v } of projects!.rows) {
    const c = new RowCheck(projects!.file, line);
    const grant = c.require("id", v.id, "the grant id");
    const rcn = c.require("rcn", v.rcn, "the project's rcn");
    if (rcn && !/^\d+$/.test(rcn)) c.fail("rcn", `"${rcn}" is not a CORDIS record number`);
    const acronym = clean(v.acronym);
    const title = clean(v.title);
    if (!acronym && !title) c.fail("title", "the project has neither acronym nor title");
    const totalCost = c.take("totalCost", parseAmount(v.totalCost));
    const ecMax = c.take("ecMaxContribution", parseAmount(v.ecMaxContribution));
    const startDate = c.take("startDate", parseDate(v.startDate));
    const endDate = c.take("endDate", parseDate(v.endDate));
    if (startDate && endDate && endDate < startDate) c.fail("endDate", `ends (${endDate}) before it starts (${startDate})`);
    if (!c.ok) {
      issues.push(...c.problems);
      continue;
    }
    good++;
    rcnOfGrant.set(grant, rcn);
    const ref = `${projects!.file} line ${line}`;
    const programme = clean(v.legalBasis) || clean(v.frameworkProgramme) || undefined;
    const name = title || acronym;
    nodes.push({
      id: projectId(rcn),
      label: "Project",
      name,
      aliases: [...new Set([name, acronym].filter(Boolean))],
      shortNames: [],
      props: defined({
        name,
        acronym: acronym || undefined,
        title: title || undefined,
        kind: "EU research project",
        rcn,
        grantId: grant,
        projectStatus: clean(v.status),
        programme,
        frameworkProgramme: clean(v.frameworkProgramme),
        callTopic: clean(v.topics),
        call: clean(v.masterCall) || clean(v.subCall),
        fundingScheme: clean(v.fundingScheme),
        startDate,
        endDate,
        totalCost,
        ecMaxContribution: ecMax,
        grantDoi: clean(v.grantDoi),
      }),
      externalIds: [`cordis-project:${rcn}`],
      sources: [],
      ref,
    });
    edges.push(fundsEdge(rcn, { amount: ecMax, startDate, endDate, programme }, ref));
  }

  for (const { line, values: v } of orgs!.rows) {
    const c = new RowCheck(orgs!.file, line);
    const grant = c.require("projectID", v.projectID, "the grant id");
    const oid = c.require("organisationID", v.organisationID, "the organisation's id");
    const name = c.require("name", clean(v.name), "the organisation's name");
    const rcn = rcnOfGrant.get(grant);
    if (grant && !rcn) c.fail("projectID", `project ${grant} is not in ${projects!.file} (or its row was bad)`);
    const activity = clean(v.activityType);
    const kind = ACTIVITY_KINDS[activity];
    if (activity && !kind)
      c.fail("activityType", `"${activity}" is not a CORDIS activity type (${Object.keys(ACTIVITY_KINDS).join(", ")})`);
    const country = clean(v.country);
    if (country && !/^[A-Z]{2}$/.test(country)) c.fail("country", `"${country}" is not a two-letter country code`);
    const role = c.require("role", v.role, "coordinator, participant, thirdParty …");
    const amount = c.take("ecContribution", parseAmount(v.ecContribution));
    const net = c.take("netEcContribution", parseAmount(v.netEcContribution));
    if (!c.ok || !rcn) {
      issues.push(...c.problems);
      continue;
    }
    good++;
    const ref = `${orgs!.file} line ${line}`;
    if (!seenOrgs.has(oid)) {
      seenOrgs.add(oid);
      const shortName = clean(v.shortName);
      nodes.push(
        cordisOrganisation({
          cordisId: oid,
          name,
          shortName,
          props: {
            kind,
            activityType: activity,
            sme: clean(v.SME),
            country,
            city: clean(v.city),
            street: clean(v.street),
            postCode: clean(v.postCode),
            nutsCode: clean(v.nutsCode),
            url: clean(v.organizationURL),
            vatNumber: clean(v.vatNumber),
          },
          ref,
        }),
      );
    }
    edges.push({
      id: participationId(rcn, oid),
      type: "PARTICIPATES_IN",
      from: orgId(oid),
      to: projectId(rcn),
      // ecContribution is the EU's contribution to this partner; absent means unknown, never 0.
      props: defined({
        role: bulkRole(role),
        amount,
        currency: "EUR",
        amountEur: amount,
        netEcContribution: net,
        order: clean(v.order) || undefined,
      }),
      cites: [],
      ref,
    });
  }

  return {
    format: "cordis",
    layout: "bulk",
    slug: "cordis-bulk",
    title: "CORDIS projects and participations (bulk layout)",
    publisher: "European Commission, CORDIS",
    files,
    nodes,
    edges,
    issues,
    rowsRead: projects!.rows.length + orgs!.rows.length + projects!.issues.length + orgs!.issues.length,
    rowsGood: good,
  };
}
