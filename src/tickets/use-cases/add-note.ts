import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import type { TicketView } from '../persistence/ticket-view.js';
import { runTicketAction, type ActionRequest } from './ticket-command.js';

/** 中途意见: a note while handling; internal notes are for staff, the others may be shown to the customer. */
export function addNote(
  ctx: UseCaseContext,
  actor: Actor,
  request: Omit<ActionRequest, 'action'>,
  body: { content: string; internal: boolean },
): Promise<TicketView> {
  return runTicketAction(ctx, actor, { ...request, action: 'note' }, async () => ({
    patch: {},
    type: 'ticket.note_added',
    content: body.content,
    data: { internal: body.internal },
  }));
}
