export const ROLES = ['admin', 'supervisor', 'agent', 'handler', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Administrators and auditors belong to no department and oversee them all: every department's tickets, queues and board are theirs to see. */
export function overseesAllDepartments(role: Role): boolean {
  return role === 'admin' || role === 'auditor';
}

/** Who is acting: the signed-in user as the domain sees them. */
export interface Actor {
  id: string;
  role: Role;
  departmentIds: readonly string[];
}
