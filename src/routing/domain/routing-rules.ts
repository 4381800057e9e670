/**
 * Routing rules send a new ticket to a department. Each condition list narrows the match;
 * an empty or absent list matches anything. Rules are tried in position order and the first
 * match wins, so specific rules go first and a catch-all goes last.
 */
export interface RoutingConditions {
  categoryIds?: string[];
  /** Matches the item itself or any item below it in the catalog tree. */
  serviceItemIds?: string[];
  priorityIds?: string[];
  channels?: string[];
  customerTiers?: string[];
  /** Any one keyword found in the title or description (case-insensitive) matches. */
  keywords?: string[];
}

export interface RoutingRule {
  id: string;
  name: string;
  position: number;
  active: boolean;
  conditions: RoutingConditions;
  departmentId: string;
}

/** What routing looks at on a ticket. */
export interface RoutingFacts {
  categoryId: string;
  /** The service item and its ancestors, nearest first. */
  serviceItemPath: readonly string[];
  priorityId: string;
  channel: string;
  customerTier: string | null;
  text: string;
}

/** Returns the first active rule, by position, whose every condition matches the ticket. */
export function findRoute(rules: readonly RoutingRule[], facts: RoutingFacts): RoutingRule | null {
  const ordered = [...rules].filter((r) => r.active).sort((a, b) => a.position - b.position);
  return ordered.find((rule) => matches(rule.conditions, facts)) ?? null;
}

function matches(c: RoutingConditions, facts: RoutingFacts): boolean {
  return (
    anyOf(c.categoryIds, (id) => id === facts.categoryId) &&
    anyOf(c.serviceItemIds, (id) => facts.serviceItemPath.includes(id)) &&
    anyOf(c.priorityIds, (id) => id === facts.priorityId) &&
    anyOf(c.channels, (channel) => channel === facts.channel) &&
    anyOf(c.customerTiers, (tier) => tier === facts.customerTier) &&
    anyOf(c.keywords, (keyword) => facts.text.toLowerCase().includes(keyword.toLowerCase()))
  );
}

function anyOf(list: readonly string[] | undefined, test: (value: string) => boolean): boolean {
  return list === undefined || list.length === 0 || list.some(test);
}

export type OrderPlan =
  | { ok: true; changes: Array<{ id: string; position: number }> }
  | { ok: false; duplicated: string[]; unknown: string[]; missing: string[] };

/**
 * Positions 10, 20, 30 … for the rules in the order given, and which rules' positions change.
 * The order must name every rule exactly once: a list missing a rule (someone added one since the
 * list was read) or naming one that is gone is refused rather than guessed at.
 */
export function planOrder(rules: readonly RoutingRule[], ids: readonly string[]): OrderPlan {
  const known = new Set(rules.map((r) => r.id));
  const seen = new Set<string>();
  const duplicated = ids.filter((id) => seen.size === seen.add(id).size);
  const unknown = ids.filter((id) => !known.has(id));
  const missing = rules.map((r) => r.id).filter((id) => !seen.has(id));
  if (duplicated.length > 0 || unknown.length > 0 || missing.length > 0) return { ok: false, duplicated, unknown, missing };
  const position = new Map(rules.map((r) => [r.id, r.position]));
  const changes = ids.map((id, i) => ({ id, position: (i + 1) * 10 })).filter((c) => position.get(c.id) !== c.position);
  return { ok: true, changes };
}
