import { z } from 'zod';
import type { UseCaseContext } from '../../app/context.js';
import { actorOf } from '../../auth/http/authentication.js';
import { decodeCursor, encodeCursor, invalidCursor, isCursorTime } from '../../platform/http/cursor.js';
import { idParam, noQuery, problemResponses } from '../../platform/http/schemas.js';
import type { HttpApp } from '../../platform/http/types.js';
import type { AuditSubjectType } from '../domain/audit.js';
import {
  addIdentity,
  createCustomer,
  deleteCustomer,
  removeIdentity,
  updateCustomer,
  updateIdentity,
  type NewIdentityInput,
} from '../use-cases/manage-customers.js';
import {
  createAttributeDefinition,
  deleteAttributeDefinition,
  getAttributeDefinition,
  listAttributeDefinitions,
  updateAttributeDefinition,
} from '../use-cases/manage-attributes.js';
import { mergeCustomers } from '../use-cases/merge-customers.js';
import { readAuditLog } from '../use-cases/read-audit-log.js';
import { getCustomer, listContacts, listCustomers, lookupCustomerByPhone, type CustomerPage } from '../use-cases/read-customers.js';
import { revealIdentity } from '../use-cases/reveal-identity.js';
import {
  attributeBody,
  attributeSchema,
  attributeUpdateBody,
  auditListSchema,
  auditQuery,
  createCustomerBody,
  customerDetailSchema,
  customerListQuery,
  customerListSchema,
  customerSchema,
  emailInput,
  externalIdInput,
  identityParams,
  lookupQuery,
  lookupSchema,
  mergeBody,
  mergeSchema,
  pageQuery,
  phoneInput,
  revealBody,
  revealSchema,
  updateCustomerBody,
  updateIdentityBody,
} from './customer.schemas.js';
import { presentAuditEntry, presentCustomer, presentSummary, presentTickets } from './customer.presenter.js';

const tags = ['customers'];

