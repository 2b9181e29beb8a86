/** `npm run review [-- accept|reject|undo <id>]`: lists open likely duplicates, or decides one. */
import { loadConfig } from "../../server/config.ts";
import { applySchema } from "../../server/db/apply-schema.ts";
import { openNeo4j } from "../../server/db/open-neo4j.ts";
import { InnographError, ValidationError } from "../../server/errors.ts";
import { accept, listOpen, reject, undo } from "./review-similar.ts";

const USAGE = "usage: npm run review [-- list [limit] | accept <similar-id> | reject <similar-id> | undo <similar-id|merge-id>]";

async function main(): Promise<void> {
  const [command = "list", id] = process.argv.slice(2);
  if (!["list", "accept", "reject", "undo"].includes(command)) throw new ValidationError(`review: unknown command "${command}"\n${USAGE}`);
  if (command !== "list" && !id) throw new ValidationError(`review: ${command} needs the id of a SIMILAR_TO link\n${USAGE}`);
  const graph = await openNeo4j(loadConfig(process.env), (line) => console.error(line));
  try {
    await applySchema(graph.db);
    if (command === "list") {
      const open = await listOpen(graph.db, id ? Number(id) : 100);
      if (!open.length) console.log("review: no open candidates");
      for (const c of open) {
        console.log(`${c.id}  score ${c.score}`);
        console.log(`  new:      ${c.candidate.id} "${c.candidate.name}"${c.candidate.country ? ` (${c.candidate.country})` : ""}`);
        console.log(`  existing: ${c.existing.id} "${c.existing.name}"${c.existing.country ? ` (${c.existing.country})` : ""}`);
        console.log(`  why:      ${c.reason}; from ${c.evidence.join("; ")}`);
      }
      if (open.length) console.log(`review: ${open.length} open; decide with \`npm run review -- accept <id>\` or \`reject <id>\``);
    } else if (command === "accept") {
      const r = await accept(graph.db, id!);
      console.log(`review: merged ${r.merged} into ${r.kept}; undo with \`npm run review -- undo ${r.recordId}\``);
      if (r.dropped.length)
        console.log(
          `review: deleted, as ${r.kept} would have had them with itself — recorded on ${r.recordId}, undo recreates them:\n  ${r.dropped.join("\n  ")}`,
        );
    } else if (command === "reject") {
      await reject(graph.db, id!);
      console.log(`review: rejected ${id}; the two stay separate`);
    } else {
      const r = await undo(graph.db, id!);
      const recreated = r.recreated ? ` and ${r.recreated} between them recreated` : "";
      console.log(
        `review: restored ${r.restored} beside ${r.kept} with ${r.moved} relationship(s) moved back${recreated}; the link is open again`,
      );
      if (r.skipped.length)
        console.log(
          `review: left out, their copy on ${r.kept} deleted (or given another id) since the merge — an edit undo keeps; recreate any you still want by hand:\n  ${r.skipped.join("\n  ")}`,
        );
    }
  } finally {
    await graph.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof InnographError ? e.message : `review: failed: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
