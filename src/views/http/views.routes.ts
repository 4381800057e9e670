import { z } from 'zod';
import type { UseCaseContext } from '../../app/context.js';
import { actorOf } from '../../auth/http/authentication.js';
import { idParam, noQuery, problemResponses, text } from '../../platform/http/schemas.js';
import type { HttpApp } from '../../platform/http/types.js';
import { listQuery, refSchema } from '../../tickets/http/ticket.schemas.js';
import { VIEW_SCOPES } from '../domain/saved-view.js';
import { createView, deleteView, updateView } from '../use-cases/manage-views.js';
import { getView, listViews, VIEW_COUNT_CAP, type ViewDetail } from '../use-cases/read-views.js';

/**
 * What a view saves: any parameter of `GET /tickets` but the page (cursor, limit) and the view
 * itself, checked by the list's own schema, so a parameter the list gains can be saved at once.
 * Lists may be arrays or comma-separated strings, as in the query string.
 */
export const viewFilters = listQuery.omit({ cursor: true, limit: true, view: true });

const viewSchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(VIEW_SCOPES).describe('personal: the owner only; department: its members; everyone: all signed-in users'),
  department: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
  owner: z.object({ id: z.string(), username: z.string(), displayName: z.string() }).nullable().describe('who saved it'),
  filters: z.record(z.string(), z.unknown()).describe('the list parameters as saved; references resolve at each use (`me` is the reader)'),
  mayChange: z.boolean().describe('whether you may change or delete it'),
  count: z.number().nullable().describe(`tickets of the view you may see, counted up to ${VIEW_COUNT_CAP}; null when not counted or not countable`),
  countCapped: z.boolean().describe(`true when more than ${VIEW_COUNT_CAP} match: show "${VIEW_COUNT_CAP}+"`),
  countError: z
    .object({ code: z.string(), message: z.string() })
    .nullable()
    .describe('why the view cannot be used as saved (e.g. a department in it was deleted)'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const countsQuery = z
  .object({ counts: z.enum(['true', 'false']).default('true').describe('`false` skips the ticket counts') })
  .strict();

const name = text(100);
const createBody = z
  .object({
    name,
    scope: z.enum(VIEW_SCOPES).default('personal'),
    department: refSchema.optional().describe('with scope `department`: the department (id or code) to share it with'),
    filters: viewFilters.default({}),
  })
  .strict();
const updateBody = z
  .object({
    name: name.optional(),
    scope: z.enum(VIEW_SCOPES).optional(),
    department: refSchema.optional(),
    filters: viewFilters.optional().describe('replaces the saved filters as a whole'),
  })
  .strict();

function present({ view, owner, department, mayChange, count }: ViewDetail) {
  return {
    id: view.id,
    name: view.name,
    scope: view.scope,
    department,
    owner,
    filters: view.filters,
    mayChange,
    count: count?.count ?? null,
    countCapped: count?.capped ?? false,
    countError: count?.error ?? null,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
  };
}

/** 视图: saved list filters, personal or shared, with a count per view. */
export function registerViewRoutes(app: HttpApp, ctx: UseCaseContext): void {
  const tags = ['views'];
  app.get(
    '/api/v1/views',
    {
      schema: {
        tags,
        summary: 'The views you may use, each with the number of its tickets you may see',
        querystring: countsQuery,
        response: { 200: z.object({ items: z.array(viewSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: (await listViews(ctx, actorOf(request), { counts: request.query.counts === 'true' })).map(present) }),
  );
  app.post(
    '/api/v1/views',
    {
      schema: {
        tags,
        summary: 'Save a view: personal, or shared with a department (its supervisors) or everyone (administrators)',
        querystring: noQuery,
        body: createBody,
        response: { 201: viewSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const view = present(await createView(ctx, actorOf(request), request.body));
      return reply.code(201).header('location', `/api/v1/views/${view.id}`).send(view);
    },
  );
  app.get(
    '/api/v1/views/:id',
    {
      schema: {
        tags,
        summary: 'One view with its count; its tickets are at GET /api/v1/tickets?view={id}',
        params: idParam,
        querystring: countsQuery,
        response: { 200: viewSchema, ...problemResponses },
      },
    },
    async (request) => present(await getView(ctx, actorOf(request), request.params.id, { counts: request.query.counts === 'true' })),
  );
  app.patch(
    '/api/v1/views/:id',
    {
      schema: {
        tags,
        summary: "Rename a view, replace its filters or change who it is shared with",
        params: idParam,
        querystring: noQuery,
        body: updateBody,
        response: { 200: viewSchema, ...problemResponses },
      },
    },
    async (request) => present(await updateView(ctx, actorOf(request), request.params.id, request.body)),
  );
  app.delete(
    '/api/v1/views/:id',
    {
      schema: { tags, summary: 'Delete a view', params: idParam, querystring: noQuery, response: { 204: z.null(), ...problemResponses } },
    },
    async (request, reply) => {
      await deleteView(ctx, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
