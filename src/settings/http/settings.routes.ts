import { z } from 'zod';
import type { UseCaseContext } from '../../app/context.js';
import { requireAdmin } from '../../auth/http/authentication.js';
import { noQuery, problemResponses } from '../../platform/http/schemas.js';
import type { HttpApp } from '../../platform/http/types.js';
import { MAX_WAIT_REMINDER_HOURS } from '../domain/settings.js';
import { getSettings, updateSettings } from '../use-cases/manage-settings.js';

const settingsSchema = z.object({
  difficultCaseDepartmentId: z.string().nullable().describe('where a reply with an objection sends the ticket'),
  dispatchDepartmentId: z.string().nullable().describe('the department that dispatches (the call centre): its supervisors hear of time limits running out on tickets waiting for dispatch or for the reply; null: the supervisors of whoever recorded the ticket'),
  intakeDefaults: z
    .object({ categoryId: z.string().nullable(), serviceItemId: z.string().nullable(), priorityId: z.string().nullable() })
    .describe('classification for tickets from channels that cannot classify (email, web, app, WeChat, chat)'),
  waitReminderHours: z.number().nullable().describe('a wait without `until` resumes by itself after this many working hours (the department\'s calendar); null: it waits until resumed'),
});
const reminderHours = z.number().int().min(1).max(MAX_WAIT_REMINDER_HOURS).nullable().optional();
const ref = z.string().min(1).max(100).nullable().optional();

export function registerSettingsRoutes(app: HttpApp, ctx: UseCaseContext): void {
  const tags = ['settings'];
  app.get('/api/v1/settings', { schema: { tags, summary: 'Organisation settings', querystring: noQuery, response: { 200: settingsSchema } } }, async () => getSettings(ctx));
  app.patch('/api/v1/settings', { schema: { tags, summary: 'Change organisation settings (admin); null clears a setting', body: z.object({ difficultCaseDepartment: ref, dispatchDepartment: ref, intakeDefaults: z.object({ category: ref, serviceItem: ref, priority: ref }).strict().optional(), waitReminderHours: reminderHours }).strict(), response: { 200: settingsSchema, ...problemResponses } } },
    async (request) => {
      requireAdmin(request);
      return updateSettings(ctx, request.body);
    });
}
