import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ALWAYS_OPEN, businessTimeBetween, compileCalendar } from '../../../src/sla/domain/business-calendar.js';
import {
  budgetUntil,
  completeDeadline,
  extendDeadline,
  moveToBasis,
  deadlineState,
  fireDue,
  nextMilestone,
  pauseDeadline,
  rebudgetDeadline,
  reopenDeadline,
  resumeDeadline,
  spentMs,
  startDeadline,
  summarise,
  warningThresholds,
  type Deadline,
  type DeadlineSpec,
  type Firing,
  type TimeBasis,
} from '../../../src/sla/domain/deadline.js';
import type { EscalationLevel } from '../../../src/sla/domain/sla-policy.js';
import { cst, shanghaiOffice, showCst } from './calendars.js';

/** Shanghai, 09:00–12:00 and 13:30–18:00 on workdays, with the Chinese holidays (Qingming 2026-04-04..06 among them). */
const office = compileCalendar(shanghaiOffice);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function spec(extra: Partial<DeadlineSpec> = {}): DeadlineSpec {
  return { warnAt: { percent: [75], minutesBefore: [] }, notify: [{ kind: 'assignee' }], pauseWhileWaiting: true, escalation: [], ...extra };
}

const levels = (...minutes: number[]): EscalationLevel[] =>
  minutes.map((afterMinutes, i) => ({ afterMinutes, actions: [{ type: 'setPriority', priorityId: `p${i + 1}` }] }));

function start(basis: TimeBasis, budgetMinutes: number, at: number, extra: Partial<DeadlineSpec> = {}): Deadline {
  return startDeadline(
    {
      id: 'd-1',
      ticketId: 't-1',
      target: 'handling',
      policyId: 'policy-1',
      calendarId: basis === office ? 'cal-shanghai' : null,
      departmentId: null,
      spec: spec(extra),
      budgetMs: budgetMinutes * MINUTE,
    },
    basis,
    at,
  );
}

/** A Shanghai wall-clock time of an ISO instant (null stays null), for readable assertions. */
const local = (iso: string | null): string | null => (iso === null ? null : showCst(Date.parse(iso)));
const utc = (ms: number): string => new Date(ms).toISOString();
const describeFirings = (firings: Firing[]): string[] =>
  firings.map((f) => `${f.kind}${f.kind === 'warning' ? f.index : f.kind === 'escalation' ? f.level : ''}@${showCst(Date.parse(f.dueAt))}`);

