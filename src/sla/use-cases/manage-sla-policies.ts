import type { UseCaseContext } from '../../app/context.js';
import type { Repositories } from '../../app/repositories.js';
import { resolveCategory, resolveDepartment, resolvePriority, resolveServiceItem, resolveUser } from '../../app/resolve-references.js';
import { isUniqueViolation } from '../../platform/db/unit-of-work.js';
import { conflict, fieldIssue, notFound, unprocessable } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { DEFAULT_EXTENSIONS, DEFAULT_NOTIFY, DEFAULT_WARN_AT, policyIssues } from '../domain/sla-policy-rules.js';
import {
  SLA_TARGETS,
  type EscalationAction,
  type EscalationLevel,
  type ExtensionLimits,
  type PolicyMatch,
  type Recipient,
  type SlaPolicy,
  type SlaTarget,
  type TargetSpec,
  policyReferences,
} from '../domain/sla-policy.js';
import { describePolicies, type SlaPolicyView } from './read-sla-policies.js';

/** One reference or several: `"complaint"` or `["complaint", "refund"]`. */
type OneOrMany = string | string[];

/** Match criteria as the API takes them: references by id or code; absent or empty matches anything. */
export interface MatchInput {
  category?: OneOrMany;
  serviceItem?: OneOrMany;
  priority?: OneOrMany;
  channel?: OneOrMany;
  customerTier?: OneOrMany;
}

/** Who to tell, as the API takes it: a role word, a user (username or id) or a department's supervisors. */
export type RecipientInput = 'assignee' | 'supervisors' | 'creator' | { user: string } | { departmentSupervisors: string };

export type EscalationActionInput =
  | { type: 'notify'; recipients: RecipientInput[] }
  | { type: 'setPriority'; priority: string }
  | { type: 'reassign'; department?: string; user?: string }
  | { type: 'markDifficult' };

export interface TargetInput {
  minutes: number;
  businessTime?: boolean;
  /** Given, it replaces the default ({percent: [75]}) whole: an absent list is empty. */
  warnAt?: { percent?: number[]; minutesBefore?: number[] };
  notify?: RecipientInput[];
  pauseWhileWaiting?: boolean;
  escalation?: Array<{ afterMinutes: number; actions: EscalationActionInput[] }>;
  /** Step targets only: department id or code → minutes. */
  byDepartment?: Record<string, number>;
}

export type TargetsInput = Partial<Record<SlaTarget, TargetInput>>;

export interface SlaPolicyInput {
  name?: string;
  active?: boolean;
  match?: MatchInput;
  /** Calendar id or code; null for the default 24×7 calendar. */
  calendar?: string | null;
  targets?: TargetsInput;
  extensions?: Partial<ExtensionLimits>;
}

export async function createSlaPolicy(ctx: UseCaseContext, input: SlaPolicyInput & { name: string; targets: TargetsInput }): Promise<SlaPolicyView> {
  return withNameCheck(input.name, () =>
    ctx.uow.write(async (repos) => {
      await ensureNameFree(repos, input.name);
      const at = ctx.clock.now().toISOString();
      const policy: SlaPolicy = {
        id: newId(),
        name: input.name,
        active: input.active ?? true,
        match: await resolveMatch(repos, input.match ?? {}, NONE_HELD),
        calendarId: input.calendar ? await resolveCalendar(repos, input.calendar, NONE_HELD) : null,
        targets: await resolveTargets(repos, input.targets, NONE_HELD),
        extensions: { ...DEFAULT_EXTENSIONS, ...input.extensions },
        createdAt: at,
      };
      await repos.slaPolicies.insert(policy, at);
      return (await describePolicies(repos, [{ ...policy, updatedAt: at }]))[0]!;
    }),
  );
}

/**
 * Changes what is given; `match`, `targets` and `extensions` are replaced whole. What the policy
 * already names may stay though deactivated since (a leaver in its escalation chain): only what
 * is named anew must be active.
 */
