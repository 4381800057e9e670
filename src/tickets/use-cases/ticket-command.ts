import type { Actor } from '../../auth/domain/actor.js';
import type { Repositories } from '../../app/repositories.js';
import type { UseCaseContext } from '../../app/context.js';
import { chooseAssignee } from '../../org/domain/auto-assignment.js';
import { AppError, conflict, fieldIssue, forbidden, notFound, type FieldIssueCode } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { aboutTicket, newNotifications } from '../../notifications/domain/notification.js';
import { availableActions, canSeeTicket, scopeRefusal, type TicketActionFacts } from '../domain/ticket-access.js';
import { decide, type TicketAction } from '../domain/ticket-state-machine.js';
import { applyPatch, eventFor, type Ticket, type TicketEvent, type TicketEventType, type TicketPatch } from '../domain/ticket.js';
import type { TicketView } from '../persistence/ticket-view.js';
import { indexTicketStep } from '../../search/use-cases/index-ticket.js';
import { readDeadlines } from '../../sla/use-cases/read-deadlines.js';
import { trackDeadlines } from '../../sla/use-cases/track-deadlines.js';

/** One step an action takes: what changes on the ticket and how the timeline records it. */
export interface TicketStep {
  patch: TicketPatch;
  type: TicketEventType;
  content?: string | null;
  data?: Record<string, unknown>;
  /** Run the department's automatic assignment after the step (the ticket arrived in a queue). */
  autoAssign?: boolean;
  /**
   * When the time limits take the change, if earlier than the event: a wait that ran out while
   * no sweeper ran resumes its clocks at its `until`, so the time since counts.
   */
  clocksAt?: string;
}

export interface ActionRequest {
  ref: string;
  action: TicketAction;
  /** The version the client last saw; a different current version means someone else acted first. */
  expectedVersion?: number;
}

/** What an action's own logic sees: the ticket, the repositories of the open transaction and the time. */
export interface ActionScope {
  ticket: Ticket;
  repos: Repositories;
  now: string;
}

/**
 * Runs one ticket action as one transaction: load and lock the ticket, check visibility, the
 * version, the role/status table and the department scope, let the action plan its step, then
 * write the new state, the event, the participant and the outbox message together.
 */
export async function runTicketAction(
  ctx: UseCaseContext,
  actor: Actor,
  request: ActionRequest,
  /** Answers null when the request changes nothing: no event, no new version. */
  plan: (scope: ActionScope) => Promise<TicketStep | null>,
): Promise<TicketView> {
  return ctx.uow.write(async (repos) => {
    const now = ctx.clock.now().toISOString();
    const ticket = await loadForAction(repos, actor, request);
    const step = await plan({ ticket, repos, now });
    const after = step ? await recordStep(repos, ticket, step, actor.id, now) : ticket;
    if (step?.autoAssign) await autoAssign(repos, after, now);
    return (await readTicketView(repos, ticket.id, now))!;
  });
}

/** A ticket as a single-ticket read answers it: the joined view with every time-limit clock. */
export async function readTicketView(repos: Repositories, id: string, now: string): Promise<TicketView | null> {
  const view = await repos.tickets.findView(id);
  if (!view) return null;
  return { ...view, sla: { ...view.sla, targets: await readDeadlines(repos, id, now) } };
}

/** Loads a ticket the actor is about to act on, refusing with the precise reason when they may not. */
export async function loadForAction(repos: Repositories, actor: Actor, request: ActionRequest): Promise<Ticket> {
  const { ticket, facts } = await loadVisible(repos, actor, request.ref, true);
  if (request.expectedVersion !== undefined && request.expectedVersion !== ticket.version) {
    throw conflict(
      'version_conflict',
      `Ticket ${ticket.number} changed since you loaded it (you have version ${request.expectedVersion}, it is now ${ticket.version}). Reload it and try again.`,
      { currentVersion: ticket.version },
    );
  }
  const decision = decide(ticket.status, request.action, actor.role);
  const allowedActions = availableActions(actor, facts);
  if (!decision.allowed && decision.reason === 'role') {
    throw forbidden('action_forbidden', `A user with the role ${actor.role} may not ${request.action} tickets.`, {
      ticketStatus: ticket.status,
      allowedActions,
    });
  }
  if (!decision.allowed) {
    throw conflict(
      'action_not_allowed',
      `Ticket ${ticket.number} is ${ticket.status}; ${request.action} is not possible now. Allowed: ${allowedActions.join(', ') || 'none'}.`,
      { ticketStatus: ticket.status, allowedActions },
    );
  }
  const refusal = scopeRefusal(actor, request.action, facts);
  if (refusal) throw forbidden(refusal.code, refusal.message, { ticketStatus: ticket.status, allowedActions });
  return ticket;
}

