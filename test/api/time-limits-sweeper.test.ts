import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UseCaseContext } from '../../src/app/context.js';
import { createUnitOfWork } from '../../src/app/repositories.js';
import type { Kysely } from 'kysely';
import { openDatabase } from '../../src/platform/db/database.js';
import { bankBreachedClocksMigration } from '../../src/platform/db/migrations/0015-bank-breached-clocks.js';
import { fireDueDeadlines } from '../../src/sla/use-cases/fire-due-deadlines.js';
import type { ApiClient } from '../support/api-client.js';
import { dialects, startTestApp, type DialectName, type TestApp } from '../support/test-app.js';
import {
  act,
  addUser,
  allNotifications,
  at,
  clockOf,
  COMPLEX_COMPLAINT,
  createTicket,
  cst,
  describeSlaEvent,
  notificationsAbout,
  readTicket,
  REFUND,
  REFUND_NO_REPLY,
  showCst,
  slaTimeline,
  sweep,
  timeline,
  type SlaTicket,
} from '../support/time-limits.js';

/*
 * The sweeper fires warnings (到期预警), breaches and escalation levels. Tests move the clock and
 * sweep by hand. Each test runs on its own fresh database, so that what a sweep fires is exactly
 * what the test's tickets have due. Times are Shanghai wall-clock; 2026-11-23 is a Monday.
 */

interface ListPage {
  items: SlaTicket[];
}

async function withApp(dialect: DialectName, test: (t: TestApp) => Promise<void>): Promise<void> {
  const t = await startTestApp(dialect);
  try {
    await test(t);
  } finally {
    await t.close();
  }
}

/** Makes a day a holiday on the demo working-day calendar, as an administrator entering it late would. */
async function addHoliday(admin: ApiClient, day: string): Promise<void> {
  const calendar = await admin.get<{ holidays: string[] }>('/api/v1/calendars/workdays_cn');
  const changed = await admin.patch('/api/v1/calendars/workdays_cn', { holidays: [...calendar.body.holidays, day] });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
}

/** The ids, in list order, of the tickets among `ids` that a list answers. */
async function listed(client: ApiClient, query: string, ids: readonly string[]): Promise<string[]> {
  const page = await client.get<ListPage>(`/api/v1/tickets?${query}&limit=200`);
  assert.equal(page.status, 200, JSON.stringify(page.body));
  return page.body.items.map((i) => i.id).filter((id) => ids.includes(id));
}

