import { z } from 'zod';
import type { UseCaseContext } from '../../app/context.js';
import { requireAdmin } from '../../auth/http/authentication.js';
import { noQuery, problemResponses, text } from '../../platform/http/schemas.js';
import type { HttpApp } from '../../platform/http/types.js';
import { CHANNELS } from '../../tickets/domain/channels.js';
import { MAX_ESCALATION_LEVELS, MAX_LEVEL_ACTIONS, MAX_POLICY_MINUTES } from '../domain/sla-policy-rules.js';
import { createSlaPolicy, deactivateSlaPolicy, updateSlaPolicy } from '../use-cases/manage-sla-policies.js';
import { getSlaPolicy, listSlaPolicies } from '../use-cases/read-sla-policies.js';

const tags = ['time limits'];

/** A reference to reference data, a user or a calendar: its id or its code (username). */
const ref = z.string().trim().min(1).max(100);
const oneOrMany = <T extends z.ZodType>(item: T, what: string) =>
  z.union([item, z.array(item).max(100)], { error: `must be ${what}, or a list of them (at most 100)` });
const minutes = z.number().int().min(1).max(MAX_POLICY_MINUTES);

const matchInput = z
  .object({
    category: oneOrMany(ref, 'a category id or code').optional(),
    serviceItem: oneOrMany(ref, 'a service item id or code').optional().describe('an item matches its whole branch of the catalog tree'),
    priority: oneOrMany(ref, 'a priority id or code').optional(),
    channel: oneOrMany(z.enum(CHANNELS), `one of ${CHANNELS.join(', ')}`).optional(),
    customerTier: oneOrMany(text(40), 'a customer tier (1 to 40 characters)').optional(),
  })
  .strict()
  .describe('each criterion: one id or code, or a list (any of them matches); absent or empty matches every ticket');

const recipientInput = z
  .union([
    z.enum(['assignee', 'supervisors', 'creator']),
    z.object({ user: ref.describe('username or id') }).strict(),
    z.object({ departmentSupervisors: ref.describe('department id or code') }).strict(),
  ], { error: 'must be "assignee", "supervisors", "creator", {"user": <username or id>} or {"departmentSupervisors": <department id or code>}' })
  .describe('"assignee", "supervisors" (of the ticket\'s department), "creator", {"user": …} or {"departmentSupervisors": …}');

const actionInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('notify'), recipients: z.array(recipientInput).min(1).max(20) }).strict(),
  z.object({ type: z.literal('setPriority'), priority: ref }).strict(),
  z
    .object({ type: z.literal('reassign'), department: ref.optional(), user: ref.optional().describe('username or id') })
    .strict()
    .refine((a) => a.department !== undefined || a.user !== undefined, { message: 'name a department, a user or both', params: { issue: 'required' } }),
  z.object({ type: z.literal('markDifficult') }).strict().describe('send the ticket to the difficult-case department'),
]);

const levelInput = z
  .object({
    afterMinutes: z.number().int().min(0).max(MAX_POLICY_MINUTES).describe("after the previous level (the first: after the breach), in the target's time basis"),
    actions: z.array(actionInput).min(1).max(MAX_LEVEL_ACTIONS),
  })
  .strict();

const targetInput = z
  .object({
    minutes,
    businessTime: z.boolean().optional().describe("count on the policy's business calendar (default true) or on the wall clock"),
    warnAt: z
      .object({
        percent: z.array(z.number().int().min(1).max(99)).max(10).optional(),
        minutesBefore: z.array(z.number().int().min(1).max(MAX_POLICY_MINUTES)).max(10).optional().describe('each less than minutes'),
      })
      .strict()
      .optional()
      .describe('default {"percent": [75]}; given, it replaces the default whole'),
    notify: z.array(recipientInput).max(20).optional().describe('who a warning tells; default ["assignee", "supervisors"]'),
    pauseWhileWaiting: z.boolean().optional().describe('whether waiting on the customer stops the clock (default true)'),
    escalation: z.array(levelInput).max(MAX_ESCALATION_LEVELS).optional(),
    byDepartment: z
      .record(z.string().min(1).max(100), minutes)
      .refine((limits) => Object.keys(limits).length <= 200, { message: 'at most 200 departments', params: { issue: 'too_many', max: 200 } })
      .optional()
      .describe('step target only: department id or code → its own minutes'),
  })
  .strict();

const targetsInput = z
  .object({
    firstResponse: targetInput.optional().describe('首次响应: from creation until a department accepts'),
    step: targetInput.optional().describe('each department step, from arrival until it moves on'),
    handling: targetInput.optional().describe('from creation until the result is recorded'),
    reply: targetInput.optional().describe('from the result until the customer is replied to, when the service item needs a reply'),
    resolution: targetInput.optional().describe('the whole ticket, until closed'),
  })
  .strict()
  .describe('at least one target');

