import { z } from 'zod';
import type { UseCaseContext } from '../../app/context.js';
import { ROLES } from '../../auth/domain/actor.js';
import { actorOf, requireAdmin } from '../../auth/http/authentication.js';
import { currentPasswordRateLimit } from '../../auth/http/password-rate-limits.js';
import type { AppConfig } from '../../platform/config.js';
import { codeSchema, idParam, noQuery, problemResponses, text } from '../../platform/http/schemas.js';
import type { HttpApp } from '../../platform/http/types.js';
import { ASSIGNMENT_MODES } from '../domain/auto-assignment.js';
import { createDepartment, listDepartmentViews, updateDepartment, type DepartmentView } from '../use-cases/manage-departments.js';
import { createUser, getUser, updateUser } from '../use-cases/manage-users.js';
import { listUsers } from '../use-cases/read-org.js';
import { presentUser, userSchema } from './user.presenter.js';

const departmentSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  assignmentMode: z.enum(ASSIGNMENT_MODES).describe('how tickets arriving in the queue are assigned'),
  active: z.boolean(),
  calendar: z
    .object({ id: z.string(), code: z.string(), name: z.string() })
    .nullable()
    .describe("the business calendar its step time limits count on; null: the policy's calendar"),
});
const calendarRef = z.string().trim().min(1).max(100).nullable().describe("calendar id or code; null: count on the policy's calendar");
const password = z.string().min(8, 'must be at least 8 characters').max(200);
const departmentRefs = z.array(z.string().min(1).max(100)).max(50);

/** A new user, as `POST /users` and `gongdan create-user` take it. */
export const newUserSchema = z
  .object({
    username: z.string().regex(/^[a-zA-Z0-9_.-]{2,64}$/, 'must be 2-64 letters, digits, _ . or -'),
    displayName: text(100),
    password,
    role: z.enum(ROLES),
    departments: departmentRefs.default([]),
  })
  .strict();

function presentDepartment(d: DepartmentView): z.infer<typeof departmentSchema> {
  return { id: d.id, code: d.code, name: d.name, nameEn: d.nameEn, assignmentMode: d.assignmentMode, active: d.active, calendar: d.calendar };
}

export function registerOrgRoutes(app: HttpApp, ctx: UseCaseContext, config: AppConfig): void {
  const tags = ['organisation'];
  app.get('/api/v1/departments', { schema: { tags, summary: 'Departments', querystring: z.object({ includeInactive: z.enum(['true', 'false']).optional() }).strict(), response: { 200: z.object({ items: z.array(departmentSchema) }) } } },
    async (request) => ({ items: (await listDepartmentViews(ctx, request.query.includeInactive === 'true')).map(presentDepartment) }));
  app.post('/api/v1/departments', { schema: { tags, summary: 'Create a department (admin)', body: z.object({ code: codeSchema, name: text(100), nameEn: z.string().trim().max(100).optional(), assignmentMode: z.enum(ASSIGNMENT_MODES).optional(), calendar: calendarRef.optional() }).strict(), response: { 201: departmentSchema, ...problemResponses } } },
    async (request, reply) => {
      requireAdmin(request);
      return reply.code(201).send(presentDepartment(await createDepartment(ctx, request.body)));
    });
  app.patch('/api/v1/departments/:id', { schema: { tags, summary: 'Rename, change assignment mode or calendar, or (de)activate (admin)', params: idParam, body: z.object({ name: text(100).optional(), nameEn: z.string().trim().max(100).nullable().optional(), assignmentMode: z.enum(ASSIGNMENT_MODES).optional(), active: z.boolean().optional(), calendar: calendarRef.optional() }).strict(), response: { 200: departmentSchema, ...problemResponses } } },
    async (request) => {
      requireAdmin(request);
      return presentDepartment(await updateDepartment(ctx, request.params.id, request.body));
    });
  app.get('/api/v1/departments/:id/members', { schema: { tags, summary: 'Members of a department', params: idParam, querystring: noQuery, response: { 200: z.object({ items: z.array(userSchema) }), ...problemResponses } } },
    async (request) => ({ items: (await listUsers(ctx, { department: request.params.id, departmentIsPath: true })).map(presentUser) }));

  app.get('/api/v1/users', { schema: { tags, summary: 'Users', querystring: z.object({ department: z.string().max(100).optional(), role: z.enum(ROLES).optional(), active: z.enum(['true', 'false']).optional() }).strict(), response: { 200: z.object({ items: z.array(userSchema) }), ...problemResponses } } },
    async (request) => {
      const { department, role, active } = request.query;
      return { items: (await listUsers(ctx, { department, role, active: active === undefined ? undefined : active === 'true' })).map(presentUser) };
    });
  app.get('/api/v1/users/:id', { schema: { tags, summary: 'One user by id or username', params: idParam, querystring: noQuery, response: { 200: userSchema, ...problemResponses } } },
    async (request) => presentUser(await getUser(ctx, request.params.id)));
  app.post('/api/v1/users', { schema: { tags, summary: 'Create a user (admin)', body: newUserSchema, response: { 201: userSchema, ...problemResponses } } },
    async (request, reply) => {
      requireAdmin(request);
      return reply.code(201).send(presentUser(await createUser(ctx, request.body)));
    });
  app.patch('/api/v1/users/:id', { config: { rateLimit: currentPasswordRateLimit(config.loginRateLimitPerMinute) }, schema: { tags, summary: 'Change a user (admin), or your own name, password and duty', params: idParam, body: z.object({ displayName: text(100).optional(), password: password.optional(), currentPassword: z.string().max(200).optional().describe('your current password: required to change your own'), role: z.enum(ROLES).optional(), departments: departmentRefs.optional(), active: z.boolean().optional(), onDuty: z.boolean().optional() }).strict(), response: { 200: userSchema, ...problemResponses } } },
    async (request) => presentUser(await updateUser(ctx, actorOf(request), request.params.id, request.body)));
}
