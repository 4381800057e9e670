import type { UseCaseContext } from '../../app/context.js';
import type { Repositories } from '../../app/repositories.js';
import { notFound } from '../../platform/errors.js';
import { policyTargets, policyUserIds } from '../domain/sla-policy-rules.js';
import type { EscalationAction, ExtensionLimits, Recipient, SlaTarget, TargetSpec, WarnAt } from '../domain/sla-policy.js';
import type { StoredSlaPolicy, UserRef } from '../persistence/sla-policies-repository.js';

/** A piece of reference data (category, service item, priority, department, calendar) as a policy shows it. */
export interface RefView {
  id: string;
  code: string;
  name: string;
  /** The English name where the reference data has one (categories, service items, priorities, departments). */
  nameEn: string | null;
}

export type RecipientView = 'assignee' | 'supervisors' | 'creator' | { user: UserRef } | { departmentSupervisors: RefView };

export type EscalationActionView =
  | { type: 'notify'; recipients: RecipientView[] }
  | { type: 'setPriority'; priority: RefView }
  | { type: 'reassign'; department: RefView | null; user: UserRef | null }
  | { type: 'markDifficult' };

export interface TargetView {
  minutes: number;
  businessTime: boolean;
  warnAt: WarnAt;
  notify: RecipientView[];
  pauseWhileWaiting: boolean;
  escalation: Array<{ afterMinutes: number; actions: EscalationActionView[] }>;
  /** Step targets: the departments with a limit of their own, by department code. */
  byDepartment: Array<{ department: RefView; minutes: number }>;
}

/** A policy as the API shows it: the request's shape, with every reference spelled out. */
export interface SlaPolicyView {
  id: string;
  name: string;
  active: boolean;
  match: {
    category: RefView[];
    serviceItem: RefView[];
    priority: RefView[];
    channel: string[];
    customerTier: string[];
  };
  /** Null: the default 24×7 calendar. */
  calendar: RefView | null;
  targets: Partial<Record<SlaTarget, TargetView>>;
  extensions: ExtensionLimits;
  createdAt: string;
  updatedAt: string;
}

export function listSlaPolicies(ctx: UseCaseContext, includeInactive: boolean): Promise<SlaPolicyView[]> {
  return ctx.uow.read(async (repos) => describePolicies(repos, await repos.slaPolicies.list(includeInactive)));
}

/** One policy, by id or name (deactivated ones too). */
export function getSlaPolicy(ctx: UseCaseContext, ref: string): Promise<SlaPolicyView> {
  return ctx.uow.read(async (repos) => {
    const found = await repos.slaPolicies.findByRef(ref);
    if (!found) throw notFound('Time-limit policy', ref);
    return (await describePolicies(repos, [found]))[0]!;
  });
}

/**
 * Spells out the references of policies: reference data from the snapshot, users and
 * calendars in one query each. Reference data is only ever deactivated, never deleted, so every
 * id is found; should one not be, it is shown by its id.
 */
export async function describePolicies(repos: Repositories, policies: readonly StoredSlaPolicy[]): Promise<SlaPolicyView[]> {
  const reference = await repos.reference();
  const calendarIds = [...new Set(policies.flatMap((p) => (p.calendarId ? [p.calendarId] : [])))];
  const calendars = new Map((await repos.slaPolicies.calendarRefs(calendarIds)).map((c) => [c.id, c]));
  const userIds = [...new Set(policies.flatMap((p) => policyUserIds(p)))];
  const users = new Map((await repos.slaPolicies.userRefs(userIds)).map((u) => [u.id, u]));

  const ref = (found: (Omit<RefView, 'nameEn'> & { nameEn?: string | null }) | undefined, id: string): RefView =>
    found ? { id: found.id, code: found.code, name: found.name, nameEn: found.nameEn ?? null } : { id, code: id, name: id, nameEn: null };
  const category = (id: string) => ref(reference.categories.find(id), id);
  const serviceItem = (id: string) => ref(reference.serviceItems.find(id), id);
  const priority = (id: string) => ref(reference.priorities.find(id), id);
  const department = (id: string) => ref(reference.departments.find(id), id);
  const user = (id: string): UserRef => users.get(id) ?? { id, username: id, displayName: id };

  const recipient = (r: Recipient): RecipientView => {
    switch (r.kind) {
      case 'user':
        return { user: user(r.userId) };
      case 'departmentSupervisors':
        return { departmentSupervisors: department(r.departmentId) };
      default:
        return r.kind;
    }
  };
  const action = (a: EscalationAction): EscalationActionView => {
    switch (a.type) {
      case 'notify':
        return { type: 'notify', recipients: a.recipients.map(recipient) };
      case 'setPriority':
        return { type: 'setPriority', priority: priority(a.priorityId) };
      case 'reassign':
        return { type: 'reassign', department: a.departmentId ? department(a.departmentId) : null, user: a.userId ? user(a.userId) : null };
      case 'markDifficult':
        return { type: 'markDifficult' };
    }
  };
  const target = (spec: TargetSpec): TargetView => ({
    minutes: spec.minutes,
    businessTime: spec.businessTime,
    warnAt: { percent: [...spec.warnAt.percent], minutesBefore: [...spec.warnAt.minutesBefore] },
    notify: spec.notify.map(recipient),
    pauseWhileWaiting: spec.pauseWhileWaiting,
    escalation: spec.escalation.map((level) => ({ afterMinutes: level.afterMinutes, actions: level.actions.map(action) })),
    // By department code: PostgreSQL's jsonb keeps no key order, so the stored order is not the given one.
    byDepartment: Object.entries(spec.byDepartment)
      .map(([id, minutes]) => ({ department: department(id), minutes }))
      .sort((x, y) => (x.department.code < y.department.code ? -1 : x.department.code > y.department.code ? 1 : 0)),
  });

  return policies.map((p) => ({
    id: p.id,
    name: p.name,
    active: p.active,
    match: {
      category: p.match.categoryIds.map(category),
      serviceItem: p.match.serviceItemIds.map(serviceItem),
      priority: p.match.priorityIds.map(priority),
      channel: [...p.match.channels],
      customerTier: [...p.match.customerTiers],
    },
    calendar: p.calendarId ? ref(calendars.get(p.calendarId), p.calendarId) : null,
    targets: Object.fromEntries(policyTargets(p).map(([name, spec]) => [name, target(spec)])),
    extensions: { ...p.extensions },
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  }));
}
