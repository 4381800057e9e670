import { z } from 'zod';
import type { UseCaseContext } from '../../app/context.js';
import { requireAdmin } from '../../auth/http/authentication.js';
import { codeSchema, idParam, noQuery, orderNumberSchema, problemResponses, text } from '../../platform/http/schemas.js';
import type { HttpApp } from '../../platform/http/types.js';
import type { ServiceItem } from '../domain/catalog.js';
import { FIELD_TYPES } from '../domain/service-item-form.js';
import {
  createCategory,
  createPriority,
  createServiceItem,
  updateCategory,
  updatePriority,
  updateServiceItem,
} from '../use-cases/manage-catalog.js';
import { listCatalog } from '../use-cases/read-catalog.js';

const tags = ['reference data'];
const names = { name: text(100), nameEn: z.string().trim().max(100).nullable().optional() };
const includeInactive = z.object({ includeInactive: z.enum(['true', 'false']).optional() }).strict();

const categorySchema = z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string().nullable(), sortOrder: z.number(), active: z.boolean() });
const prioritySchema = z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string().nullable(), rank: z.number(), active: z.boolean() });

export const fieldDefinitionSchema = z
  .object({
    key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/, 'must be letters, digits and _ (starting with a letter)'),
    label: text(100),
    labelEn: z.string().trim().max(100).optional(),
    type: z.enum(FIELD_TYPES),
    required: z.boolean().default(false),
    options: z.array(z.object({ value: text(100), label: text(100) }).strict()).max(200).optional(),
    maxLength: z.number().int().positive().max(20_000).optional(),
    min: z.number().min(-1e12).max(1e12).optional(),
    max: z.number().min(-1e12).max(1e12).optional(),
  })
  .strict()
  .refine((f) => f.min === undefined || f.max === undefined || f.min <= f.max, { message: 'min must not exceed max', path: ['min'], params: { issue: 'min_above_max' } });

const serviceItemSchema = z.object({
  id: z.string(),
  code: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  nameEn: z.string().nullable(),
  needsReply: z.boolean().describe('whether handled tickets of this item must be replied to before closing'),
  fields: z.array(fieldDefinitionSchema),
  sortOrder: z.number(),
  active: z.boolean(),
});
type ServiceItemNode = ServiceItem & { children: ServiceItemNode[] };
const serviceItemTreeSchema: z.ZodType<ServiceItemNode> = serviceItemSchema.extend({
  children: z.lazy(() => z.array(serviceItemTreeSchema)),
}) as unknown as z.ZodType<ServiceItemNode>;

