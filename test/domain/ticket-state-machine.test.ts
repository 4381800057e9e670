import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROLES, type Role } from '../../src/auth/domain/actor.js';
import {
  TICKET_ACTIONS,
  TICKET_STATUSES,
  actionsFor,
  decide,
  isOpen,
  statusAfterReopen,
  statusAfterReply,
  type Outcome,
  type TicketAction,
  type TicketStatus,
} from '../../src/tickets/domain/ticket-state-machine.js';

/**
 * The lifecycle, written out by hand from the product rules (not derived from TRANSITIONS):
 * one row per action with the statuses it starts from, the roles that may take it and where it leads.
 */
type Leads = TicketStatus | 'unchanged' | 'depends on objection' | 'depends on department';
interface Row {
  from: TicketStatus[];
  roles: Role[];
  leads: Leads;
}

const ALL_BUT_MERGED: TicketStatus[] = [
  'submitted', 'pending', 'in_progress', 'waiting', 'handled', 'replied', 'closed', 'returned', 'cancelled',
];
const STILL_OPEN: TicketStatus[] = ['submitted', 'pending', 'in_progress', 'waiting', 'returned'];

const SPEC: Record<TicketAction, Row> = {
  dispatch: { from: ['submitted', 'returned'], roles: ['admin', 'supervisor', 'agent'], leads: 'pending' },
  assign: { from: ['pending', 'in_progress'], roles: ['admin', 'supervisor'], leads: 'pending' },
  claim: { from: ['pending'], roles: ['admin', 'supervisor', 'handler'], leads: 'pending' },
  accept: { from: ['pending'], roles: ['admin', 'supervisor', 'handler'], leads: 'in_progress' },
  note: { from: ALL_BUT_MERGED, roles: ['admin', 'supervisor', 'agent', 'handler'], leads: 'unchanged' },
  transfer: { from: ['pending', 'in_progress'], roles: ['admin', 'supervisor', 'handler'], leads: 'pending' },
  return: { from: ['pending', 'in_progress'], roles: ['admin', 'supervisor', 'handler'], leads: 'returned' },
  wait: { from: ['in_progress'], roles: ['admin', 'supervisor', 'handler'], leads: 'waiting' },
  resume: { from: ['waiting'], roles: ['admin', 'supervisor', 'handler'], leads: 'in_progress' },
  resolve: { from: ['in_progress'], roles: ['admin', 'supervisor', 'handler'], leads: 'handled' },
  reply: { from: ['handled', 'replied'], roles: ['admin', 'supervisor', 'agent'], leads: 'depends on objection' },
  close: { from: ['handled', 'replied'], roles: ['admin', 'supervisor', 'agent', 'handler'], leads: 'closed' },
  reopen: { from: ['closed'], roles: ['admin', 'supervisor', 'agent'], leads: 'depends on department' },
  cancel: { from: STILL_OPEN, roles: ['admin', 'supervisor', 'agent'], leads: 'cancelled' },
  merge: { from: STILL_OPEN, roles: ['admin', 'supervisor', 'agent'], leads: 'merged' },
  update: {
    from: [...STILL_OPEN, 'handled', 'replied'],
    roles: ['admin', 'supervisor', 'agent', 'handler'],
    leads: 'unchanged',
  },
};

function expectedOutcome(leads: Leads): Outcome {
  if (leads === 'unchanged') return { kind: 'unchanged' };
  if (leads === 'depends on objection') return { kind: 'reply' };
  if (leads === 'depends on department') return { kind: 'reopen' };
  return { kind: 'status', status: leads };
}

function specAllows(status: TicketStatus, action: TicketAction, role: Role): boolean {
  return SPEC[action].roles.includes(role) && SPEC[action].from.includes(status);
}