/**
 * Loads a ticket by id or number, with the access facts the visibility check used (callers reuse
 * them for the action checks); a ticket the actor may not see is reported exactly like a missing one.
 */
export async function loadVisible(
  repos: Repositories,
  actor: Actor,
  ref: string,
  lock = false,
): Promise<{ ticket: Ticket; facts: TicketActionFacts }> {
  const ticket = await repos.tickets.findByRef(ref, lock);
  const facts = ticket ? await accessFacts(repos, actor, ticket) : null;
  if (!ticket || !facts || !canSeeTicket(actor, facts)) throw notFound('Ticket', ref);
  return { ticket, facts };
}

async function accessFacts(repos: Repositories, actor: Actor, ticket: Ticket): Promise<TicketActionFacts> {
  return {
    needsReply: (await repos.reference()).serviceItems.find(ticket.serviceItemId)?.needsReply ?? false,
    status: ticket.status,
    departmentId: ticket.departmentId,
    assigneeId: ticket.assigneeId,
    createdBy: ticket.createdBy,
    isParticipant: await repos.tickets.isParticipant(ticket.id, actor.id),
  };
}

/** Writes one step: the new ticket state (checked against its version), the event and the outbox message. */
export async function recordStep(
  repos: Repositories,
  before: Ticket,
  step: TicketStep,
  actorId: string | null,
  now: string,
): Promise<Ticket> {
  const clocks = await trackDeadlines(repos, [{ before, after: applyPatch(before, step.patch, now), eventType: step.type }], step.clocksAt ?? now);
  const after = clocks.ticket;
  if (!(await repos.tickets.saveIfVersion(after, before.version))) {
    throw conflict('version_conflict', `Ticket ${before.number} was changed by someone else at the same moment. Reload it and try again.`);
  }
  await clocks.save();
  const event = eventFor(before, after, { id: newId(), type: step.type, actorId, content: step.content, data: step.data });
  await repos.events.append([event]);
  await indexTicketStep(repos, before, after, event);
  if (actorId) await repos.tickets.addParticipant(after.id, actorId);
  await repos.outbox.enqueue([ticketEventMessage(after, event)], now);
  await notifyAssignee(repos, after, event);
  return after;
}

/** Tells a person a ticket was just handed to them, unless they took it themselves. */
export async function notifyAssignee(repos: Repositories, ticket: Ticket, event: TicketEvent): Promise<void> {
  const assignee = ticket.assigneeId;
  if (event.type !== 'ticket.assigned' || !assignee || assignee === event.actorId) return;
  const data = { number: ticket.number, title: ticket.title, automatic: event.actorId === null };
  await repos.notifications.insertMany(newNotifications([assignee], { ticket: aboutTicket(ticket), kind: 'ticket.assigned', data }, event.at, newId));
}

/** The outbox message that announces a ticket event to subscribers (webhooks, notifications …). */
export function ticketEventMessage(ticket: Ticket, event: TicketEvent) {
  return { topic: 'ticket.event', payload: { ticketId: ticket.id, number: ticket.number, eventId: event.id, type: event.type } };
}

/**
 * Who receives a ticket that just arrived in a department's queue, when the department assigns
 * automatically; records the department's turn. Null leaves the ticket in the queue.
 */
export async function pickAutoAssignee(repos: Repositories, ticket: Ticket): Promise<{ userId: string; mode: string } | null> {
  if (ticket.status !== 'pending' || ticket.assigneeId || !ticket.departmentId) return null;
  // Most departments leave tickets in the queue: their row need not be locked at all.
  if ((await repos.reference()).departments.find(ticket.departmentId)?.assignmentMode === 'none') return null;
  const department = await repos.departments.findForAssignment(ticket.departmentId);
  if (!department || department.assignmentMode === 'none') return null;
  const candidates = await repos.departments.assignmentCandidates(department.id);
  const userId = chooseAssignee(department.assignmentMode, candidates, department.lastAssignedUserId);
  if (!userId) return null;
  await repos.departments.recordAssignment(department.id, userId);
  return { userId, mode: department.assignmentMode };
}

/** Hands a ticket that just arrived in a department's queue to a member, when the department assigns automatically. */
export async function autoAssign(repos: Repositories, ticket: Ticket, now: string): Promise<Ticket> {
  const pick = await pickAutoAssignee(repos, ticket);
  if (!pick) return ticket;
  const step: TicketStep = { patch: { assigneeId: pick.userId }, type: 'ticket.assigned', data: { automatic: pick.mode } };
  return recordStep(repos, ticket, step, null, now);
}

/** Raised when an action's own rule (not the table) refuses it; `at` names the request field at fault and what is wrong with it. */
export function refuse(status: 409 | 422, code: string, message: string, at?: { field: string; issue: FieldIssueCode }): AppError {
  return new AppError(status, code, message, at ? { errors: [fieldIssue(at.field, at.issue, message)] } : {});
}
