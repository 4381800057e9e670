import { useQueries } from '@tanstack/react-query';
import type { User } from '../../api/auth';
import { departmentMembersQuery } from '../../api/ticket-actions';

/** Who may hold tickets: the server refuses to assign anyone outside the ticket's department (assignee_not_in_department). */
const takesTickets = (user: User) => user.active && (user.role === 'handler' || user.role === 'supervisor');

/**
 * The people a ticket of each of these departments may be assigned to: active handlers and
 * supervisors who are members of them all (one department for a single ticket, every department
 * of a selection for a batch). No department, nobody: such a ticket is not assigned.
 */
export function useAssignableMembers(departmentIds: readonly string[]): { members: User[]; loading: boolean } {
  const lists = useQueries({ queries: [...new Set(departmentIds)].map((id) => departmentMembersQuery(id)) });
  const loading = lists.some((list) => list.isPending);
  const [first, ...rest] = lists.map((list) => list.data ?? []);
  if (loading || first === undefined) return { members: [], loading };
  return { members: first.filter((user) => takesTickets(user) && rest.every((list) => list.some((member) => member.id === user.id))), loading };
}
