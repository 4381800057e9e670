import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DeadlineView } from '../../src/sla/domain/deadline-view.js';
import type { ApiClient } from '../support/api-client.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';
import {
  act,
  at,
  clockOf,
  clockSummary,
  createTicket,
  cst,
  readTicket,
  REFUND,
  REFUND_NO_REPLY,
  SIMPLE_COMPLAINT,
  COMPLEX_COMPLAINT,
  showCst,
  slaTimeline,
  sweep,
  type SlaTicket,
} from '../support/time-limits.js';

/*
 * Time limits (时限) on the demo data, through the HTTP API: which clocks a ticket runs and when
 * they fall due. The demo calendar `workdays_cn` works Monday–Friday 09:00–12:00 and 13:30–18:00
 * Shanghai time; 23 November 2026 is a Monday. Instants are written in Shanghai time.
 *   标准时限: firstResponse 30, step 240 (refunds 480), handling 960, reply 240, resolution 2400 business minutes.
 *   投诉 · 简单 (complaint, low/medium): firstResponse 30, handling 120, resolution 2880 wall-clock minutes.
 *   投诉 · 复杂 (complaint, high/urgent): handling 1440 wall-clock minutes, with the escalation chain.
 */

interface ListPage {
  items: Array<SlaTicket & Record<string, unknown>>;
}

