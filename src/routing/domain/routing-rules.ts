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
