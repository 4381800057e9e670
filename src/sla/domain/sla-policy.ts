/**
 * Time-limit policies (时限策略). A policy matches tickets by classification and customer and
 * sets a target for each clock a ticket runs: first response, each department step, handling,
 * reply and the whole ticket.
 */

export const SLA_TARGETS = ['firstResponse', 'step', 'handling', 'reply', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

/** Who a warning or an escalation level tells. */
export type Recipient =
  | { kind: 'assignee' }
  | { kind: 'supervisors' }
  | { kind: 'creator' }
  | { kind: 'user'; userId: string }
  | { kind: 'departmentSupervisors'; departmentId: string };

export type EscalationAction =
  | { type: 'notify'; recipients: Recipient[] }
  | { type: 'setPriority'; priorityId: string }
  | { type: 'reassign'; departmentId: string | null; userId: string | null }
  | { type: 'markDifficult' };

/** One level of an escalation chain: it runs `afterMinutes` after the previous level (the first: after the breach). */
export interface EscalationLevel {
  afterMinutes: number;
  actions: EscalationAction[];
}

export interface WarnAt {
  /** Percentages of the allowed time elapsed, e.g. [75, 90]. */
  percent: number[];
  /** Minutes before the due time, e.g. [30]. */
  minutesBefore: number[];
}

export interface TargetSpec {
  minutes: number;
  /** Counts on the policy's business calendar when true, on the wall clock when false. */
  businessTime: boolean;
  warnAt: WarnAt;
  /** Who a warning tells. */
  notify: Recipient[];
  /** Whether waiting on the customer stops this clock. */
  pauseWhileWaiting: boolean;
  escalation: EscalationLevel[];
  /** Step targets only: a different limit for a department's step, by department id. */
  byDepartment: Record<string, number>;
}

export interface PolicyMatch {
  categoryIds: string[];
  /** Matches the item itself or any item below it in the catalog tree. */
  serviceItemIds: string[];
  priorityIds: string[];
  channels: string[];
  customerTiers: string[];
}

export interface ExtensionLimits {
  /** How many extension requests one deadline may have approved. */
  maxPerDeadline: number;
  /** The most one request may add, in the target's own minutes (business or wall clock). */
  maxMinutes: number;
}

export interface SlaPolicy {
  id: string;
  name: string;
  active: boolean;
  match: PolicyMatch;
  /** The business calendar; null means the default 24×7 calendar. */
  calendarId: string | null;
  targets: Partial<Record<SlaTarget, TargetSpec>>;
  extensions: ExtensionLimits;
  createdAt: string;
}

/** What policy matching looks at on a ticket. */
export interface PolicyFacts {
  categoryId: string;
  /** The service item and its ancestors, nearest first. */
  serviceItemPath: readonly string[];
  priorityId: string;
  channel: string;
  customerTier: string | null;
}

/**
 * The order in which criteria decide between two matching policies when they name the same
 * number of criteria: what the customer asked for (service item, category) before who they are
 * and how urgent, and the channel last.
 */
const PRECEDENCE: ReadonlyArray<keyof PolicyMatch> = ['serviceItemIds', 'categoryIds', 'customerTiers', 'priorityIds', 'channels'];

/**
 * Picks the policy for a ticket: among active policies whose every criterion matches, the one
 * naming the most criteria; then by PRECEDENCE; then the one naming the deeper service item;
 * then the oldest. Null when nothing matches.
 */
export function findPolicy(policies: readonly SlaPolicy[], facts: PolicyFacts): SlaPolicy | null {
  let best: { policy: SlaPolicy; score: number[] } | null = null;
  for (const policy of policies) {
    if (!policy.active || !matches(policy.match, facts)) continue;
    const score = specificity(policy, facts);
    if (!best || compareScores(score, best.score) > 0) best = { policy, score };
  }
  return best?.policy ?? null;
}

function matches(m: PolicyMatch, facts: PolicyFacts): boolean {
  return (
    anyOf(m.categoryIds, (id) => id === facts.categoryId) &&
    anyOf(m.serviceItemIds, (id) => facts.serviceItemPath.includes(id)) &&
    anyOf(m.priorityIds, (id) => id === facts.priorityId) &&
    anyOf(m.channels, (channel) => channel === facts.channel) &&
    anyOf(m.customerTiers, (tier) => tier === facts.customerTier)
  );
}

function specificity(policy: SlaPolicy, facts: PolicyFacts): number[] {
  const named = PRECEDENCE.map((key) => (policy.match[key].length > 0 ? 1 : 0));
  const count = named.reduce<number>((a, b) => a + b, 0);
  // The nearer the matched item is to the ticket's own item, the more specific (path is nearest first).
  const depth = policy.match.serviceItemIds.length > 0
    ? facts.serviceItemPath.length - Math.min(...policy.match.serviceItemIds.map((id) => indexOrEnd(facts.serviceItemPath, id)))
    : 0;
  return [count, ...named, depth, -Date.parse(policy.createdAt)];
}

function indexOrEnd(path: readonly string[], id: string): number {
  const i = path.indexOf(id);
  return i < 0 ? path.length : i;
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function anyOf(list: readonly string[], test: (value: string) => boolean): boolean {
  return list.length === 0 || list.some(test);
}

/** The allowed minutes of a target, taking a step's per-department limit into account. */
export function targetMinutes(spec: TargetSpec, departmentId: string | null): number {
  return (departmentId !== null && spec.byDepartment[departmentId]) || spec.minutes;
}

/**
 * Every id a policy names (categories, service items, priorities, departments, users, its
 * calendar): a change may keep these even where one was deactivated since, since the console
 * sends the targets and criteria back whole.
 */
export function policyReferences(policy: SlaPolicy): Set<string> {
  const ids = new Set<string>([...policy.match.categoryIds, ...policy.match.serviceItemIds, ...policy.match.priorityIds]);
  if (policy.calendarId !== null) ids.add(policy.calendarId);
  const addRecipients = (recipients: readonly Recipient[]) => {
    for (const r of recipients) {
      if (r.kind === 'user') ids.add(r.userId);
      if (r.kind === 'departmentSupervisors') ids.add(r.departmentId);
    }
  };
  for (const spec of Object.values(policy.targets)) {
    addRecipients(spec.notify);
    for (const id of Object.keys(spec.byDepartment)) ids.add(id);
    for (const action of spec.escalation.flatMap((level) => level.actions)) {
      if (action.type === 'notify') addRecipients(action.recipients);
      if (action.type === 'setPriority') ids.add(action.priorityId);
      if (action.type === 'reassign') for (const id of [action.departmentId, action.userId]) if (id !== null) ids.add(id);
    }
  }
  return ids;
}