export function registerCatalogRoutes(app: HttpApp, ctx: UseCaseContext): void {
  app.get('/api/v1/categories', { schema: { tags, summary: '工单分类 Categories', querystring: includeInactive, response: { 200: z.object({ items: z.array(categorySchema) }) } } },
    async (request) => ({ items: await listCatalog(ctx).categories(request.query.includeInactive === 'true') }));
  app.post('/api/v1/categories', { schema: { tags, summary: 'Create a category (admin)', body: z.object({ code: codeSchema, ...names, sortOrder: orderNumberSchema.optional() }).strict(), response: { 201: categorySchema, ...problemResponses } } },
    async (request, reply) => {
      requireAdmin(request);
      return reply.code(201).send(await createCategory(ctx, { ...request.body, nameEn: request.body.nameEn ?? undefined }));
    });
  app.patch('/api/v1/categories/:id', { schema: { tags, summary: 'Rename, reorder or (de)activate a category (admin)', params: idParam, body: z.object({ ...partial(names), sortOrder: orderNumberSchema.optional(), active: z.boolean().optional() }).strict(), response: { 200: categorySchema, ...problemResponses } } },
    async (request) => {
      requireAdmin(request);
      return updateCategory(ctx, request.params.id, request.body);
    });
  app.delete('/api/v1/categories/:id', { schema: { tags, summary: 'Delete a category: it is deactivated, existing tickets keep it (admin)', params: idParam, response: { 204: z.null(), ...problemResponses } } },
    async (request, reply) => {
      requireAdmin(request);
      await updateCategory(ctx, request.params.id, { active: false });
      return reply.code(204).send(null);
    });

  app.get('/api/v1/priorities', { schema: { tags, summary: '优先级 Priorities, most urgent first', querystring: includeInactive, response: { 200: z.object({ items: z.array(prioritySchema) }) } } },
    async (request) => ({ items: await listCatalog(ctx).priorities(request.query.includeInactive === 'true') }));
  app.post('/api/v1/priorities', { schema: { tags, summary: 'Create a priority (admin)', body: z.object({ code: codeSchema, ...names, rank: z.number().int().min(1).max(1000) }).strict(), response: { 201: prioritySchema, ...problemResponses } } },
    async (request, reply) => {
      requireAdmin(request);
      return reply.code(201).send(await createPriority(ctx, { ...request.body, nameEn: request.body.nameEn ?? undefined }));
    });
  app.patch('/api/v1/priorities/:id', { schema: { tags, summary: 'Rename, re-rank or (de)activate a priority (admin)', params: idParam, body: z.object({ ...partial(names), rank: z.number().int().min(1).max(1000).optional(), active: z.boolean().optional() }).strict(), response: { 200: prioritySchema, ...problemResponses } } },
    async (request) => {
      requireAdmin(request);
      return updatePriority(ctx, request.params.id, request.body);
    });
  app.delete('/api/v1/priorities/:id', { schema: { tags, summary: 'Delete (deactivate) a priority (admin)', params: idParam, response: { 204: z.null(), ...problemResponses } } },
    async (request, reply) => {
      requireAdmin(request);
      await updatePriority(ctx, request.params.id, { active: false });
      return reply.code(204).send(null);
    });

  app.get('/api/v1/service-items', { schema: { tags, summary: '服务目录 The service catalog as a tree (`flat=true` for a list)', querystring: z.object({ includeInactive: z.enum(['true', 'false']).optional(), flat: z.enum(['true', 'false']).optional() }).strict(), response: { 200: z.object({ items: z.array(serviceItemTreeSchema) }) } } },
    async (request) => {
      const items = await listCatalog(ctx).serviceItems(request.query.includeInactive === 'true');
      return { items: request.query.flat === 'true' ? items.map((i) => ({ ...i, children: [] })) : toTree(items) };
    });
  app.get('/api/v1/service-items/:id', { schema: { tags, summary: 'One service item with its form', params: idParam, querystring: noQuery, response: { 200: serviceItemSchema, ...problemResponses } } },
    async (request) => listCatalog(ctx).serviceItem(request.params.id));
  const serviceItemBody = {
    parent: z.string().min(1).max(100).nullable().optional().describe('id or code of the parent item; null for a top-level item'),
    needsReply: z.boolean().optional(),
    fields: z.array(fieldDefinitionSchema).max(100).optional(),
    sortOrder: orderNumberSchema.optional(),
  };
  app.post('/api/v1/service-items', { schema: { tags, summary: 'Create a service item with its form (admin)', body: z.object({ code: codeSchema, ...names, ...serviceItemBody }).strict(), response: { 201: serviceItemSchema, ...problemResponses } } },
    async (request, reply) => {
      requireAdmin(request);
      return reply.code(201).send(await createServiceItem(ctx, request.body));
    });
  app.patch('/api/v1/service-items/:id', { schema: { tags, summary: 'Edit a service item: names, place in the tree, reply rule, form (admin)', params: idParam, body: z.object({ ...partial(names), ...serviceItemBody, active: z.boolean().optional() }).strict(), response: { 200: serviceItemSchema, ...problemResponses } } },
    async (request) => {
      requireAdmin(request);
      return updateServiceItem(ctx, request.params.id, request.body);
    });
  app.delete('/api/v1/service-items/:id', { schema: { tags, summary: 'Delete (deactivate) a service item (admin)', params: idParam, response: { 204: z.null(), ...problemResponses } } },
    async (request, reply) => {
      requireAdmin(request);
      await updateServiceItem(ctx, request.params.id, { active: false });
      return reply.code(204).send(null);
    });
}

function partial<T extends Record<string, z.ZodType>>(shape: T): { [K in keyof T]: z.ZodOptional<T[K]> } {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as { [K in keyof T]: z.ZodOptional<T[K]> };
}

/** Nests the flat catalog; an item whose parent is not in the list (inactive) becomes a root. */
function toTree(items: ServiceItem[]): ServiceItemNode[] {
  const nodes = new Map(items.map((item) => [item.id, { ...item, children: [] as ServiceItemNode[] }]));
  const roots: ServiceItemNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
