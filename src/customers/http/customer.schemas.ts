import { z } from 'zod';
import { codeSchema, csv, text } from '../../platform/http/schemas.js';
import { TICKET_STATUSES } from '../../tickets/domain/ticket-state-machine.js';
import { SLA_SUMMARY_STATES } from '../../sla/domain/deadline.js';
import { ATTRIBUTE_TYPES, MAX_SELECT_OPTIONS, MAX_TEXT_ATTRIBUTE } from '../domain/attributes.js';
import { AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES } from '../domain/audit.js';
import { CUSTOMER_TYPES, IDENTITY_KINDS } from '../domain/customer.js';

// ─── Requests ───────────────────────────────────────────────────────────────

const label = z.string().trim().min(1).max(40).describe('e.g. 手机, 家庭, 办公, mobile, work');
const tier = z.string().trim().min(1).max(40).describe('e.g. VIP; routing rules and time-limit policies match it');
const customerId = z.string().trim().min(1).max(100);

export const phoneInput = z
  .object({
    number: z.string().trim().min(3).max(40).describe('any common format: +86 138 0013 8000, 13800138000, 010-12345678, 12345678'),
    label: label.nullable().optional(),
    primary: z.boolean().optional().describe('the number tickets show; the first one is primary anyway'),
  })
  .strict();

export const emailInput = z
  .object({
    address: z.string().trim().min(3).max(254),
    label: label.nullable().optional(),
    primary: z.boolean().optional(),
  })
  .strict();

export const externalIdInput = z
  .object({
    kind: codeSchema.describe('the system the id belongs to, e.g. wechat_openid, account_no'),
    value: z.string().trim().min(1).max(200),
  })
  .strict();

const idNumber = z.string().trim().min(1).max(40).describe('PRC resident ID number (18 characters with check character, or 15 digits)');
const tags = z.array(z.string().trim().min(1).max(40)).max(50).describe('replaces every tag');
const attributes = z
  .record(z.string().min(1).max(64), z.union([z.string().max(MAX_TEXT_ATTRIBUTE), z.number(), z.boolean(), z.null()]))
  .refine((values) => Object.keys(values).length <= 100, { message: 'at most 100 attributes', params: { issue: 'too_many', max: 100 } })
  .describe('custom attributes by key, checked against /api/v1/customer-attributes; null removes one');

export const createCustomerBody = z
  .object({
    name: text(100),
    type: z.enum(CUSTOMER_TYPES).optional().describe('default individual; enterprise is 政企'),
    tier: tier.nullable().optional().describe("a contact without one takes its enterprise's"),
    parentId: customerId.nullable().optional().describe('makes the customer a contact of this enterprise customer'),
    phones: z.array(phoneInput).max(10).optional(),
    emails: z.array(emailInput).max(10).optional(),
    externalIds: z.array(externalIdInput).max(20).optional(),
    idNumber: idNumber.optional(),
    tags: tags.optional(),
    attributes: attributes.optional(),
  })
  .strict();

export const updateCustomerBody = z
  .object({
    name: text(100).optional(),
    type: z.enum(CUSTOMER_TYPES).optional(),
    tier: tier.nullable().optional(),
    parentId: customerId.nullable().optional().describe('null detaches a contact from its enterprise'),
    tags: tags.optional(),
    attributes: attributes.optional().describe('changes the attributes named; null removes one'),
    idNumber: idNumber.nullable().optional().describe('sets or replaces the ID number; null removes it'),
  })
  .strict()
  .describe('phone numbers, emails and external ids have their own endpoints');

export const updateIdentityBody = z
  .object({
    label: label.nullable().optional(),
    primary: z.literal(true).optional().describe('make this the primary one of its kind'),
  })
  .strict();

export const revealBody = z.object({ identityId: z.string().trim().min(1).max(100) }).strict();
export const mergeBody = z.object({ into: customerId.describe('the customer that stays') }).strict();

export const customerListQuery = z
  .object({
    q: z.string().trim().min(1).max(100).optional().describe('name (case-insensitive); a phone number also finds its holder'),
    match: z.enum(['prefix', 'contains']).optional().describe('how `q` matches the name: its beginning (default) or any part'),
    tag: csv.optional().describe('any of these tags'),
    tier: csv.optional(),
    type: csv.pipe(z.array(z.enum(CUSTOMER_TYPES))).optional(),
    parent: customerId.optional().describe('contacts of this enterprise customer'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(1000).optional(),
  })
  .strict();

export const pageQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(1000).optional() })
  .strict();

export const lookupQuery = z
  .object({ phone: z.string().trim().min(3).max(40).describe('+86 138 0013 8000, 13800138000, 010-12345678, 12345678 …') })
  .strict();

export const identityParams = z.object({ id: customerId, identityId: z.string().min(1).max(100) });

