/**
 * GET /api/export?format=graphml|gexf|json|csv[&ids=a,b[&depth=1..3]][&types=Organisation,Cluster]:
 * the whole graph or a subgraph with every property, as a download. XML formats are written in
 * chunks as they are produced; csv is a zip of nodes.csv and edges.csv.
 */
import type { Request, Response } from "express";
import type { Database } from "../../db/database.ts";
import { readGraph, type ReadLimits } from "../../analysis/read-graph.ts";
import { parseExportRequest } from "./export-params.ts";
import { toGexf } from "./serialise/to-gexf.ts";
import { toGraphml } from "./serialise/to-graphml.ts";
import { toNodeLink } from "./serialise/to-node-link.ts";
import { graphToCsv } from "./serialise/to-csv.ts";
import { writeZip } from "./serialise/write-zip.ts";

const TYPES = {
  graphml: "application/graphml+xml; charset=utf-8",
  gexf: "application/gexf+xml; charset=utf-8",
  json: "application/json; charset=utf-8",
  csv: "application/zip",
} as const;
const EXTENSION = { graphml: "graphml", gexf: "gexf", json: "json", csv: "zip" } as const;

async function writeChunks(res: Response, chunks: Iterable<string>): Promise<void> {
  let buffer = "";
  for (const chunk of chunks) {
    buffer += chunk;
    if (buffer.length >= 64 * 1024) {
      if (!res.write(buffer)) await new Promise<void>((resolve) => res.once("drain", resolve));
      buffer = "";
    }
  }
  res.end(buffer);
}

export function exportRoute(db: Database, limits: ReadLimits) {
  return async (req: Request, res: Response): Promise<void> => {
    const { format, selection } = parseExportRequest(req.query as Record<string, unknown>);
    const graph = await readGraph(db, selection, limits);
    res.status(200).type(TYPES[format]);
    res.setHeader("Content-Disposition", `attachment; filename="innograph.${EXTENSION[format]}"`);
    res.setHeader("X-Innograph-Counts", `nodes=${graph.nodes.length}; relationships=${graph.edges.length}`);
    if (format === "json") {
      res.send(JSON.stringify(toNodeLink(graph)));
    } else if (format === "csv") {
      const { nodes, edges } = graphToCsv(graph);
      res.send(
        writeZip([
          { name: "nodes.csv", data: nodes },
          { name: "edges.csv", data: edges },
        ]),
      );
    } else {
      await writeChunks(res, format === "graphml" ? toGraphml(graph) : toGexf(graph));
    }
  };
}
