import type { FieldIssue } from '../../platform/errors.js';
import { SLA_TARGETS, type ExtensionLimits, type Recipient, type SlaPolicy, type SlaTarget, type TargetSpec, type WarnAt } from './sla-policy.js';

/**
 * The rules a time-limit policy must keep beyond the shape of its fields, and the defaults an
 * administrator may leave out. Pure: the use cases resolve references, then check here.
 */

/** One year: the longest target, extension or escalation delay, in minutes. */
export const MAX_POLICY_MINUTES = 525_600;
export const MAX_ESCALATION_LEVELS = 10;
export const MAX_LEVEL_ACTIONS = 10;

export const DEFAULT_WARN_AT: WarnAt = { percent: [75], minutesBefore: [] };
export const DEFAULT_NOTIFY: Recipient[] = [{ kind: 'assignee' }, { kind: 'supervisors' }];
export const DEFAULT_EXTENSIONS: ExtensionLimits = { maxPerDeadline: 2, maxMinutes: 1440 };

/** A broken rule: the problem's code, and the field it concerns with what is wrong with it (`issue`). */
export interface PolicyIssue extends Omit<FieldIssue, 'code'> {
  code: 'target_required' | 'step_only' | 'warning_not_before_due' | 'duplicate_warning';
  issue: FieldIssue['code'];
}

/**
 * Checks a policy's targets: at least one; per-department limits only on the step target
 * (the other clocks do not belong to one department); every "minutes before" warning strictly
 * inside the allowed time (otherwise it would fire as the clock starts); no warning twice.
 */
export function policyIssues(targets: Partial<Record<SlaTarget, TargetSpec>>): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const named = policyTargets({ targets });
  if (named.length === 0) {
    issues.push({ code: 'target_required', field: 'targets', issue: 'required', message: `name at least one of ${SLA_TARGETS.join(', ')}` });
  }
  for (const [target, spec] of named) {
    const at = `targets.${target}`;
    if (target !== 'step' && Object.keys(spec.byDepartment).length > 0) {
      issues.push({ code: 'step_only', field: `${at}.byDepartment`, issue: 'not_applicable', message: 'per-department limits are allowed only on the step target' });
    }
    spec.warnAt.minutesBefore.forEach((before, i) => {
      if (before >= spec.minutes) {
        issues.push({
          code: 'warning_not_before_due',
          field: `${at}.warnAt.minutesBefore.${i}`,
          issue: 'too_large',
          message: `must be less than the target's ${spec.minutes} minutes`,
          params: { max: spec.minutes - 1 },
        });
      }
    });
    for (const list of ['percent', 'minutesBefore'] as const) {
      spec.warnAt[list].forEach((value, i) => {
        if (spec.warnAt[list].indexOf(value) !== i) {
          issues.push({ code: 'duplicate_warning', field: `${at}.warnAt.${list}.${i}`, issue: 'duplicate', message: `${value} is given twice` });
        }
      });
    }
  }
  return issues;
}

/** The targets a policy sets, in the order of SLA_TARGETS. */
export function policyTargets(policy: Pick<SlaPolicy, 'targets'>): Array<[SlaTarget, TargetSpec]> {
  return SLA_TARGETS.flatMap((target) => {
    const spec = policy.targets[target];
    return spec ? [[target, spec] as [SlaTarget, TargetSpec]] : [];
  });
}

/** Every recipient a policy names, in warnings and in escalation levels. */
export function policyRecipients(policy: Pick<SlaPolicy, 'targets'>): Recipient[] {
  return policyTargets(policy).flatMap(([, spec]) => [
    ...spec.notify,
    ...spec.escalation.flatMap((level) => level.actions.flatMap((action) => (action.type === 'notify' ? action.recipients : []))),
  ]);
}

/** The users a policy names (user recipients and reassignment to a person). */
export function policyUserIds(policy: Pick<SlaPolicy, 'targets'>): string[] {
  const fromRecipients = policyRecipients(policy).flatMap((r) => (r.kind === 'user' ? [r.userId] : []));
  const fromActions = policyTargets(policy).flatMap(([, spec]) =>
    spec.escalation.flatMap((level) => level.actions.flatMap((a) => (a.type === 'reassign' && a.userId !== null ? [a.userId] : []))),
  );
  return [...new Set([...fromRecipients, ...fromActions])];
}
