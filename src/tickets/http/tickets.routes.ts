import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { UseCaseContext } from '../../app/context.js';
import { actorOf } from '../../auth/http/authentication.js';
import { badRequest, fieldIssue } from '../../platform/errors.js';
import { decodeCursor, encodeCursor, isCursorTime } from '../../platform/http/cursor.js';
import { idParam, noQuery, problemResponses } from '../../platform/http/schemas.js';
import type { HttpApp } from '../../platform/http/types.js';
import { availableActions } from '../domain/ticket-access.js';
import { NO_DUE_TIME } from '../domain/ticket.js';
import type { Actor } from '../../auth/domain/actor.js';
import type { TicketView } from '../persistence/ticket-view.js';
import type { SortKey } from '../persistence/tickets-repository.js';
import { createTicket } from '../use-cases/create-ticket.js';
import { buildListQuery, parseSort } from '../use-cases/list-filter.js';
import { getTicket, getTimeline, listTickets } from '../use-cases/read-tickets.js';
import { updateTicket } from '../use-cases/update-ticket.js';
import { relevanceCursor, relevanceOffset } from '../../search/http/relevance-cursor.js';
import { searchTickets } from '../../search/use-cases/search-tickets.js';
import { findRepeatsOfTicket, findSimilarTickets, probeSimilarTickets, type SimilarTicket } from '../../search/use-cases/find-similar-tickets.js';
import { narrowToView, savedViewFilters } from '../../views/use-cases/view-filters.js';
import {
  createTicketBody,
  eventSchema,
  listQuery,
  similarProbeBody,
  similarTicketSchema,
  ticketDetailSchema,
  ticketListSchema,
  updateTicketBody,
} from './ticket.schemas.js';

const tags = ['tickets'];

const createdSchema = ticketDetailSchema.extend({
  similar: z.array(similarTicketSchema).describe('merge candidates: the customer\'s other open tickets and open tickets very like this one'),
});