for (const dialect of dialects()) {
  describe(`the time-limit sweeper: warnings, breaches, escalation chains (${dialect})`, () => {
    it('fires warnings, breaches and escalation once each, tells the assignee and the supervisors, and feeds the lists', () =>
      withApp(dialect, async (t) => {
        const [agent, handler, supervisor, admin] = [t.as('agent'), t.as('handler'), t.as('supervisor'), t.as('admin')];
        at(t, '2026-11-23 09:30');
        // A complaint already accepted (next due: handling, Tuesday 09:30), then the refund this test follows, then a closed question.
        const other = await createTicket(agent, COMPLEX_COMPLAINT);
        await act(admin, other, 'accept');
        const refund = await createTicket(agent, REFUND);
        const answered = await createTicket(agent, { description: '咨询是否支持七天无理由退货', category: 'inquiry', serviceItem: 'mall_presales', priority: 'low', answeredOnSpot: true, result: '支持' });
        assert.deepEqual([answered.status, answered.sla.state, answered.sla.dueAt], ['closed', null, null]);
        const ids = [other.id, refund.id, answered.id];
        assert.deepEqual(await listed(agent, 'sort=dueAt', ids), [refund.id, other.id, answered.id], 'most urgent first; no running clock, last');
        assert.deepEqual(await listed(agent, 'sort=-dueAt', ids), [other.id, refund.id, answered.id]);
        // A page at a time, across the change from running clocks to none, each ticket once.
        for (const sort of ['dueAt', '-dueAt']) {
          const walked: string[] = [];
          let cursor: string | null = null;
          do {
            const url: string = `/api/v1/tickets?sort=${sort}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
            const page = await agent.get<ListPage & { nextCursor: string | null }>(url);
            assert.equal(page.status, 200, JSON.stringify(page.body));
            walked.push(...page.body.items.map((i) => i.id));
            cursor = page.body.nextCursor;
          } while (cursor);
          assert.deepEqual(walked.filter((id) => ids.includes(id)), sort === 'dueAt' ? [refund.id, other.id, answered.id] : [other.id, refund.id, answered.id]);
          assert.equal(new Set(walked).size, walked.length, 'no ticket twice');
        }

        // First response: 30 working minutes, warned at 75 % (22.5 min), before anyone accepted it.
        at(t, '2026-11-23 09:52');
        await sweep(t);
        assert.deepEqual(await slaTimeline(agent, refund.id), []);
        at(t, '2026-11-23 09:53');
        await sweep(t);
        assert.deepEqual(await slaTimeline(agent, refund.id), ['sla.warning firstResponse #1 @ 2026-11-23 09:52:30']);
        assert.equal((await readTicket(agent, refund.id)).sla.state, 'warned');
        assert.deepEqual(await listed(agent, 'slaState=warned', ids), [refund.id]);
        assert.deepEqual(await sweep(t), { tickets: 0, firings: 0, failures: [] }, 'a second sweep at the same time fires nothing');
        assert.equal((await timeline(agent, refund.id)).length, 3, 'created, dispatched, one warning');
        // Nobody is assigned yet: the refunds supervisor is told.
        assert.deepEqual(await notificationsAbout(supervisor, refund.id), ['sla.warning firstResponse #1 @ 2026-11-23 09:52:30']);
        assert.deepEqual(await notificationsAbout(handler, refund.id), []);
        assert.deepEqual(await notificationsAbout(agent, refund.id), []);

        at(t, '2026-11-23 10:00');
        assert.deepEqual(await sweep(t), { tickets: 1, firings: 1, failures: [] });
        const breached = await readTicket(agent, refund.id);
        assert.equal(breached.sla.state, 'breached');
        assert.deepEqual([clockOf(breached, 'firstResponse').state, showCst(clockOf(breached, 'firstResponse').breachedAt)], ['breached', '2026-11-23 10:00']);
        assert.deepEqual(await listed(agent, 'slaState=breached', ids), [refund.id]);
        assert.deepEqual(await listed(agent, 'slaState=running', ids), [other.id]);

        // Accepting late ends the first response as breached, on record; the ticket's running clocks are on time again.
        at(t, '2026-11-23 10:05');
        const accepted = await act(handler, refund, 'accept');
        assert.deepEqual([clockOf(accepted, 'firstResponse').state, clockOf(accepted, 'firstResponse').current], ['breached', false]);
        assert.equal(accepted.sla.state, 'running');

        // Each milestone at its instant: the refunds step (480 min, warned at 75 % and 30 min before),
        // then handling (960 min, warned at 75 %, escalation level 1 notifies at the breach).
        const milestones: Array<[string, string[]]> = [
          ['2026-11-23 17:00', ['sla.warning step #1 @ 2026-11-23 17:00']],
          ['2026-11-24 09:30', ['sla.warning step #2 @ 2026-11-24 09:30']],
          ['2026-11-24 10:00', ['sla.breach step @ 2026-11-24 10:00']],
          ['2026-11-24 15:30', ['sla.warning handling #1 @ 2026-11-24 15:30']],
          ['2026-11-25 10:30', ['sla.breach handling @ 2026-11-25 10:30', 'sla.escalation handling L1 @ 2026-11-25 10:30']],
        ];
        let fired = await slaTimeline(agent, refund.id);
        for (const [local, expected] of milestones) {
          t.clock.set(new Date(Date.parse(cst(local)) - 60_000));
          await sweep(t);
          assert.deepEqual(await slaTimeline(agent, refund.id), fired, `nothing new a minute before ${local}`);
          at(t, local);
          await sweep(t);
          await sweep(t);
          fired = [...fired, ...expected];
          assert.deepEqual(await slaTimeline(agent, refund.id), fired, `at ${local}, once`);
        }
        const late = await readTicket(agent, refund.id);
        assert.equal(late.sla.state, 'breached');
        assert.deepEqual([clockOf(late, 'step').state, clockOf(late, 'handling').state, clockOf(late, 'handling').escalationLevel], ['breached', 'breached', 1]);
        // Both breached now; the complaint's handling fell due first (Tuesday 09:30, the refund's step at 10:00).
        assert.deepEqual(await listed(agent, 'slaState=breached&sort=dueAt', ids), [other.id, refund.id]);

        // The assignee hears of everything since they accepted; the supervisor of everything.
        const sinceAccepted = milestones.flatMap(([, expected]) => expected);
        assert.deepEqual(await notificationsAbout(handler, refund.id), sinceAccepted);
        assert.deepEqual(await notificationsAbout(supervisor, refund.id), [
          'sla.warning firstResponse #1 @ 2026-11-23 09:52:30',
          'sla.breach firstResponse @ 2026-11-23 10:00',
          ...sinceAccepted,
        ]);
        const escalation = (await timeline(agent, refund.id)).find((e) => e.type === 'sla.escalation')!;
        assert.deepEqual([escalation.data.target, escalation.data.level, escalation.data.dueAt, escalation.data.firedFor], ['handling', 1, cst('2026-11-25 10:30'), cst('2026-11-25 10:30')]);
      }));

    it('runs the complaint chain of DOMAIN §5 level by level, 0, 30, 90, 120, 180 and 360 minutes after the 24-hour limit', () =>
      withApp(dialect, async (t) => {
        const [agent, admin, supervisor] = [t.as('agent'), t.as('admin'), t.as('supervisor')];
        const hotlineLead = await addUser(t, 'hotline_lead', 'supervisor', ['call_center']);
        const partnerLead = await addUser(t, 'partner_lead', 'supervisor', ['external_partners']);
        at(t, '2026-11-23 09:30');
        const complaint = await createTicket(agent, COMPLEX_COMPLAINT);
        assert.equal(complaint.department?.code, 'internal_control');
        at(t, '2026-11-23 09:40');
        await act(admin, complaint, 'accept');

        at(t, '2026-11-24 03:30'); // 75 % of 24 h, in the night: wall-clock time
        await sweep(t);
        assert.deepEqual(await slaTimeline(admin, complaint.id), ['sla.warning handling #1 @ 2026-11-24 03:30']);

        const chain: Array<{ at: string; fired: string[]; department: string; priority: string; status: string; assignee: string | null }> = [
          { at: '2026-11-24 09:30', fired: ['sla.breach handling @ 2026-11-24 09:30', 'sla.escalation handling L1 @ 2026-11-24 09:30'], department: 'internal_control', priority: 'high', status: 'in_progress', assignee: 'admin' },
          { at: '2026-11-24 10:00', fired: ['sla.escalation handling L2 @ 2026-11-24 10:00'], department: 'external_partners', priority: 'high', status: 'pending', assignee: null },
          { at: '2026-11-24 11:00', fired: ['sla.escalation handling L3 @ 2026-11-24 11:00'], department: 'external_partners', priority: 'high', status: 'pending', assignee: null },
          { at: '2026-11-24 11:30', fired: ['sla.escalation handling L4 @ 2026-11-24 11:30'], department: 'external_partners', priority: 'urgent', status: 'pending', assignee: null },
          { at: '2026-11-24 12:30', fired: ['sla.escalation handling L5 @ 2026-11-24 12:30'], department: 'call_center', priority: 'urgent', status: 'pending', assignee: null },
          { at: '2026-11-24 15:30', fired: ['sla.escalation handling L6 @ 2026-11-24 15:30'], department: 'call_center', priority: 'urgent', status: 'pending', assignee: null },
        ];
        let fired = await slaTimeline(admin, complaint.id);
        // Neither lead's department holds the complaint; being called on by the chain lets them open it.
        for (const lead of [hotlineLead, partnerLead]) assert.equal((await lead.get(`/api/v1/tickets/${complaint.id}`)).status, 404);
        for (const level of chain) {
          t.clock.set(new Date(Date.parse(cst(level.at)) - 60_000));
          await sweep(t);
          assert.deepEqual(await slaTimeline(admin, complaint.id), fired, `nothing a minute before ${level.at}`);
          at(t, level.at);
          await sweep(t);
          fired = [...fired, ...level.fired];
          assert.deepEqual(await slaTimeline(admin, complaint.id), fired, `at ${level.at}`);
          const now = await readTicket(admin, complaint.id);
          assert.deepEqual(
            [now.department?.code, now.priority.code, now.status, now.assignee?.username ?? null],
            [level.department, level.priority, level.status, level.assignee],
            `the ticket after ${level.fired.at(-1)}`,
          );
          if (level === chain[0]) assert.equal((await hotlineLead.get(`/api/v1/tickets/${complaint.id}`)).status, 200, 'L1 calls on the hotline lead');
          const handling = clockOf(now, 'handling');
          assert.deepEqual([handling.escalationLevel, showCst(handling.breachedAt), showCst(handling.dueAt)], [chain.indexOf(level) + 1, '2026-11-24 09:30', '2026-11-24 09:30']);
        }
        assert.deepEqual(await sweep(t), { tickets: 0, firings: 0, failures: [] });

        const moves = (await timeline(admin, complaint.id)).filter((e) => e.type === 'sla.escalation' && e.fromStatus !== e.toStatus);
        assert.deepEqual(moves.map((e) => [e.data.level, e.fromStatus, e.toStatus]), [[2, 'in_progress', 'pending']]);
        // Each level tells whom the table names.
        assert.deepEqual(await notificationsAbout(admin, complaint.id), [
          'sla.warning handling #1 @ 2026-11-24 03:30',
          'sla.breach handling @ 2026-11-24 09:30',
          'sla.escalation handling L1 @ 2026-11-24 09:30',
          'sla.escalation handling L4 @ 2026-11-24 11:30',
          'sla.escalation handling L6 @ 2026-11-24 15:30',
        ]);
        for (const lead of [hotlineLead, partnerLead]) assert.equal((await lead.get(`/api/v1/tickets/${complaint.id}`)).status, 200);
        assert.deepEqual(await notificationsAbout(hotlineLead, complaint.id), [
          'sla.escalation handling L1 @ 2026-11-24 09:30',
          'sla.escalation handling L5 @ 2026-11-24 12:30',
          'sla.escalation handling L6 @ 2026-11-24 15:30',
        ]);
        assert.deepEqual(await notificationsAbout(partnerLead, complaint.id), [
          'sla.escalation handling L2 @ 2026-11-24 10:00',
          'sla.escalation handling L3 @ 2026-11-24 11:00',
        ]);
        assert.deepEqual(await notificationsAbout(supervisor, complaint.id), []);
      }));

    it('a calendar change moves the running clocks on it: a make-up workday brings a due time forward, and the sweeper fires it', () =>
      withApp(dialect, async (t) => {
        const [agent, admin] = [t.as('agent'), t.as('admin')];
        at(t, '2026-11-27 17:45'); // a Friday: 15 working minutes today, the other 15 on Monday
        const refund = await createTicket(agent, REFUND_NO_REPLY);
        assert.equal(showCst(clockOf(refund, 'firstResponse').dueAt), '2026-11-30 09:15');
        at(t, '2026-11-27 17:50');
        const calendar = await admin.get<{ workdays: string[] }>('/api/v1/calendars/workdays_cn');
        const changed = await admin.patch('/api/v1/calendars/workdays_cn', { workdays: [...calendar.body.workdays, '2026-11-28'] });
        assert.equal(changed.status, 200, JSON.stringify(changed.body));
        assert.deepEqual(await sweep(t), { tickets: 0, firings: 0, failures: [] }, 'rescheduled, nothing due yet');
        const moved = await readTicket(agent, refund.id);
        assert.equal(showCst(clockOf(moved, 'firstResponse').dueAt), '2026-11-28 09:15', 'Saturday is a working day now');
        assert.deepEqual([showCst(moved.sla.dueAt), moved.version], ['2026-11-28 09:15', refund.version], 'the list’s due time follows, with no new version');
        at(t, '2026-11-28 09:20');
        await sweep(t);
        assert.ok((await slaTimeline(agent, refund.id)).includes('sla.breach firstResponse @ 2026-11-28 09:15'));
      }));

    it('a change to a round-the-clock calendar moves the clocks on it too: they keep their calendar, not the wall clock', () =>
      withApp(dialect, async (t) => {
        const [agent, admin] = [t.as('agent'), t.as('admin')];
        const allDay: Array<[string, string]> = [['00:00', '24:00']];
        const week = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };
        assert.equal((await admin.post('/api/v1/calendars', { code: 'hotline', name: '热线 7×24', timeZone: 'Asia/Shanghai', week })).status, 201);
        const policy = { name: '报障 · 热线', match: { category: 'fault' }, calendar: 'hotline', targets: { resolution: { minutes: 5 * 1440, warnAt: {} } } };
        assert.equal((await admin.post('/api/v1/sla-policies', policy)).status, 201);
        at(t, '2027-02-03 12:00');
        const fault = await createTicket(agent, { description: '春节前报障', category: 'fault', serviceItem: 'other', priority: 'medium' });
        const before = clockOf(fault, 'resolution');
        assert.deepEqual([showCst(before.dueAt), before.businessTime, before.calendar?.code], ['2027-02-08 12:00', true, 'hotline']);
        at(t, '2027-02-03 12:05');
        const closed = await admin.patch('/api/v1/calendars/hotline', { holidays: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'] });
        assert.equal(closed.status, 200, JSON.stringify(closed.body));
        await sweep(t);
        const moved = await readTicket(agent, fault.id);
        // Four days off in the middle of the five: due four days later, as a ticket created after the change would be.
        assert.deepEqual([showCst(clockOf(moved, 'resolution').dueAt), showCst(moved.sla.dueAt)], ['2027-02-12 12:00', '2027-02-12 12:00']);
      }));

    it('a calendar change leaves a breached clock’s due time where it breached: history, not a new deadline', () =>
      withApp(dialect, async (t) => {
        const [agent, admin] = [t.as('agent'), t.as('admin')];
        at(t, '2026-11-23 09:30');
        const refund = await createTicket(agent, REFUND_NO_REPLY);
        at(t, '2026-11-23 10:05');
        await sweep(t);
        assert.deepEqual(await slaTimeline(agent, refund.id), ['sla.warning firstResponse #1 @ 2026-11-23 09:52:30', 'sla.breach firstResponse @ 2026-11-23 10:00']);
        at(t, '2026-11-23 10:30');
        await addHoliday(admin, '2026-11-23');
        await sweep(t);
        const read = await readTicket(agent, refund.id);
        const first = clockOf(read, 'firstResponse');
        // The 30 minutes it took until the breach stay used, though the day is a holiday now.
        assert.deepEqual(
          { state: first.state, due: showCst(first.dueAt), breachedAt: showCst(first.breachedAt), remaining: first.remainingMinutes, listDue: showCst(read.sla.dueAt) },
          { state: 'breached', due: '2026-11-23 10:00', breachedAt: '2026-11-23 10:00', remaining: 0, listDue: '2026-11-23 10:00' },
        );
        assert.equal(showCst(clockOf(read, 'handling').dueAt), '2026-11-26 10:00', 'the clocks still running move: Monday no longer counts');
        assert.equal((await slaTimeline(agent, refund.id)).length, 2, 'nothing fires again');
      }));

    it('banks the clocks breached before breaches were banked (migration 0015), so a calendar change gives them no time back either', () =>
      withApp(dialect, async (t) => {
        const [agent, admin] = [t.as('agent'), t.as('admin')];
        at(t, '2026-11-23 09:30');
        const refund = await createTicket(agent, REFUND_NO_REPLY);
        at(t, '2026-11-23 10:05');
        await sweep(t);
        // The row as a breach left it before: nothing banked, counting on from the start.
        const first = (await t.ctx.uow.read((repos) => repos.deadlines.forTicket(refund.id))).find((d) => d.target === 'firstResponse')!;
        await t.ctx.uow.write((repos) => repos.deadlines.update({ ...first, consumedMs: 0, runningSince: first.startedAt }));
        await bankBreachedClocksMigration().up(t.running.database.db as Kysely<unknown>);
        at(t, '2026-11-23 10:30');
        await addHoliday(admin, '2026-11-23');
        await sweep(t);
        const clock = clockOf(await readTicket(agent, refund.id), 'firstResponse');
        assert.deepEqual([clock.state, clock.spentMinutes, clock.remainingMinutes, showCst(clock.dueAt)], ['breached', 30, 0, '2026-11-23 10:00']);
      }));

    it('a priority change to a policy with the same escalation chain goes on where the chain was: no level fires twice', () =>
      withApp(dialect, async (t) => {
        const [agent, admin] = [t.as('agent'), t.as('admin')];
        const chain = [
          { afterMinutes: 0, actions: [{ type: 'notify', recipients: ['creator'] }] },
          { afterMinutes: 30, actions: [{ type: 'reassign', department: 'promotions' }] },
          { afterMinutes: 60, actions: [{ type: 'notify', recipients: ['supervisors'] }] },
        ];
        for (const [priority, minutes] of [['medium', 60], ['high', 240]] as const) {
          const policy = { name: `业务受理 ${priority}`, match: { category: 'service_request', priority }, targets: { handling: { minutes, businessTime: false, warnAt: {}, escalation: chain } } };
          assert.equal((await admin.post('/api/v1/sla-policies', policy)).status, 201);
        }
        at(t, '2026-11-23 09:00');
        const ticket = await createTicket(agent, { description: '业务受理', category: 'service_request', serviceItem: 'other', priority: 'medium', department: 'exceptions' });
        at(t, '2026-11-23 10:40');
        await sweep(t); // the 60 minutes ran out at 10:00: L1 then, L2 (to promotions) at 10:30
        at(t, '2026-11-23 10:45');
        const raised = await agent.patch<SlaTicket>(`/api/v1/tickets/${ticket.id}`, { priority: 'high' });
        assert.equal(raised.status, 200, JSON.stringify(raised.body));
        const handling = clockOf(raised.body, 'handling');
        assert.deepEqual([handling.state, showCst(handling.dueAt), handling.escalationLevel], ['running', '2026-11-23 13:00', 2], 'within its 240 minutes again, the chain at level 2');
        at(t, '2026-11-23 11:00');
        await act(admin, ticket, 'transfer', { department: 'exceptions', reason: '不是我们的' });
        at(t, '2026-11-23 14:29');
        await sweep(t);
        const before = ['sla.breach handling @ 2026-11-23 10:00', 'sla.escalation handling L1 @ 2026-11-23 10:00', 'sla.escalation handling L2 @ 2026-11-23 10:30'];
        assert.deepEqual(await slaTimeline(admin, ticket.id), [...before, 'sla.breach handling @ 2026-11-23 13:00']);
        assert.equal((await readTicket(admin, ticket.id)).department?.code, 'exceptions', 'the reassignment to promotions is not done again');
        // Level 3 falls due where the chain puts it after the new breach: 0 + 30 + 60 minutes.
        at(t, '2026-11-23 14:30');
        await sweep(t);
        assert.deepEqual(await slaTimeline(admin, ticket.id), [...before, 'sla.breach handling @ 2026-11-23 13:00', 'sla.escalation handling L3 @ 2026-11-23 14:30']);
      }));

    it('catches up after downtime: one sweep fires every milestone once, in order, each with its own due instant', () =>
      withApp(dialect, async (t) => {
        const [agent, handler, admin] = [t.as('agent'), t.as('handler'), t.as('admin')];
        at(t, '2026-11-23 09:30');
        const refund = await createTicket(agent, REFUND);
        const complaint = await createTicket(agent, COMPLEX_COMPLAINT);
        at(t, '2026-11-23 09:40');
        await act(handler, refund, 'accept');
        await act(admin, complaint, 'accept');

        // The server was down for a week.
        at(t, '2026-12-01 09:00');
        assert.deepEqual(await sweep(t), { tickets: 2, firings: 18, failures: [] });
        assert.deepEqual(await slaTimeline(agent, refund.id), [
          'sla.warning step #1 @ 2026-11-23 17:00',
          'sla.warning step #2 @ 2026-11-24 09:30',
          'sla.breach step @ 2026-11-24 10:00',
          'sla.warning handling #1 @ 2026-11-24 15:30',
          'sla.breach handling @ 2026-11-25 10:30',
          'sla.escalation handling L1 @ 2026-11-25 10:30',
          'sla.warning resolution #1 @ 2026-11-27 09:30',
          'sla.breach resolution @ 2026-11-30 12:00',
        ]);
        assert.deepEqual(await slaTimeline(admin, complaint.id), [
          'sla.warning handling #1 @ 2026-11-24 03:30',
          'sla.breach handling @ 2026-11-24 09:30',
          'sla.escalation handling L1 @ 2026-11-24 09:30',
          'sla.escalation handling L2 @ 2026-11-24 10:00',
          'sla.escalation handling L3 @ 2026-11-24 11:00',
          'sla.escalation handling L4 @ 2026-11-24 11:30',
          'sla.escalation handling L5 @ 2026-11-24 12:30',
          'sla.escalation handling L6 @ 2026-11-24 15:30',
          'sla.warning resolution #1 @ 2026-11-24 21:30',
          'sla.breach resolution @ 2026-11-25 09:30',
        ]);
        // Recorded now, in firing order; the chain's moves applied in order.
        const events = (await timeline(admin, complaint.id)).filter((e) => e.type.startsWith('sla.'));
        assert.ok(events.every((e) => e.at === cst('2026-12-01 09:00')));
        assert.deepEqual(events.map((e) => e.seq), events.map((_, i) => events[0]!.seq + i));
        const after = await readTicket(admin, complaint.id);
        assert.deepEqual([after.department?.code, after.priority.code, after.status, after.sla.state], ['call_center', 'urgent', 'pending', 'breached']);
        assert.deepEqual(await sweep(t), { tickets: 0, firings: 0, failures: [] });
      }));

    if (dialect === 'postgres') {
      it('two sweepers sharing one PostgreSQL database fire each milestone of 200 breached tickets exactly once', () =>
        withApp(dialect, async (t) => {
          const agent = t.as('agent');
          at(t, '2026-11-23 09:30');
          const tickets: SlaTicket[] = [];
          for (let batch = 0; batch < 10; batch++) {
            tickets.push(...(await Promise.all(Array.from({ length: 20 }, () => createTicket(agent, REFUND_NO_REPLY)))));
          }
          // Every ticket, never accepted: first response (warning, breach), refunds step (2 warnings,
          // breach), handling (warning, breach, escalation level 1), resolution (warning, breach).
          const perTicket = [
            'sla.warning firstResponse #1 @ 2026-11-23 09:52:30',
            'sla.breach firstResponse @ 2026-11-23 10:00',
            'sla.warning step #1 @ 2026-11-23 17:00',
            'sla.warning step #2 @ 2026-11-24 09:30',
            'sla.breach step @ 2026-11-24 10:00',
            'sla.warning handling #1 @ 2026-11-24 15:30',
            'sla.breach handling @ 2026-11-25 10:30',
            'sla.escalation handling L1 @ 2026-11-25 10:30',
            'sla.warning resolution #1 @ 2026-11-27 09:30',
            'sla.breach resolution @ 2026-11-30 12:00',
          ];

          const database = openDatabase(t.config.database);
          const second: UseCaseContext = { ...t.ctx, uow: createUnitOfWork(database) };
          try {
            at(t, '2026-12-15 09:00');
            const [a, b] = await Promise.all([fireDueDeadlines(t.ctx), fireDueDeadlines(second)]);
            // A ticket one sweeper skipped while the other held it is picked up by the next sweep, if any is left.
            const rest = await fireDueDeadlines(second);
            assert.equal(a.firings + b.firings + rest.firings, 200 * perTicket.length, JSON.stringify({ a, b, rest }));
            assert.ok(a.tickets > 0 && b.tickets > 0, `both sweepers worked at once: ${JSON.stringify({ a, b })}`);
            assert.deepEqual(await fireDueDeadlines(t.ctx), { tickets: 0, firings: 0, failures: [] });
          } finally {
            await database.close();
          }

          for (const ticket of tickets) assert.deepEqual(await slaTimeline(agent, ticket.id), perTicket, ticket.number);
          // Nobody accepted them: each milestone told the refunds supervisor, once.
          const told = (await allNotifications(t.as('supervisor'))).filter((n) => n.kind.startsWith('sla.'));
          const distinct = new Set(told.map((n) => `${n.ticket?.id} ${describeSlaEvent({ type: n.kind, data: n.data })}`));
          assert.equal(told.length, 200 * perTicket.length);
          assert.equal(distinct.size, told.length);
        }));
    }
  });
}