/** Customers (客户), their identities and contacts, the phone lookup behind the screen pop, merging, unmasking, custom attributes and the audit trail. */
export function registerCustomerRoutes(app: HttpApp, ctx: UseCaseContext): void {
  app.get(
    '/api/v1/customers/lookup',
    {
      schema: {
        tags,
        summary: '来电弹屏 The caller by phone number, with open and recent tickets',
        description: 'Any common format; a landline without area code takes GONGDAN_DEFAULT_AREA_CODE. 404 when no customer has the number.',
        querystring: lookupQuery,
        response: { 200: lookupSchema, ...problemResponses },
      },
    },
    async (request) => {
      const found = await lookupCustomerByPhone(ctx, actorOf(request), request.query.phone);
      return { customer: presentCustomer(found.record), matchedIdentityId: found.matchedIdentityId, ...presentTickets(found.tickets) };
    },
  );

  app.get(
    '/api/v1/customers',
    {
      schema: {
        tags,
        summary: 'List customers in name order: search by name, filter by tag, tier, type or enterprise',
        querystring: customerListQuery,
        response: { 200: customerListSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { q, match, tag, tier, type, parent, limit, cursor } = request.query;
      const page = await listCustomers(ctx, actorOf(request), {
        q,
        match,
        tags: tag,
        tiers: tier,
        types: type,
        parentId: parent,
        limit,
        after: cursor ? positionFrom(cursor) : undefined,
      });
      return presentPage(page);
    },
  );

  app.post(
    '/api/v1/customers',
    { schema: { tags, summary: 'Create a customer (admin, supervisor, agent)', body: createCustomerBody, response: { 201: customerSchema, ...problemResponses } } },
    async (request, reply) => {
      const record = await createCustomer(ctx, actorOf(request), request.body);
      return reply.code(201).header('location', `/api/v1/customers/${record.customer.id}`).send(presentCustomer(record));
    },
  );

  app.get(
    '/api/v1/customers/:id',
    {
      schema: {
        tags,
        summary: 'One customer with identities, contacts and tickets',
        params: idParam,
        querystring: noQuery,
        response: { 200: customerDetailSchema, ...problemResponses },
      },
    },
    async (request) => {
      const detail = await getCustomer(ctx, actorOf(request), request.params.id);
      return {
        ...presentCustomer(detail.record),
        contacts: detail.contacts.map(presentSummary),
        contactCount: detail.contactCount,
        mayReveal: detail.mayReveal,
        ...presentTickets(detail.tickets),
      };
    },
  );

  app.patch(
    '/api/v1/customers/:id',
    { schema: { tags, summary: "Change a customer's name, type, tier, enterprise, tags, attributes or ID number", params: idParam, body: updateCustomerBody, response: { 200: customerSchema, ...problemResponses } } },
    async (request) => presentCustomer(await updateCustomer(ctx, actorOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/v1/customers/:id',
    { schema: { tags, summary: 'Delete a customer: erases its personal data; its tickets stay (admin)', params: idParam, response: { 204: z.null(), ...problemResponses } } },
    async (request, reply) => {
      await deleteCustomer(ctx, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/customers/:id/contacts',
    { schema: { tags, summary: 'The contacts of an enterprise customer (政企), in name order', params: idParam, querystring: pageQuery, response: { 200: customerListSchema, ...problemResponses } } },
    async (request) => {
      const { limit, cursor } = request.query;
      return presentPage(await listContacts(ctx, actorOf(request), request.params.id, { limit, after: cursor ? positionFrom(cursor) : undefined }));
    },
  );

  const identityRoute = (path: string, summary: string, body: z.ZodType, toInput: (body: never) => NewIdentityInput) =>
    app.post(
      `/api/v1/customers/:id/${path}`,
      { schema: { tags, summary, params: idParam, body, response: { 201: customerSchema, ...problemResponses } } },
      async (request, reply) => {
        const record = await addIdentity(ctx, actorOf(request), request.params.id, toInput(request.body as never));
        return reply.code(201).send(presentCustomer(record));
      },
    );
  identityRoute('phones', 'Add a phone number', phoneInput, (b: z.infer<typeof phoneInput>) => ({ kind: 'phone', ...b }));
  identityRoute('emails', 'Add an email address', emailInput, (b: z.infer<typeof emailInput>) => ({ kind: 'email', ...b }));
  identityRoute('external-ids', 'Add an external id (a WeChat openid, an account number …)', externalIdInput, (b: z.infer<typeof externalIdInput>) => ({
    kind: 'external',
    scheme: b.kind,
    value: b.value,
  }));

  app.patch(
    '/api/v1/customers/:id/identities/:identityId',
    { schema: { tags, summary: "Change a phone number's or email's label, or make it the primary one", params: identityParams, body: updateIdentityBody, response: { 200: customerSchema, ...problemResponses } } },
    async (request) => presentCustomer(await updateIdentity(ctx, actorOf(request), request.params.id, request.params.identityId, request.body)),
  );

  app.delete(
    '/api/v1/customers/:id/identities/:identityId',
    { schema: { tags, summary: 'Remove a phone number, email, external id or the ID number', params: identityParams, response: { 200: customerSchema, ...problemResponses } } },
    async (request) => presentCustomer(await removeIdentity(ctx, actorOf(request), request.params.id, request.params.identityId)),
  );

  app.post(
    '/api/v1/customers/:id/reveal',
    {
      schema: {
        tags,
        summary: 'Unmask one phone number, email, external id or ID number (recorded in the audit log)',
        description: 'Allowed to admin, supervisor and agent for any kind, to a handler for phone numbers and emails, never to an auditor.',
        params: idParam,
        body: revealBody,
        response: { 200: revealSchema, ...problemResponses },
      },
    },
    async (request) => revealIdentity(ctx, actorOf(request), request.params.id, request.body.identityId),
  );

  app.post(
    '/api/v1/customers/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge this customer into another: identities, tickets, contacts and tags move (admin, supervisor)',
        params: idParam,
        body: mergeBody,
        response: { 200: mergeSchema, ...problemResponses },
      },
    },
    async (request) => {
      const outcome = await mergeCustomers(ctx, actorOf(request), request.params.id, request.body.into);
      return { customer: presentCustomer(outcome.customer), moved: outcome.moved };
    },
  );

  registerAttributeRoutes(app, ctx);
  registerAuditLogRoutes(app, ctx);
}

function registerAttributeRoutes(app: HttpApp, ctx: UseCaseContext): void {
  const attributeTags = ['customers'];
  const refParam = z.object({ id: z.string().min(1).max(100).describe('id or key') });
  app.get(
    '/api/v1/customer-attributes',
    {
      schema: {
        tags: attributeTags,
        summary: 'Custom customer attributes (自定义属性), in display order',
        querystring: z.object({ includeInactive: z.enum(['true', 'false']).optional() }).strict(),
        response: { 200: z.object({ items: z.array(attributeSchema) }) },
      },
    },
    async (request) => ({ items: await listAttributeDefinitions(ctx, request.query.includeInactive === 'true') }),
  );
  app.get(
    '/api/v1/customer-attributes/:id',
    { schema: { tags: attributeTags, summary: 'One custom attribute, by id or key', params: refParam, querystring: noQuery, response: { 200: attributeSchema, ...problemResponses } } },
    async (request) => getAttributeDefinition(ctx, request.params.id),
  );
  app.post(
    '/api/v1/customer-attributes',
    { schema: { tags: attributeTags, summary: 'Define a custom attribute (admin)', body: attributeBody, response: { 201: attributeSchema, ...problemResponses } } },
    async (request, reply) => reply.code(201).send(await createAttributeDefinition(ctx, actorOf(request), request.body)),
  );
  app.patch(
    '/api/v1/customer-attributes/:id',
    { schema: { tags: attributeTags, summary: 'Change a custom attribute (admin)', params: refParam, body: attributeUpdateBody, response: { 200: attributeSchema, ...problemResponses } } },
    async (request) => updateAttributeDefinition(ctx, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/v1/customer-attributes/:id',
    { schema: { tags: attributeTags, summary: 'Delete a custom attribute: it is deactivated, stored values stay (admin)', params: refParam, response: { 204: z.null(), ...problemResponses } } },
    async (request, reply) => {
      await deleteAttributeDefinition(ctx, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}

function registerAuditLogRoutes(app: HttpApp, ctx: UseCaseContext): void {
  app.get(
    '/api/v1/audit-log',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志 The audit trail, newest first (admin, auditor)',
        description: 'Every unmasking of personal data, every change to customers and attributes, merges and the tickets they moved.',
        querystring: auditQuery,
        response: { 200: auditListSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { subject, action, actor, limit, cursor } = request.query;
      const [subjectType, ...rest] = subject ? subject.split(':') : [];
      const page = await readAuditLog(ctx, actorOf(request), {
        subjectType: subjectType as AuditSubjectType | undefined,
        subjectId: rest.length > 0 ? rest.join(':') : undefined,
        actions: action,
        actor,
        limit,
        after: cursor ? auditPosition(cursor) : undefined,
      });
      return { items: page.items.map(presentAuditEntry), nextCursor: page.next ? encodeCursor(page.next) : null };
    },
  );
}

function presentPage(page: CustomerPage) {
  return { items: page.items.map(presentSummary), nextCursor: page.next ? encodeCursor(page.next) : null };
}

function positionFrom(cursor: string): readonly [string, string] {
  const values = decodeCursor(cursor);
  const [key, id] = values;
  if (values.length !== 2 || typeof key !== 'string' || typeof id !== 'string' || key.length > 400 || id.length === 0 || id.length > 100) throw invalidCursor();
  return [key, id];
}

function auditPosition(cursor: string): readonly [string, string] {
  const [at, id] = positionFrom(cursor);
  if (!isCursorTime(at)) throw invalidCursor();
  return [at, id];
}