export function registerTicketRoutes(app: HttpApp, ctx: UseCaseContext): void {
  app.post(
    '/api/v1/tickets',
    {
      schema: {
        tags,
        summary: 'Create a ticket (or create and close it when answered on the spot)',
        description:
          'Send an `Idempotency-Key` header so that a retried request returns the ticket the first one created.',
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
        querystring: z
          .object({
            similar: z
              .enum(['true', 'false'])
              .default('true')
              .describe('`false` leaves out the merge candidates (integrations that show no one the answer save the lookup)'),
          })
          .strict(),
        body: createTicketBody,
        response: { 201: createdSchema, 200: createdSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const outcome = await createTicket(ctx, actor, request.body, request.headers['idempotency-key']);
      const ticket = outcome.ticket;
      // Read after the ticket committed: a failure here must not turn a recorded ticket into an error.
      const wanted = request.query.similar === 'true';
      const similar = !wanted ? [] : await findSimilarTickets(ctx, actor, {
        title: ticket.title,
        description: ticket.description,
        customerId: ticket.customer?.id ?? null,
        ticketId: ticket.id,
      }).catch((error: unknown) => {
        request.log.error({ err: error, ticketId: ticket.id }, 'similar tickets could not be found');
        return [] as SimilarTicket[];
      });
      reply.header('etag', `"${ticket.version}"`).header('location', `/api/v1/tickets/${ticket.id}`);
      return reply.code(outcome.created ? 201 : 200).send({ ...presentDetail(ticket, actor), similar });
    },
  );

  app.post(
    '/api/v1/tickets/similar',
    {
      schema: {
        tags,
        summary: 'Repeats of a ticket being recorded: the caller\'s open tickets and open tickets very like it, without creating anything',
        body: similarProbeBody,
        response: { 200: z.object({ items: z.array(similarTicketSchema) }), ...problemResponses },
      },
    },
    async (request) => {
      const { customer, ...text } = request.body;
      return { items: await probeSimilarTickets(ctx, actorOf(request), { ...text, customerId: customer?.id, phone: customer?.phone }) };
    },
  );

  app.get(
    '/api/v1/tickets/:id/similar',
    {
      schema: {
        tags,
        summary: "Merge candidates for a ticket: the customer's other open tickets and open tickets very like it",
        params: idParam,
        querystring: noQuery,
        response: { 200: z.object({ items: z.array(similarTicketSchema) }), ...problemResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { ticket } = await getTicket(ctx, actor, request.params.id);
      return { items: await findRepeatsOfTicket(ctx, actor, ticket) };
    },
  );

  app.get(
    '/api/v1/tickets',
    {
      schema: {
        tags,
        summary: 'List and search tickets: named queues, filters, the search box `q`, sorting and cursor pagination',
        querystring: listQuery,
        response: { 200: ticketListSchema, ...problemResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { cursor, view, ...given } = request.query;
      // A saved view supplies filters and sort; parameters given with it narrow it (see views/).
      const saved = view ? await savedViewFilters(ctx, actor, view) : undefined;
      const filters = saved ? { ...saved, ...given } : given;
      // `q` searches (src/search): ranked by relevance unless a sort is given.
      const search = filters.q?.trim() ? filters.q : undefined;
      const ranked = search !== undefined && !filters.sort;
      const sortTag = filters.sort ?? (filters.queue ? 'createdAt' : '-createdAt');
      const after = cursor && !ranked ? cursorValues(cursor, sortTag) : undefined;
      const built = await buildListQuery(ctx, actor, { ...filters, after });
      const query = saved ? await narrowToView(ctx, actor, built, saved) : built;
      if (search !== undefined) {
        const offset = ranked && cursor ? relevanceOffset(cursor) : 0;
        const found = await searchTickets(ctx, actor, query, { text: search, ranked, offset });
        const nextCursor = found.nextOffset !== null ? relevanceCursor(found.nextOffset) : found.next ? encodeCursor([sortTag, ...found.next]) : null;
        return { items: found.items, nextCursor };
      }
      const page = await listTickets(ctx, actor, query);
      return { items: page.items, nextCursor: page.next ? encodeCursor([sortTag, ...page.next]) : null };
    },
  );

  app.get(
    '/api/v1/tickets/:id',
    {
      schema: {
        tags,
        summary: 'One ticket, by internal id or number, with the actions you may take',
        params: idParam,
        querystring: noQuery,
        response: { 200: ticketDetailSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const detail = await getTicket(ctx, actorOf(request), request.params.id);
      reply.header('etag', `"${detail.ticket.version}"`);
      return { ...detail.ticket, allowedActions: detail.allowedActions };
    },
  );

  app.patch(
    '/api/v1/tickets/:id',
    {
      schema: {
        tags,
        summary: "Edit a ticket's title, description, classification or form fields",
        params: idParam,
        headers: z.object({ 'if-match': z.string().max(50).optional() }),
        body: updateTicketBody,
        response: { 200: ticketDetailSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { version, ...input } = request.body;
      const ticket = await updateTicket(ctx, actor, { ref: request.params.id, expectedVersion: expectedVersion(request, version) }, input);
      return sendTicket(reply, ticket, actor);
    },
  );

  app.get(
    '/api/v1/tickets/:id/events',
    {
      schema: {
        tags,
        summary: 'The timeline: every event of the ticket, oldest first',
        params: idParam,
        querystring: noQuery,
        response: { 200: z.object({ items: z.array(eventSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: await getTimeline(ctx, actorOf(request), request.params.id) }),
  );
}

/** The version the client acts on: the If-Match header (`"3"`, `W/"3"` or `3`) or the body's `version`. */
export function expectedVersion(request: FastifyRequest, bodyVersion: number | undefined): number | undefined {
  const header = request.headers['if-match'];
  if (typeof header !== 'string' || header.trim() === '*') return bodyVersion;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) {
    throw badRequest('invalid_if_match', 'If-Match must be the ticket version, e.g. "3" (the ETag of the ticket).', {
      errors: [fieldIssue('If-Match', 'invalid_format', 'is not a ticket version', { format: 'version' })],
    });
  }
  return Number(match[1]);
}

/** Answers with the ticket after an action; the caller just acted, so they count as a participant. */
export function sendTicket(reply: FastifyReply, ticket: TicketView, actor: Actor) {
  reply.header('etag', `"${ticket.version}"`);
  return reply.send(presentDetail(ticket, actor));
}

/** The ticket with what the caller may do now; they just created or acted on it, so they took part. */
function presentDetail(ticket: TicketView, actor: Actor) {
  const allowedActions = availableActions(actor, {
    status: ticket.status,
    departmentId: ticket.department?.id ?? null,
    assigneeId: ticket.assignee?.id ?? null,
    createdBy: ticket.createdBy.id,
    isParticipant: true,
    needsReply: ticket.serviceItem.needsReply,
  });
  return { ...ticket, allowedActions };
}

const isId = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 100;
const isRank = (v: unknown) => Number.isInteger(v) && Math.abs(v as number) <= 1_000_000;
const isNoDueTime = (v: unknown) => v === NO_DUE_TIME;
/**
 * What each sort's cursor carries: [time, id], or [rank, time, id] for priority; a due-time list's
 * cursor past its running clocks carries [NO_DUE_TIME, created time, id].
 */
const CURSOR_SHAPES: Record<SortKey, Array<Array<(v: unknown) => boolean>>> = {
  createdAt: [[isCursorTime, isId]],
  updatedAt: [[isCursorTime, isId]],
  priority: [[isRank, isCursorTime, isId]],
  dueAt: [[isCursorTime, isId], [isNoDueTime, isCursorTime, isId]],
};

function cursorValues(cursor: string, sortTag: string): Array<string | number> {
  const [tag, ...values] = decodeCursor(cursor);
  const shapes = CURSOR_SHAPES[parseSort(sortTag, undefined).key];
  const fits = shapes.some((shape) => values.length === shape.length && values.every((v, i) => shape[i]!(v)));
  if (tag !== sortTag || !fits) {
    throw badRequest('invalid_cursor', 'cursor: this cursor belongs to a list with another sort order; start from the first page.', {
      errors: [fieldIssue('cursor', 'invalid_cursor', 'was issued for another sort order')],
    });
  }
  return values;
}
