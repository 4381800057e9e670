import { SLA_TARGETS, type Channel, type SlaTarget } from '../../../api/domain';
import {
  actionToInput,
  recipientToInput,
  type ActionInput,
  type ActionType,
  type RecipientInput,
  type RecipientView,
  type SlaPolicy,
  type SlaPolicyInput,
  type TargetInput,
  type TargetView,
} from '../../../api/admin-sla';

/**
 * A time-limit policy as the editor's form holds it, and the conversions both ways. Recipients
 * are encoded as one string each ("assignee", "user:<id>", "dept:<id>") so one multi-select can
 * offer roles, people and departments' supervisors together.
 */

export interface ActionValues {
  type: ActionType;
  recipients?: string[];
  priority?: string;
  department?: string;
  user?: string;
}

export interface TargetValues {
  enabled: boolean;
  minutes: number | null;
  businessTime: boolean;
  pauseWhileWaiting: boolean;
  percent: Array<string | number>;
  minutesBefore: Array<string | number>;
  notify: string[];
  byDepartment: Array<{ department: string; minutes: number | null }>;
  escalation: Array<{ afterMinutes: number | null; actions: ActionValues[] }>;
}

export interface PolicyValues {
  name: string;
  active: boolean;
  /** '' is the default 24×7 calendar */
  calendar: string;
  match: { category: string[]; serviceItem: string[]; priority: string[]; channel: Channel[]; customerTier: string[] };
  extensions: { maxPerDeadline: number | null; maxMinutes: number | null };
  targets: Record<SlaTarget, TargetValues>;
}

export function encodeRecipient(recipient: RecipientInput): string {
  if (typeof recipient === 'string') return recipient;
  return 'user' in recipient ? `user:${recipient.user}` : `dept:${recipient.departmentSupervisors}`;
}

export function decodeRecipient(value: string): RecipientInput {
  if (value.startsWith('user:')) return { user: value.slice(5) };
  if (value.startsWith('dept:')) return { departmentSupervisors: value.slice(5) };
  return value as RecipientInput;
}

const encodeAll = (recipients: RecipientView[]) => recipients.map((r) => encodeRecipient(recipientToInput(r)));

function emptyTarget(enabled: boolean, minutes: number | null): TargetValues {
  return { enabled, minutes, businessTime: true, pauseWhileWaiting: true, percent: [75], minutesBefore: [], notify: ['assignee', 'supervisors'], byDepartment: [], escalation: [] };
}

function toTargetValues(target: TargetView | undefined): TargetValues {
  if (!target) return emptyTarget(false, null);
  return {
    enabled: true,
    minutes: target.minutes,
    businessTime: target.businessTime,
    pauseWhileWaiting: target.pauseWhileWaiting,
    percent: target.warnAt.percent,
    minutesBefore: target.warnAt.minutesBefore,
    notify: encodeAll(target.notify),
    byDepartment: target.byDepartment.map((entry) => ({ department: entry.department.id, minutes: entry.minutes })),
    escalation: target.escalation.map((level) => ({
      afterMinutes: level.afterMinutes,
      actions: level.actions.map((action) => {
        const input = actionToInput(action);
        if (input.type === 'notify') return { type: 'notify', recipients: input.recipients.map(encodeRecipient) };
        return input;
      }),
    })),
  };
}

export function toPolicyValues(policy: SlaPolicy | undefined): PolicyValues {
  return {
    name: policy?.name ?? '',
    active: policy?.active ?? true,
    calendar: policy?.calendar?.id ?? '',
    match: {
      category: policy?.match.category.map((r) => r.id) ?? [],
      serviceItem: policy?.match.serviceItem.map((r) => r.id) ?? [],
      priority: policy?.match.priority.map((r) => r.id) ?? [],
      channel: (policy?.match.channel ?? []) as Channel[],
      customerTier: policy?.match.customerTier ?? [],
    },
    extensions: { maxPerDeadline: policy?.extensions.maxPerDeadline ?? 2, maxMinutes: policy?.extensions.maxMinutes ?? 1440 },
    targets: Object.fromEntries(
      SLA_TARGETS.map((target) => [target, policy ? toTargetValues(policy.targets[target]) : emptyTarget(target === 'resolution', target === 'resolution' ? 1440 : null)]),
    ) as Record<SlaTarget, TargetValues>,
  };
}

const numbers = (values: Array<string | number>) => values.map((v) => Number(v));

function toActionInput(action: ActionValues): ActionInput {
  switch (action.type) {
    case 'notify':
      return { type: 'notify', recipients: (action.recipients ?? []).map(decodeRecipient) };
    case 'setPriority':
      return { type: 'setPriority', priority: action.priority ?? '' };
    case 'reassign':
      return { type: 'reassign', ...(action.department && { department: action.department }), ...(action.user && { user: action.user }) };
    case 'markDifficult':
      return { type: 'markDifficult' };
  }
}

function toTargetInput(target: TargetValues, isStep: boolean): TargetInput {
  return {
    minutes: target.minutes ?? 0,
    businessTime: target.businessTime,
    pauseWhileWaiting: target.pauseWhileWaiting,
    warnAt: { percent: numbers(target.percent ?? []), minutesBefore: numbers(target.minutesBefore ?? []) },
    notify: (target.notify ?? []).map(decodeRecipient),
    escalation: (target.escalation ?? []).map((level) => ({ afterMinutes: level.afterMinutes ?? 0, actions: (level.actions ?? []).map(toActionInput) })),
    ...(isStep && { byDepartment: Object.fromEntries((target.byDepartment ?? []).map((entry) => [entry.department, entry.minutes ?? 0])) }),
  };
}

/** The whole policy, as the API takes it (targets, match and extensions are replaced whole). */
export function toPolicyInput(values: PolicyValues): SlaPolicyInput {
  const targets: Partial<Record<SlaTarget, TargetInput>> = {};
  for (const target of SLA_TARGETS) {
    const value = values.targets[target];
    if (value?.enabled) targets[target] = toTargetInput(value, target === 'step');
  }
  return {
    name: values.name,
    active: values.active,
    calendar: values.calendar || null,
    match: values.match,
    extensions: { maxPerDeadline: values.extensions.maxPerDeadline ?? 2, maxMinutes: values.extensions.maxMinutes ?? 1440 },
    targets,
  };
}

/** The server's field paths as the form's: warnAt lists and their items sit on the target's own fields. */
export function renamePolicyField(field: string): string {
  return field
    .replace(/^(targets\.\w+)\.warnAt\.(percent|minutesBefore)(\.\d+)?$/, '$1.$2')
    .replace(/^(targets\.\w+)\.byDepartment\..+$/, '$1.byDepartment')
    .replace(/^(targets\.\w+\.(?:notify|escalation\.\d+\.actions\.\d+\.recipients))\.\d+$/, '$1')
    .replace(/^(match\.\w+)\.\d+$/, '$1');
}
