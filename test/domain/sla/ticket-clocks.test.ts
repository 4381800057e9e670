import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SlaTarget } from '../../../src/sla/domain/sla-policy.js';
import { planClockChanges, stillRunsIn, type ClockChange, type ClockFacts } from '../../../src/sla/domain/ticket-clocks.js';
import type { TicketStatus } from '../../../src/tickets/domain/ticket-state-machine.js';

const REFUNDS = 'dept-refunds';
const PARTNERS = 'dept-partners';
const DIFFICULT = 'dept-difficult';

const facts = (status: TicketStatus, departmentId: string | null = null, needsReply = true): ClockFacts => ({ status, departmentId, needsReply });

const start = (target: SlaTarget, departmentId: string | null = null): ClockChange => ({ op: 'start', target, departmentId });
const complete = (target: SlaTarget): ClockChange => ({ op: 'complete', target });
const stop = (target: SlaTarget): ClockChange => ({ op: 'stop', target });
const reopen = (target: SlaTarget): ClockChange => ({ op: 'reopen', target });
const pause: ClockChange = { op: 'pause' };
const resume: ClockChange = { op: 'resume' };

const ALL: SlaTarget[] = ['firstResponse', 'step', 'handling', 'reply', 'resolution'];

describe('planClockChanges: the DOMAIN §4 flow, step by step', () => {
  // One ticket about a refund: recorded, dispatched to refunds, transferred to external partners,
  // waits on the customer, resolved, replied to, objected to, handled again by the difficult-case
  // group, replied to again and closed.
  const steps: Array<[string, ClockFacts | null, ClockFacts, string, ClockChange[]]> = [
    ['create: first response, handling and resolution start', null, facts('submitted'), 'ticket.created', [start('firstResponse'), start('handling'), start('resolution')]],
    ['dispatch to a department starts its step', facts('submitted'), facts('pending', REFUNDS), 'ticket.dispatched', [start('step', REFUNDS)]],
    ['assignment inside the department changes no clock', facts('pending', REFUNDS), facts('pending', REFUNDS), 'ticket.assigned', []],
    ['accept completes the first response', facts('pending', REFUNDS), facts('in_progress', REFUNDS), 'ticket.accepted', [complete('firstResponse')]],
    ['an intermediate note changes no clock', facts('in_progress', REFUNDS), facts('in_progress', REFUNDS), 'ticket.note_added', []],
    [
      'transfer completes the step and starts one in the new department',
      facts('in_progress', REFUNDS),
      facts('pending', PARTNERS),
      'ticket.transferred',
      [complete('step'), start('step', PARTNERS)],
    ],
    // The first response is already complete; planning it again is harmless (only a current clock is completed).
    ['accept in the new department', facts('pending', PARTNERS), facts('in_progress', PARTNERS), 'ticket.accepted', [complete('firstResponse')]],
    ['waiting on the customer pauses', facts('in_progress', PARTNERS), facts('waiting', PARTNERS), 'ticket.waiting', [pause]],
    ['the customer answers: resume', facts('waiting', PARTNERS), facts('in_progress', PARTNERS), 'ticket.resumed', [resume]],
    [
      'resolve completes the step and handling and starts the reply',
      facts('in_progress', PARTNERS),
      facts('handled', PARTNERS),
      'ticket.resolved',
      [complete('step'), complete('handling'), start('reply')],
    ],
    ['the reply (no answer yet on an objection) completes the reply', facts('handled', PARTNERS), facts('replied', PARTNERS), 'ticket.replied', [complete('reply')]],
    [
      'an objection sends it to the difficult-case group: a step starts and a new handling clock starts',
      facts('replied', PARTNERS),
      facts('pending', DIFFICULT),
      'ticket.replied',
      [start('step', DIFFICULT), complete('reply'), start('handling')],
    ],
    ['the difficult-case group accepts', facts('pending', DIFFICULT), facts('in_progress', DIFFICULT), 'ticket.accepted', [complete('firstResponse')]],
    [
      'resolved again: a new reply clock',
      facts('in_progress', DIFFICULT),
      facts('handled', DIFFICULT),
      'ticket.resolved',
      [complete('step'), complete('handling'), start('reply')],
    ],
    [
      'the reply without objection closes the ticket: everything completes',
      facts('handled', DIFFICULT),
      facts('closed', DIFFICULT),
      'ticket.replied',
      [complete('reply'), ...ALL.map(complete)],
    ],
  ];
  for (const [name, before, after, eventType, expected] of steps) {
    it(name, () => {
      assert.deepEqual(planClockChanges(before, after, eventType), expected);
    });
  }
});

