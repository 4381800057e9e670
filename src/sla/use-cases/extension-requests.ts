import type { UseCaseContext } from '../../app/context.js';
import type { Repositories } from '../../app/repositories.js';
import { overseesAllDepartments, type Actor } from '../../auth/domain/actor.js';
import { AppError, conflict, fieldIssue, forbidden, isNotFound, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { Ticket } from '../../tickets/domain/ticket.js';
import { loadVisible, recordStep } from '../../tickets/use-cases/ticket-command.js';
import { extendDeadline, isCurrent, summarise } from '../domain/deadline.js';
import { checkExtension, DEFAULT_EXTENSION_LIMITS, type ExtensionRequest, type ExtensionStatus } from '../domain/extension-request.js';
import type { SlaTarget } from '../domain/sla-policy.js';
import { notifyDeciders, notifyOfRequest, requestDetails, settleRequest } from './extension-notifications.js';

export interface ExtensionRequestInput {
  target: SlaTarget;
  until: string;
  reason: string;
}

const HANDLING_ROLES = ['admin', 'supervisor', 'handler'];

/**
 * 延时申请: records a request for a later due time on one of the ticket's running clocks,
 * tells the department's supervisors, and puts it on the ticket's timeline.
 */
export async function requestExtension(ctx: UseCaseContext, actor: Actor, ref: string, input: ExtensionRequestInput): Promise<ExtensionRequest> {
  return ctx.uow.write(async (repos) => {
    const now = ctx.clock.now().toISOString();
    const { ticket } = await loadVisible(repos, actor, ref, true);
    const mayAsk =
      HANDLING_ROLES.includes(actor.role) &&
      (actor.role === 'admin' || ticket.assigneeId === actor.id || (ticket.departmentId !== null && actor.departmentIds.includes(ticket.departmentId)));
    if (!mayAsk) throw forbidden('extension_forbidden', 'Only the assignee, members of the department holding the ticket, or an admin may ask for an extension.');
    const deadlines = await repos.deadlines.forTicket(ticket.id);
    const deadline = deadlines.findLast((d) => d.target === input.target && isCurrent(d));
    const reference = await repos.reference();
    const limits = reference.slaPolicies.find((p) => p.id === deadline?.policyId)?.extensions ?? DEFAULT_EXTENSION_LIMITS;
    const basis = reference.calendars.compile(deadline?.calendarId ?? null);
    const refusal = checkExtension(deadline, deadline ? await repos.extensions.countPending(deadline.id) : 0, limits, basis, Date.parse(input.until), Date.parse(now));
    if (refusal) {
      const status = refusal.code === 'extension_not_later' || refusal.code === 'extension_too_long' ? 422 : 409;
      const issue = refusal.code === 'extension_not_later' ? fieldIssue('until', 'not_later', refusal.message)
        : refusal.code === 'extension_too_long' ? fieldIssue('until', 'too_far', refusal.message, { minutes: limits.maxMinutes })
        : fieldIssue('target', 'not_allowed', refusal.message);
      throw new AppError(status, refusal.code, refusal.message, { errors: [issue] });
    }
    const request: ExtensionRequest = {
      id: newId(),
      ticketId: ticket.id,
      deadlineId: deadline!.id,
      target: input.target,
      departmentId: ticket.departmentId,
      requestedBy: actor.id,
      reason: input.reason,
      previousDueAt: deadline!.dueAt,
      requestedUntil: new Date(input.until).toISOString(),
      status: 'pending',
      decidedBy: null,
      decidedAt: null,
      decisionReason: null,
      createdAt: now,
    };
    await repos.extensions.insert(request);
    const after = await recordStep(repos, ticket, { patch: {}, type: 'extension.requested', content: input.reason, data: requestDetails(request) }, actor.id, now);
    await notifyDeciders(repos, after, request, now);
    return request;
  });
}

/** A supervisor of the department (or an admin) approves: the clock's due time moves to the requested time. */
export async function approveExtension(ctx: UseCaseContext, actor: Actor, id: string, reason: string | undefined): Promise<ExtensionRequest> {
  return decide(ctx, actor, id, 'approved', reason ?? null, async (repos, request, ticket, now) => {
    const deadlines = await repos.deadlines.forTicket(ticket.id);
    const index = deadlines.findIndex((d) => d.id === request.deadlineId);
    const deadline = deadlines[index];
    if (!deadline || !isCurrent(deadline)) {
      throw conflict('no_running_deadline', 'The time limit this request was for has ended; there is nothing to extend.');
    }
    const untilMs = Date.parse(request.requestedUntil);
    if (untilMs <= Date.parse(now)) throw conflict('extension_expired', `The requested time ${request.requestedUntil} has already passed; ask the handler for a new request.`);
    const overdue = deadline.status === 'running' && deadline.dueAt !== null && deadline.dueAt <= now;
    if (deadline.breachedAt !== null || overdue) {
      throw conflict('deadline_breached', `The time limit expired at ${deadline.dueAt} before this decision; the breach stands. Reject the request instead.`);
    }
    const basis = (await repos.reference()).calendars.compile(deadline.calendarId);
    const extended = extendDeadline(deadline, basis, untilMs, Date.parse(now));
    if (!extended) {
      throw conflict('extension_not_later', `The time limit now falls due at or after ${request.requestedUntil} (it moved since the request, e.g. while the ticket waited); approving would not add time. Reject the request instead.`);
    }
    await repos.deadlines.update(extended);
    deadlines[index] = extended;
    return { ...ticket, ...summarise(deadlines) };
  });
}

/** A supervisor of the department (or an admin) rejects, with a reason; the due time stays. */
export async function rejectExtension(ctx: UseCaseContext, actor: Actor, id: string, reason: string): Promise<ExtensionRequest> {
  return decide(ctx, actor, id, 'rejected', reason, async (_repos, _request, ticket) => ticket);
}

async function decide(
  ctx: UseCaseContext,
  actor: Actor,
  id: string,
  status: Exclude<ExtensionStatus, 'pending'>,
  reason: string | null,
  apply: (repos: Repositories, request: ExtensionRequest, ticket: Ticket, now: string) => Promise<Ticket>,
): Promise<ExtensionRequest> {
  return ctx.uow.write(async (repos) => {
    const now = ctx.clock.now().toISOString();
    const request = await repos.extensions.findById(id, true);
    if (!request) throw notFound('Extension request', id);
    // A request on a ticket the caller cannot see answers like one that does not exist.
    const { ticket } = await loadVisible(repos, actor, request.ticketId, true).catch((error: unknown) => {
      throw isNotFound(error) ? notFound('Extension request', id) : error;
    });
    if (!mayDecide(actor, ticket)) {
      throw forbidden('extension_forbidden', 'A supervisor of the department holding the ticket, or an admin, decides extension requests.');
    }
    if (request.requestedBy === actor.id) throw forbidden('self_approval', 'You asked for this extension; another supervisor or an admin decides it.');
    if (request.status !== 'pending') throw conflict('extension_decided', `This request was already ${request.status}.`, { status: request.status });
    const decided: ExtensionRequest = { ...request, status, decidedBy: actor.id, decidedAt: now, decisionReason: reason };
    await repos.extensions.decide(decided);
    const withSla = await apply(repos, decided, ticket, now);
    const type = status === 'approved' ? 'extension.approved' : 'extension.rejected';
    const after = await recordStep(repos, withSla, { patch: {}, type, content: reason, data: requestDetails(decided) }, actor.id, now);
    await notifyOfRequest(repos, [request.requestedBy], after, 'extension.decided', decided, now);
    // The other supervisors told of the request have nothing left to decide.
    await settleRequest(repos, ticket.id, request.id, now);
    return decided;
  });
}

/**
 * Supervisors decide for the departments they belong to, admins for all. The department is the
 * one holding the ticket now: a request made before a transfer moves with the ticket.
 */
function mayDecide(actor: Actor, ticket: Ticket): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'supervisor' && ticket.departmentId !== null && actor.departmentIds.includes(ticket.departmentId);
}

export interface ExtensionListRequest {
  ticket?: string;
  status?: ExtensionStatus;
  limit: number;
}

/**
 * Extension requests the actor may see: for one ticket they can see, or across tickets — a
 * supervisor sees those on tickets their departments hold now and their own, a handler their
 * own, an admin all.
 */
export async function listExtensionRequests(
  ctx: UseCaseContext,
  actor: Actor,
  request: ExtensionListRequest,
): Promise<Array<ExtensionRequest & { ticketNumber: string }>> {
  return ctx.uow.read(async (repos) => {
    if (request.ticket) {
      const { ticket } = await loadVisible(repos, actor, request.ticket);
      return repos.extensions.list({ ticketId: ticket.id, status: request.status, limit: request.limit });
    }
    const scope = overseesAllDepartments(actor.role)
      ? {}
      : { departmentIds: actor.role === 'supervisor' ? actor.departmentIds : [], requestedBy: actor.id };
    return repos.extensions.list({ ...scope, status: request.status, limit: request.limit });
  });
}
