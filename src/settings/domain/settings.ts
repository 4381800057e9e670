/** Organisation-wide settings an administrator edits. Ids point at reference data. */
export interface OrganisationSettings {
  /** Where a reply with an objection (有异议) sends the ticket: the 疑难 difficult-case group. */
  difficultCaseDepartmentId: string | null;
  /** Classification given to tickets from channels that cannot classify them, which are then flagged for triage. */
  intakeDefaults: { categoryId: string | null; serviceItemId: string | null; priorityId: string | null };
}

export const EMPTY_SETTINGS: OrganisationSettings = {
  difficultCaseDepartmentId: null,
  intakeDefaults: { categoryId: null, serviceItemId: null, priorityId: null },
};
