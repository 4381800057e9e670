import { z } from 'zod';
import type { UseCaseContext } from '../../app/context.js';
import { actorOf } from '../../auth/http/authentication.js';
import { noQuery, problemResponses, text } from '../../platform/http/schemas.js';
import type { HttpApp } from '../../platform/http/types.js';
import { viewFilters } from '../../views/http/views.routes.js';
import { ticketReferenceKey } from '../domain/ticket-number.js';
import { BATCH_LIMIT, runBatch } from '../use-cases/batch-actions.js';
import { actionBodies, refSchema } from './ticket.schemas.js';

const selection = {
  ids: z
    .array(z.string().trim().min(1).max(100))
    .min(1)
    .max(BATCH_LIMIT)
    .optional()
    .describe(`ticket ids or numbers, at most ${BATCH_LIMIT}`),
  expectedVersions: z
    .record(z.string().max(100), z.number().int().positive())
    .optional()
    .describe('with `ids`: the version you saw of some of them, keyed as in `ids`; a ticket changed since answers 409 version_conflict'),
  view: z.string().min(1).max(100).optional().describe('a saved view: every ticket of it you may see'),
  filter: viewFilters.optional().describe('list parameters as an object (as a view saves them); with `view`, they narrow it'),
};

/** The fields of each action are those of its single-ticket body, without `version` (a batch carries `expectedVersions`). */
const batchBody = z
  .discriminatedUnion('action', [
    z.object({ action: z.literal('assign'), ...selection, ...actionBodies.assign.omit({ version: true }).shape }).strict(),
    z.object({ action: z.literal('transfer'), ...selection, ...actionBodies.transfer.omit({ version: true }).shape }).strict(),
    z.object({ action: z.literal('setPriority'), ...selection, priority: refSchema }).strict(),
    z.object({ action: z.literal('note'), ...selection, ...actionBodies.note.omit({ version: true }).shape }).strict(),
    z
      .object({ action: z.literal('closeAsDuplicate'), ...selection, primary: refSchema.describe('the ticket (id or number) the others are merged into'), note: text(5_000).optional() })
      .strict(),
    z.object({ action: z.literal('reply'), ...selection, ...actionBodies.reply.omit({ version: true }).shape }).strict(),
  ])
  .superRefine((body, issues) => {
    const byView = body.view !== undefined || body.filter !== undefined;
    if (!body.ids && !byView) issues.addIssue({ code: 'custom', path: ['ids'], message: 'name the tickets (`ids`), or select them with `view` or `filter`', params: { issue: 'required' } });
    if (body.ids && byView) {
      issues.addIssue({ code: 'custom', path: [body.view !== undefined ? 'view' : 'filter'], message: 'cannot be combined with `ids`', params: { issue: 'conflicts' } });
    }
    const seen = new Set<string>();
    body.ids?.forEach((ref, index) => {
      if (seen.has(ticketReferenceKey(ref))) issues.addIssue({ code: 'custom', path: ['ids', index], message: `names ${ref} a second time`, params: { issue: 'duplicate' } });
      seen.add(ticketReferenceKey(ref));
    });
    for (const key of Object.keys(body.expectedVersions ?? {})) {
      if (!seen.has(ticketReferenceKey(key))) issues.addIssue({ code: 'custom', path: ['expectedVersions', key], message: 'is not one of `ids`', params: { issue: 'not_applicable' } });
    }
  });

const resultSchema = z.union([
  z.object({ id: z.string(), number: z.string(), ok: z.literal(true), version: z.number().describe('the version after the action') }),
  z.object({
    ref: z.string().describe('the ticket as the request named it (its id when selected by a view)'),
    id: z.string().optional().describe('absent when the ticket does not exist or is not visible to you'),
    number: z.string().optional(),
    ok: z.literal(false),
    status: z.number().describe('the HTTP status the single-ticket action would have answered'),
    code: z.string().describe('its stable problem code: action_not_allowed, not_in_department, version_conflict, not_found …'),
    message: z.string(),
    currentVersion: z.number().optional(),
    ticketStatus: z.string().optional(),
    allowedActions: z.array(z.string()).optional(),
  }),
]);

const batchResponse = z.object({
  results: z.array(resultSchema).describe('one per ticket, in the order of `ids` or of the view'),
  summary: z.object({ total: z.number(), succeeded: z.number(), failed: z.number() }),
});

/** 批量处理: one action on many tickets, each in its own transaction, with a result per ticket. */
export function registerBatchRoutes(app: HttpApp, ctx: UseCaseContext): void {
  app.post(
    '/api/v1/tickets/batch',
    {
      schema: {
        tags: ['ticket actions'],
        summary: 'Apply one action to many tickets: assign, transfer, setPriority, note, closeAsDuplicate or reply',
        description:
          `Select up to ${BATCH_LIMIT} tickets by \`ids\` (ids or numbers), or every ticket of a \`view\` and/or \`filter\` you may see ` +
          `(more than ${BATCH_LIMIT} answers 422 batch_too_large). Each ticket is handled as its single-ticket action would be, in its own ` +
          'transaction with its own event; a refused ticket is reported in `results` with its status and code, and the others go ahead.',
        querystring: noQuery,
        body: batchBody,
        response: { 200: batchResponse, ...problemResponses },
      },
    },
    async (request) => {
      const outcome = await runBatch(ctx, actorOf(request), request.body);
      if (outcome.unexpected.length > 0) {
        request.log.error({ err: outcome.unexpected[0], failures: outcome.unexpected.length }, 'batch: tickets failed unexpectedly');
      }
      return { results: outcome.results, summary: outcome.summary };
    },
  );
}