for (const dialect of dialects()) {
  describe(`time limits on tickets: clocks, due times and what moves them (${dialect})`, () => {
    let t: TestApp;
    let agent: ApiClient;
    let handler: ApiClient;
    let admin: ApiClient;
    before(async () => {
      t = await startTestApp(dialect);
      agent = t.as('agent');
      handler = t.as('handler');
      admin = t.as('admin');
    });
    after(async () => t?.close());

    it('reads a new ticket back with each clock due on the business calendar, and lists carry the summary', async () => {
      at(t, '2026-11-23 09:30');
      const refund = await createTicket(agent, REFUND);
      assert.equal(refund.department?.code, 'refunds', 'the refund rule dispatched it');
      assert.deepEqual(clockSummary(refund), {
        firstResponse: 'running 2026-11-23 10:00',
        handling: 'running 2026-11-25 10:30', // 960 = Monday 420 + Tuesday 450 + 90
        resolution: 'running 2026-11-30 12:00', // 2400 = 420 + 4 × 450 + 180: it runs out at the end of next Monday's morning
        step: 'running 2026-11-24 10:00', // the refunds department's own limit, 480 = Monday 420 + 60
      });
      const step = clockOf(refund, 'step');
      assert.equal(step.departmentId, refund.department?.id);
      assert.deepEqual(
        refund.sla.targets!.map((d) => [d.target, d.allowedMinutes, d.spentMinutes, d.businessTime, d.calendar?.code, d.current]),
        [
          ['firstResponse', 30, 0, true, 'workdays_cn', true],
          ['handling', 960, 0, true, 'workdays_cn', true],
          ['resolution', 2400, 0, true, 'workdays_cn', true],
          ['step', 480, 0, true, 'workdays_cn', true],
        ],
      );
      assert.deepEqual({ state: refund.sla.state, dueAt: refund.sla.dueAt }, { state: 'running', dueAt: cst('2026-11-23 10:00') });

      // Lists carry only the summary: the worst state and the earliest due time.
      const listed = (await agent.get<ListPage>('/api/v1/tickets?limit=200')).body.items.find((i) => i.id === refund.id);
      assert.deepEqual(listed?.sla, { state: 'running', dueAt: cst('2026-11-23 10:00') });

      // Spent and remaining time count working minutes only: lunch does not count.
      at(t, '2026-11-23 09:50');
      assertClock(clockOf(await readTicket(agent, refund.id), 'firstResponse'), { spent: 20, remaining: 10 });
      at(t, '2026-11-23 13:45');
      assertClock(clockOf(await readTicket(agent, refund.id), 'handling'), { spent: 165, remaining: 795 });

      // A ticket no rule routes waits for dispatch without a step; dispatching starts the department's step.
      at(t, '2026-11-23 10:00');
      const inquiry = await createTicket(agent, { description: '询问电影票能否改签', category: 'inquiry', serviceItem: 'movie_tickets', priority: 'medium', fields: { orderNumber: 'MV-10001' } });
      assert.equal(inquiry.status, 'submitted');
      assert.deepEqual(Object.keys(clockSummary(inquiry)), ['firstResponse', 'handling', 'resolution']);
      const dispatched = await act(agent, inquiry, 'dispatch', { department: 'exceptions' });
      assert.equal(clockSummary(dispatched).step, 'running 2026-11-23 15:30', 'the default step limit 240: 10:00–12:00 and 13:30–15:30');
      assert.equal(clockOf(dispatched, 'step').allowedMinutes, 240);
    });

    it('accept, transfer, resolve, reply and close end the clocks they concern, each with its own record', async () => {
      at(t, '2026-11-23 09:30');
      const ticket = await createTicket(agent, REFUND);

      at(t, '2026-11-23 09:40');
      const accepted = await act(handler, ticket, 'accept');
      assertClock(clockOf(accepted, 'firstResponse'), { state: 'met', current: false, spent: 10, completedAt: '2026-11-23 09:40' });
      // The refunds step is now the next to fall due.
      assert.deepEqual([accepted.sla.state, showCst(accepted.sla.dueAt)], ['running', '2026-11-24 10:00']);

      at(t, '2026-11-23 10:00');
      const transferred = await act(handler, ticket, 'transfer', { department: 'exceptions', reason: '退款通道异常，需报障组处理' });
      const steps = transferred.sla.targets!.filter((d) => d.target === 'step');
      assert.deepEqual(
        steps.map((d) => [d.departmentId === ticket.department?.id ? 'refunds' : 'exceptions', d.state, d.allowedMinutes, d.spentMinutes, showCst(d.dueAt)]),
        [
          ['refunds', 'met', 480, 30, '2026-11-24 10:00'],
          ['exceptions', 'running', 240, 0, '2026-11-23 15:30'],
        ],
      );
      assert.equal(clockOf(transferred, 'step').departmentId, transferred.department?.id);

      at(t, '2026-11-23 10:30');
      await act(admin, ticket, 'accept');
      at(t, '2026-11-23 11:00');
      const resolved = await act(admin, ticket, 'resolve', { result: '已重新发起退款' });
      assertClock(clockOf(resolved, 'handling'), { state: 'met', current: false, spent: 90, completedAt: '2026-11-23 11:00' });
      assertClock(clockOf(resolved, 'step'), { state: 'met', current: false, spent: 60, completedAt: '2026-11-23 11:00' });
      // After-sales needs a reply: its clock starts with the result, 240 business minutes across lunch.
      assert.equal(clockSummary(resolved).reply, 'running 2026-11-23 16:30');

      at(t, '2026-11-23 14:00');
      const replied = await agent.post<SlaTicket>(`/api/v1/tickets/${ticket.id}/reply`, { channel: 'phone', content: '已告知客户退款进度' });
      assert.equal(replied.body.status, 'replied');
      assertClock(clockOf(replied.body, 'reply'), { state: 'met', current: false, spent: 90, completedAt: '2026-11-23 14:00' });

      at(t, '2026-11-23 14:10');
      const closed = await act(agent, ticket, 'close');
      assert.deepEqual(closed.sla.state, null);
      assert.deepEqual(closed.sla.dueAt, null);
      assert.deepEqual(
        closed.sla.targets!.map((d) => `${d.target} ${d.state} ${d.spentMinutes}`),
        ['firstResponse met 10', 'handling met 90', 'resolution met 190', 'step met 30', 'step met 60', 'reply met 90'],
      );

      // A service item without a reply: resolving starts no reply clock.
      at(t, '2026-11-23 15:00');
      const cinema = await createTicket(agent, REFUND_NO_REPLY);
      await act(handler, cinema, 'accept');
      const done = await act(handler, cinema, 'resolve', { result: '影院同意退款' });
      assert.deepEqual(clockSummary(done), { firstResponse: 'met 2026-11-23 15:30', handling: 'met 2026-11-25 16:00', resolution: 'running 2026-11-30 17:30', step: 'met 2026-11-24 15:30' });
      assert.deepEqual(done.sla.state, 'running');
    });

    it('waiting pauses the clocks; resuming moves their due times by the business time the pause covered', async () => {
      at(t, '2026-11-27 16:00'); // a Friday
      const ticket = await createTicket(agent, REFUND_NO_REPLY);
      at(t, '2026-11-27 16:10');
      await act(handler, ticket, 'accept');
      const before = await readTicket(handler, ticket.id);
      assert.deepEqual(clockSummary(before), {
        firstResponse: 'met 2026-11-27 16:30',
        handling: 'running 2026-12-01 17:00',
        resolution: 'running 2026-12-07 09:30',
        step: 'running 2026-11-30 16:30',
      });

      at(t, '2026-11-27 17:00');
      const waiting = await act(handler, ticket, 'wait', { reason: '等待客户提供银行卡信息' });
      assert.equal(waiting.status, 'waiting');
      assert.deepEqual({ state: waiting.sla.state, dueAt: waiting.sla.dueAt }, { state: 'paused', dueAt: null });
      assert.deepEqual(clockSummary(waiting), { firstResponse: 'met 2026-11-27 16:30', handling: 'paused -', resolution: 'paused -', step: 'paused -' });
      const pausedList = await handler.get<ListPage>('/api/v1/tickets?slaState=paused&limit=200');
      assert.ok(pausedList.body.items.some((i) => i.id === ticket.id));
      // Sorting the handler's own tickets by due time keeps the waiting one (after every running clock).
      const mineByDue = await handler.get<ListPage>('/api/v1/tickets?queue=mine&sort=dueAt&limit=200');
      assert.equal(mineByDue.body.items.at(-1)?.id, ticket.id);

      // Half an hour of working time paused: every business due time moves by 30 working minutes.
      at(t, '2026-11-27 17:30');
      assert.deepEqual(clockSummary(await act(handler, ticket, 'resume')), {
        firstResponse: 'met 2026-11-27 16:30',
        handling: 'running 2026-12-01 17:30',
        resolution: 'running 2026-12-07 10:00',
        step: 'running 2026-11-30 17:00',
      });

      // Paused on Friday evening, resumed on Monday before work: no working time passed, nothing moves.
      at(t, '2026-11-27 18:30');
      await act(handler, ticket, 'wait', { reason: '客户周末不方便接听' });
      at(t, '2026-11-30 08:30');
      const resumed = await act(handler, ticket, 'resume');
      assert.deepEqual(clockSummary(resumed), {
        firstResponse: 'met 2026-11-27 16:30',
        handling: 'running 2026-12-01 17:30',
        resolution: 'running 2026-12-07 10:00',
        step: 'running 2026-11-30 17:00',
      });
      assertClock(clockOf(resumed, 'step'), { state: 'running', spent: 90, remaining: 390 });
    });

    it('a priority change re-matches the policy: a medium complaint raised to high gets 24 hours, keeping the time spent', async () => {
      at(t, '2026-11-23 09:30');
      const complaint = await createTicket(agent, SIMPLE_COMPLAINT);
      assert.equal(clockSummary(complaint).handling, 'running 2026-11-23 11:30', 'the simple complaint: an answer within 2 hours');
      at(t, '2026-11-23 09:40');
      await act(admin, complaint, 'accept');

      at(t, '2026-11-23 10:30');
      const raised = await agent.patch<SlaTicket>(`/api/v1/tickets/${complaint.id}`, { priority: 'high' });
      assert.equal(raised.status, 200, JSON.stringify(raised.body));
      assertClock(clockOf(raised.body, 'handling'), { state: 'running', allowed: 1440, spent: 60, remaining: 1380, due: '2026-11-24 09:30' });
      assertClock(clockOf(raised.body, 'resolution'), { state: 'running', allowed: 2880, spent: 60, remaining: 2820, due: '2026-11-25 09:30' });
      assertClock(clockOf(raised.body, 'firstResponse'), { state: 'met', current: false, spent: 10, completedAt: '2026-11-23 09:40' });

      // The simple policy's warnings (11:00 and 11:15) no longer apply; the complex one warns at 75 % of 24 h.
      at(t, '2026-11-23 11:20');
      await sweep(t);
      assert.deepEqual(await slaTimeline(admin, complaint.id), []);
      at(t, '2026-11-24 03:30');
      await sweep(t);
      assert.deepEqual(await slaTimeline(admin, complaint.id), ['sla.warning handling #1 @ 2026-11-24 03:30']);
    });

    it('a complaint raised to high after its 2 hours ran out runs un-breached on its 24 hours, and the new chain starts at its first level', async () => {
      at(t, '2026-11-23 09:30');
      const complaint = await createTicket(agent, SIMPLE_COMPLAINT);
      await act(admin, complaint, 'accept');
      at(t, '2026-11-23 11:31');
      await sweep(t);
      assert.equal(clockOf(await readTicket(admin, complaint.id), 'handling').state, 'breached');
      at(t, '2026-11-23 12:00');
      const raised = await agent.patch<SlaTicket>(`/api/v1/tickets/${complaint.id}`, { priority: 'high' });
      assertClock(clockOf(raised.body, 'handling'), { state: 'running', allowed: 1440, spent: 150, remaining: 1290, due: '2026-11-24 09:30' });
      at(t, '2026-11-24 09:30');
      await sweep(t);
      const fired = (await slaTimeline(admin, complaint.id)).filter((e) => e.includes('handling'));
      // The breach of the 2-hour promise stays on the timeline; the 24-hour chain begins with its level 1.
      assert.deepEqual(fired.slice(-3), ['sla.warning handling #1 @ 2026-11-24 03:30', 'sla.breach handling @ 2026-11-24 09:30', 'sla.escalation handling L1 @ 2026-11-24 09:30']);
      assert.ok(fired.includes('sla.breach handling @ 2026-11-23 11:30'));
    });

    it('a re-classification starts the clocks the new policy adds: a complaint in 内控部 turned inquiry gets a step clock from then on', async () => {
      at(t, '2026-11-23 09:30');
      const complaint = await createTicket(agent, SIMPLE_COMPLAINT);
      assert.equal(complaint.department?.code, 'internal_control');
      assert.equal(complaint.sla.targets?.some((d) => d.target === 'step'), false, 'the complaint policies have no step limit');
      at(t, '2026-11-23 10:00');
      const inquiry = await agent.patch<SlaTicket>(`/api/v1/tickets/${complaint.id}`, { category: 'inquiry' });
      assert.equal(inquiry.status, 200, JSON.stringify(inquiry.body));
      assertClock(clockOf(inquiry.body, 'step'), { state: 'running', allowed: 240, spent: 0, due: '2026-11-23 15:30' }); // lunch 12:00–13:30 excluded
    });

    it('a re-classification that takes the reply away stops the reply clock: no warning and no breach for a reply nobody owes', async () => {
      at(t, '2026-11-23 09:30');
      const refund = await createTicket(agent, REFUND); // mall_aftersales: needs a reply
      await act(admin, refund, 'accept');
      at(t, '2026-11-23 10:00');
      assert.equal(clockOf(await act(admin, refund, 'resolve', { result: '已退款' }), 'reply').state, 'running');
      at(t, '2026-11-23 10:10');
      const changed = await agent.patch<SlaTicket>(`/api/v1/tickets/${refund.id}`, { serviceItem: 'other', fields: {} });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assertClock(clockOf(changed.body, 'reply'), { state: 'stopped', current: false, spent: 10, completedAt: '2026-11-23 10:10' });
      // Its 240 working minutes would have warned at 14:30 and breached at 15:30.
      at(t, '2026-11-23 16:00');
      await sweep(t);
      const read = await readTicket(admin, refund.id);
      assert.deepEqual(await slaTimeline(admin, refund.id), []);
      assert.deepEqual([read.status, clockOf(read, 'reply').state, read.sla.state], ['handled', 'stopped', 'running'], 'only resolution runs on, until the ticket closes');
    });

    it('a re-classification counts the new limit on its own basis: an inquiry turned complaint runs on the wall clock', async () => {
      at(t, '2026-11-27 17:00'); // a Friday
      const inquiry = await createTicket(agent, { description: '咨询快递为何迟迟不送', category: 'inquiry', serviceItem: 'other', priority: 'medium' });
      assert.equal(clockOf(inquiry, 'handling').businessTime, true);
      at(t, '2026-11-27 17:10');
      const complaint = await agent.patch<SlaTicket>(`/api/v1/tickets/${inquiry.id}`, { category: 'complaint' });
      assert.equal(complaint.status, 200, JSON.stringify(complaint.body));
      const handling = clockOf(complaint.body, 'handling');
      // 10 minutes used of the 2-hour promise, the rest counted through the evening like any complaint.
      assert.deepEqual([handling.businessTime, handling.calendar, showCst(handling.dueAt)], [false, null, '2026-11-27 19:00']);
    });

    it(
      'a complaint lowered to medium after 3 hours is overdue since its 2 hours ran out, not since the change',
      async () => {
        at(t, '2026-11-23 09:30');
        const complaint = await createTicket(agent, COMPLEX_COMPLAINT);
        await act(admin, complaint, 'accept');
        at(t, '2026-11-23 12:30');
        const lowered = await agent.patch<SlaTicket>(`/api/v1/tickets/${complaint.id}`, { priority: 'medium' });
        assert.equal(lowered.status, 200, JSON.stringify(lowered.body));
        assertClock(clockOf(lowered.body, 'handling'), { state: 'running', allowed: 120, spent: 180, remaining: -60, due: '2026-11-23 11:30' });
        await sweep(t);
        const handling = clockOf(await readTicket(admin, complaint.id), 'handling');
        assert.deepEqual([handling.state, showCst(handling.breachedAt), showCst(handling.dueAt)], ['breached', '2026-11-23 11:30', '2026-11-23 11:30']);
      },
    );

    it('complaint limits count wall-clock minutes through lunch and night; standard limits count working minutes', async () => {
      at(t, '2026-11-23 11:00');
      const lunch = await createTicket(agent, SIMPLE_COMPLAINT);
      const handling = clockOf(lunch, 'handling');
      assert.deepEqual([handling.businessTime, handling.calendar, showCst(handling.dueAt)], [false, null, '2026-11-23 13:00']);
      // The same 120 minutes on the working-day calendar would end at 14:30, after the lunch break.
      const preview = await admin.post('/api/v1/calendars/workdays_cn/due', { start: cst('2026-11-23 11:00'), minutes: 120 });
      assert.equal(preview.body.due, '2026-11-23T14:30:00+08:00');

      at(t, '2026-11-23 17:45');
      const evening = await createTicket(agent, SIMPLE_COMPLAINT);
      assert.deepEqual(clockSummary(evening), {
        firstResponse: 'running 2026-11-23 18:15',
        handling: 'running 2026-11-23 19:45',
        resolution: 'running 2026-11-25 17:45',
      });
      const refund = await createTicket(agent, REFUND_NO_REPLY);
      assert.equal(clockSummary(refund).firstResponse, 'running 2026-11-24 09:15', '15 minutes on Monday, 15 on Tuesday morning');

      at(t, '2026-11-24 08:00');
      assertClock(clockOf(await readTicket(agent, evening.id), 'handling'), { spent: 855, remaining: -735 });
      assertClock(clockOf(await readTicket(agent, refund.id), 'firstResponse'), { spent: 15, remaining: 15 });
    });
  });
}

/** Asserts the fields of a clock named in `expected` (short names; instants in Shanghai time). */
function assertClock(d: DeadlineView, expected: Partial<Record<'state' | 'current' | 'allowed' | 'spent' | 'remaining' | 'due' | 'completedAt', unknown>>): void {
  const all: Record<string, unknown> = {
    state: d.state,
    current: d.current,
    allowed: d.allowedMinutes,
    spent: d.spentMinutes,
    remaining: d.remainingMinutes,
    due: showCst(d.dueAt),
    completedAt: showCst(d.completedAt),
  };
  assert.deepEqual(Object.fromEntries(Object.keys(expected).map((k) => [k, all[k]])), expected, `${d.target}: ${JSON.stringify(d)}`);
}
