/**
 * Whether a query asks, anywhere below the field being resolved, for a field of a given name: the
 * resolvers leave out a read whose answer nobody selected (the edges' citations, a statement of its
 * own). Fragments, named and inline, are followed. A field under `@skip` or `@include` counts as
 * asked: reading it when it turns out not to be wanted costs a read, never a wrong answer.
 */
import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

export function selectsField(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">, name: string): boolean {
  const followed = new Set<string>();
  const pending: SelectionSetNode[] = info.fieldNodes.flatMap((f) => (f.selectionSet ? [f.selectionSet] : []));
  for (let set = pending.pop(); set; set = pending.pop()) {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value === name) return true;
        if (sel.selectionSet) pending.push(sel.selectionSet);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        pending.push(sel.selectionSet);
      } else if (!followed.has(sel.name.value)) {
        followed.add(sel.name.value);
        const fragment: FragmentDefinitionNode | undefined = info.fragments[sel.name.value];
        if (fragment) pending.push(fragment.selectionSet);
      }
    }
  }
  return false;
}
