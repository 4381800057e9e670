export const ROLES = ['admin', 'supervisor', 'agent', 'handler', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: the signed-in user as the domain sees them. */
export interface Actor {
  id: string;
  role: Role;
  departmentIds: readonly string[];
}

/** The system itself (routing, automatic assignment) acts with no user. */
export const SYSTEM_ACTOR_ID = null;

/** Whether the role may change administrative data (taxonomies, users, rules). */
export function canAdminister(role: Role): boolean {
  return role === 'admin';
}

/** Whether the role may read everything (admin and auditor). */
export function seesEverything(role: Role): boolean {
  return role === 'admin' || role === 'auditor';
}
