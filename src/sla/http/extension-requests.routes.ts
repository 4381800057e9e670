import { z } from 'zod';
import type { UseCaseContext } from '../../app/context.js';
import { actorOf } from '../../auth/http/authentication.js';
import { idParam, instant, problemResponses, text } from '../../platform/http/schemas.js';
import type { HttpApp } from '../../platform/http/types.js';
import { EXTENSION_STATUSES, type ExtensionRequest } from '../domain/extension-request.js';
import { SLA_TARGETS } from '../domain/sla-policy.js';
import { approveExtension, listExtensionRequests, rejectExtension, requestExtension } from '../use-cases/extension-requests.js';

const tags = ['time limits'];

const requestSchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  ticketNumber: z.string().optional(),
  target: z.enum(SLA_TARGETS),
  deadlineId: z.string(),
  departmentId: z.string().nullable().describe('the department whose supervisors decide'),
  requestedBy: z.string(),
  reason: z.string(),
  previousDueAt: z.string().nullable(),
  requestedUntil: z.string(),
  status: z.enum(EXTENSION_STATUSES),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  createdAt: z.string(),
});

const listQuery = z
  .object({
    status: z.enum(EXTENSION_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

const createBody = z
  .object({
    target: z.enum(SLA_TARGETS).describe('which time limit: firstResponse, step, handling, reply or resolution'),
    until: instant.describe('the due time asked for, ISO 8601 with offset'),
    reason: text(2000),
  })
  .strict();

const decisionBody = (reasonRequired: boolean) =>
  z.preprocess((value) => value ?? {}, z.object({ reason: reasonRequired ? text(2000) : text(2000).optional() }).strict());

const present = (r: ExtensionRequest & { ticketNumber?: string }) => r;

/** 延时申请: asked on a ticket, decided by a supervisor of its department. */
export function registerExtensionRequestRoutes(app: HttpApp, ctx: UseCaseContext): void {
  app.post(
    '/api/v1/tickets/:id/extension-requests',
    {
      schema: {
        tags,
        summary: '延时申请 Ask for a later due time on one of the ticket’s running time limits',
        params: idParam,
        body: createBody,
        response: { 201: requestSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const created = await requestExtension(ctx, actorOf(request), request.params.id, request.body);
      return reply.code(201).send(present(created));
    },
  );

  app.get(
    '/api/v1/tickets/:id/extension-requests',
    { schema: { tags, summary: 'Extension requests of a ticket, newest first', params: idParam, querystring: listQuery, response: { 200: z.object({ items: z.array(requestSchema) }), ...problemResponses } } },
    async (request) => ({ items: (await listExtensionRequests(ctx, actorOf(request), { ...request.query, ticket: request.params.id })) }),
  );

  app.get(
    '/api/v1/extension-requests',
    {
      schema: {
        tags,
        summary: 'Extension requests the caller may see: supervisors their departments’ (e.g. ?status=pending to decide), handlers their own',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(requestSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: (await listExtensionRequests(ctx, actorOf(request), request.query)) }),
  );

  app.post(
    '/api/v1/extension-requests/:id/approve',
    { schema: { tags, summary: 'Approve: the time limit falls due at the requested time', params: idParam, body: decisionBody(false), response: { 200: requestSchema, ...problemResponses } } },
    async (request) => present(await approveExtension(ctx, actorOf(request), request.params.id, request.body.reason)),
  );

  app.post(
    '/api/v1/extension-requests/:id/reject',
    { schema: { tags, summary: 'Reject with a reason: the due time stays', params: idParam, body: decisionBody(true), response: { 200: requestSchema, ...problemResponses } } },
    async (request) => present(await rejectExtension(ctx, actorOf(request), request.params.id, request.body.reason!)),
  );
}
