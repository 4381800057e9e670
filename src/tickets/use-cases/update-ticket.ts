import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import { changedFields, type TicketPatch } from '../domain/ticket.js';
import type { TicketView } from '../persistence/ticket-view.js';
import { checkFormFields, resolveCategory, resolvePriority, resolveServiceItem } from '../../app/resolve-references.js';
import { runTicketAction, type ActionRequest } from './ticket-command.js';

export interface UpdateTicketInput {
  title?: string;
  description?: string;
  category?: string;
  serviceItem?: string;
  priority?: string;
  fields?: Record<string, unknown>;
}

const EDITABLE = ['title', 'description', 'categoryId', 'serviceItemId', 'priorityId', 'fields'] as const;

/**
 * Edits a ticket's facts. Changing the service item re-checks the form against the new item.
 * Classifying by hand clears the triage flag. The event lists each change as {from, to}; an edit
 * that changes nothing records nothing.
 */
export function updateTicket(
  ctx: UseCaseContext,
  actor: Actor,
  request: Omit<ActionRequest, 'action'>,
  input: UpdateTicketInput,
): Promise<TicketView> {
  return runTicketAction(ctx, actor, { ...request, action: 'update' }, async ({ ticket, repos }) => {
    const patch: TicketPatch = {};
    if (input.title !== undefined) patch.title = input.title;
    if (input.description !== undefined) patch.description = input.description;
    if (input.category) patch.categoryId = (await resolveCategory(repos, { field: 'category', ref: input.category })).id;
    if (input.priority) {
      const priority = await resolvePriority(repos, { field: 'priority', ref: input.priority });
      patch.priorityId = priority.id;
      patch.priorityRank = priority.rank;
    }
    const serviceItem = input.serviceItem
      ? await resolveServiceItem(repos, { field: 'serviceItem', ref: input.serviceItem })
      : null;
    if (serviceItem) patch.serviceItemId = serviceItem.id;
    if (serviceItem || input.fields) {
      // The ticket's own item may have been deleted since: its form still holds for the ticket.
      const item = serviceItem ?? (await resolveServiceItem(repos, { field: 'serviceItem', ref: ticket.serviceItemId, inactiveToo: true }));
      patch.fields = checkFormFields(item, input.fields ?? ticket.fields);
    }
    if (input.category || input.serviceItem || input.priority) patch.needsTriage = false;
    const changes = changedFields(ticket, { ...ticket, ...patch }, EDITABLE);
    // Saving a form unchanged must not bump the version under a colleague who is about to act.
    if (Object.keys(changes).length === 0 && (patch.needsTriage ?? ticket.needsTriage) === ticket.needsTriage) return null;
    return { patch, type: 'ticket.updated', data: { changes } };
  });
}
