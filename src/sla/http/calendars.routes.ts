import { z } from 'zod';
import type { UseCaseContext } from '../../app/context.js';
import { requireAdmin } from '../../auth/http/authentication.js';
import { idParam, instant, noQuery, problemResponses, text } from '../../platform/http/schemas.js';
import type { HttpApp } from '../../platform/http/types.js';
import { WEEKDAYS } from '../domain/business-calendar.js';
import type { Calendar } from '../domain/calendar.js';
import { MAX_POLICY_MINUTES } from '../domain/sla-policy-rules.js';
import { createCalendar, importHolidays, updateCalendar } from '../use-cases/manage-calendars.js';
import { getCalendar, listCalendars, previewBetween, previewDue } from '../use-cases/read-calendars.js';

const tags = ['time limits'];

// Times, dates and the zone are only bounded here: validateCalendarDefinition checks them and
// names each bad one by its path (week.mon.0.1, holidays.3) in a 422 invalid_calendar.
const interval = z.tuple([z.string().max(10), z.string().max(10)]).describe('["HH:MM", "HH:MM"] local time, end exclusive; "24:00" may end a day');
const day = z.array(interval).max(24);
const weekInput = z
  .object(Object.fromEntries(WEEKDAYS.map((d) => [d, day.optional()])) as Record<(typeof WEEKDAYS)[number], z.ZodOptional<typeof day>>)
  .strict()
  .describe('working intervals per weekday (mon … sun); a weekday left out has none');
const dates = z.array(z.string().max(10)).max(2000);
const timeZone = z.string().min(1).max(64).describe('IANA time zone, e.g. Asia/Shanghai');
const calendarCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lower-case letters, digits, _ and - (starting with a letter or digit)');

const definitionFields = {
  timeZone: timeZone.optional(),
  holidays: dates.optional().describe('local dates YYYY-MM-DD without work'),
  workdays: dates.optional().describe('make-up workdays (调休) YYYY-MM-DD: they work the hours of the first of mon..fri that has hours'),
  active: z.boolean().optional(),
};
const createBody = z
  .object({
    code: calendarCode.optional().describe('absent: made from the name (ASCII letters and digits), or cal-<n>'),
    name: text(100),
    week: weekInput,
    ...definitionFields,
  })
  .strict()
  .describe('timeZone defaults to the organisation time zone (GONGDAN_TIME_ZONE, Asia/Shanghai); holidays and workdays to []');
const updateBody = z
  .object({ name: text(100).optional(), week: weekInput.optional(), ...definitionFields })
  .strict()
  .describe('changes what is given; week, holidays and workdays are replaced whole. The built-in 24x7 calendar may only be renamed');

const instantAt = instant.describe('ISO 8601 with Z or an offset, e.g. 2026-11-23T10:30:00+08:00');

const calendarSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  timeZone: z.string(),
  week: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(z.tuple([z.string(), z.string()]))])) as Record<(typeof WEEKDAYS)[number], z.ZodArray<z.ZodTuple<[z.ZodString, z.ZodString]>>>),
  holidays: z.array(z.string()).describe('sorted'),
  workdays: z.array(z.string()).describe('sorted'),
  alwaysOpen: z.boolean().describe('the built-in 24x7 calendar: every minute counts'),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const importSchema = calendarSchema.extend({
  added: z.object({ holidays: z.number(), workdays: z.number() }).describe('dates that were not in the list before'),
  arrangement: z.enum(['official', 'statutory']).describe("official: the State Council's arrangement; statutory: only the days the law fixes"),
});

type CalendarView = z.infer<typeof calendarSchema>;

function presentCalendar(c: Calendar): CalendarView {
  const { timeZone, week, holidays, workdays } = c.definition;
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    timeZone,
    week: Object.fromEntries(WEEKDAYS.map((d) => [d, (week[d] ?? []).map(([from, to]) => [from, to] as [string, string])])) as CalendarView['week'],
    holidays: [...holidays].sort(),
    workdays: [...workdays].sort(),
    alwaysOpen: c.alwaysOpen,
    active: c.active,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function registerCalendarRoutes(app: HttpApp, ctx: UseCaseContext): void {
  app.get('/api/v1/calendars', { schema: { tags, summary: '工作日历 Business calendars, oldest first', querystring: z.object({ includeInactive: z.enum(['true', 'false']).optional() }).strict(), response: { 200: z.object({ items: z.array(calendarSchema) }) } } },
    async (request) => ({ items: (await listCalendars(ctx, request.query.includeInactive === 'true')).map(presentCalendar) }));
  app.get('/api/v1/calendars/:id', { schema: { tags, summary: 'One business calendar, by id or code', params: idParam, querystring: noQuery, response: { 200: calendarSchema, ...problemResponses } } },
    async (request) => presentCalendar(await getCalendar(ctx, request.params.id)));
  app.post('/api/v1/calendars', { schema: { tags, summary: 'Create a business calendar (admin)', body: createBody, response: { 201: calendarSchema, ...problemResponses } } },
    async (request, reply) => {
      requireAdmin(request);
      return reply.code(201).send(presentCalendar(await createCalendar(ctx, request.body)));
    });
  app.patch('/api/v1/calendars/:id', { schema: { tags, summary: 'Change a business calendar (admin)', params: idParam, body: updateBody, response: { 200: calendarSchema, ...problemResponses } } },
    async (request) => {
      requireAdmin(request);
      return presentCalendar(await updateCalendar(ctx, request.params.id, request.body));
    });
  app.post('/api/v1/calendars/:id/holidays/import', { schema: { tags, summary: "Add a year's public holidays and make-up workdays (admin)", params: idParam, body: z.object({ region: z.string().min(1).max(10).describe('CN: mainland China'), year: z.number().int().min(1).max(9999), statutoryOnly: z.boolean().optional().describe("only the days the law fixes (元旦, 春节 除夕–初三, 清明, 劳动节 1–2 May, 端午, 中秋, 国庆 1–3 Oct), for a year whose arrangement is not published yet") }).strict(), response: { 200: importSchema, ...problemResponses } } },
    async (request) => {
      requireAdmin(request);
      const { calendar, added, arrangement } = await importHolidays(ctx, request.params.id, request.body);
      return { ...presentCalendar(calendar), added, arrangement };
    });
  app.post('/api/v1/calendars/:id/due', { schema: { tags, summary: 'When a time limit of this many working minutes from start falls due', params: idParam, body: z.object({ start: instantAt, minutes: z.number().min(0).max(MAX_POLICY_MINUTES) }).strict(), response: { 200: z.object({ due: z.string().describe("ISO 8601 with the calendar's offset"), businessMinutes: z.number(), timeZone: z.string() }), ...problemResponses } } },
    async (request) => previewDue(ctx, request.params.id, request.body));
  app.post('/api/v1/calendars/:id/between', { schema: { tags, summary: 'Working minutes between two instants (negative when to is earlier)', params: idParam, body: z.object({ from: instantAt, to: instantAt }).strict(), response: { 200: z.object({ minutes: z.number() }), ...problemResponses } } },
    async (request) => previewBetween(ctx, request.params.id, request.body));
}