describe('planClockChanges: other paths', () => {
  it('a ticket created straight into a department starts its step too', () => {
    assert.deepEqual(planClockChanges(null, facts('pending', REFUNDS), 'ticket.created'), [
      start('firstResponse'),
      start('handling'),
      start('resolution'),
      start('step', REFUNDS),
    ]);
  });

  it('resolving a ticket whose service item needs no reply starts no reply clock; closing it completes everything', () => {
    assert.deepEqual(planClockChanges(facts('in_progress', REFUNDS, false), facts('handled', REFUNDS, false), 'ticket.resolved'), [
      complete('step'),
      complete('handling'),
    ]);
    assert.deepEqual(planClockChanges(facts('handled', REFUNDS, false), facts('closed', REFUNDS, false), 'ticket.closed'), ALL.map(complete));
  });

  it('an objection straight after the result (handled → pending) also starts a new handling clock', () => {
    assert.deepEqual(planClockChanges(facts('handled', REFUNDS), facts('pending', DIFFICULT), 'ticket.replied'), [
      start('step', DIFFICULT),
      complete('reply'),
      start('handling'),
    ]);
  });

  it('closing a replied ticket completes everything', () => {
    assert.deepEqual(planClockChanges(facts('replied', REFUNDS), facts('closed', REFUNDS), 'ticket.closed'), ALL.map(complete));
  });

  it('reopen to the last department starts a new handling clock, reopens resolution and starts a step', () => {
    assert.deepEqual(planClockChanges(facts('closed', REFUNDS), facts('pending', REFUNDS), 'ticket.reopened'), [
      start('step', REFUNDS),
      start('handling'),
      reopen('resolution'),
    ]);
  });

  it('reopen of a ticket that never reached a department goes to dispatch: no step', () => {
    assert.deepEqual(planClockChanges(facts('closed'), facts('submitted'), 'ticket.reopened'), [start('handling'), reopen('resolution')]);
  });

  it('cancel and merge stop every clock, from any open status', () => {
    const stopAll = ALL.map(stop);
    assert.deepEqual(planClockChanges(facts('submitted'), facts('cancelled'), 'ticket.cancelled'), stopAll);
    assert.deepEqual(planClockChanges(facts('pending', REFUNDS), facts('cancelled', REFUNDS), 'ticket.cancelled'), stopAll);
    assert.deepEqual(planClockChanges(facts('returned'), facts('merged'), 'ticket.merged'), stopAll);
    // From waiting: no resume first, the clocks simply stop.
    assert.deepEqual(planClockChanges(facts('waiting', REFUNDS), facts('merged', REFUNDS), 'ticket.duplicate_merged'), stopAll);
  });

  it('answered on the spot: created, then closed at once, completes every clock', () => {
    const created = planClockChanges(null, facts('submitted'), 'ticket.created');
    assert.deepEqual(created, [start('firstResponse'), start('handling'), start('resolution')]);
    assert.deepEqual(planClockChanges(facts('submitted'), facts('closed'), 'ticket.closed'), ALL.map(complete));
  });

  it('return to dispatch completes the step and starts none; dispatching again starts a new one', () => {
    assert.deepEqual(planClockChanges(facts('pending', REFUNDS), facts('returned'), 'ticket.returned'), [complete('step')]);
    assert.deepEqual(planClockChanges(facts('in_progress', REFUNDS), facts('returned'), 'ticket.returned'), [complete('step')]);
    assert.deepEqual(planClockChanges(facts('returned'), facts('pending', PARTNERS), 'ticket.dispatched'), [start('step', PARTNERS)]);
  });

  it('an escalation moving a waiting ticket to another department resumes first, then moves the step', () => {
    assert.deepEqual(planClockChanges(facts('waiting', REFUNDS), facts('pending', DIFFICULT), 'sla.escalation'), [
      resume,
      complete('step'),
      start('step', DIFFICULT),
    ]);
  });

  it('a pending ticket without a department runs no step clock', () => {
    assert.deepEqual(planClockChanges(facts('submitted'), facts('pending'), 'ticket.dispatched'), []);
  });

  it('updating a field changes no clock', () => {
    assert.deepEqual(planClockChanges(facts('in_progress', REFUNDS), facts('in_progress', REFUNDS), 'ticket.updated'), []);
    assert.deepEqual(planClockChanges(facts('waiting', REFUNDS), facts('waiting', REFUNDS), 'ticket.updated'), []);
  });
});

describe('stillRunsIn: what a re-classification leaves a reason to run', () => {
  it('a handled ticket owes a reply only while its service item needs one', () => {
    assert.equal(stillRunsIn('reply', facts('handled', null, true)), true);
    assert.equal(stillRunsIn('reply', facts('handled', null, false)), false);
    assert.equal(stillRunsIn('resolution', facts('handled', null, false)), true, 'resolution runs until the ticket closes');
  });

  it('first response always does until accepted: whether someone accepted is history, not state', () => {
    assert.equal(stillRunsIn('firstResponse', facts('pending', REFUNDS)), true);
  });

  it('the step and handling clocks of a ticket a department handles do', () => {
    assert.deepEqual((['step', 'handling', 'resolution'] as const).map((target) => stillRunsIn(target, facts('in_progress', REFUNDS, false))), [true, true, true]);
  });
});
