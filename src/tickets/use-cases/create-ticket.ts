import { createHash } from 'node:crypto';
import type { UseCaseContext } from '../../app/context.js';
import type { Repositories } from '../../app/repositories.js';
import type { Actor } from '../../auth/domain/actor.js';
import { checkTicketCustomer, findOrCreateTicketCustomer, type TicketCustomerInput } from '../../customers/use-cases/ticket-intake.js';
import { AppError, fieldIssue, forbidden, unprocessable, type FieldIssue } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { isUniqueViolation } from '../../platform/db/unit-of-work.js';
import { mayArriveUnclassified, type Channel } from '../domain/channels.js';
import { decide, mayCreateTickets } from '../domain/ticket-state-machine.js';
import { formatTicketNumber, ticketNumberDay } from '../domain/ticket-number.js';
import { applyPatch, eventFor, type Ticket, type TicketPatch } from '../domain/ticket.js';
import type { TicketView } from '../persistence/ticket-view.js';
import {
  checkFormFields,
  resolveCategory,
  resolveDepartment,
  resolvePriority,
  resolveServiceItem,
} from '../../app/resolve-references.js';
import { indexNewTicket } from '../../search/use-cases/index-ticket.js';
import { trackDeadlines, type TrackedStep } from '../../sla/use-cases/track-deadlines.js';
import { routeFor } from './route-ticket.js';
import { notifyAssignee, pickAutoAssignee, readTicketView, ticketEventMessage } from './ticket-command.js';

export interface CreateTicketInput {
  title?: string;
  description: string;
  channel: Channel;
  category?: string;
  serviceItem?: string;
  priority?: string;
  customer?: TicketCustomerInput;
  fields?: Record<string, unknown>;
  /** 在线解答: answered during the call; the ticket is recorded and closed at once with the result. */
  answeredOnSpot?: boolean;
  result?: string;
  /** Dispatch straight to this department instead of asking the routing rules. */
  department?: string;
}

export interface CreateTicketOutcome {
  ticket: TicketView;
  /** False when an Idempotency-Key matched an earlier create and its ticket is returned instead. */
  created: boolean;
}

/** Records a new ticket and, in the same transaction, closes it (answered on the spot) or dispatches it. */
export async function createTicket(
  ctx: UseCaseContext,
  actor: Actor,
  input: CreateTicketInput,
  idempotencyKey?: string,
): Promise<CreateTicketOutcome> {
  if (!mayCreateTickets(actor.role)) throw forbidden('action_forbidden', `A user with the role ${actor.role} may not create tickets.`);
  // Naming the department is dispatching by hand, which the same roles may do as on an existing ticket.
  if (input.department && !decide('submitted', 'dispatch', actor.role).allowed) {
    const message = `a user with the role ${actor.role} may not dispatch tickets; leave it out and the routing rules dispatch the ticket`;
    throw forbidden('action_forbidden', `department: ${message}.`, { errors: [fieldIssue('department', 'forbidden', message)] });
  }
  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
  const now = ctx.clock.now();
  const day = ticketNumberDay(now, ctx.timeZone);
  // On PostgreSQL the day's counter row is taken in a short transaction of its own, so that creates
  // do not queue behind each other's commits. The input is checked first, so that a refused create
  // uses no number; only a create failing later (a database error) leaves a gap. The create
  // checks again in its own transaction (cheap: cached reference data), as things may change between.
  const reserved = await ctx.uow.aside(async (repos) => {
    if (idempotencyKey && (await repos.idempotency.find(actor.id, idempotencyKey))) return null;
    await checkIntake(repos, input);
    if (input.customer) await checkTicketCustomer(repos, actor, input.customer, ctx.defaultAreaCode);
    return repos.tickets.nextSequence(day);
  });
  try {
    return await ctx.uow.write(async (repos) => {
      if (idempotencyKey) {
        const earlier = await replayed(repos, actor, idempotencyKey, requestHash, now.toISOString());
        if (earlier) return { ticket: earlier, created: false };
      }
      const number = formatTicketNumber(day, reserved ?? (await repos.tickets.nextSequence(day)));
      const ticket = await recordNewTicket(ctx, repos, actor, input, { now, number });
      if (idempotencyKey) {
        const at = ticket.createdAt;
        await repos.idempotency.insert({ userId: actor.id, key: idempotencyKey, requestHash, ticketId: ticket.id, at });
      }
      return { ticket: (await readTicketView(repos, ticket.id, ticket.createdAt))!, created: true };
    });
  } catch (error) {
    // Two retries raced on PostgreSQL: the loser's transaction rolled back; answer with the winner's ticket.
    if (idempotencyKey && isUniqueViolation(error)) {
      const earlier = await ctx.uow.read((repos) => replayed(repos, actor, idempotencyKey, requestHash, ctx.clock.now().toISOString()));
      if (earlier) return { ticket: earlier, created: false };
    }
    throw error;
  }
}