const extensionsInput = z
  .object({
    maxPerDeadline: z.number().int().min(0).max(20).optional().describe('approved extensions per deadline (default 2)'),
    maxMinutes: minutes.optional().describe('the most one extension may add (default 1440)'),
  })
  .strict();

const policyBody = {
  active: z.boolean().optional(),
  match: matchInput.optional(),
  calendar: ref.nullable().optional().describe('calendar id or code; absent or null: the default 24×7 calendar'),
  extensions: extensionsInput.optional(),
};
const createBody = z.object({ name: text(200), ...policyBody, targets: targetsInput }).strict();
const updateBody = z
  .object({ name: text(200).optional(), ...policyBody, targets: targetsInput.optional() })
  .strict()
  .describe('changes what is given; match, targets and extensions are replaced whole');

const refView = z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string().nullable() });
const userRef = z.object({ id: z.string(), username: z.string(), displayName: z.string() });
const recipientView = z.union([
  z.enum(['assignee', 'supervisors', 'creator']),
  z.object({ user: userRef }),
  z.object({ departmentSupervisors: refView }),
]);
const actionView = z.discriminatedUnion('type', [
  z.object({ type: z.literal('notify'), recipients: z.array(recipientView) }),
  z.object({ type: z.literal('setPriority'), priority: refView }),
  z.object({ type: z.literal('reassign'), department: refView.nullable(), user: userRef.nullable() }),
  z.object({ type: z.literal('markDifficult') }),
]);
const targetView = z.object({
  minutes: z.number(),
  businessTime: z.boolean(),
  warnAt: z.object({ percent: z.array(z.number()), minutesBefore: z.array(z.number()) }),
  notify: z.array(recipientView),
  pauseWhileWaiting: z.boolean(),
  escalation: z.array(z.object({ afterMinutes: z.number(), actions: z.array(actionView) })),
  byDepartment: z.array(z.object({ department: refView, minutes: z.number() })),
});
const policySchema = z.object({
  id: z.string(),
  name: z.string(),
  active: z.boolean(),
  match: z.object({
    category: z.array(refView),
    serviceItem: z.array(refView),
    priority: z.array(refView),
    channel: z.array(z.string()),
    customerTier: z.array(z.string()),
  }),
  calendar: refView.nullable().describe('null: the default 24×7 calendar'),
  targets: z.object({
    firstResponse: targetView.optional(),
    step: targetView.optional(),
    handling: targetView.optional(),
    reply: targetView.optional(),
    resolution: targetView.optional(),
  }),
  extensions: z.object({ maxPerDeadline: z.number(), maxMinutes: z.number() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Policies are named in URLs by id or by name (names may be longer than an id). */
const policyParam = z.object({ id: z.string().min(1).max(200) });
const includeInactive = z.object({ includeInactive: z.enum(['true', 'false']).optional() }).strict();

export function registerSlaPolicyRoutes(app: HttpApp, ctx: UseCaseContext): void {
  app.get('/api/v1/sla-policies', { schema: { tags, summary: '时限策略 Time-limit policies, oldest first', querystring: includeInactive, response: { 200: z.object({ items: z.array(policySchema) }) } } },
    async (request) => ({ items: await listSlaPolicies(ctx, request.query.includeInactive === 'true') }));
  app.get('/api/v1/sla-policies/:id', { schema: { tags, summary: 'One time-limit policy, by id or name', params: policyParam, querystring: noQuery, response: { 200: policySchema, ...problemResponses } } },
    async (request) => getSlaPolicy(ctx, request.params.id));
  app.post('/api/v1/sla-policies', { schema: { tags, summary: 'Create a time-limit policy (admin)', body: createBody, response: { 201: policySchema, ...problemResponses } } },
    async (request, reply) => {
      requireAdmin(request);
      return reply.code(201).send(await createSlaPolicy(ctx, request.body));
    });
  app.patch('/api/v1/sla-policies/:id', { schema: { tags, summary: 'Change a time-limit policy (admin)', params: policyParam, body: updateBody, response: { 200: policySchema, ...problemResponses } } },
    async (request) => {
      requireAdmin(request);
      return updateSlaPolicy(ctx, request.params.id, request.body);
    });
  app.delete('/api/v1/sla-policies/:id', { schema: { tags, summary: 'Delete a time-limit policy: it is deactivated, running deadlines keep it (admin)', params: policyParam, response: { 204: z.null(), ...problemResponses } } },
    async (request, reply) => {
      requireAdmin(request);
      await deactivateSlaPolicy(ctx, request.params.id);
      return reply.code(204).send(null);
    });
}