export async function updateSlaPolicy(ctx: UseCaseContext, ref: string, input: SlaPolicyInput): Promise<SlaPolicyView> {
  return withNameCheck(input.name, () =>
    ctx.uow.write(async (repos) => {
      // Locked until the commit: fields this PATCH leaves out keep what a concurrent change stored.
      const found = await repos.slaPolicies.findByRef(ref, true);
      if (!found) throw notFound('Time-limit policy', ref);
      if (input.name !== undefined && input.name !== found.name) await ensureNameFree(repos, input.name, found.id);
      const at = ctx.clock.now().toISOString();
      const held = policyReferences(found);
      const policy: SlaPolicy = {
        id: found.id,
        name: input.name ?? found.name,
        active: input.active ?? found.active,
        match: input.match !== undefined ? await resolveMatch(repos, input.match, held) : found.match,
        calendarId: input.calendar === undefined ? found.calendarId : input.calendar === null ? null : await resolveCalendar(repos, input.calendar, held),
        targets: input.targets !== undefined ? await resolveTargets(repos, input.targets, held) : found.targets,
        extensions: input.extensions !== undefined ? { ...DEFAULT_EXTENSIONS, ...input.extensions } : found.extensions,
        createdAt: found.createdAt,
      };
      await repos.slaPolicies.update(policy, at);
      return (await describePolicies(repos, [{ ...policy, updatedAt: at }]))[0]!;
    }),
  );
}

/**
 * Deleting a policy deactivates it, like other reference data: the deadlines already running
 * against it keep their policy, and new tickets no longer match it.
 */
export async function deactivateSlaPolicy(ctx: UseCaseContext, ref: string): Promise<void> {
  await ctx.uow.write(async (repos) => {
    // Locked until the commit, as in updateSlaPolicy: deactivating must not write back a stale policy.
    const found = await repos.slaPolicies.findByRef(ref, true);
    if (!found) throw notFound('Time-limit policy', ref);
    if (found.active) await repos.slaPolicies.update({ ...found, active: false }, ctx.clock.now().toISOString());
  });
}

const nameTaken = (name: string) =>
  conflict('name_taken', `A time-limit policy named ${JSON.stringify(name)} already exists.`, { errors: [fieldIssue('name', 'taken', 'is taken')] });

async function ensureNameFree(repos: Repositories, name: string, exceptId?: string): Promise<void> {
  if (await repos.slaPolicies.nameExists(name, exceptId)) throw nameTaken(name);
}

/** Two administrators saving the same new name at once on PostgreSQL: the loser hears 409, not 500. */
async function withNameCheck<T>(name: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (name !== undefined && isUniqueViolation(error)) throw nameTaken(name);
    throw error;
  }
}

/** Ids a new policy holds already: none, so every reference must be active. */
const NONE_HELD: ReadonlySet<string> = new Set();

const listOf = (value: OneOrMany | undefined): Array<{ ref: string; field: (base: string) => string }> => {
  if (value === undefined) return [];
  if (typeof value === 'string') return [{ ref: value, field: (base) => base }];
  return value.map((ref, i) => ({ ref, field: (base) => `${base}.${i}` }));
};

type Named = { field: string; ref: string; held: ReadonlySet<string> };

async function resolveMatch(repos: Repositories, input: MatchInput, held: ReadonlySet<string>): Promise<PolicyMatch> {
  const ids = async (value: OneOrMany | undefined, base: string, resolve: (named: Named) => Promise<{ id: string }>) => {
    const resolved: string[] = [];
    for (const { ref, field } of listOf(value)) resolved.push((await resolve({ field: field(base), ref, held })).id);
    return resolved;
  };
  return {
    categoryIds: await ids(input.category, 'match.category', (n) => resolveCategory(repos, n)),
    serviceItemIds: await ids(input.serviceItem, 'match.serviceItem', (n) => resolveServiceItem(repos, n)),
    priorityIds: await ids(input.priority, 'match.priority', (n) => resolvePriority(repos, n)),
    channels: listOf(input.channel).map((c) => c.ref),
    customerTiers: listOf(input.customerTier).map((c) => c.ref),
  };
}

async function resolveCalendar(repos: Repositories, ref: string, held: ReadonlySet<string>): Promise<string> {
  const heldId = (await repos.reference()).calendars.find(ref)?.id;
  const id = (await repos.slaPolicies.findCalendarId(ref)) ?? (heldId !== undefined && held.has(heldId) ? heldId : null);
  if (id === null) {
    const message = `no active calendar has the id or code ${JSON.stringify(ref)}`;
    throw unprocessable('invalid_reference', `calendar: ${message}.`, [fieldIssue('calendar', 'unknown_reference', message)]);
  }
  return id;
}

