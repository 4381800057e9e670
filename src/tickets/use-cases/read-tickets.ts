import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import { availableActions, visibilityScope, type VisibilityScope } from '../domain/ticket-access.js';
import type { TicketAction } from '../domain/ticket-state-machine.js';
import type { TicketEventView } from '../persistence/ticket-events-repository.js';
import { sortValues, type TicketListQuery } from '../persistence/tickets-repository.js';
import type { TicketView } from '../persistence/ticket-view.js';
import { loadVisible, readTicketView } from './ticket-command.js';

/** A ticket with the actions the reader may take on it now. */
export interface TicketDetail {
  ticket: TicketView;
  allowedActions: TicketAction[];
}

export async function getTicket(ctx: UseCaseContext, actor: Actor, ref: string): Promise<TicketDetail> {
  return ctx.uow.read(async (repos) => {
    const { ticket, facts } = await loadVisible(repos, actor, ref);
    const allowedActions = availableActions(actor, facts);
    return { ticket: (await readTicketView(repos, ticket.id, ctx.clock.now().toISOString()))!, allowedActions };
  });
}

export async function getTimeline(ctx: UseCaseContext, actor: Actor, ref: string): Promise<TicketEventView[]> {
  return ctx.uow.read(async (repos) => {
    const { ticket } = await loadVisible(repos, actor, ref);
    return repos.events.listForTicket(ticket.id);
  });
}

/**
 * The visibility rule for a list. When the list is already limited to departments whose tickets
 * the actor sees anyway (a department queue), the rule adds nothing, and dropping its OR lets the
 * database walk the queue index alone.
 */
function listScope(actor: Actor, query: TicketListQuery): VisibilityScope {
  const scope = visibilityScope(actor);
  if (scope.everything || !query.departmentIds?.length) return scope;
  const ownDepartments = query.departmentIds.every((id) => scope.departmentIds.includes(id));
  return ownDepartments ? { everything: true } : scope;
}

/** One page of the tickets the actor may see, and the position to continue from. */
export async function listTickets(
  ctx: UseCaseContext,
  actor: Actor,
  query: TicketListQuery,
): Promise<{ items: TicketView[]; next: Array<string | number> | null }> {
  return ctx.uow.read(async (repos) => {
    const { items, more } = await repos.tickets.list(query, listScope(actor, query));
    const last = items.at(-1);
    return { items, next: more && last ? sortValues(last, query.sort.key) : null };
  });
}

/** How many tickets the actor may see match the query, up to `cap` (then `capped`). */
export async function countTickets(
  ctx: UseCaseContext,
  actor: Actor,
  query: TicketListQuery,
  cap: number,
): Promise<{ count: number; capped: boolean }> {
  return ctx.uow.read((repos) => repos.tickets.count(query, listScope(actor, query), cap));
}
