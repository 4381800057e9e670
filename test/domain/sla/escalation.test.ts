import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALWAYS_OPEN } from '../../../src/sla/domain/business-calendar.js';
import { fireDue, startDeadline, type Deadline, type DeadlineSpec, type Firing } from '../../../src/sla/domain/deadline.js';
import { planFiring, type EscalationFacts } from '../../../src/sla/domain/escalation.js';
import type { EscalationAction, EscalationLevel, Recipient } from '../../../src/sla/domain/sla-policy.js';
import type { TicketStatus } from '../../../src/tickets/domain/ticket-state-machine.js';

const MINUTE = 60_000;
const T0 = Date.parse('2026-03-09T01:00:00Z');
const NOTIFY: Recipient[] = [{ kind: 'assignee' }, { kind: 'supervisors' }];

function deadline(escalation: EscalationLevel[], extra: Partial<Deadline> = {}): Deadline {
  const spec: DeadlineSpec = { warnAt: { percent: [50, 75], minutesBefore: [] }, notify: NOTIFY, pauseWhileWaiting: true, escalation };
  const d = startDeadline(
    { id: 'dl-1', ticketId: 't-1', target: 'step', policyId: 'p-1', calendarId: null, departmentId: 'dept-refunds', spec, budgetMs: 60 * MINUTE },
    ALWAYS_OPEN,
    T0,
  );
  return { ...d, ...extra };
}

/** The deadline after every milestone due by `minutes` after the start fired, and those firings. */
function fired(d: Deadline, minutes: number): { deadline: Deadline; firings: Firing[] } {
  return fireDue(d, ALWAYS_OPEN, T0 + minutes * MINUTE);
}

const facts = (status: TicketStatus, difficultCaseDepartmentId: string | null = 'dept-difficult'): EscalationFacts => ({
  status,
  departmentId: 'dept-refunds',
  difficultCaseDepartmentId,
});

/** The plan of the single escalation level (10 min after the breach) of a deadline whose level runs `actions`. */
function planLevel(actions: EscalationAction[], f: EscalationFacts) {
  const { deadline: d, firings } = fired(deadline([{ afterMinutes: 10, actions }]), 70);
  const escalation = firings.find((x) => x.kind === 'escalation');
  assert.ok(escalation, 'the level fired');
  return planFiring(d, escalation, f);
}

describe('planFiring: warnings and the breach', () => {
  it('a warning tells the target’s notify list and numbers the warning from 1', () => {
    const { deadline: d, firings } = fired(deadline([]), 46);
    assert.deepEqual(
      firings.map((f) => f.kind),
      ['warning', 'warning'],
    );
    const second = planFiring(d, firings[1]!, facts('in_progress'));
    assert.equal(second.eventType, 'sla.warning');
    assert.deepEqual(second.recipients, NOTIFY);
    assert.deepEqual(second.change, {});
    assert.deepEqual(second.data, {
      target: 'step',
      deadlineId: 'dl-1',
      dueAt: '2026-03-09T02:00:00.000Z',
      firedFor: '2026-03-09T01:45:00.000Z',
      departmentId: 'dept-refunds',
      warning: 2,
    });
    assert.equal(planFiring(d, firings[0]!, facts('in_progress')).data['warning'], 1);
  });

  it('the breach tells the notify list and changes nothing on the ticket', () => {
    const { deadline: d, firings } = fired(deadline([]), 60);
    const breach = firings.at(-1)!;
    assert.equal(breach.kind, 'breach');
    const plan = planFiring(d, breach, facts('pending'));
    assert.equal(plan.eventType, 'sla.breach');
    assert.deepEqual(plan.recipients, NOTIFY);
    assert.deepEqual(plan.change, {});
    assert.deepEqual(plan.data, {
      target: 'step',
      deadlineId: 'dl-1',
      dueAt: '2026-03-09T02:00:00.000Z',
      firedFor: '2026-03-09T02:00:00.000Z',
      departmentId: 'dept-refunds',
    });
  });

  it('leaves departmentId out of the data for a clock that is not a department step', () => {
    const { deadline: d, firings } = fired(deadline([], { target: 'resolution', departmentId: null }), 60);
    const plan = planFiring(d, firings.at(-1)!, facts('pending'));
    assert.equal(plan.data['target'], 'resolution');
    assert.equal('departmentId' in plan.data, false);
  });
});