export const attributeBody = z
  .object({
    key: codeSchema,
    label: text(100).describe('中文名称'),
    labelEn: text(100).nullable().optional(),
    type: z.enum(ATTRIBUTE_TYPES),
    options: z.array(z.string().trim().min(1).max(100)).max(MAX_SELECT_OPTIONS).optional().describe('the values a select allows'),
    required: z.boolean().optional().describe('every customer created or edited through the API must have it'),
    position: z.number().int().min(-1_000_000).max(1_000_000).optional(),
  })
  .strict();

export const attributeUpdateBody = attributeBody
  .omit({ key: true, type: true })
  .partial()
  .extend({ active: z.boolean().optional() })
  .strict()
  .describe('the key and the type cannot change');

export const auditQuery = z
  .object({
    subject: z
      .string()
      .max(200)
      .regex(new RegExp(`^(${AUDIT_SUBJECT_TYPES.join('|')})(:.+)?$`), `must be <type> or <type>:<id>, the type one of ${AUDIT_SUBJECT_TYPES.join(', ')}`)
      .optional()
      .describe('e.g. customer:<id>, ticket:<id> or customer'),
    action: csv.pipe(z.array(z.enum(AUDIT_ACTIONS))).optional(),
    actor: z.string().trim().min(1).max(100).optional().describe('user id or username'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(1000).optional(),
  })
  .strict();

// ─── Responses ──────────────────────────────────────────────────────────────

const masked = z.boolean().describe("true: the value is masked for your role; POST …/reveal unmasks it (recorded in the audit log)");

export const customerSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(CUSTOMER_TYPES),
  tier: z.string().nullable(),
  tags: z.array(z.string()),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  parent: z.object({ id: z.string(), name: z.string() }).nullable().describe('the enterprise customer this contact belongs to'),
  mergedIntoId: z.string().nullable().describe('set once merged: the customer that took over everything'),
  phones: z.array(z.object({ id: z.string(), number: z.string(), label: z.string().nullable(), primary: z.boolean(), masked })),
  emails: z.array(z.object({ id: z.string(), address: z.string(), label: z.string().nullable(), primary: z.boolean(), masked })),
  externalIds: z.array(z.object({ id: z.string(), kind: z.string(), value: z.string(), masked })),
  idNumber: z.object({ id: z.string(), value: z.string(), masked }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const customerSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(CUSTOMER_TYPES),
  tier: z.string().nullable(),
  tags: z.array(z.string()),
  parentId: z.string().nullable(),
  phone: z.string().nullable().describe('the primary phone number, always masked in lists'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const customerListSchema = z.object({
  items: z.array(customerSummarySchema),
  nextCursor: z.string().nullable().describe('pass as `cursor` for the next page; null on the last page'),
});

const ref = z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string().nullable() });
export const ticketSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  status: z.enum(TICKET_STATUSES),
  channel: z.string(),
  category: ref,
  serviceItem: ref,
  priority: ref,
  department: ref.nullable(),
  assignee: z.object({ id: z.string(), username: z.string(), displayName: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  sla: z.object({ state: z.enum(SLA_SUMMARY_STATES).nullable(), dueAt: z.string().nullable() }),
});

const tickets = {
  openTickets: z.array(ticketSummarySchema).describe('not closed, cancelled or merged, newest first (at most 50), as far as you may see them'),
  recentTickets: z.array(ticketSummarySchema).describe('the last ten tickets, newest first, as far as you may see them'),
};

export const customerDetailSchema = customerSchema.extend({
  contacts: z.array(customerSummarySchema).describe('an enterprise customer: its first 50 contacts by name'),
  contactCount: z.number(),
  mayReveal: z.boolean().describe('whether you may unmask this customer\'s phone numbers and emails (POST /customers/{id}/reveal): a handler needs a ticket of the customer that the call centre, a supervisor or an administrator opened'),
  ...tickets,
});

export const lookupSchema = z.object({
  customer: customerSchema,
  matchedIdentityId: z.string().describe('the phone number the lookup matched'),
  ...tickets,
});

export const mergeSchema = z.object({
  customer: customerSchema.describe('the customer that stays, after the merge'),
  moved: z.object({ tickets: z.number(), identities: z.number(), contacts: z.number() }),
});

export const revealSchema = z.object({
  identityId: z.string(),
  kind: z.enum(IDENTITY_KINDS),
  scheme: z.string().nullable().describe('external ids: the system, e.g. wechat_openid'),
  value: z.string(),
});

export const attributeSchema = z.object({
  id: z.string(),
  key: z.string(),
  label: z.string(),
  labelEn: z.string().nullable(),
  type: z.enum(ATTRIBUTE_TYPES),
  options: z.array(z.string()),
  required: z.boolean(),
  position: z.number(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const auditEntrySchema = z.object({
  id: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  actor: z.object({ id: z.string(), username: z.string(), displayName: z.string() }).nullable().describe('null when the system acted'),
  subject: z.object({ type: z.enum(AUDIT_SUBJECT_TYPES), id: z.string(), deleted: z.boolean().describe('the record was deleted (a customer): nothing to open') }),
  data: z.record(z.string(), z.unknown()).describe('what changed; personal values only ever by their mask'),
  at: z.string(),
});

export const auditListSchema = z.object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() });
