import type { Role } from '../api/auth';
import type { Queue } from '../api/tickets';

/**
 * What each role may use in the console, from README "Roles and what they may see". The
 * server decides what anyone may do; this only keeps the menu to what makes sense for a role.
 */

export type PageKey = 'tickets' | 'newTicket' | 'customers' | 'board' | 'notifications' | 'audit' | 'imports' | 'admin';

export interface PageAccess {
  key: PageKey;
  path: string;
  roles: readonly Role[];
}

const EVERYONE: readonly Role[] = ['admin', 'supervisor', 'agent', 'handler', 'auditor'];

/** The side menu, in order. */
export const PAGES: readonly PageAccess[] = [
  { key: 'tickets', path: '/tickets', roles: EVERYONE },
  { key: 'newTicket', path: '/tickets/new', roles: ['admin', 'supervisor', 'agent', 'handler'] },
  { key: 'customers', path: '/customers', roles: EVERYONE },
  { key: 'board', path: '/board', roles: ['admin', 'supervisor', 'auditor'] },
  { key: 'notifications', path: '/notifications', roles: EVERYONE },
  // The server's rule (mayReadAuditLog): administrators and auditors.
  { key: 'audit', path: '/audit', roles: ['admin', 'auditor'] },
  // The server's rule (mayImport): customers by administrators, tickets by administrators and supervisors.
  { key: 'imports', path: '/imports', roles: ['admin', 'supervisor'] },
  { key: 'admin', path: '/admin', roles: ['admin'] },
];

export function pagesFor(role: Role): PageAccess[] {
  return PAGES.filter((page) => page.roles.includes(role));
}

export function mayUse(role: Role, key: PageKey): boolean {
  return PAGES.some((page) => page.key === key && page.roles.includes(role));
}

/**
 * A tab of the ticket list: a named queue of the API, everything the user may see, or the
 * tickets among those whose time limit has run out (`overdue`) or is about to (`warned`).
 */
export type QueueTab = Queue | 'all' | 'overdue' | 'warned';

/** The list's tabs per role, the first being where the role starts. */
const QUEUE_TABS: Record<Role, readonly QueueTab[]> = {
  admin: ['all', 'dispatch', 'department', 'mine', 'awaiting_reply', 'to_close', 'returned', 'waiting', 'overdue', 'warned'],
  supervisor: ['department', 'mine', 'to_close', 'dispatch', 'awaiting_reply', 'returned', 'waiting', 'overdue', 'warned', 'all'],
  agent: ['dispatch', 'awaiting_reply', 'returned', 'waiting', 'overdue', 'warned', 'all'],
  handler: ['department', 'mine', 'to_close', 'waiting', 'overdue', 'warned', 'all'],
  auditor: ['all', 'dispatch', 'department', 'awaiting_reply', 'to_close', 'returned', 'waiting', 'overdue', 'warned'],
};

export function queueTabsFor(role: Role): readonly QueueTab[] {
  return QUEUE_TABS[role];
}