describe('startDeadline: due time and first firing', () => {
  it('a 4-business-hour target started Friday 16:00 Shanghai is due Monday 11:00 (03:00Z), warned at 75% on Monday 10:00', () => {
    const d = start(office, 240, cst('2026-03-06 16:00'));
    // Friday 16:00–18:00 uses 2 h, Monday 09:00–11:00 the other 2 h.
    assert.equal(d.dueAt, '2026-03-09T03:00:00.000Z');
    // 75% = 3 h: Friday's 2 h and Monday 09:00–10:00.
    assert.equal(d.nextFireAt, '2026-03-09T02:00:00.000Z');
    assert.equal(d.status, 'running');
    assert.equal(d.startedAt, '2026-03-06T08:00:00.000Z');
    assert.equal(d.runningSince, '2026-03-06T08:00:00.000Z');
    assert.equal(d.consumedMs, 0);
    assert.equal(deadlineState(d), 'running');
  });

  it('skips public holidays: 4 h from the Friday before Qingming (04-04..06) is due Tuesday 04-07 11:00', () => {
    const d = start(office, 240, cst('2026-04-03 16:00'));
    assert.equal(local(d.dueAt), '2026-04-07 11:00');
    assert.equal(local(d.nextFireAt), '2026-04-07 10:00');
  });

  it('counts from the next working moment when started outside working hours', () => {
    const d = start(office, 60, cst('2026-03-07 10:00')); // a Saturday
    assert.equal(local(d.dueAt), '2026-03-09 10:00');
    assert.equal(local(d.nextFireAt), '2026-03-09 09:45');
  });

  it('counts wall-clock time on ALWAYS_OPEN: over the weekend, day and night', () => {
    const d = start(ALWAYS_OPEN, 240, Date.parse('2026-03-06T08:00:00Z'));
    assert.equal(d.dueAt, '2026-03-06T12:00:00.000Z');
    assert.equal(d.nextFireAt, '2026-03-06T11:00:00.000Z');
  });

  it('places a minutes-before warning on business time, and a percentage one at a lunch boundary at the end of the morning', () => {
    const d = start(office, 240, cst('2026-03-06 16:00'), { warnAt: { percent: [], minutesBefore: [30] } });
    assert.equal(local(d.nextFireAt), '2026-03-09 10:30'); // 30 business minutes before Monday 11:00
    const lunch = start(office, 240, cst('2026-03-09 09:00'), { warnAt: { percent: [75], minutesBefore: [] } });
    // 75% of 4 h = 3 h from 09:00 ends exactly at 12:00: the end of the morning, not 13:30.
    assert.equal(local(lunch.nextFireAt), '2026-03-09 12:00');
    assert.equal(local(lunch.dueAt), '2026-03-09 14:30');
  });

  it('with no warnings, the first firing is the breach at the due time', () => {
    const d = start(office, 240, cst('2026-03-06 16:00'), { warnAt: { percent: [], minutesBefore: [] } });
    assert.equal(d.nextFireAt, d.dueAt);
    assert.deepEqual(nextMilestone(d), { kind: 'breach', elapsedMs: 240 * MINUTE });
  });

  it('stores a due time beyond the year 9999 as the last instant of 9999, which sorts and sweeps as the far future it is', () => {
    // One working minute a week: a year-long limit falls due some ten thousand years on.
    const sparse = compileCalendar({ timeZone: 'Asia/Shanghai', week: { mon: [['09:00', '09:01']], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [], workdays: [] });
    const d = start(sparse, 525_600, cst('2026-11-23 08:00'));
    assert.equal(d.dueAt, '9999-12-31T23:59:59.999Z');
    assert.ok(d.nextFireAt! > '2026-11-23' && d.nextFireAt! <= '9999-12-31T23:59:59.999Z');
  });
});

describe('warningThresholds', () => {
  it('turns percentages and minutes-before into elapsed budget, ascending', () => {
    const s = spec({ warnAt: { percent: [90, 50], minutesBefore: [30] } });
    assert.deepEqual(warningThresholds(s, 240 * MINUTE), [120 * MINUTE, 210 * MINUTE, 216 * MINUTE]);
  });

  it('collapses duplicate thresholds: 75% of 2 h is the same instant as 30 minutes before', () => {
    const s = spec({ warnAt: { percent: [75], minutesBefore: [30] } });
    assert.deepEqual(warningThresholds(s, 120 * MINUTE), [90 * MINUTE]);
    const d = start(office, 120, cst('2026-03-09 09:00'), { warnAt: s.warnAt });
    const fired = fireDue(d, office, cst('2026-03-09 12:00'));
    assert.deepEqual(describeFirings(fired.firings), ['warning0@2026-03-09 10:30', 'breach@2026-03-09 11:00']);
  });

  it('drops warnings at or before the start and at or after the due time', () => {
    const s = spec({ warnAt: { percent: [0, 100], minutesBefore: [60, 90] } });
    assert.deepEqual(warningThresholds(s, 60 * MINUTE), []);
    assert.deepEqual(warningThresholds(s, 120 * MINUTE), [30 * MINUTE, 60 * MINUTE]);
  });
});

describe('fireDue', () => {
  const escalating = { warnAt: { percent: [50, 75], minutesBefore: [] }, escalation: levels(30, 60) };

  it('fires warnings, then the breach, then escalation levels, each once, as time passes', () => {
    let d = start(office, 240, cst('2026-03-06 16:00'), escalating);
    const seen: string[] = [];
    const sweep = (at: string) => {
      const r = fireDue(d, office, cst(at));
      d = r.deadline;
      seen.push(...describeFirings(r.firings));
      return describeFirings(r.firings);
    };
    assert.deepEqual(sweep('2026-03-06 17:59'), []);
    // 50% = 2 h from Friday 16:00 ends exactly at Friday 18:00.
    assert.deepEqual(sweep('2026-03-06 18:00'), ['warning0@2026-03-06 18:00']);
    assert.equal(d.warnedAt, utc(cst('2026-03-06 18:00')));
    assert.equal(deadlineState(d), 'warned');
    assert.equal(local(d.nextFireAt), '2026-03-09 10:00');
    assert.deepEqual(sweep('2026-03-08 12:00'), []); // Sunday: nothing counts
    assert.deepEqual(sweep('2026-03-09 10:00'), ['warning1@2026-03-09 10:00']);
    assert.equal(d.warnedAt, utc(cst('2026-03-06 18:00')), 'warnedAt keeps the first warning');
    assert.equal(local(d.nextFireAt), '2026-03-09 11:00');
    assert.deepEqual(sweep('2026-03-09 11:00'), ['breach@2026-03-09 11:00']);
    assert.equal(d.breachedAt, '2026-03-09T03:00:00.000Z');
    assert.equal(deadlineState(d), 'breached');
    assert.deepEqual(sweep('2026-03-09 11:29'), []);
    assert.deepEqual(sweep('2026-03-09 11:30'), ['escalation0@2026-03-09 11:30']);
    // Level 2 runs 60 business minutes after level 1: 11:30–12:00 and 13:30–14:00.
    assert.equal(local(d.nextFireAt), '2026-03-09 14:00');
    assert.deepEqual(sweep('2026-03-09 13:59'), []);
    assert.deepEqual(sweep('2026-03-09 14:00'), ['escalation1@2026-03-09 14:00']);
    assert.equal(d.nextFireAt, null);
    assert.deepEqual(sweep('2026-03-20 14:00'), []);
    assert.equal(seen.length, 2 + 1 + 2);
    assert.equal(d.warningsFired, 2);
    assert.equal(d.escalationsFired, 2);
  });

  it('fires nothing the second time at the same now', () => {
    const d = start(office, 240, cst('2026-03-06 16:00'), escalating);
    const first = fireDue(d, office, cst('2026-03-09 11:00'));
    assert.equal(first.firings.length, 3);
    const second = fireDue(first.deadline, office, cst('2026-03-09 11:00'));
    assert.deepEqual(second.firings, []);
    assert.deepEqual(second.deadline, first.deadline);
  });

  it('catches up after downtime: everything due fires in order, each with its own due instant', () => {
    const d = start(office, 240, cst('2026-03-06 16:00'), escalating);
    const r = fireDue(d, office, cst('2026-03-10 09:00'));
    assert.deepEqual(r.firings, [
      { kind: 'warning', index: 0, elapsedMs: 120 * MINUTE, dueAt: '2026-03-06T10:00:00.000Z' },
      { kind: 'warning', index: 1, elapsedMs: 180 * MINUTE, dueAt: '2026-03-09T02:00:00.000Z' },
      { kind: 'breach', elapsedMs: 240 * MINUTE, dueAt: '2026-03-09T03:00:00.000Z' },
      { kind: 'escalation', level: 0, elapsedMs: 270 * MINUTE, dueAt: '2026-03-09T03:30:00.000Z' },
      { kind: 'escalation', level: 1, elapsedMs: 330 * MINUTE, dueAt: '2026-03-09T06:00:00.000Z' },
    ]);
    assert.equal(r.deadline.warnedAt, '2026-03-06T10:00:00.000Z');
    assert.equal(r.deadline.breachedAt, '2026-03-09T03:00:00.000Z');
    assert.equal(r.deadline.dueAt, '2026-03-09T03:00:00.000Z', 'the due time stays where it was');
    assert.equal(r.deadline.nextFireAt, null);
  });

  it('stops a partial catch-up at now and schedules the rest', () => {
    const d = start(office, 240, cst('2026-03-06 16:00'), escalating);
    const r = fireDue(d, office, cst('2026-03-09 11:15'));
    assert.deepEqual(describeFirings(r.firings), ['warning0@2026-03-06 18:00', 'warning1@2026-03-09 10:00', 'breach@2026-03-09 11:00']);
    assert.equal(local(r.deadline.nextFireAt), '2026-03-09 11:30');
  });

  it('times escalation levels cumulatively in wall-clock time on ALWAYS_OPEN', () => {
    const d = start(ALWAYS_OPEN, 60, Date.parse('2026-03-06T09:00:00Z'), { warnAt: { percent: [], minutesBefore: [] }, escalation: levels(30, 60, 0) });
    const r = fireDue(d, ALWAYS_OPEN, Date.parse('2026-03-07T00:00:00Z'));
    assert.deepEqual(
      r.firings.map((f) => [f.kind, f.dueAt]),
      [
        ['breach', '2026-03-06T10:00:00.000Z'],
        ['escalation', '2026-03-06T10:30:00.000Z'],
        ['escalation', '2026-03-06T11:30:00.000Z'],
        ['escalation', '2026-03-06T11:30:00.000Z'], // afterMinutes 0: with the level before it
      ],
    );
  });

  it('a first level with afterMinutes 0 fires together with the breach', () => {
    const d = start(office, 60, cst('2026-03-09 09:00'), { warnAt: { percent: [], minutesBefore: [] }, escalation: levels(0, 30) });
    const r = fireDue(d, office, cst('2026-03-09 10:00'));
    assert.deepEqual(describeFirings(r.firings), ['breach@2026-03-09 10:00', 'escalation0@2026-03-09 10:00']);
    assert.equal(local(r.deadline.nextFireAt), '2026-03-09 10:30');
  });

  it('escalates in business time across the night and the weekend', () => {
    const d = start(office, 60, cst('2026-03-06 16:30'), { warnAt: { percent: [], minutesBefore: [] }, escalation: levels(60, 120) });
    const r = fireDue(d, office, cst('2026-03-10 18:00'));
    // Due Friday 17:30; level 1 one business hour later (Friday 17:30–18:00, Monday 09:00–09:30), level 2 two more.
    assert.deepEqual(describeFirings(r.firings), ['breach@2026-03-06 17:30', 'escalation0@2026-03-09 09:30', 'escalation1@2026-03-09 11:30']);
  });

  it('fires nothing on a paused or finished clock', () => {
    const d = start(office, 60, cst('2026-03-09 09:00'));
    const paused = pauseDeadline(d, office, cst('2026-03-09 09:10'));
    assert.deepEqual(fireDue(paused, office, cst('2026-03-20 09:00')).firings, []);
    const done = completeDeadline(d, office, cst('2026-03-09 09:10'));
    assert.deepEqual(fireDue(done, office, cst('2026-03-20 09:00')).firings, []);
    assert.equal(fireDue(done, office, cst('2026-03-20 09:00')).deadline.nextFireAt, null);
  });
});

describe('pause and resume', () => {
  it('banks the spent time and stops firing while paused', () => {
    const d = start(office, 240, cst('2026-03-09 09:00'));
    assert.equal(local(d.dueAt), '2026-03-09 14:30');
    const paused = pauseDeadline(d, office, cst('2026-03-09 10:00'));
    assert.equal(paused.status, 'paused');
    assert.equal(paused.consumedMs, 60 * MINUTE);
    assert.equal(paused.runningSince, null);
    assert.equal(paused.nextFireAt, null);
    assert.equal(deadlineState(paused), 'paused');
    assert.equal(spentMs(paused, office, cst('2026-03-12 17:00')), 60 * MINUTE, 'a paused clock does not count');
    assert.equal(pauseDeadline(paused, office, cst('2026-03-09 11:00')), paused, 'pausing twice changes nothing');
  });

  it('moves the due time by the business time the pause covered', () => {
    const paused = pauseDeadline(start(office, 240, cst('2026-03-09 09:00')), office, cst('2026-03-09 10:00'));
    const afterAnHour = resumeDeadline(paused, office, cst('2026-03-09 11:00'));
    assert.equal(afterAnHour.status, 'running');
    assert.equal(local(afterAnHour.dueAt), '2026-03-09 15:30');
    assert.equal(local(afterAnHour.nextFireAt), '2026-03-09 14:30'); // 75% = 180 min, 120 left from 11:00
    // 10:00–14:00 covers 2 h of morning and 30 min of afternoon.
    const overLunch = resumeDeadline(paused, office, cst('2026-03-09 14:00'));
    assert.equal(local(overLunch.dueAt), '2026-03-09 17:00');
  });

  it('a pause from 20:00 to the next morning moves nothing', () => {
    const d = start(office, 240, cst('2026-03-09 16:00'));
    assert.equal(local(d.dueAt), '2026-03-10 11:00');
    const paused = pauseDeadline(d, office, cst('2026-03-09 20:00'));
    assert.equal(paused.consumedMs, 120 * MINUTE);
    assert.equal(local(resumeDeadline(paused, office, cst('2026-03-10 08:30')).dueAt), '2026-03-10 11:00');
    assert.equal(local(resumeDeadline(paused, office, cst('2026-03-10 09:00')).dueAt), '2026-03-10 11:00');
  });

  it('on ALWAYS_OPEN, a pause moves the due time by its full length', () => {
    const d = start(ALWAYS_OPEN, 120, Date.parse('2026-03-09T00:00:00Z'));
    const paused = pauseDeadline(d, ALWAYS_OPEN, Date.parse('2026-03-09T01:00:00Z'));
    const resumed = resumeDeadline(paused, ALWAYS_OPEN, Date.parse('2026-03-09T13:00:00Z'));
    assert.equal(resumed.dueAt, '2026-03-09T14:00:00.000Z');
  });

  it('resuming a running clock changes nothing', () => {
    const d = start(office, 240, cst('2026-03-09 09:00'));
    assert.equal(resumeDeadline(d, office, cst('2026-03-09 11:00')), d);
  });

  it('spentMs counts the running stretch on business time, plus what earlier stretches banked', () => {
    const d = start(office, 600, cst('2026-03-09 09:00'));
    assert.equal(spentMs(d, office, cst('2026-03-09 14:00')), 210 * MINUTE);
    assert.equal(spentMs(d, office, cst('2026-03-09 23:00')), 450 * MINUTE);
    const paused = pauseDeadline(d, office, cst('2026-03-09 10:00'));
    const resumed = resumeDeadline(paused, office, cst('2026-03-10 13:00'));
    assert.equal(spentMs(resumed, office, cst('2026-03-10 14:00')), 90 * MINUTE);
  });
});

describe('completing, stopping and reopening', () => {
  it('completing before the due time is met', () => {
    const d = start(office, 240, cst('2026-03-06 16:00'));
    const done = completeDeadline(d, office, cst('2026-03-09 10:59'));
    assert.equal(done.status, 'completed');
    assert.equal(done.completedAt, utc(cst('2026-03-09 10:59')));
    assert.equal(done.breachedAt, null);
    assert.equal(done.consumedMs, 239 * MINUTE);
    assert.equal(done.nextFireAt, null);
    assert.equal(deadlineState(done), 'met');
  });

  it('completing exactly at the due time is met', () => {
    const d = start(ALWAYS_OPEN, 60, Date.parse('2026-03-09T01:00:00Z'));
    assert.equal(deadlineState(completeDeadline(d, ALWAYS_OPEN, Date.parse('2026-03-09T02:00:00Z'))), 'met');
  });

  it('completing after the due time without a sweep is breached, at the due time', () => {
    const d = start(office, 240, cst('2026-03-06 16:00'));
    const late = completeDeadline(d, office, cst('2026-03-09 11:30'));
    assert.equal(late.breachedAt, '2026-03-09T03:00:00.000Z');
    assert.equal(deadlineState(late), 'breached');
  });

  it('completing after a due time at the end of the day, outside working hours, is breached like a sweep would have', () => {
    // Due Friday 18:00; finished Friday 19:00 and Monday 08:00, when no business time has passed since 18:00.
    const d = start(office, 120, cst('2026-03-06 16:00'), { warnAt: { percent: [], minutesBefore: [] } });
    assert.equal(local(d.dueAt), '2026-03-06 18:00');
    const swept = fireDue(d, office, cst('2026-03-06 18:01')).deadline;
    assert.equal(deadlineState(completeDeadline(swept, office, cst('2026-03-06 19:00'))), 'breached');
    for (const at of ['2026-03-06 19:00', '2026-03-09 08:00']) {
      const unswept = completeDeadline(d, office, cst(at));
      assert.equal(unswept.breachedAt, '2026-03-06T10:00:00.000Z', at);
      assert.equal(deadlineState(unswept), 'breached', at);
    }
    assert.equal(deadlineState(completeDeadline(d, office, cst('2026-03-06 18:00'))), 'met');
  });

  it('keeps a breach the sweeper recorded', () => {
    const d = fireDue(start(office, 60, cst('2026-03-09 09:00')), office, cst('2026-03-09 10:05')).deadline;
    const done = completeDeadline(d, office, cst('2026-03-09 10:10'));
    assert.equal(local(done.breachedAt), '2026-03-09 10:00');
    assert.equal(deadlineState(done), 'breached');
  });

  it('stop is stopped, whatever the time used', () => {
    const d = start(office, 240, cst('2026-03-09 09:00'));
    const stopped = completeDeadline(d, office, cst('2026-03-09 10:00'), 'stopped');
    assert.equal(stopped.status, 'stopped');
    assert.equal(deadlineState(stopped), 'stopped');
    assert.equal(stopped.consumedMs, 60 * MINUTE);
    assert.equal(stopped.nextFireAt, null);
    assert.equal(completeDeadline(stopped, office, cst('2026-03-09 11:00')), stopped, 'a finished clock stays as it is');
    assert.equal(reopenDeadline(stopped, office, cst('2026-03-09 11:00')), stopped, 'a stopped clock does not reopen');
  });

  it('a paused clock can be completed with the time it banked', () => {
    const paused = pauseDeadline(start(office, 60, cst('2026-03-09 09:00')), office, cst('2026-03-09 09:30'));
    const done = completeDeadline(paused, office, cst('2026-03-12 09:00'));
    assert.equal(done.consumedMs, 30 * MINUTE);
    assert.equal(deadlineState(done), 'met');
  });

  it('reopen continues with the time already used, and its warnings', () => {
    const d = start(office, 240, cst('2026-03-09 09:00'));
    const done = completeDeadline(d, office, cst('2026-03-09 11:00'));
    const reopened = reopenDeadline(done, office, cst('2026-03-11 16:00'));
    assert.equal(reopened.status, 'running');
    assert.equal(reopened.completedAt, null);
    assert.equal(reopened.consumedMs, 120 * MINUTE);
    assert.equal(local(reopened.dueAt), '2026-03-11 18:00');
    assert.equal(local(reopened.nextFireAt), '2026-03-11 17:00');
    assert.equal(spentMs(reopened, office, cst('2026-03-11 17:00')), 180 * MINUTE);
    assert.equal(reopenDeadline(reopened, office, cst('2026-03-11 17:00')), reopened, 'a running clock is not reopened');
  });

  it('a reopened clock that had run out is overdue at once and keeps its due time', () => {
    const late = completeDeadline(start(office, 60, cst('2026-03-09 09:00')), office, cst('2026-03-09 11:00'));
    assert.equal(local(late.breachedAt), '2026-03-09 10:00');
    const reopened = reopenDeadline(late, office, cst('2026-03-10 09:00'));
    assert.equal(local(reopened.dueAt), '2026-03-09 10:00');
    assert.equal(deadlineState(reopened), 'breached');
  });
});

describe('rebudgetDeadline and budgetUntil', () => {
  it('a longer budget keeps the time used, re-arms warnings that now lie ahead and moves the due time', () => {
    const d = start(office, 120, cst('2026-03-09 09:00'));
    const warned = fireDue(d, office, cst('2026-03-09 10:45')).deadline;
    assert.equal(local(warned.warnedAt), '2026-03-09 10:30');
    const longer = rebudgetDeadline(warned, warned.spec, 240 * MINUTE, office, cst('2026-03-09 10:45'));
    assert.equal(longer.consumedMs, 105 * MINUTE);
    assert.equal(longer.runningSince, utc(cst('2026-03-09 10:45')));
    assert.equal(longer.budgetMs, 240 * MINUTE);
    assert.equal(local(longer.dueAt), '2026-03-09 14:30');
    assert.equal(longer.warningsFired, 0);
    assert.equal(longer.warnedAt, null);
    assert.equal(deadlineState(longer), 'running');
    // The 75% warning now lies at 180 min: 75 more from 10:45, the end of the morning.
    assert.equal(local(longer.nextFireAt), '2026-03-09 12:00');
    assert.deepEqual(describeFirings(fireDue(longer, office, cst('2026-03-09 14:30')).firings), [
      'warning0@2026-03-09 12:00',
      'breach@2026-03-09 14:30',
    ]);
  });

  it('keeps warnings that the time used has already passed', () => {
    const d = start(office, 240, cst('2026-03-09 09:00'), { warnAt: { percent: [25, 75], minutesBefore: [] } });
    const warned = fireDue(d, office, cst('2026-03-09 10:30')).deadline;
    assert.equal(warned.warningsFired, 1);
    const longer = rebudgetDeadline(warned, warned.spec, 480 * MINUTE, office, cst('2026-03-09 10:30'));
    assert.equal(longer.warningsFired, 0, '25% of 8 h = 2 h lies ahead of the 90 min used');
    const evenLonger = rebudgetDeadline(warned, { ...warned.spec, warnAt: { percent: [10, 75], minutesBefore: [] } }, 480 * MINUTE, office, cst('2026-03-09 10:30'));
    assert.equal(evenLonger.warningsFired, 1, '10% of 8 h = 48 min was passed');
    assert.equal(evenLonger.warnedAt, warned.warnedAt);
  });

  it('a new limit the time used is still within: the clock runs again un-breached, and its chain starts at the first level', () => {
    const d = start(office, 60, cst('2026-03-09 09:00'), { escalation: levels(0, 30) });
    const escalated = fireDue(d, office, cst('2026-03-09 10:15')).deadline;
    assert.deepEqual([local(escalated.breachedAt), escalated.escalationsFired], ['2026-03-09 10:00', 1]);
    // A re-classification gives 4 hours and another chain: 90 minutes used, so not breached under it.
    const longer = rebudgetDeadline(escalated, spec({ escalation: levels(0, 60) }), 240 * MINUTE, office, cst('2026-03-09 10:30'));
    assert.deepEqual([longer.breachedAt, longer.escalationsFired, deadlineState(longer)], [null, 0, 'running']);
    assert.equal(local(longer.dueAt), '2026-03-09 14:30');
    assert.deepEqual(describeFirings(fireDue(longer, office, cst('2026-03-09 15:30')).firings), [
      'warning0@2026-03-09 12:00', // 75 % of 4 h: 90 more minutes from 10:30
      'breach@2026-03-09 14:30',
      'escalation0@2026-03-09 14:30',
      'escalation1@2026-03-09 15:30',
    ]);
  });

  it('the same chain goes on where it was when a longer limit un-breaches the clock: no level fires twice', () => {
    const d = start(office, 60, cst('2026-03-09 09:00'), { escalation: levels(0, 30, 60) });
    const escalated = fireDue(d, office, cst('2026-03-09 10:40')).deadline;
    assert.deepEqual([local(escalated.breachedAt), escalated.escalationsFired], ['2026-03-09 10:00', 2]);
    // A priority change gives 4 hours and the same chain: 100 minutes used, so not breached under it.
    const longer = rebudgetDeadline(escalated, escalated.spec, 240 * MINUTE, office, cst('2026-03-09 10:40'));
    assert.deepEqual([longer.breachedAt, longer.escalationsFired, deadlineState(longer)], [null, 2, 'running']);
    assert.deepEqual(describeFirings(fireDue(longer, office, cst('2026-03-09 18:00')).firings), [
      'warning0@2026-03-09 12:00',
      'breach@2026-03-09 14:30',
      'escalation2@2026-03-09 16:00', // 0 + 30 + 60 minutes after the new breach
    ]);
  });

  it('a new limit already used up keeps the recorded breach; the same chain goes on where it was, another starts afresh', () => {
    const d = start(office, 60, cst('2026-03-09 09:00'), { escalation: levels(0, 30, 30) });
    const escalated = fireDue(d, office, cst('2026-03-09 10:15')).deadline;
    const sameChain = rebudgetDeadline(escalated, escalated.spec, 75 * MINUTE, office, cst('2026-03-09 10:20'));
    assert.deepEqual([local(sameChain.breachedAt), sameChain.escalationsFired, deadlineState(sameChain)], ['2026-03-09 10:00', 1, 'breached']);
    const otherChain = rebudgetDeadline(escalated, spec({ escalation: levels(0, 120) }), 75 * MINUTE, office, cst('2026-03-09 10:20'));
    assert.deepEqual([local(otherChain.breachedAt), otherChain.escalationsFired], ['2026-03-09 10:00', 0]);
    // Its first level counts from where the new limit ran out (10:15): due at once.
    assert.equal(local(otherChain.nextFireAt), '2026-03-09 10:20');
  });

  it('rebudgets a paused clock without starting it', () => {
    const paused = pauseDeadline(start(office, 240, cst('2026-03-09 09:00')), office, cst('2026-03-09 10:00'));
    const longer = rebudgetDeadline(paused, paused.spec, 480 * MINUTE, office, cst('2026-03-09 11:00'));
    assert.equal(longer.status, 'paused');
    assert.equal(longer.nextFireAt, null);
    assert.equal(longer.consumedMs, 60 * MINUTE);
    assert.equal(local(resumeDeadline(longer, office, cst('2026-03-10 09:00')).dueAt), '2026-03-10 17:30'); // 420 min left: 09:00–12:00 and 13:30–17:30
  });

  it('does not touch a finished clock', () => {
    const done = completeDeadline(start(office, 240, cst('2026-03-09 09:00')), office, cst('2026-03-09 10:00'));
    assert.equal(rebudgetDeadline(done, done.spec, 480 * MINUTE, office, cst('2026-03-09 11:00')), done);
  });

  it('an extension makes a running clock due exactly at the requested instant', () => {
    const d = start(office, 120, cst('2026-03-09 09:00'));
    const until = cst('2026-03-10 15:00');
    // 60 min used + Monday 10:00–18:00 (6.5 h) + Tuesday 09:00–15:00 (4.5 h).
    assert.equal(budgetUntil(d, office, until, cst('2026-03-09 10:00')), 720 * MINUTE);
    const extended = extendDeadline(d, office, until, cst('2026-03-09 10:00'))!;
    assert.deepEqual([extended.budgetMs, extended.dueAt, extended.extensions], [720 * MINUTE, utc(until), 1]);
  });

  it('an extension makes a paused clock due at the requested instant once resumed', () => {
    const paused = pauseDeadline(start(office, 240, cst('2026-03-09 16:00')), office, cst('2026-03-09 17:00'));
    const until = cst('2026-03-11 10:00');
    // Approved in the evening; the customer answers the next morning before work starts.
    const extended = extendDeadline(paused, office, until, cst('2026-03-09 19:00'))!;
    assert.equal(extended.budgetMs, 60 * MINUTE + 8.5 * HOUR); // Tuesday 7.5 h and Wednesday 1 h
    assert.equal(extended.status, 'paused');
    assert.equal(resumeDeadline(extended, office, cst('2026-03-10 08:00')).dueAt, utc(until));
  });

  it('a second extension while paused targets its own instant, not the sum of both', () => {
    let d = pauseDeadline(start(office, 240, cst('2026-03-09 16:00')), office, cst('2026-03-09 17:00'));
    d = extendDeadline(d, office, cst('2026-03-11 10:00'), cst('2026-03-09 19:00'))!;
    d = extendDeadline(d, office, cst('2026-03-11 11:00'), cst('2026-03-09 19:30'))!;
    assert.equal(local(resumeDeadline(d, office, cst('2026-03-10 08:00')).dueAt), '2026-03-11 11:00');
  });

  it('an extension until an instant outside working time falls due then, not at the close of business before it', () => {
    // Due Friday 2026-03-13 09:30; extended on Friday 09:00 until Saturday 12:00.
    const d = start(office, 30, cst('2026-03-13 09:00'));
    const until = cst('2026-03-14 12:00');
    const extended = extendDeadline(d, office, until, cst('2026-03-13 09:10'))!;
    assert.equal(local(extended.dueAt), '2026-03-14 12:00');
    assert.deepEqual(describeFirings(fireDue(extended, office, cst('2026-03-14 11:59')).firings), ['warning0@2026-03-13 16:07:30.000']);
    assert.deepEqual(describeFirings(fireDue(extended, office, cst('2026-03-14 12:00')).firings), ['warning0@2026-03-13 16:07:30.000', 'breach@2026-03-14 12:00']);
    // Done on Saturday morning: within the approved time. Done on Monday: breached when it ran out.
    assert.equal(deadlineState(completeDeadline(extended, office, cst('2026-03-14 11:00'))), 'met');
    assert.equal(local(completeDeadline(extended, office, cst('2026-03-16 10:00')).breachedAt), '2026-03-14 12:00');
  });

  it('an extension that would not add time is refused: a paused clock whose stored due time is stale', () => {
    // 60 of 480 minutes used before a wait from Monday 10:00; on Tuesday 09:00 it still has 420 minutes.
    const paused = pauseDeadline(start(office, 480, cst('2026-03-09 09:00')), office, cst('2026-03-09 10:00'));
    assert.equal(extendDeadline(paused, office, cst('2026-03-10 10:00'), cst('2026-03-10 09:00')), null);
    assert.ok(extendDeadline(paused, office, cst('2026-03-11 10:00'), cst('2026-03-10 09:00')));
  });

  it('a shorter budget than the time used makes the clock overdue at once', () => {
    const d = start(ALWAYS_OPEN, 240, Date.parse('2026-03-09T00:00:00Z'));
    const shorter = rebudgetDeadline(d, d.spec, 60 * MINUTE, ALWAYS_OPEN, Date.parse('2026-03-09T02:00:00Z'));
    assert.equal(shorter.nextFireAt, '2026-03-09T02:00:00.000Z');
    const fired = fireDue(shorter, ALWAYS_OPEN, Date.parse('2026-03-09T02:00:00Z'));
    assert.deepEqual(fired.firings.map((f) => f.kind), ['breach']);
  });
});

describe('a breach is history', () => {
  it('banks the budget at the breach: a holiday entered later for that day moves neither the due time nor the time it took', () => {
    const d = start(office, 60, cst('2026-03-09 09:00'), { escalation: levels(0, 90) });
    const breached = fireDue(d, office, cst('2026-03-09 10:30')).deadline;
    assert.deepEqual([local(breached.dueAt), local(breached.breachedAt), breached.escalationsFired], ['2026-03-09 10:00', '2026-03-09 10:00', 1]);
    // The calendar change hands the clock to the sweeper, which fires it on the new calendar.
    const holiday = compileCalendar({ ...shanghaiOffice, holidays: [...shanghaiOffice.holidays, '2026-03-09'] });
    const rescheduled = fireDue({ ...breached, nextFireAt: utc(cst('2026-03-09 10:30')) }, holiday, cst('2026-03-09 10:30'));
    assert.deepEqual(rescheduled.firings, []);
    assert.deepEqual([local(rescheduled.deadline.dueAt), deadlineState(rescheduled.deadline)], ['2026-03-09 10:00', 'breached']);
    assert.equal(spentMs(rescheduled.deadline, holiday, cst('2026-03-09 10:30')), 60 * MINUTE, 'used up, not given back by the holiday');
    // What lies ahead moves: the next level counts 90 working minutes from the breach, Tuesday now.
    assert.equal(local(rescheduled.deadline.nextFireAt), '2026-03-10 10:30');
  });
});

describe('moveToBasis', () => {
  it('keeps the time used on the old basis and counts the rest on the new one', () => {
    // Two wall-clock hours from Friday 17:00; at 17:10 the ticket is re-classified onto the office calendar.
    const wall = start(ALWAYS_OPEN, 120, cst('2026-03-13 17:00'));
    const moved = moveToBasis(wall, ALWAYS_OPEN, 'cal-shanghai', cst('2026-03-13 17:10'));
    assert.deepEqual([moved.calendarId, moved.consumedMs, moved.dueAt], ['cal-shanghai', 10 * MINUTE, null]);
    const rescheduled = rebudgetDeadline(moved, moved.spec, 120 * MINUTE, office, cst('2026-03-13 17:10'));
    // 50 minutes left on Friday, then 60 more on Monday morning.
    assert.equal(local(rescheduled.dueAt), '2026-03-16 10:00');
  });
});

describe('summarise', () => {
  const t0 = cst('2026-03-09 09:00');
  const running = (budget: number) => start(office, budget, t0);

  it('picks the earliest due among running clocks and the worst state', () => {
    const early = running(60); // due 10:00
    const late = running(240); // due 14:30
    const warnedLate = fireDue(late, office, cst('2026-03-09 12:00')).deadline;
    assert.equal(deadlineState(warnedLate), 'warned');
    assert.deepEqual(summarise([warnedLate, early]), { slaDueAt: early.dueAt, slaState: 'warned' });
    const breached = fireDue(running(30), office, cst('2026-03-09 09:45')).deadline;
    assert.deepEqual(summarise([warnedLate, early, breached]), { slaDueAt: breached.dueAt, slaState: 'breached' });
    const paused = pauseDeadline(running(30), office, cst('2026-03-09 09:10'));
    assert.deepEqual(summarise([paused, late]), { slaDueAt: late.dueAt, slaState: 'running' });
  });

  it('a paused clock has no due time but counts as paused', () => {
    const paused = pauseDeadline(running(30), office, cst('2026-03-09 09:10'));
    assert.deepEqual(summarise([paused]), { slaDueAt: null, slaState: 'paused' });
  });

  it('ignores finished clocks, even breached or earlier ones', () => {
    const late = completeDeadline(running(30), office, cst('2026-03-09 11:00'));
    assert.equal(deadlineState(late), 'breached');
    const stopped = completeDeadline(running(10), office, cst('2026-03-09 09:05'), 'stopped');
    assert.deepEqual(summarise([late, stopped]), { slaDueAt: null, slaState: null });
    const open = running(240);
    assert.deepEqual(summarise([late, open, stopped]), { slaDueAt: open.dueAt, slaState: 'running' });
    assert.deepEqual(summarise([]), { slaDueAt: null, slaState: null });
  });
});

describe('properties on the Shanghai calendar', () => {
  const from2026 = cst('2026-01-05 00:00');
  const instant = fc.integer({ min: from2026, max: from2026 + 300 * 24 * HOUR });
  const gapsMs = fc.array(fc.integer({ min: 1, max: 4 * 24 * HOUR }), { minLength: 0, maxLength: 12 });

  it('spentMs at completion is the business time of the running stretches', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), instant, gapsMs, fc.integer({ min: 0, max: 4 * 24 * HOUR }), (budget, t0, gaps, last) => {
        let d = start(office, budget, t0);
        let t = t0;
        let running = true;
        let expected = 0;
        for (const gap of gaps) {
          const next = t + gap;
          if (running) {
            expected += businessTimeBetween(office, t, next);
            d = pauseDeadline(d, office, next);
            assert.equal(d.consumedMs, expected);
          } else {
            d = resumeDeadline(d, office, next);
            const left = d.budgetMs - d.consumedMs;
            if (left > 0) assert.equal(d.dueAt, utc(office.add(next, left)));
          }
          running = !running;
          t = next;
        }
        const end = t + last;
        if (running) expected += businessTimeBetween(office, t, end);
        assert.equal(spentMs(d, office, end), expected);
        const done = completeDeadline(d, office, end);
        assert.equal(done.consumedMs, expected);
        // Exactly the budget used is met when finished at the due time and breached after it (see the end-of-day test).
        if (expected !== budget * MINUTE) assert.equal(deadlineState(done), expected > budget * MINUTE ? 'breached' : 'met');
      }),
      { numRuns: 300 },
    );
  });

  const specArb = fc.record({
    percent: fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 4 }),
    minutesBefore: fc.uniqueArray(fc.integer({ min: 1, max: 600 }), { maxLength: 3 }),
    escalation: fc.array(fc.integer({ min: 0, max: 600 }), { maxLength: 4 }),
  });
  // Increasing nows, as gaps, each possibly with a pause or resume in between.
  const stepsArb = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 2 * 24 * HOUR }), toggle: fc.boolean() }), { maxLength: 25 });

  it('fireDue never fires a milestone twice, fires in order and no earlier than due, and exhausts the chain exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), instant, specArb, stepsArb, (budget, t0, s, steps) => {
        let d = start(office, budget, t0, { warnAt: { percent: s.percent, minutesBefore: s.minutesBefore }, escalation: levels(...s.escalation) });
        const seen = new Set<string>();
        const all: Firing[] = [];
        const sweep = (now: number) => {
          const r = fireDue(d, office, now);
          for (const f of r.firings) {
            const key = f.kind === 'warning' ? `w${f.index}` : f.kind === 'escalation' ? `e${f.level}` : 'b';
            assert.ok(!seen.has(key), `${key} fired twice`);
            seen.add(key);
            assert.ok(Date.parse(f.dueAt) <= now, 'fired before it fell due');
          }
          all.push(...r.firings);
          d = r.deadline;
        };
        let now = t0;
        for (const step of steps) {
          now += step.gap;
          if (step.toggle) d = d.status === 'running' ? pauseDeadline(d, office, now) : resumeDeadline(d, office, now);
          sweep(now);
        }
        d = resumeDeadline(d, office, now);
        sweep(now + 400 * 24 * HOUR);
        const warnings = warningThresholds(d.spec, d.budgetMs).length;
        assert.equal(all.length, warnings + 1 + s.escalation.length);
        assert.deepEqual(
          all.map((f) => f.kind),
          [...Array<string>(warnings).fill('warning'), 'breach', ...Array<string>(s.escalation.length).fill('escalation')],
        );
        for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]!.dueAt <= all[i]!.dueAt, 'firings out of order');
        assert.equal(d.nextFireAt, null);
        assert.equal(deadlineState(d), 'breached');
        assert.deepEqual(fireDue(d, office, now + 800 * 24 * HOUR).firings, []);
      }),
      { numRuns: 300 },
    );
  });
});
