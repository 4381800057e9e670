import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileCalendar } from '../../../src/sla/domain/business-calendar.js';
import { startDeadline } from '../../../src/sla/domain/deadline.js';
import { checkExtension } from '../../../src/sla/domain/extension-request.js';
import { cst, shanghaiOffice } from './calendars.js';

/** Shanghai, 09:00–12:00 and 13:30–18:00 on workdays, with the Chinese holidays. */
const office = compileCalendar(shanghaiOffice);
const MINUTE = 60_000;

/** A handling clock started Monday 2026-11-23 09:00 with 8 working hours: due Monday 18:00. */
const deadline = startDeadline(
  {
    id: 'd-1',
    ticketId: 't-1',
    target: 'handling',
    policyId: 'p-1',
    calendarId: 'cal-shanghai',
    departmentId: null,
    spec: { warnAt: { percent: [], minutesBefore: [] }, notify: [], pauseWhileWaiting: true, escalation: [] },
    budgetMs: 450 * MINUTE,
  },
  office,
  cst('2026-11-23 09:00'),
);
const now = cst('2026-11-23 10:00');
/** At most one working day (450 minutes) more: Tuesday 18:00. */
const limits = { maxPerDeadline: 2, maxMinutes: 450 };
const check = (untilLocal: string) => checkExtension(deadline, 0, limits, office, cst(untilLocal), now);

describe('checkExtension: how much later a request may ask', () => {
  it('allows up to the policy’s working minutes, and any instant after them that adds no working time', () => {
    assert.equal(check('2026-11-24 18:00'), null, 'exactly 450 working minutes');
    assert.equal(check('2026-11-24 23:30'), null, 'Tuesday night adds nothing');
    assert.equal(check('2026-11-25 09:00'), null, 'nor does Wednesday 09:00, when work has not started');
  });

  it('refuses one working minute more, saying how many it adds', () => {
    assert.deepEqual(check('2026-11-25 09:01'), { code: 'extension_too_long', message: 'until adds 451 minutes; the policy allows at most 450 per request.' });
  });

  it('refuses an instant generations away at once, without counting every working minute up to it', () => {
    const started = performance.now();
    assert.deepEqual(check('2199-12-31 12:00'), { code: 'extension_too_long', message: 'until adds more than 450 minutes; the policy allows at most 450 per request.' });
    assert.ok(performance.now() - started < 100, `${performance.now() - started} ms`);
  });
});
