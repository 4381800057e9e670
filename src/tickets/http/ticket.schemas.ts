import { z } from 'zod';
import { CUSTOMER_TYPES } from '../../customers/domain/customer.js';
import { csv, instant, text } from '../../platform/http/schemas.js';
import { CHANNELS, REPLY_CHANNELS } from '../domain/channels.js';
import { TICKET_ACTIONS, TICKET_STATUSES } from '../domain/ticket-state-machine.js';
import { TICKET_EVENT_TYPES, TICKET_LIST_SORTS } from '../domain/ticket.js';
import { DEADLINE_STATES, SLA_SUMMARY_STATES } from '../../sla/domain/deadline.js';
import { SLA_TARGETS } from '../../sla/domain/sla-policy.js';

/** A reference to reference data: its id or its code. */
export const refSchema = z.string().trim().min(1).max(100);

const refView = z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string().nullable() });
const userRef = z.object({ id: z.string(), username: z.string(), displayName: z.string() });

const deadlineSchema = z.object({
  id: z.string(),
  target: z.enum(SLA_TARGETS),
  departmentId: z.string().nullable().describe('the department whose step this is'),
  state: z.enum(DEADLINE_STATES),
  current: z.boolean().describe('still counting (running or paused); finished clocks stay as the record'),
  dueAt: z.string().nullable().describe('null while paused'),
  allowedMinutes: z.number(),
  spentMinutes: z.number(),
  remainingMinutes: z.number().describe('negative when overdue; business minutes when businessTime'),
  businessTime: z.boolean(),
  calendar: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
  startedAt: z.string(),
  completedAt: z.string().nullable(),
  warnedAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
  escalationLevel: z.number().describe('escalation levels fired so far'),
  extensions: z.number().describe('approved extension requests'),
});

export const ticketSchema = z.object({
  id: z.string(),
  number: z.string().describe('human-readable number, e.g. GD-20261122-000123'),
  title: z.string(),
  description: z.string(),
  status: z.enum(TICKET_STATUSES),
  category: refView,
  serviceItem: refView.extend({ needsReply: z.boolean() }),
  priority: refView.extend({ rank: z.number() }),
  channel: z.enum(CHANNELS),
  department: refView.nullable(),
  assignee: userRef.nullable(),
  customer: z
    .object({
      id: z.string(),
      name: z.string(),
      phone: z.string().nullable().describe('the primary phone number; masked (138****8000) for roles that do not see numbers in full'),
      tier: z.string().nullable(),
      type: z.string(),
      parentId: z.string().nullable().describe('the enterprise customer (政企) this contact belongs to'),
    })
    .nullable(),
  createdBy: userRef,
  fields: z.record(z.string(), z.union([z.string(), z.number()])),
  result: z.string().nullable(),
  needsTriage: z.boolean().describe('classified by intake defaults; someone should check the classification'),
  mergedIntoId: z.string().nullable(),
  version: z.number().describe('send back as If-Match (or `version`) to act on this state'),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  waitUntil: z.string().nullable().describe('while waiting (`wait {until}`): when handling resumes by itself'),
  sla: z
    .object({
      state: z.enum(SLA_SUMMARY_STATES).nullable().describe('worst state among running time limits; null without any'),
      dueAt: z.string().nullable().describe('the earliest due time among running time limits'),
      targets: z.array(deadlineSchema).optional().describe('every clock, single-ticket reads only'),
    })
    .describe('time limits (时限)'),
});

export const ticketDetailSchema = ticketSchema.extend({
  allowedActions: z.array(z.enum(TICKET_ACTIONS)).describe('what the caller may do to this ticket now'),
});

/** Search results (`q`) carry highlights: HTML-escaped text with `<mark>` around each match. */
const highlightsSchema = z.object({
  title: z.string().optional().describe('the title with its matches marked; absent when the title has none'),
  snippet: z.string().describe('about 120 characters of the best-matching description, form value, customer name, note, reply or result'),
});

/** A merge candidate: the caller's other open tickets and open tickets very like this one (src/search, docs/search.md). */
export const similarTicketSchema = z.object({
  ticket: ticketSchema,
  reasons: z.array(z.enum(['same_customer', 'similar_text'])).describe('why it is offered'),
  score: z.number().nullable().describe('text similarity 0–1; null when only the customer is the same'),
});

export const similarProbeBody = z
  .object({
    title: z.string().trim().max(200).optional(),
    description: text(20_000),
    customer: z
      .object({ id: z.string().min(1).max(100).optional(), phone: z.string().trim().min(3).max(40).optional() })
      .strict()
      .optional(),
  })
  .strict();

export const ticketListSchema = z.object({
  items: z.array(ticketSchema.extend({ highlights: highlightsSchema.optional().describe('search results only') })),
  nextCursor: z.string().nullable().describe('pass as `cursor` for the next page; null on the last page'),
});

