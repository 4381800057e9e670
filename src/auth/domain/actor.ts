export const ROLES = ['admin', 'supervisor', 'agent', 'handler', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: the signed-in user as the domain sees them. */
export interface Actor {
  id: string;
  role: Role;
  departmentIds: readonly string[];
}
