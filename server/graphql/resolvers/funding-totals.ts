/**
 * The sums fundingFlows reports beside its flows: totals of the direct flows per currency and status,
 * and the recipients ranked by what they receive per currency. Pure: flows in, groups out.
 */
import type { GraphNode } from "../to-graph.ts";

/** Sums of money in full units keep cents, not float noise (0.1 + 0.2 → 0.3). */
export const cents = (amount: number): number => Math.round(amount * 100) / 100;

interface Total {
  currency: string;
  status: string;
  amount: number;
  count: number;
}

/**
 * Totals of direct (level 1) flows with known amounts, per currency and status, in the order they first appear.
 * Grouped by the values themselves: no currency (shown "?") is not the text "null", nor the text "?".
 */
export function totals(direct: { amount: number | null; currency: string | null; status: string | null }[]) {
  const byCurrency = new Map<string | null, Map<string | null, Total>>();
  const groups: Total[] = [];
  for (const f of direct) {
    if (f.amount === null) continue;
    let byStatus = byCurrency.get(f.currency);
    if (!byStatus) byCurrency.set(f.currency, (byStatus = new Map()));
    let g = byStatus.get(f.status);
    if (!g) {
      g = { currency: f.currency ?? "?", status: f.status ?? "unknown", amount: 0, count: 0 };
      byStatus.set(f.status, g);
      groups.push(g);
    }
    g.amount += f.amount;
    g.count += 1;
  }
  return {
    totals: groups.map((g) => ({ ...g, amount: cents(g.amount) })),
    unknownAmounts: direct.filter((f) => f.amount === null).length,
  };
}

/** Every kept flow, in order: its recipient's id, its amount (NaN when unknown), the currency of a known amount (null for none). */
export interface Columns {
  recipientIds: string[];
  amounts: number[];
  currencies: (string | null)[];
}

/** The group key of unknown amounts: apart from every currency, and from none. */
const UNKNOWN = Symbol("unknown amount");

export interface RecipientGroup {
  id: string;
  currency: string | null;
  amount: number | null;
  flows: number;
  unknownAmounts: number;
}

/** Per recipient and currency of a known amount (unknown amounts apart), in the order recipients first appear. */
export function recipientGroups({ recipientIds, amounts, currencies }: Columns): RecipientGroup[] {
  // By currency, then by recipient: a hundred thousand flows are grouped faster so than by a joined key.
  const byCurrency = new Map<string | null | typeof UNKNOWN, Map<string, RecipientGroup>>();
  const groups: RecipientGroup[] = [];
  for (let i = 0; i < recipientIds.length; i++) {
    const id = recipientIds[i]!;
    const amount = amounts[i]!;
    const currency = Number.isNaN(amount) ? UNKNOWN : (currencies[i] ?? null);
    let byId = byCurrency.get(currency);
    if (!byId) byCurrency.set(currency, (byId = new Map()));
    let g = byId.get(id);
    if (!g) {
      g = { id, currency: currency === UNKNOWN ? null : currency, amount: null, flows: 0, unknownAmounts: 0 };
      byId.set(id, g);
      groups.push(g);
    }
    g.flows += 1;
    if (Number.isNaN(amount)) g.unknownAmounts += 1;
    else g.amount = (g.amount ?? 0) + amount;
  }
  return groups;
}

const rank = (g: RecipientGroup): number => (g.amount === null ? -1 : cents(g.amount));

/** The groups that can be among the `limit` largest: every one whose amount reaches the limit-th largest (ties included). */
export function largest(groups: RecipientGroup[], limit: number): RecipientGroup[] {
  if (groups.length <= limit) return groups;
  const least = Float64Array.from(groups, rank).sort()[groups.length - limit]!;
  return groups.filter((g) => rank(g) >= least);
}

/** The `limit` largest, by amount (unknown last), then name, then first appearance. */
export function ranked(groups: RecipientGroup[], node: (id: string) => GraphNode, limit: number) {
  return groups
    .map((g) => ({
      recipient: node(g.id),
      currency: g.currency,
      amount: g.amount === null ? null : cents(g.amount),
      flows: g.flows,
      unknownAmounts: g.unknownAmounts,
    }))
    .sort((a, b) => (b.amount ?? -1) - (a.amount ?? -1) || a.recipient.name.localeCompare(b.recipient.name))
    .slice(0, limit);
}
