/**
 * Request limits, checked before anything runs: query depth, estimated cost (with the cost hints
 * @neo4j/graphql attaches to its fields), and page size of generated queries.
 */
import { Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type SelectionSetNode } from "graphql";
import { createRequire } from "node:module";

// The library's ESM build imports graphql/index.mjs, a second graphql realm beside the CommonJS one
// that @neo4j/graphql uses; its CommonJS build shares ours.
const complexity = createRequire(import.meta.url)("graphql-query-complexity") as typeof import("graphql-query-complexity");
const { getComplexity, fieldExtensionsEstimator, simpleEstimator } = complexity;

export const LIMITS = Object.freeze({ maxDepth: 12, maxCost: 20000, maxPageSize: 500 });
const ANALYST = new Set(["search", "neighbourhood", "shortestPaths", "fundingFlows", "stats"]);

function depthOf(set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, seen: Set<string>): number {
  if (!set) return 0;
  let max = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith("__")) continue;
      max = Math.max(max, 1 + depthOf(sel.selectionSet, fragments, seen));
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, depthOf(sel.selectionSet, fragments, seen));
    } else {
      const name = sel.name.value;
      const fragment = fragments[name];
      if (!fragment || seen.has(name)) continue;
      max = Math.max(max, depthOf(fragment.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return max;
}

/** The deepest field nesting of any operation in the document (fragments followed, cycles cut). */
export function queryDepth(document: DocumentNode): number {
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  let max = 0;
  for (const d of document.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION) max = Math.max(max, depthOf(d.selectionSet, fragments, new Set()));
  }
  return max;
}

/** Page sizes above maxPageSize on generated fields (`limit` / `first` arguments), from literals or variables. */
export function pageSizeErrors(document: DocumentNode, variables: Record<string, unknown>, maxPageSize = LIMITS.maxPageSize): string[] {
  const errors: string[] = [];
  const visit = (set: SelectionSetNode | undefined, top: boolean): void => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind !== Kind.FIELD) {
        if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet, top);
        continue;
      }
      const analyst = top && ANALYST.has(sel.name.value);
      for (const arg of sel.arguments ?? []) {
        if (analyst || !["limit", "first"].includes(arg.name.value)) continue;
        const value =
          arg.value.kind === Kind.INT
            ? Number(arg.value.value)
            : arg.value.kind === Kind.VARIABLE
              ? Number(variables[arg.value.name.value])
              : NaN;
        if (value > maxPageSize)
          errors.push(
            `\`${sel.name.value}(${arg.name.value}: ${value})\` asks for more than ${maxPageSize} items per page; page through with cursors`,
          );
      }
      visit(sel.selectionSet, false);
    }
  };
  for (const d of document.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION) visit(d.selectionSet, true);
    if (d.kind === Kind.FRAGMENT_DEFINITION) visit(d.selectionSet, false);
  }
  return errors;
}

export function costOf(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName?: string): number {
  return getComplexity({
    schema,
    query: document,
    variables,
    ...(operationName ? { operationName } : {}),
    estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
  });
}