export const eventSchema = z.object({
  id: z.string(),
  seq: z.number(),
  type: z.enum(TICKET_EVENT_TYPES),
  at: z.string(),
  actor: userRef.nullable().describe('null when the system acted (routing, automatic assignment)'),
  fromStatus: z.enum(TICKET_STATUSES).nullable(),
  toStatus: z.enum(TICKET_STATUSES).nullable(),
  fromDepartmentId: z.string().nullable(),
  toDepartmentId: z.string().nullable(),
  fromAssigneeId: z.string().nullable(),
  toAssigneeId: z.string().nullable(),
  content: z.string().nullable().describe('the note, reason, result or reply text'),
  data: z.record(z.string(), z.unknown()),
});

/** Optimistic concurrency in the body, for clients that cannot set If-Match. */
const version = z.number().int().positive().optional();

export const createTicketBody = z
  .object({
    title: z.string().trim().max(200).optional().describe('defaults to the first line of the description'),
    description: text(20_000),
    channel: z.enum(CHANNELS).default('phone'),
    category: refSchema.optional(),
    serviceItem: refSchema.optional(),
    priority: refSchema.optional(),
    customer: z
      .object({
        id: z.string().min(1).max(100).optional(),
        name: text(100).optional(),
        phone: z.string().trim().min(3).max(40).optional(),
        tier: z.string().trim().min(1).max(40).optional(),
        type: z.enum(CUSTOMER_TYPES).optional(),
      })
      .strict()
      .optional(),
    fields: z.record(z.string().max(64), z.unknown()).optional().describe("values of the service item's form"),
    answeredOnSpot: z.boolean().optional().describe('在线解答: record and close at once; needs `result`'),
    result: text(20_000).optional(),
    department: refSchema.optional().describe('dispatch straight to this department instead of the routing rules (roles that may dispatch: admin, supervisor, agent; others get 403)'),
  })
  .strict();

export const updateTicketBody = z
  .object({
    title: text(200).optional(),
    description: text(20_000).optional(),
    category: refSchema.optional(),
    serviceItem: refSchema.optional(),
    priority: refSchema.optional(),
    fields: z.record(z.string().max(64), z.unknown()).optional(),
    version,
  })
  .strict();

const reason = text(5_000);

/** Body of each action: what it needs, and nothing else (unknown fields are refused, never ignored). */
export const actionBodies = {
  dispatch: z.object({ department: refSchema.optional(), version }).strict(),
  assign: z.object({ assignee: refSchema, version }).strict(),
  claim: z.object({ version }).strict(),
  accept: z.object({ version }).strict(),
  note: z.object({ content: text(20_000), internal: z.boolean().default(true), version }).strict(),
  transfer: z.object({ department: refSchema, reason, version }).strict(),
  return: z.object({ reason, version }).strict(),
  wait: z.object({ reason, until: instant.nullable().optional(), version }).strict(),
  resume: z.object({ note: reason.optional(), version }).strict(),
  resolve: z.object({ result: text(20_000), version }).strict(),
  reply: z
    .object({
      channel: z.enum(REPLY_CHANNELS),
      content: text(20_000),
      objection: z.boolean().optional().describe('true: 有异议, to the difficult-case group; false: 无异议, closed; absent: replied'),
      version,
    })
    .strict(),
  close: z.object({ note: reason.optional(), version }).strict(),
  reopen: z.object({ reason, version }).strict(),
  cancel: z.object({ reason, version }).strict(),
  merge: z.object({ into: refSchema.describe('primary ticket id or number'), note: reason.optional(), version }).strict(),
} as const;

export const QUEUES = ['department', 'mine', 'awaiting_reply', 'to_close', 'returned', 'waiting', 'dispatch'] as const;

const csvOf = <T extends string>(values: readonly [T, ...T[]]) => csv.pipe(z.array(z.enum(values)));

export const listQuery = z
  .object({
    queue: z.enum(QUEUES).optional(),
    status: csvOf(TICKET_STATUSES).optional(),
    department: csv.optional(),
    assignee: csv.optional().describe('user ids or usernames; `me` and `none` work too'),
    category: csv.optional(),
    serviceItem: csv.optional(),
    priority: csv.optional(),
    channel: csvOf(CHANNELS).optional(),
    customer: csv.optional(),
    slaState: csvOf(SLA_SUMMARY_STATES).optional().describe('the worst state among the time limits still running'),
    createdFrom: instant.optional(),
    createdTo: instant.optional(),
    updatedFrom: instant.optional(),
    updatedTo: instant.optional(),
    sort: z.enum(TICKET_LIST_SORTS).optional().describe('field, `-` for descending; queues default to oldest first; `dueAt` is the next time-limit due time, and tickets without a running clock (waiting ones, say) follow, oldest first, in either direction'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(1000).optional(),
    q: z
      .string()
      .max(200)
      .optional()
      .describe(
        'search box: ticket number, title, description, notes, replies, results, form values, customer name, or a full phone number; combines with every filter; without `sort` the results are ranked by relevance (see docs/search.md)',
      ),
    view: z.string().min(1).max(100).optional().describe("a saved view's id: its filters and sort, narrowed by any other parameter given"),
  })
  .strict();
