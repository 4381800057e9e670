import type { Session } from '../../api/auth';
import type { ExtensionRequest } from '../../api/extensions';
import type { Deadline, TicketAction, TicketDetail } from '../../api/tickets';

/**
 * Which actions the ticket page offers and how: the server's `allowedActions` decide what is
 * possible; this file only decides the presentation (buttons in the header or the "more" menu,
 * a form or a single click). `extension` (延时申请) is not a ticket action of the state machine
 * but a request on one of its time limits, offered beside them.
 */

export type PageAction = Exclude<TicketAction, 'update'> | 'extension';

/** Actions that need no input: one click (the version still guards them). */
export const DIRECT_ACTIONS: readonly PageAction[] = ['claim', 'accept'];

/** What most people come to the page to do, in the order they are offered as buttons. */
const PRIMARY_ORDER: readonly PageAction[] = ['dispatch', 'claim', 'accept', 'resolve', 'reply', 'resume', 'reopen', 'note'];
const MAX_BUTTONS = 4;

/** The order of the "more" menu. */
const SECONDARY_ORDER: readonly PageAction[] = ['assign', 'transfer', 'return', 'wait', 'extension', 'close', 'merge', 'cancel', ...PRIMARY_ORDER];

export type DialogAction = Exclude<PageAction, 'claim' | 'accept'>;
export const isDialogAction = (action: PageAction): action is DialogAction => !DIRECT_ACTIONS.includes(action);

const HANDLING_ROLES = ['admin', 'supervisor', 'handler'];

/**
 * Time limits still counting and not yet breached: the ones an extension may be asked for; given
 * the ticket's extension requests, without those that already have one waiting for a decision
 * (the server refuses a second, 409 extension_pending).
 */
export function extendableDeadlines(ticket: TicketDetail, requests: readonly ExtensionRequest[] = []): Deadline[] {
  const awaiting = new Set(requests.filter((r) => r.status === 'pending').map((r) => r.deadlineId));
  return (ticket.sla.targets ?? []).filter((d) => d.current && (d.state === 'running' || d.state === 'warned') && d.dueAt !== null && !awaiting.has(d.id));
}

/** The server's rule for asking an extension (src/sla/use-cases/extension-requests.ts), to offer it only where it may succeed. */
export function mayRequestExtension(ticket: TicketDetail, requests: readonly ExtensionRequest[], session: Session | null | undefined): boolean {
  const user = session?.user;
  if (!user || !HANDLING_ROLES.includes(user.role)) return false;
  const holds = user.role === 'admin' || ticket.assignee?.id === user.id || (ticket.department !== null && user.departments.includes(ticket.department.id));
  return holds && extendableDeadlines(ticket, requests).length > 0;
}

/** Whether the user decides extension requests of this department (its supervisors, or an admin). */
export function mayDecideExtension(departmentId: string | null, session: Session | null | undefined): boolean {
  const user = session?.user;
  if (!user) return false;
  return user.role === 'admin' || (user.role === 'supervisor' && departmentId !== null && user.departments.includes(departmentId));
}

/** The page's actions split into header buttons and the "more" menu; `requests`: the ticket's extension requests. */
export function arrangeActions(
  ticket: TicketDetail,
  requests: readonly ExtensionRequest[],
  session: Session | null | undefined,
): { buttons: PageAction[]; more: PageAction[] } {
  const allowed = new Set<PageAction>();
  for (const action of ticket.allowedActions) if (action !== 'update') allowed.add(action);
  if (mayRequestExtension(ticket, requests, session)) allowed.add('extension');
  // Handled with no reply owed, or replied to: closing is what is left to do (the 待关闭 queue).
  const closing = (ticket.status === 'handled' || ticket.status === 'replied') && allowed.has('close');
  const buttons = (closing ? ['close' as const, ...PRIMARY_ORDER] : PRIMARY_ORDER).filter((a) => allowed.has(a)).slice(0, MAX_BUTTONS);
  const more = SECONDARY_ORDER.filter((a) => allowed.has(a) && !buttons.includes(a));
  return { buttons, more };
}
