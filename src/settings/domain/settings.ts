/** Organisation-wide settings an administrator edits. Ids point at reference data. */
export interface OrganisationSettings {
  /** Where a reply with an objection (有异议) sends the ticket: the 疑难 difficult-case group. */
  difficultCaseDepartmentId: string | null;
  /**
   * The department that dispatches (派单) and replies (答复): the call centre, whose supervisors
   * answer for the dispatch queue and the reply queue. Time-limit warnings and breaches on a ticket
   * waiting there (never dispatched or returned; handled with its reply clock running) tell its
   * supervisors where a policy says `supervisors`; null: the supervisors of the departments of
   * the user who recorded the ticket.
   */
  dispatchDepartmentId: string | null;
  /** Classification given to tickets from channels that cannot classify them, which are then flagged for triage. */
  intakeDefaults: { categoryId: string | null; serviceItemId: string | null; priorityId: string | null };
  /**
   * A wait without a resume time (挂起) resumes by itself after this many working hours on the
   * department's calendar, so a ticket parked for a customer who never calls back is not lost;
   * null lets such waits last until someone resumes them.
   */
  waitReminderHours: number | null;
}

/** The longest default wait an administrator may set, in working hours (about half a working year). */
export const MAX_WAIT_REMINDER_HOURS = 1000;

export const EMPTY_SETTINGS: OrganisationSettings = {
  difficultCaseDepartmentId: null,
  dispatchDepartmentId: null,
  intakeDefaults: { categoryId: null, serviceItemId: null, priorityId: null },
  waitReminderHours: null,
};

export type SettingReference = 'category' | 'serviceItem' | 'priority' | 'department';

/**
 * The setting that names this category, service item, priority or department, or null. Such an
 * entry cannot be deleted while named: every unclassified email or WeChat ticket, or every
 * objection, would then be refused, and the dispatch queue's alerts would go to a department
 * that is gone.
 */
export function settingNaming(settings: OrganisationSettings, kind: SettingReference, id: string): string | null {
  if (kind === 'department') {
    if (settings.difficultCaseDepartmentId === id) return 'difficultCaseDepartment';
    return settings.dispatchDepartmentId === id ? 'dispatchDepartment' : null;
  }
  const key = `${kind}Id` as const;
  return settings.intakeDefaults[key] === id ? `intakeDefaults.${kind}` : null;
}
