import { api } from './client';
import type { Channel, SlaTarget } from './domain';

/**
 * Time-limit policies (时限策略): which tickets they match, their targets (minutes, warnings, who
 * is told) and each target's escalation chain (升级). Read with references resolved; written with
 * ids, and match, targets and extensions are replaced whole on a change.
 */

export interface RefView {
  id: string;
  code: string;
  name: string;
}

export interface UserRefView {
  id: string;
  username: string;
  displayName: string;
}

export const RECIPIENT_ROLES = ['assignee', 'supervisors', 'creator'] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

export type RecipientView = RecipientRole | { user: UserRefView } | { departmentSupervisors: RefView };
export type RecipientInput = RecipientRole | { user: string } | { departmentSupervisors: string };

export type ActionView =
  | { type: 'notify'; recipients: RecipientView[] }
  | { type: 'setPriority'; priority: RefView }
  | { type: 'reassign'; department: RefView | null; user: UserRefView | null }
  | { type: 'markDifficult' };

export type ActionInput =
  | { type: 'notify'; recipients: RecipientInput[] }
  | { type: 'setPriority'; priority: string }
  | { type: 'reassign'; department?: string; user?: string }
  | { type: 'markDifficult' };

export const ACTION_TYPES = ['notify', 'setPriority', 'reassign', 'markDifficult'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export interface TargetView {
  minutes: number;
  businessTime: boolean;
  warnAt: { percent: number[]; minutesBefore: number[] };
  notify: RecipientView[];
  pauseWhileWaiting: boolean;
  escalation: Array<{ afterMinutes: number; actions: ActionView[] }>;
  byDepartment: Array<{ department: RefView; minutes: number }>;
}

export interface TargetInput {
  minutes: number;
  businessTime?: boolean;
  warnAt?: { percent?: number[]; minutesBefore?: number[] };
  notify?: RecipientInput[];
  pauseWhileWaiting?: boolean;
  escalation?: Array<{ afterMinutes: number; actions: ActionInput[] }>;
  byDepartment?: Record<string, number>;
}

export interface SlaPolicy {
  id: string;
  name: string;
  active: boolean;
  match: { category: RefView[]; serviceItem: RefView[]; priority: RefView[]; channel: string[]; customerTier: string[] };
  calendar: RefView | null;
  targets: Partial<Record<SlaTarget, TargetView>>;
  extensions: { maxPerDeadline: number; maxMinutes: number };
  createdAt: string;
  updatedAt: string;
}

export interface SlaPolicyInput {
  name?: string;
  active?: boolean;
  match?: { category?: string[]; serviceItem?: string[]; priority?: string[]; channel?: Channel[]; customerTier?: string[] };
  calendar?: string | null;
  extensions?: { maxPerDeadline?: number; maxMinutes?: number };
  targets?: Partial<Record<SlaTarget, TargetInput>>;
}

const enc = encodeURIComponent;

export const listSlaPolicies = async (signal?: AbortSignal) =>
  (await api.get<{ items: SlaPolicy[] }>('/sla-policies', { includeInactive: 'true' }, signal)).items;
export const createSlaPolicy = (body: SlaPolicyInput) => api.post<SlaPolicy>('/sla-policies', body);
export const updateSlaPolicy = (id: string, body: SlaPolicyInput) => api.patch<SlaPolicy>(`/sla-policies/${enc(id)}`, body);
export const deactivateSlaPolicy = (id: string) => api.delete<void>(`/sla-policies/${enc(id)}`);

export function recipientToInput(recipient: RecipientView): RecipientInput {
  if (typeof recipient === 'string') return recipient;
  if ('user' in recipient) return { user: recipient.user.id };
  return { departmentSupervisors: recipient.departmentSupervisors.id };
}

export function actionToInput(action: ActionView): ActionInput {
  switch (action.type) {
    case 'notify':
      return { type: 'notify', recipients: action.recipients.map(recipientToInput) };
    case 'setPriority':
      return { type: 'setPriority', priority: action.priority.id };
    case 'reassign':
      return { type: 'reassign', ...(action.department && { department: action.department.id }), ...(action.user && { user: action.user.id }) };
    case 'markDifficult':
      return { type: 'markDifficult' };
  }
}

/** A target as read, turned into what a change sends back (the API replaces targets whole). */
export function targetToInput(target: TargetView): TargetInput {
  return {
    minutes: target.minutes,
    businessTime: target.businessTime,
    warnAt: { percent: target.warnAt.percent, minutesBefore: target.warnAt.minutesBefore },
    notify: target.notify.map(recipientToInput),
    pauseWhileWaiting: target.pauseWhileWaiting,
    escalation: target.escalation.map((level) => ({ afterMinutes: level.afterMinutes, actions: level.actions.map(actionToInput) })),
    byDepartment: Object.fromEntries(target.byDepartment.map((entry) => [entry.department.id, entry.minutes])),
  };
}