/** Resolves every reference of the targets, fills in the defaults, then checks the policy rules. */
async function resolveTargets(repos: Repositories, input: TargetsInput, held: ReadonlySet<string>): Promise<Partial<Record<SlaTarget, TargetSpec>>> {
  const targets: Partial<Record<SlaTarget, TargetSpec>> = {};
  for (const name of SLA_TARGETS) {
    const given = input[name];
    if (given) targets[name] = await resolveTarget(repos, given, `targets.${name}`, held);
  }
  const issues = policyIssues(targets);
  if (issues.length > 0) {
    const detail = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
    throw unprocessable(issues[0]!.code, `The time limits are not consistent: ${detail}.`, issues.map(({ field, issue, message, params }) => fieldIssue(field, issue, message, params)));
  }
  return targets;
}

async function resolveTarget(repos: Repositories, input: TargetInput, at: string, held: ReadonlySet<string>): Promise<TargetSpec> {
  const byDepartment: Record<string, number> = {};
  for (const [ref, minutes] of Object.entries(input.byDepartment ?? {})) {
    const field = `${at}.byDepartment.${ref}`;
    const { id } = await resolveDepartment(repos, { field, ref, held });
    if (id in byDepartment) {
      throw unprocessable('duplicate_department', `${field}: this department already has a limit under another of its references.`, [
        fieldIssue(field, 'duplicate', 'names a department already given'),
      ]);
    }
    byDepartment[id] = minutes;
  }
  const escalation: EscalationLevel[] = [];
  for (const [i, level] of (input.escalation ?? []).entries()) {
    const actions: EscalationAction[] = [];
    for (const [j, action] of level.actions.entries()) actions.push(await resolveAction(repos, action, `${at}.escalation.${i}.actions.${j}`, held));
    escalation.push({ afterMinutes: level.afterMinutes, actions });
  }
  return {
    minutes: input.minutes,
    businessTime: input.businessTime ?? true,
    warnAt: input.warnAt ? { percent: input.warnAt.percent ?? [], minutesBefore: input.warnAt.minutesBefore ?? [] } : structuredClone(DEFAULT_WARN_AT),
    notify: input.notify ? await resolveRecipients(repos, input.notify, `${at}.notify`, held) : structuredClone(DEFAULT_NOTIFY),
    pauseWhileWaiting: input.pauseWhileWaiting ?? true,
    escalation,
    byDepartment,
  };
}

async function resolveAction(repos: Repositories, input: EscalationActionInput, at: string, held: ReadonlySet<string>): Promise<EscalationAction> {
  switch (input.type) {
    case 'notify':
      return { type: 'notify', recipients: await resolveRecipients(repos, input.recipients, `${at}.recipients`, held) };
    case 'setPriority':
      return { type: 'setPriority', priorityId: (await resolvePriority(repos, { field: `${at}.priority`, ref: input.priority, held })).id };
    case 'reassign':
      return {
        type: 'reassign',
        departmentId: input.department !== undefined ? (await resolveDepartment(repos, { field: `${at}.department`, ref: input.department, held })).id : null,
        userId: input.user !== undefined ? (await resolveUser(repos, { field: `${at}.user`, ref: input.user, held })).id : null,
      };
    case 'markDifficult':
      return { type: 'markDifficult' };
  }
}

async function resolveRecipients(repos: Repositories, input: RecipientInput[], at: string, held: ReadonlySet<string>): Promise<Recipient[]> {
  const recipients: Recipient[] = [];
  for (const [i, r] of input.entries()) {
    if (typeof r === 'string') recipients.push({ kind: r });
    else if ('user' in r) recipients.push({ kind: 'user', userId: (await resolveUser(repos, { field: `${at}.${i}.user`, ref: r.user, held })).id });
    else {
      const field = `${at}.${i}.departmentSupervisors`;
      recipients.push({ kind: 'departmentSupervisors', departmentId: (await resolveDepartment(repos, { field, ref: r.departmentSupervisors, held })).id });
    }
  }
  return recipients;
}
