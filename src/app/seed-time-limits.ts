import { createCalendar, importHolidays } from '../sla/use-cases/manage-calendars.js';
import { createSlaPolicy, type TargetsInput } from '../sla/use-cases/manage-sla-policies.js';
import { updateDepartment } from '../org/use-cases/manage-departments.js';
import { chineseHolidayYears } from '../sla/domain/chinese-holidays.js';
import type { UseCaseContext } from './context.js';

const WORKDAY: Array<[string, string]> = [
  ['09:00', '12:00'],
  ['13:30', '18:00'],
];

/**
 * The e-commerce call centre's complaint warning table (DOMAIN.md §5) as an escalation chain:
 * each level runs after the time the previous step was allowed.
 */
const COMPLAINT_CHAIN: NonNullable<TargetsInput['handling']>['escalation'] = [
  // Warning generated: the hotline supervisor picks it up (30 min).
  { afterMinutes: 0, actions: [{ type: 'notify', recipients: ['assignee', { departmentSupervisors: 'call_center' }] }] },
  // Sent back to the store's service centre (1 h).
  { afterMinutes: 30, actions: [{ type: 'reassign', department: 'external_partners' }, { type: 'notify', recipients: ['supervisors'] }] },
  // The store manager gives guidance (30 min).
  { afterMinutes: 60, actions: [{ type: 'notify', recipients: [{ departmentSupervisors: 'external_partners' }] }] },
  // Deputy GM / GM give instructions (1 h).
  { afterMinutes: 30, actions: [{ type: 'setPriority', priority: 'urgent' }, { type: 'notify', recipients: [{ user: 'admin' }] }] },
  // The hotline handles the warned complaint (3 h).
  { afterMinutes: 60, actions: [{ type: 'reassign', department: 'call_center' }, { type: 'notify', recipients: [{ departmentSupervisors: 'call_center' }] }] },
  // The warning is closed by the hotline supervisor (30 min).
  { afterMinutes: 180, actions: [{ type: 'notify', recipients: [{ departmentSupervisors: 'call_center' }, { user: 'admin' }] }] },
];

/**
 * Demo time limits: a working-day calendar with China's public holidays and make-up workdays,
 * a standard policy on it, and the complaint promises of DOMAIN.md §5 (2 hours for a simple
 * complaint, 1 day for a complex one with the escalation table, 48 hours in all).
 */
export async function seedTimeLimits(ctx: UseCaseContext): Promise<void> {
  const week = { mon: WORKDAY, tue: WORKDAY, wed: WORKDAY, thu: WORKDAY, fri: WORKDAY, sat: [], sun: [] };
  await createCalendar(ctx, { code: 'workdays_cn', name: '工作日（中国节假日）', timeZone: 'Asia/Shanghai', week });
  const known = chineseHolidayYears().filter((y) => y >= 2025);
  for (const year of known) await importHolidays(ctx, 'workdays_cn', { region: 'CN', year });
  // Until the State Council publishes next year's arrangement, its statutory days at least are holidays.
  const nextYear = Number(ctx.clock.now().toISOString().slice(0, 4)) + 1;
  for (let year = known.at(-1)! + 1; year <= nextYear; year++) await importHolidays(ctx, 'workdays_cn', { region: 'CN', year, statutoryOnly: true });
  await updateDepartment(ctx, 'refunds', { calendar: 'workdays_cn' });

  await createSlaPolicy(ctx, {
    name: '标准时限（工作日）',
    calendar: 'workdays_cn',
    targets: {
      firstResponse: { minutes: 30 },
      step: { minutes: 240, warnAt: { percent: [75], minutesBefore: [30] }, byDepartment: { refunds: 480 } },
      handling: { minutes: 960, escalation: [{ afterMinutes: 0, actions: [{ type: 'notify', recipients: ['assignee', 'supervisors'] }] }] },
      reply: { minutes: 240 },
      resolution: { minutes: 2400 },
    },
  });
  await createSlaPolicy(ctx, {
    name: '投诉 · 简单（2 小时答复）',
    match: { category: 'complaint', priority: ['low', 'medium'] },
    targets: {
      firstResponse: { minutes: 30, businessTime: false },
      handling: {
        minutes: 120,
        businessTime: false,
        warnAt: { percent: [75], minutesBefore: [15] },
        escalation: [{ afterMinutes: 0, actions: [{ type: 'notify', recipients: ['assignee', 'supervisors'] }] }],
      },
      resolution: { minutes: 2880, businessTime: false },
    },
  });
  await createSlaPolicy(ctx, {
    name: '投诉 · 复杂（24 小时，电商投诉预警链）',
    match: { category: 'complaint', priority: ['high', 'urgent'] },
    targets: {
      firstResponse: { minutes: 30, businessTime: false },
      handling: { minutes: 1440, businessTime: false, warnAt: { percent: [75] }, escalation: COMPLAINT_CHAIN },
      resolution: { minutes: 2880, businessTime: false },
    },
  });
}