describe('ticket state machine: the full status × action × role matrix', () => {
  it('covers the 10 statuses, 16 actions and 5 roles of the product', () => {
    assert.deepEqual([...TICKET_STATUSES].sort(), [
      'cancelled', 'closed', 'handled', 'in_progress', 'merged', 'pending', 'replied', 'returned', 'submitted', 'waiting',
    ]);
    assert.deepEqual([...TICKET_ACTIONS].sort(), Object.keys(SPEC).sort());
    assert.deepEqual([...ROLES].sort(), ['admin', 'agent', 'auditor', 'handler', 'supervisor']);
  });

  it('decide() allows or refuses each of the 800 cells exactly as the specification says', () => {
    let allowed = 0;
    let checked = 0;
    for (const status of TICKET_STATUSES) {
      for (const action of TICKET_ACTIONS) {
        for (const role of ROLES) {
          const cell = `${role} ${action} on ${status}`;
          const decision = decide(status, action, role);
          checked++;
          if (specAllows(status, action, role)) {
            allowed++;
            assert.equal(decision.allowed, true, `${cell} should be allowed`);
            if (decision.allowed) {
              assert.deepEqual(decision.transition.outcome, expectedOutcome(SPEC[action].leads), `${cell}: outcome`);
            }
          } else {
            assert.equal(decision.allowed, false, `${cell} should be refused`);
            if (!decision.allowed) {
              const reason = SPEC[action].roles.includes(role) ? 'status' : 'role';
              assert.equal(decision.reason, reason, `${cell}: reason`);
              assert.deepEqual(decision.allowedActions, expectedActions(status, role), `${cell}: allowedActions`);
            }
          }
        }
      }
    }
    assert.equal(checked, 10 * 16 * 5);
    // Counted by hand from the rules, to keep the spec itself honest (statuses × roles per action):
    // dispatch 2×3, assign 2×2, claim/accept 1×3 each, note 9×4, transfer/return 2×3 each, wait/resume/resolve 1×3 each,
    // reply 2×3, close 2×4, reopen 1×3, cancel/merge 5×3 each, update 7×4.
    assert.equal(allowed, 6 + 4 + 3 + 3 + 36 + 6 + 6 + 3 + 3 + 3 + 6 + 8 + 3 + 15 + 15 + 28);
  });

  it('lets the auditor take no action in any status', () => {
    for (const status of TICKET_STATUSES) {
      assert.deepEqual(actionsFor(status, 'auditor'), [], status);
      for (const action of TICKET_ACTIONS) {
        const decision = decide(status, action, 'auditor');
        assert.equal(decision.allowed, false);
        assert.equal(!decision.allowed && decision.reason, 'role');
      }
    }
  });

  it('refuses a merged ticket everything, even a note', () => {
    for (const role of ROLES) assert.deepEqual(actionsFor('merged', role), [], role);
  });
});

function expectedActions(status: TicketStatus, role: Role): TicketAction[] {
  return TICKET_ACTIONS.filter((action) => specAllows(status, action, role));
}

describe('actionsFor', () => {
  it('lists, for every status and role, exactly the actions the specification allows (in action order)', () => {
    for (const status of TICKET_STATUSES) {
      for (const role of ROLES) {
        assert.deepEqual(actionsFor(status, role), expectedActions(status, role), `${role} on ${status}`);
      }
    }
  });

  it('spells out a few cells a reader can check at a glance', () => {
    assert.deepEqual(actionsFor('submitted', 'agent'), ['dispatch', 'note', 'cancel', 'merge', 'update']);
    assert.deepEqual(actionsFor('pending', 'handler'), ['claim', 'accept', 'note', 'transfer', 'return', 'update']);
    assert.deepEqual(actionsFor('in_progress', 'handler'), ['note', 'transfer', 'return', 'wait', 'resolve', 'update']);
    assert.deepEqual(actionsFor('handled', 'agent'), ['note', 'reply', 'close', 'update']);
    assert.deepEqual(actionsFor('closed', 'supervisor'), ['note', 'reopen']);
    assert.deepEqual(actionsFor('closed', 'handler'), ['note']);
    assert.deepEqual(actionsFor('cancelled', 'admin'), ['note']);
  });
});

describe('outcomes that depend on input', () => {
  it('a reply with an objection goes back to handling, without one closes, with no answer yet stays replied', () => {
    assert.equal(statusAfterReply(true), 'pending');
    assert.equal(statusAfterReply(false), 'closed');
    assert.equal(statusAfterReply(undefined), 'replied');
  });

  it('a reopened ticket returns to its last department, or to dispatch if it never reached one', () => {
    assert.equal(statusAfterReopen('dept-refunds'), 'pending');
    assert.equal(statusAfterReopen(null), 'submitted');
  });
});

describe('isOpen', () => {
  it('counts a ticket as open until it is closed, cancelled or merged', () => {
    const open: TicketStatus[] = ['submitted', 'pending', 'in_progress', 'waiting', 'returned', 'handled', 'replied'];
    for (const status of TICKET_STATUSES) assert.equal(isOpen(status), open.includes(status), status);
  });
});
