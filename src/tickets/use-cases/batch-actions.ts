import type { UseCaseContext } from '../../app/context.js';
import { resolveDepartment, resolvePriority, resolveUser } from '../../app/resolve-references.js';
import type { Actor } from '../../auth/domain/actor.js';
import { AppError, forbidden, isNotFound, unprocessable } from '../../platform/errors.js';
import { narrowToView, resolveSavedFilters, savedViewFilters, type SavedFilters } from '../../views/use-cases/view-filters.js';
import type { ReplyChannel } from '../domain/channels.js';
import { ticketReferenceKey } from '../domain/ticket-number.js';
import { isOpen, TRANSITIONS, type TicketAction } from '../domain/ticket-state-machine.js';
import type { TicketView } from '../persistence/ticket-view.js';
import { addNote } from './add-note.js';
import { assignTicket } from './assign-ticket.js';
import { mergeTicket } from './merge-ticket.js';
import { countTickets, listTickets } from './read-tickets.js';
import { replyToCustomer } from './reply-to-customer.js';
import { loadVisible, refuse, type ActionRequest } from './ticket-command.js';
import { transferTicket } from './transfer-ticket.js';
import { updateTicket } from './update-ticket.js';

/** The most tickets one batch acts on, whether named one by one or selected by a view or filter. */
export const BATCH_LIMIT = 500;

/**
 * How many tickets are in flight at once. On SQLite, writes that arrive together share a commit
 * (each in its own savepoint), and 8 at a time cost the same CPU as 64; on PostgreSQL each holds a
 * pooled connection (10), so 8 leave room for everyone else's requests. Merges into one primary
 * all wait for its row lock, one after the other: more than two in flight would only hold
 * connections idle.
 */
const IN_FLIGHT = 8;
const IN_FLIGHT_MERGES = 2;

/** The one action a batch applies to every ticket, with what that action needs. */
export type BatchAction =
  | { action: 'assign'; assignee: string }
  | { action: 'transfer'; department: string; reason: string }
  | { action: 'setPriority'; priority: string }
  | { action: 'note'; content: string; internal: boolean }
  | { action: 'closeAsDuplicate'; primary: string; note?: string }
  | { action: 'reply'; channel: ReplyChannel; content: string; objection?: boolean };

/** Which tickets: named by id or number (with the versions the client saw), or all those of a view and/or filter. */
export interface BatchSelection {
  ids?: string[];
  expectedVersions?: Record<string, number>;
  view?: string;
  filter?: SavedFilters;
}

export type BatchRequest = BatchSelection & BatchAction;

export type BatchItemResult =
  | { id: string; number: string; ok: true; version: number }
  | {
      ref: string;
      id?: string;
      number?: string;
      ok: false;
      status: number;
      code: string;
      message: string;
      currentVersion?: number;
      ticketStatus?: string;
      allowedActions?: string[];
    };

export interface BatchOutcome {
  results: BatchItemResult[];
  summary: { total: number; succeeded: number; failed: number };
  /** Failures that were not refusals (a database error …), for the log; each is also a 500 result. */
  unexpected: unknown[];
}

/** The ticket action each batch action takes, for its role check. */
const TICKET_ACTION: Record<BatchAction['action'], TicketAction> = {
  assign: 'assign',
  transfer: 'transfer',
  setPriority: 'update',
  note: 'note',
  closeAsDuplicate: 'merge',
  reply: 'reply',
};

interface Target {
  ref: string;
  id?: string;
  number?: string;
  expectedVersion?: number;
}

/** The tickets a batch names, each with the version its request expects (a number's key in any case). */
function named(ids: readonly string[], expectedVersions: Record<string, number> = {}): Target[] {
  const expected = new Map(Object.entries(expectedVersions).map(([ref, version]) => [ticketReferenceKey(ref), version]));
  return ids.map((ref) => ({ ref, expectedVersion: expected.get(ticketReferenceKey(ref)) }));
}

/**
 * Applies one action to many tickets. Each ticket goes through the action's own use case, so it
 * gets its own transaction, event, version check and permission check; one ticket's refusal
 * rolls back only that ticket and is reported with its status and code, never skipped.
 * What is wrong with the request as a whole (a role that may never take the action, an unknown
 * assignee, department, priority or primary ticket, a selection over the limit) refuses it all.
 */
export async function runBatch(ctx: UseCaseContext, actor: Actor, request: BatchRequest): Promise<BatchOutcome> {
  const ticketAction = TICKET_ACTION[request.action];
  if (!TRANSITIONS[ticketAction].roles.includes(actor.role)) {
    throw forbidden('action_forbidden', `A user with the role ${actor.role} may not ${ticketAction} tickets.`);
  }
  const run = await prepare(ctx, actor, request);
  const targets = request.ids ? named(request.ids, request.expectedVersions) : await select(ctx, actor, request);
  const unexpected: unknown[] = [];
  const results: BatchItemResult[] = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      results[index] = await runOne(ctx, actor, targets[index]!, run, unexpected);
    }
  };
  const inFlight = request.action === 'closeAsDuplicate' ? IN_FLIGHT_MERGES : IN_FLIGHT;
  await Promise.all(Array.from({ length: Math.min(inFlight, targets.length) }, worker));
  const succeeded = results.filter((r) => r.ok).length;
  return { results, summary: { total: results.length, succeeded, failed: results.length - succeeded }, unexpected };
}

