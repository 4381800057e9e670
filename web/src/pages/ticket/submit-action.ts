import { requestExtension } from '../../api/extensions';
import { runTicketAction } from '../../api/ticket-actions';
import type { TicketDetail } from '../../api/tickets';
import { extendableDeadlines, type DialogAction } from './action-catalogue';
import { extensionUntil, type ActionFormValues } from './ActionFields';
import { fromPickerValue } from '../../i18n/zone-clock';

const text = (value: string | undefined) => value?.trim() ?? '';
const optional = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/**
 * Sends one action's form: the ticket as the server answers it after the action, or null when the
 * request answers something else (an extension request) and the ticket must be read again.
 */
export async function submitAction(action: DialogAction, values: ActionFormValues, ticket: TicketDetail, timeZone: string): Promise<TicketDetail | null> {
  switch (action) {
    case 'dispatch':
      return runTicketAction(ticket, 'dispatch', values.department ? { department: values.department } : {});
    case 'assign':
      return runTicketAction(ticket, 'assign', { assignee: values.assignee ?? '' });
    case 'note':
      return runTicketAction(ticket, 'note', { content: text(values.content), internal: values.internal ?? true });
    case 'transfer':
      return runTicketAction(ticket, 'transfer', { department: values.department ?? '', reason: text(values.reason) });
    case 'wait':
      return runTicketAction(ticket, 'wait', { reason: text(values.reason), ...(values.until && { until: new Date(fromPickerValue(values.until, timeZone)).toISOString() }) });
    case 'return':
    case 'reopen':
    case 'cancel':
      return runTicketAction(ticket, action, { reason: text(values.reason) });
    case 'resume':
    case 'close':
      return runTicketAction(ticket, action, { note: optional(values.note) });
    case 'resolve':
      return runTicketAction(ticket, 'resolve', { result: text(values.result) });
    case 'reply': {
      const objection = values.opinion === 'objection' ? true : values.opinion === 'none' ? false : undefined;
      return runTicketAction(ticket, 'reply', { channel: values.channel ?? 'phone', content: text(values.content), objection });
    }
    case 'merge':
      return runTicketAction(ticket, 'merge', { into: values.into ?? '', note: optional(values.note) });
    case 'extension': {
      const deadline = extendableDeadlines(ticket).find((d) => d.target === values.target);
      const until = extensionUntil(deadline?.dueAt ?? null, values.hours ?? 1);
      await requestExtension(ticket.id, { target: values.target ?? 'resolution', until, reason: text(values.reason) });
      return null;
    }
  }
}

/** The form field a server-side field error belongs to. */
export function formFieldOf(serverField: string, action: DialogAction): keyof ActionFormValues | null {
  const known: Record<string, keyof ActionFormValues> = {
    department: 'department',
    assignee: 'assignee',
    content: 'content',
    reason: 'reason',
    note: 'note',
    result: 'result',
    channel: 'channel',
    objection: 'opinion',
    into: 'into',
    target: 'target',
    // An extension's `until` is chosen as hours; a wait's as a time.
    until: action === 'wait' ? 'until' : 'hours',
  };
  return known[serverField] ?? null;
}
