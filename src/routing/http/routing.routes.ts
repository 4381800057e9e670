import { z } from 'zod';
import type { UseCaseContext } from '../../app/context.js';
import { requireAdmin } from '../../auth/http/authentication.js';
import { idParam, noQuery, orderNumberSchema, problemResponses, text } from '../../platform/http/schemas.js';
import type { HttpApp } from '../../platform/http/types.js';
import { CHANNELS } from '../../tickets/domain/channels.js';
import type { RoutingRule } from '../domain/routing-rules.js';
import { createRoutingRule, deleteRoutingRule, reorderRoutingRules, updateRoutingRule } from '../use-cases/manage-routing-rules.js';
import { listRoutingRules } from '../use-cases/read-routing-rules.js';

const refs = z.array(z.string().min(1).max(100)).max(100);
const conditionsInput = z
  .object({
    categories: refs.optional(),
    serviceItems: refs.optional().describe('an item matches its whole branch of the tree'),
    priorities: refs.optional(),
    channels: z.array(z.enum(CHANNELS)).optional(),
    customerTiers: z.array(text(40)).max(50).optional(),
    keywords: z.array(text(100)).max(100).optional().describe('any keyword found in title or description matches'),
  })
  .strict();

const ruleSchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().describe('rules are tried in ascending position; the first match wins'),
  active: z.boolean(),
  conditions: z.object({
    categoryIds: z.array(z.string()).optional(),
    serviceItemIds: z.array(z.string()).optional(),
    priorityIds: z.array(z.string()).optional(),
    channels: z.array(z.string()).optional(),
    customerTiers: z.array(z.string()).optional(),
    keywords: z.array(z.string()).optional(),
  }),
  departmentId: z.string(),
});

const present = (rule: RoutingRule) => rule;

export function registerRoutingRoutes(app: HttpApp, ctx: UseCaseContext): void {
  const tags = ['routing'];
  app.get('/api/v1/routing-rules', { schema: { tags, summary: 'Routing rules in the order they are tried', querystring: noQuery, response: { 200: z.object({ items: z.array(ruleSchema) }) } } },
    async () => ({ items: (await listRoutingRules(ctx)).map(present) }));
  app.post('/api/v1/routing-rules', { schema: { tags, summary: 'Create a routing rule (admin)', body: z.object({ name: text(200), position: orderNumberSchema.optional(), active: z.boolean().optional(), conditions: conditionsInput.default({}), department: z.string().min(1).max(100) }).strict(), response: { 201: ruleSchema, ...problemResponses } } },
    async (request, reply) => {
      requireAdmin(request);
      return reply.code(201).send(present(await createRoutingRule(ctx, request.body)));
    });
  app.put('/api/v1/routing-rules/order', { schema: { tags, summary: 'Put every routing rule in the order given, at once (admin)', description: 'Positions become 10, 20, 30 … in the order of `ids`, which must name every rule exactly once (409 `routing_rules_changed` when the list changed since it was read).', body: z.object({ ids: z.array(z.string().min(1).max(100)).max(1000) }).strict(), response: { 200: z.object({ items: z.array(ruleSchema) }), ...problemResponses } } },
    async (request) => {
      requireAdmin(request);
      return { items: (await reorderRoutingRules(ctx, request.body.ids)).map(present) };
    });
  app.patch('/api/v1/routing-rules/:id', { schema: { tags, summary: 'Change a routing rule (admin)', params: idParam, body: z.object({ name: text(200).optional(), position: orderNumberSchema.optional(), active: z.boolean().optional(), conditions: conditionsInput.optional(), department: z.string().min(1).max(100).optional() }).strict(), response: { 200: ruleSchema, ...problemResponses } } },
    async (request) => {
      requireAdmin(request);
      return present(await updateRoutingRule(ctx, request.params.id, request.body));
    });
  app.delete('/api/v1/routing-rules/:id', { schema: { tags, summary: 'Delete a routing rule (admin)', params: idParam, response: { 204: z.null(), ...problemResponses } } },
    async (request, reply) => {
      requireAdmin(request);
      await deleteRoutingRule(ctx, request.params.id);
      return reply.code(204).send(null);
    });
}