async function replayed(repos: Repositories, actor: Actor, key: string, requestHash: string, now: string): Promise<TicketView | null> {
  const earlier = await repos.idempotency.find(actor.id, key);
  if (!earlier) return null;
  const ticket = await readTicketView(repos, earlier.ticketId, now);
  if (earlier.requestHash !== requestHash) {
    // The first request made a ticket whose answer the client may never have had (a network blink,
    // then an edit): it is named, so the client can open it rather than lose it.
    const message = 'was already used for a different request; use a new key for a new ticket';
    throw new AppError(422, 'idempotency_key_reused', `Idempotency-Key: ${message}`, {
      errors: [fieldIssue('Idempotency-Key', 'conflicts', message)],
      ticket: ticket ? { id: ticket.id, number: ticket.number } : null,
    });
  }
  return ticket;
}

async function recordNewTicket(
  ctx: UseCaseContext,
  repos: Repositories,
  actor: Actor,
  input: CreateTicketInput,
  { now, number }: { now: Date; number: string },
): Promise<Ticket> {
  const at = now.toISOString();
  const { classification, fields, department } = await checkIntake(repos, input);
  const customer = input.customer ? await findOrCreateTicketCustomer(repos, actor, input.customer, at, ctx.defaultAreaCode) : null;
  const ticket: Ticket = {
    id: newId(),
    number,
    title: input.title?.trim() || summarise(input.description),
    description: input.description,
    status: 'submitted',
    categoryId: classification.category.id,
    serviceItemId: classification.serviceItem.id,
    priorityId: classification.priority.id,
    priorityRank: classification.priority.rank,
    channel: input.channel,
    customerId: customer?.id ?? null,
    departmentId: null,
    assigneeId: null,
    createdBy: actor.id,
    fields,
    result: null,
    needsTriage: classification.needsTriage,
    mergedIntoId: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    slaDueAt: null,
    slaState: null,
    waitUntil: null,
  };
  // The first steps (created, then closed on the spot or dispatched and maybe assigned) are
  // built in memory and written with one statement per table.
  const events = [eventFor(null, ticket, { id: newId(), type: 'ticket.created', actorId: actor.id, data: { channel: ticket.channel } })];
  const tracked: TrackedStep[] = [{ before: null, after: ticket, eventType: 'ticket.created' }];
  let current = ticket;
  const step = (patch: TicketPatch, entry: Omit<Parameters<typeof eventFor>[2], 'id'>) => {
    const next = applyPatch(current, patch, at);
    events.push(eventFor(current, next, { id: newId(), ...entry }));
    tracked.push({ before: current, after: next, eventType: entry.type });
    current = next;
  };
  if (input.answeredOnSpot) {
    const result = input.result!;
    step({ status: 'closed', result, closedAt: at }, { type: 'ticket.closed', actorId: actor.id, content: result, data: { answeredOnSpot: true } });
  } else {
    const rule = department ? null : await routeFor(repos, ticket, { customerTier: customer?.tier ?? null });
    const target = department?.id ?? rule?.departmentId;
    if (target) {
      const data = rule ? { manual: false, ruleId: rule.id, ruleName: rule.name } : { manual: true };
      step({ status: 'pending', departmentId: target }, { type: 'ticket.dispatched', actorId: rule ? null : actor.id, data });
      const pick = await pickAutoAssignee(repos, current);
      if (pick) step({ assigneeId: pick.userId }, { type: 'ticket.assigned', actorId: null, data: { automatic: pick.mode } });
    }
  }
  const clocks = await trackDeadlines(repos, tracked, at, { customerTier: customer?.tier ?? null });
  current = clocks.ticket;
  await repos.tickets.insert(current);
  await clocks.save();
  await repos.events.append(events);
  await indexNewTicket(repos, current, customer?.name ?? null, events);
  await repos.tickets.addParticipant(current.id, actor.id);
  await repos.outbox.enqueue(events.map((event) => ticketEventMessage(current, event)), at);
  for (const event of events) await notifyAssignee(repos, current, event);
  return current;
}

