import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';
import { act, allNotifications, at, clockOf, createTicket, cst, readTicket, REFUND, showCst, SIMPLE_COMPLAINT, slaTimeline, timeline, type SlaTicket } from '../support/time-limits.js';

/*
 * Waiting with a resume time (挂起到期): `wait {reason, until}` parks a ticket and pauses its
 * clocks; at `until` the sweeper resumes it, its clocks run again, the timeline says so and the
 * assignee is told. Times are Shanghai wall-clock; 2026-11-23 is a Monday.
 */

type WaitingTicket = SlaTicket & { waitUntil: string | null };

for (const dialect of dialects()) {
  describe(`waiting until a time, then resuming by itself (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(async () => t?.close());

    const accepted = async (): Promise<WaitingTicket> => {
      at(t, '2026-11-23 09:30');
      const ticket = await createTicket(t.as('agent'), REFUND);
      return (await act(t.as('handler'), ticket, 'accept')) as WaitingTicket;
    };
    const sweep = () => t.running.slaSweeper.sweep();

    it('refuses a resume time that has passed or is more than a year away, writing nothing', async () => {
      const ticket = await accepted();
      for (const until of [cst('2026-11-23 09:00'), cst('2026-11-23 09:30'), cst('2027-11-25 09:30')]) {
        const response = await t.as('handler').post<{ code: string; errors: Array<{ field: string }> }>(`/api/v1/tickets/${ticket.id}/wait`, { reason: '等客户回电', until });
        assert.equal(response.status, 422, until);
        assert.equal(response.body.code, 'invalid_field');
        assert.deepEqual(response.body.errors.map((e) => e.field), ['until']);
      }
      const unchanged = (await readTicket(t.as('handler'), ticket.id)) as WaitingTicket;
      assert.deepEqual([unchanged.status, unchanged.version, unchanged.waitUntil], ['in_progress', ticket.version, null]);
    });

    it('resumes at the resume time: in progress again, clocks running, the timeline and the assignee told, once', async () => {
      const ticket = await accepted();
      const until = cst('2026-11-24 10:00');
      const waiting = (await act(t.as('handler'), ticket, 'wait', { reason: '客户明早十点回电确认银行卡号', until: '2026-11-24T10:00:00+08:00' })) as WaitingTicket;
      assert.deepEqual([waiting.status, waiting.waitUntil, waiting.sla.state], ['waiting', until, 'paused']);
      const listed = await t.as('handler').get<{ items: WaitingTicket[] }>('/api/v1/tickets?queue=waiting&limit=200');
      assert.equal(listed.body.items.find((i) => i.id === ticket.id)?.waitUntil, until, 'the waiting queue shows when it comes back');

      at(t, '2026-11-24 09:59');
      assert.equal((await sweep()).waits.resumed, 0);
      assert.equal((await readTicket(t.as('handler'), ticket.id)).status, 'waiting');

      at(t, '2026-11-24 10:00');
      assert.equal((await sweep()).waits.resumed, 1);
      const resumed = (await readTicket(t.as('handler'), ticket.id)) as WaitingTicket;
      assert.deepEqual([resumed.status, resumed.waitUntil, resumed.assignee?.username], ['in_progress', null, 'handler']);
      assert.notEqual(resumed.sla.state, 'paused', 'the clocks run again');
      assert.ok(resumed.sla.dueAt, 'with a due time again');
      const last = (await timeline(t.as('handler'), ticket.id)).at(-1)! as { type: string; fromStatus: string; toStatus: string; at: string; data: Record<string, unknown>; actor?: unknown };
      assert.deepEqual(
        { type: last.type, from: last.fromStatus, to: last.toStatus, at: last.at, data: last.data, actor: last.actor ?? null },
        { type: 'ticket.resumed', from: 'waiting', to: 'in_progress', at: until, data: { automatic: true, until }, actor: null },
      );
      const told = (await allNotifications(t.as('handler'))).filter((n) => n.ticket?.id === ticket.id && n.kind === 'ticket.wait_ended');
      assert.equal(told.length, 1);
      assert.equal(told[0]!.data.until, until);
      assert.equal(told[0]!.data.reminderHours, undefined, 'a time someone agreed');

      at(t, '2026-11-24 10:05');
      assert.equal((await sweep()).waits.resumed, 0, 'resumed once');
    });

    it('after downtime, the clocks run again from the resume time, not from the first sweep', async () => {
      const ticket = await accepted(); // the refunds step: 480 working minutes from Monday 09:30
      at(t, '2026-11-23 17:00');
      await act(t.as('handler'), ticket, 'wait', { reason: '客户明早九点回电', until: '2026-11-24T09:00:00+08:00' });
      // No sweeper ran until Tuesday 14:00: the step had 120 of its 480 minutes left at 09:00, so it fell due at 11:00.
      at(t, '2026-11-24 14:00');
      const swept = await sweep();
      assert.deepEqual([swept.waits.resumed, swept.deadlines.firings], [1, 3], 'its two warnings and the breach, in the same sweep');
      const step = clockOf(await readTicket(t.as('handler'), ticket.id), 'step');
      assert.deepEqual([showCst(step.dueAt), step.spentMinutes], ['2026-11-24 11:00', 570]);
      assert.ok((await slaTimeline(t.as('handler'), ticket.id)).includes('sla.breach step @ 2026-11-24 11:00'));
    });

    it('resumes a wait without a resume time after the default wait, counted in the department\'s working hours', async () => {
      // The demo's default: 15 working hours; the refunds group works 09:00–12:00 and 13:30–18:00.
      const ticket = await accepted();
      at(t, '2026-11-23 10:00');
      const waiting = (await act(t.as('handler'), ticket, 'wait', { reason: '等客户提供银行流水' })) as WaitingTicket;
      // Monday 6.5 h, Tuesday 7.5 h, then Wednesday 09:00–10:00.
      const due = cst('2026-11-25 10:00');
      assert.deepEqual([waiting.status, waiting.waitUntil], ['waiting', due]);
      const parked = (await timeline(t.as('handler'), ticket.id)).at(-1)! as { type: string; data: Record<string, unknown> };
      assert.deepEqual([parked.type, parked.data], ['ticket.waiting', { until: due, reminderHours: 15 }]);

      at(t, '2026-11-25 09:59');
      assert.equal((await sweep()).waits.resumed, 0);
      at(t, '2026-11-25 10:00');
      assert.equal((await sweep()).waits.resumed, 1);
      assert.equal((await readTicket(t.as('handler'), ticket.id)).status, 'in_progress');
      const told = (await allNotifications(t.as('handler'))).filter((n) => n.ticket?.id === ticket.id && n.kind === 'ticket.wait_ended');
      assert.equal(told.length, 1, 'the handler is told the customer never called back');
      assert.equal(told[0]!.data.reminderHours, 15, 'as the default wait running out, not as a time someone agreed');
      const resumed = (await timeline(t.as('handler'), ticket.id)).at(-1)! as { type: string; data: Record<string, unknown> };
      assert.deepEqual([resumed.type, resumed.data], ['ticket.resumed', { automatic: true, until: due, reminderHours: 15 }]);
    });

    it('counts the default wait on the calendar the ticket\'s time limits count on where its department has none of its own', async () => {
      at(t, '2026-11-27 16:00'); // a Friday
      const inquiry = await createTicket(t.as('agent'), { description: '报障：宽带断线', category: 'inquiry', serviceItem: 'other', priority: 'medium', department: 'exceptions' });
      const complaint = await createTicket(t.as('agent'), { ...SIMPLE_COMPLAINT, department: 'exceptions' });
      for (const ticket of [inquiry, complaint]) await act(t.as('admin'), ticket, 'accept');
      at(t, '2026-11-27 17:00');
      // 异常/报障组 has no calendar; the standard policy counts on workdays_cn (09:00–12:00, 13:30–18:00):
      // Friday 1 h, Monday 7.5 h, Tuesday 09:00–12:00 and 13:30–17:00, not Saturday 08:00.
      const waiting = (await act(t.as('admin'), inquiry, 'wait', { reason: '等客户回电' })) as WaitingTicket;
      assert.equal(showCst(waiting.waitUntil), '2026-12-01 17:00');
      // The complaint policies name no calendar: their clocks count every hour (24×7), and so does the wait.
      const parked = (await act(t.as('admin'), complaint, 'wait', { reason: '等客户回电' })) as WaitingTicket;
      assert.equal(showCst(parked.waitUntil), '2026-11-28 08:00');
    });

    it('waits until resumed by hand when asked (until: null) or when the organisation has no default wait', async () => {
      const asked = await accepted();
      const open = (await act(t.as('handler'), asked, 'wait', { reason: '等合作方排期', until: null })) as WaitingTicket;
      assert.deepEqual([open.status, open.waitUntil], ['waiting', null]);

      const cleared = await t.as('admin').patch<{ waitReminderHours: number | null }>('/api/v1/settings', { waitReminderHours: null });
      assert.equal(cleared.status, 200);
      assert.equal(cleared.body.waitReminderHours, null);
      try {
        const plain = await accepted();
        const waiting = (await act(t.as('handler'), plain, 'wait', { reason: '等客户回电' })) as WaitingTicket;
        assert.equal(waiting.waitUntil, null);
        at(t, '2027-01-31 10:00');
        await sweep();
        assert.equal((await readTicket(t.as('handler'), plain.id)).status, 'waiting');
        assert.equal((await readTicket(t.as('handler'), asked.id)).status, 'waiting');
      } finally {
        assert.equal((await t.as('admin').patch('/api/v1/settings', { waitReminderHours: 15 })).status, 200);
      }
    });

    it('leaves alone a ticket resumed by hand before its resume time', async () => {
      const ticket = await accepted();
      await act(t.as('handler'), ticket, 'wait', { reason: '等合作方回复', until: cst('2026-11-23 15:00') });
      at(t, '2026-11-23 11:00');
      const resumed = (await act(t.as('handler'), ticket, 'resume', { note: '合作方提前回复了' })) as WaitingTicket;
      assert.equal(resumed.waitUntil, null);
      const events = (await timeline(t.as('handler'), ticket.id)).length;
      at(t, '2026-11-23 15:00');
      assert.equal((await sweep()).waits.resumed, 0);
      assert.equal((await timeline(t.as('handler'), ticket.id)).length, events, 'no second resume');
    });
  });
}