type RunOne = (request: Omit<ActionRequest, 'action'>) => Promise<TicketView>;

/**
 * Checks what the action names once, for the whole batch, and answers how to run it on one
 * ticket. Each ticket's use case checks it again inside its own transaction.
 */
async function prepare(ctx: UseCaseContext, actor: Actor, request: BatchAction): Promise<RunOne> {
  switch (request.action) {
    case 'assign': {
      const assignee = await ctx.uow.read((repos) => resolveUser(repos, { field: 'assignee', ref: request.assignee }));
      return (r) => assignTicket(ctx, actor, r, { assignee: assignee.id });
    }
    case 'transfer': {
      const department = await ctx.uow.read((repos) => resolveDepartment(repos, { field: 'department', ref: request.department }));
      return (r) => transferTicket(ctx, actor, r, { department: department.id, reason: request.reason });
    }
    case 'setPriority': {
      const priority = await ctx.uow.read((repos) => resolvePriority(repos, { field: 'priority', ref: request.priority }));
      return (r) => updateTicket(ctx, actor, r, { priority: priority.id });
    }
    case 'note':
      return (r) => addNote(ctx, actor, r, { content: request.content, internal: request.internal });
    case 'closeAsDuplicate': {
      const primary = await ctx.uow.read(async (repos) => {
        const { ticket } = await loadVisible(repos, actor, request.primary).catch((error: unknown) => {
          if (!isNotFound(error)) throw error;
          throw refuse(422, 'merge_target_not_found', `primary: no ticket ${JSON.stringify(request.primary)} is visible to you.`, { field: 'primary', issue: 'unknown_reference' });
        });
        return ticket;
      });
      if (!isOpen(primary.status)) {
        throw refuse(409, 'merge_target_not_open', `Ticket ${primary.number} is ${primary.status}; merge into an open ticket.`, { field: 'primary', issue: 'not_allowed' });
      }
      return (r) => mergeTicket(ctx, actor, r, { into: primary.id, ...(request.note !== undefined && { note: request.note }) });
    }
    case 'reply':
      return (r) =>
        replyToCustomer(ctx, actor, r, {
          channel: request.channel,
          content: request.content,
          ...(request.objection !== undefined && { objection: request.objection }),
        });
  }
}

/**
 * Every ticket of a view and/or filter the actor may see, in the view's order; more than the
 * limit refuses the batch (with how many match), rather than acting on an arbitrary first part.
 */
async function select(ctx: UseCaseContext, actor: Actor, selection: BatchSelection): Promise<Target[]> {
  const saved = selection.view ? await savedViewFilters(ctx, actor, selection.view) : undefined;
  const built = await resolveSavedFilters(ctx, actor, { ...saved, ...selection.filter }, BATCH_LIMIT, selection.filter ? 'filter' : 'view');
  const query = saved ? await narrowToView(ctx, actor, built, saved) : built;
  const page = await listTickets(ctx, actor, query);
  if (page.next) {
    const matching = await countTickets(ctx, actor, query, 10_000);
    const how = matching.capped ? `more than ${matching.count}` : String(matching.count);
    throw new AppError(
      422,
      'batch_too_large',
      `The selection matches ${how} tickets; a batch acts on at most ${BATCH_LIMIT}. Narrow it with a filter.`,
      { limit: BATCH_LIMIT, matching: matching.count, matchingCapped: matching.capped },
    );
  }
  return page.items.map((t) => ({ ref: t.id, id: t.id, number: t.number }));
}

async function runOne(ctx: UseCaseContext, actor: Actor, target: Target, run: RunOne, unexpected: unknown[]): Promise<BatchItemResult> {
  try {
    const ticket = await run({ ref: target.ref, ...(target.expectedVersion !== undefined && { expectedVersion: target.expectedVersion }) });
    return { id: ticket.id, number: ticket.number, ok: true, version: ticket.version };
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) {
      unexpected.push(error);
      return { ref: target.ref, ...known(target), ok: false, status: 500, code: 'internal_error', message: 'Something went wrong on the server; the error has been logged.' };
    }
    // A ticket the actor may not see stays unnamed, exactly as a missing one.
    const ticket = target.id ? known(target) : error.status === 404 ? {} : await identify(ctx, actor, target.ref);
    const { currentVersion, ticketStatus, allowedActions } = error.extra as { currentVersion?: number; ticketStatus?: string; allowedActions?: string[] };
    return {
      ref: target.ref,
      ...ticket,
      ok: false,
      status: error.status,
      code: error.code,
      message: error.message,
      ...(currentVersion !== undefined && { currentVersion }),
      ...(ticketStatus !== undefined && { ticketStatus }),
      ...(allowedActions !== undefined && { allowedActions }),
    };
  }
}

const known = (target: Target) => (target.id && target.number ? { id: target.id, number: target.number } : {});

/** The id and number of a ticket named by the client that the actor may see, for a refusal. */
async function identify(ctx: UseCaseContext, actor: Actor, ref: string): Promise<{ id?: string; number?: string }> {
  return ctx.uow.read(async (repos) => {
    const found = await loadVisible(repos, actor, ref).catch(() => null);
    return found ? { id: found.ticket.id, number: found.ticket.number } : {};
  });
}