describe('planFiring: escalation levels', () => {
  it('notify merges the recipients of every notify action, in order, without the warning list', () => {
    const plan = planLevel(
      [
        { type: 'notify', recipients: [{ kind: 'supervisors' }, { kind: 'user', userId: 'u-lead' }] },
        { type: 'notify', recipients: [{ kind: 'departmentSupervisors', departmentId: 'dept-difficult' }] },
      ],
      facts('in_progress'),
    );
    assert.equal(plan.eventType, 'sla.escalation');
    assert.deepEqual(plan.recipients, [
      { kind: 'supervisors' },
      { kind: 'user', userId: 'u-lead' },
      { kind: 'departmentSupervisors', departmentId: 'dept-difficult' },
    ]);
    assert.deepEqual(plan.change, {});
    assert.equal(plan.data['level'], 1);
    assert.equal(plan.data['firedFor'], '2026-03-09T02:10:00.000Z');
    assert.equal('skipped' in plan.data, false);
  });

  it('numbers levels from 1 and runs each level’s own actions', () => {
    const levels: EscalationLevel[] = [
      { afterMinutes: 0, actions: [{ type: 'notify', recipients: [{ kind: 'creator' }] }] },
      { afterMinutes: 30, actions: [{ type: 'setPriority', priorityId: 'prio-urgent' }] },
    ];
    const { deadline: d, firings } = fired(deadline(levels), 120);
    const [first, second] = firings.filter((f) => f.kind === 'escalation');
    const one = planFiring(d, first!, facts('in_progress'));
    const two = planFiring(d, second!, facts('in_progress'));
    assert.equal(one.data['level'], 1);
    assert.deepEqual(one.recipients, [{ kind: 'creator' }]);
    assert.deepEqual(one.change, {});
    assert.equal(two.data['level'], 2);
    assert.deepEqual(two.data['actions'], levels[1]!.actions);
    assert.deepEqual(two.change, { priorityId: 'prio-urgent' });
    assert.deepEqual(two.recipients, []);
  });

  it('setPriority sets the priority, a later one overriding an earlier one', () => {
    const plan = planLevel(
      [
        { type: 'setPriority', priorityId: 'prio-high' },
        { type: 'setPriority', priorityId: 'prio-urgent' },
      ],
      facts('in_progress'),
    );
    assert.deepEqual(plan.change, { priorityId: 'prio-urgent' });
  });

  it('reassign to a department moves the ticket there and clears the assignee', () => {
    const plan = planLevel([{ type: 'reassign', departmentId: 'dept-partners', userId: null }], facts('in_progress'));
    assert.deepEqual(plan.change, { departmentId: 'dept-partners', assigneeId: null });
  });

  it('reassign to a user assigns them, keeping the department', () => {
    const plan = planLevel([{ type: 'reassign', departmentId: null, userId: 'u-senior' }], facts('pending'));
    assert.deepEqual(plan.change, { assigneeId: 'u-senior' });
  });

  it('reassign to a department and a user moves the ticket and assigns that user', () => {
    const plan = planLevel([{ type: 'reassign', departmentId: 'dept-partners', userId: 'u-senior' }], facts('waiting'));
    assert.deepEqual(plan.change, { departmentId: 'dept-partners', assigneeId: 'u-senior' });
  });

  it('markDifficult sends the ticket to the configured difficult-case department, unassigned', () => {
    const plan = planLevel([{ type: 'markDifficult' }], facts('in_progress'));
    assert.deepEqual(plan.change, { departmentId: 'dept-difficult', assigneeId: null });
    assert.equal('skipped' in plan.data, false);
    // Still at dispatch: a move is allowed too.
    assert.deepEqual(planLevel([{ type: 'markDifficult' }], facts('returned')).change, { departmentId: 'dept-difficult', assigneeId: null });
  });

  it('markDifficult is skipped, with the reason, when no difficult-case department is configured', () => {
    const plan = planLevel(
      [{ type: 'markDifficult' }, { type: 'notify', recipients: [{ kind: 'supervisors' }] }],
      facts('in_progress', null),
    );
    assert.deepEqual(plan.change, {});
    assert.deepEqual(plan.data['skipped'], ['markDifficult: no difficult-case department is configured']);
    assert.deepEqual(plan.recipients, [{ kind: 'supervisors' }], 'the other actions still run');
  });

  for (const status of ['handled', 'replied', 'closed'] as const) {
    it(`moves are skipped, with the reason, when the ticket is ${status}; priority and notify still apply`, () => {
      const plan = planLevel(
        [
          { type: 'markDifficult' },
          { type: 'reassign', departmentId: 'dept-partners', userId: 'u-senior' },
          { type: 'setPriority', priorityId: 'prio-urgent' },
          { type: 'notify', recipients: [{ kind: 'creator' }] },
        ],
        facts(status),
      );
      assert.deepEqual(plan.change, { priorityId: 'prio-urgent' });
      assert.deepEqual(plan.data['skipped'], [`markDifficult: the ticket is ${status}`, `reassign: the ticket is ${status}`]);
      assert.deepEqual(plan.recipients, [{ kind: 'creator' }]);
    });
  }

  it('a later move overrides an earlier one', () => {
    const plan = planLevel(
      [{ type: 'reassign', departmentId: 'dept-partners', userId: 'u-senior' }, { type: 'markDifficult' }],
      facts('in_progress'),
    );
    assert.deepEqual(plan.change, { departmentId: 'dept-difficult', assigneeId: null });
  });
});

describe('planFiring: moving a ticket to the queue it is already in', () => {
  it('skips markDifficult for a ticket the difficult-case group already works on, keeping its handler', () => {
    const plan = planLevel([{ type: 'markDifficult' }], { status: 'in_progress', departmentId: 'dept-difficult', difficultCaseDepartmentId: 'dept-difficult' });
    assert.deepEqual(plan.change, {});
    assert.deepEqual(plan.data.skipped, ['markDifficult: the ticket is already in that department']);
  });

  it('skips a reassign to the same department unless it names a person', () => {
    const same = planLevel([{ type: 'reassign', departmentId: 'dept-refunds', userId: null }], facts('in_progress'));
    assert.deepEqual(same.change, {});
    const toPerson = planLevel([{ type: 'reassign', departmentId: 'dept-refunds', userId: 'u-senior' }], facts('in_progress'));
    assert.deepEqual(toPerson.change, { departmentId: 'dept-refunds', assigneeId: 'u-senior' });
  });
});