/** What a create must get right before anything is written: classification, form, department, result. */
async function checkIntake(repos: Repositories, input: CreateTicketInput) {
  const classification = await classify(repos, input);
  const fields = checkFormFields(classification.serviceItem, input.fields ?? {});
  const department = input.department ? await resolveDepartment(repos, { field: 'department', ref: input.department }) : null;
  if (input.answeredOnSpot && !input.result) {
    throw unprocessable('result_required', 'result: a ticket answered on the spot needs the answer given as its result.', [
      fieldIssue('result', 'required', 'is required when answeredOnSpot is true'),
    ]);
  }
  // Either would be lost: a result is recorded only by closing at once, and a ticket closed at once goes to no department.
  if (!input.answeredOnSpot && input.result !== undefined) {
    throw unprocessable('conflicting_fields', 'result: only a ticket answered on the spot is created with a result; a submitted one gets it when resolved.', [
      fieldIssue('result', 'not_applicable', 'is taken only when answeredOnSpot is true'),
    ]);
  }
  if (input.answeredOnSpot && input.department) {
    throw unprocessable('conflicting_fields', 'department: a ticket answered on the spot is closed at once and goes to no department.', [
      fieldIssue('department', 'not_applicable', 'is not taken when answeredOnSpot is true'),
    ]);
  }
  return { classification, fields, department };
}

/**
 * Every ticket needs a category, a service item and a priority. Channels that cannot classify
 * take the configured defaults and are flagged for triage; everyone else must name all three.
 */
async function classify(repos: Repositories, input: CreateTicketInput) {
  const given = { category: input.category, serviceItem: input.serviceItem, priority: input.priority };
  const missing = (Object.keys(given) as Array<keyof typeof given>).filter((key) => !given[key]);
  let needsTriage = false;
  if (missing.length > 0) {
    const defaults = (await repos.reference()).settings.intakeDefaults;
    const fallback = { category: defaults.categoryId, serviceItem: defaults.serviceItemId, priority: defaults.priorityId };
    const unfillable = missing.filter((key) => !mayArriveUnclassified(input.channel) || !fallback[key]);
    if (unfillable.length > 0) {
      const errors: FieldIssue[] = unfillable.map((field) => fieldIssue(field, 'required', 'is required'));
      throw unprocessable('classification_required', `A ticket needs ${unfillable.join(', ')}.`, errors);
    }
    for (const key of missing) given[key] = fallback[key]!;
    needsTriage = true;
  }
  return {
    category: await resolveCategory(repos, { field: 'category', ref: given.category! }),
    serviceItem: await resolveServiceItem(repos, { field: 'serviceItem', ref: given.serviceItem! }),
    priority: await resolvePriority(repos, { field: 'priority', ref: given.priority! }),
    needsTriage,
  };
}

function summarise(description: string): string {
  const firstLine = description.trim().split('\n')[0] ?? '';
  return firstLine.length > 60 ? `${firstLine.slice(0, 59)}…` : firstLine;
}
