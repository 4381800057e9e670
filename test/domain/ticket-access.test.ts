import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../../src/auth/domain/actor.js';
import {
  availableActions,
  canSeeTicket,
  scopeRefusal,
  visibilityScope,
  type TicketAccessFacts,
  type TicketActionFacts,
} from '../../src/tickets/domain/ticket-access.js';
import type { TicketAction, TicketStatus } from '../../src/tickets/domain/ticket-state-machine.js';

const admin: Actor = { id: 'u-admin', role: 'admin', departmentIds: [] };
const auditor: Actor = { id: 'u-auditor', role: 'auditor', departmentIds: [] };
const supervisor: Actor = { id: 'u-sup', role: 'supervisor', departmentIds: ['refunds', 'difficult'] };
const agent: Actor = { id: 'u-agent', role: 'agent', departmentIds: ['call_center'] };
const handler: Actor = { id: 'u-zhang', role: 'handler', departmentIds: ['refunds'] };

/** A ticket nobody in particular holds: in the exceptions department, opened by someone else. */
function ticket(overrides: Partial<TicketAccessFacts> = {}): TicketAccessFacts {
  return {
    status: 'pending',
    departmentId: 'exceptions',
    assigneeId: null,
    createdBy: 'u-other-agent',
    isParticipant: false,
    ...overrides,
  };
}

describe('visibilityScope', () => {
  it('gives admin and auditor everything', () => {
    assert.deepEqual(visibilityScope(admin), { everything: true });
    assert.deepEqual(visibilityScope(auditor), { everything: true });
  });

  it('limits a handler to their departments, without tickets they created or call-centre queues', () => {
    assert.deepEqual(visibilityScope(handler), {
      everything: false,
      userId: 'u-zhang',
      departmentIds: ['refunds'],
      includeCreatedByMe: false,
      statuses: [],
    });
  });

  it('lets an agent see what they created plus the dispatch and reply queues', () => {
    const scope = visibilityScope(agent);
    assert.equal(scope.everything, false);
    if (scope.everything) return;
    assert.equal(scope.includeCreatedByMe, true);
    assert.deepEqual([...scope.statuses].sort(), ['handled', 'replied', 'returned', 'submitted']);
  });

  it('lets a supervisor see their departments, what they created, and the dispatch and reply queues they may work', () => {
    const scope = visibilityScope(supervisor);
    assert.equal(scope.everything, false);
    if (scope.everything) return;
    assert.deepEqual(scope.departmentIds, ['refunds', 'difficult']);
    assert.equal(scope.includeCreatedByMe, true);
    assert.deepEqual([...scope.statuses].sort(), ['handled', 'replied', 'returned', 'submitted']);
  });
});

describe('canSeeTicket', () => {
  const cases: Array<{ who: Actor; facts: Partial<TicketAccessFacts>; sees: boolean; why: string }> = [
    { who: admin, facts: {}, sees: true, why: 'admin sees every ticket' },
    { who: auditor, facts: { status: 'closed' }, sees: true, why: 'auditor sees every ticket' },

    { who: handler, facts: { departmentId: 'refunds' }, sees: true, why: 'handler sees own department' },
    { who: handler, facts: { assigneeId: 'u-zhang' }, sees: true, why: 'handler sees a ticket assigned to them' },
    { who: handler, facts: { isParticipant: true }, sees: true, why: 'handler sees a ticket they took part in' },
    { who: handler, facts: {}, sees: false, why: "another department's ticket is invisible (404)" },
    { who: handler, facts: { departmentId: null }, sees: false, why: 'an undispatched ticket is invisible' },
    { who: handler, facts: { createdBy: 'u-zhang' }, sees: false, why: 'handler does not see by authorship' },
    { who: handler, facts: { status: 'submitted', departmentId: null }, sees: false, why: 'no dispatch queue for handlers' },

    { who: agent, facts: { createdBy: 'u-agent', status: 'in_progress' }, sees: true, why: 'agent sees own tickets' },
    { who: agent, facts: { status: 'submitted', departmentId: null }, sees: true, why: 'dispatch queue' },
    { who: agent, facts: { status: 'returned' }, sees: true, why: 'returned tickets are dispatched again' },
    { who: agent, facts: { status: 'handled' }, sees: true, why: 'awaiting reply' },
    { who: agent, facts: { status: 'replied' }, sees: true, why: 'replied, awaiting the customer' },
    { who: agent, facts: { status: 'in_progress' }, sees: false, why: "someone else's ticket being handled" },
    { who: agent, facts: { status: 'closed' }, sees: false, why: "someone else's closed ticket" },
    { who: agent, facts: { status: 'closed', isParticipant: true }, sees: true, why: 'agent replied to it once' },

    { who: supervisor, facts: { departmentId: 'difficult' }, sees: true, why: 'supervisor sees each of their departments' },
    { who: supervisor, facts: { createdBy: 'u-sup' }, sees: true, why: 'supervisor sees what they created' },
    { who: supervisor, facts: { assigneeId: 'u-sup' }, sees: true, why: 'supervisor sees what is assigned to them' },
    { who: supervisor, facts: {}, sees: false, why: "another department's ticket" },
    { who: supervisor, facts: { status: 'in_progress' }, sees: false, why: "another department's ticket being handled" },
    { who: supervisor, facts: { status: 'submitted', departmentId: null }, sees: true, why: 'the dispatch queue: supervisors may dispatch' },
    { who: supervisor, facts: { status: 'returned' }, sees: true, why: 'returned to dispatch' },
    { who: supervisor, facts: { status: 'handled' }, sees: true, why: 'awaiting reply: supervisors may reply' },
    { who: supervisor, facts: { status: 'closed' }, sees: false, why: "another department's closed ticket" },
  ];
  for (const c of cases) {
    it(`${c.who.role}: ${c.why} → ${c.sees ? 'visible' : 'not visible'}`, () => {
      assert.equal(canSeeTicket(c.who, ticket(c.facts)), c.sees);
    });
  }
});

describe('scopeRefusal', () => {
  const HELD_ACTIONS: TicketAction[] = ['accept', 'transfer', 'return', 'wait', 'resume', 'resolve'];

  it('refuses a handler every action on a ticket a colleague holds in their own department', () => {
    const held = ticket({ departmentId: 'refunds', assigneeId: 'u-li' });
    for (const action of HELD_ACTIONS) {
      assert.equal(scopeRefusal(handler, action, held)?.code, 'assigned_to_someone_else', action);
    }
  });

  it('lets a handler act on their own ticket and on an unassigned one', () => {
    for (const action of HELD_ACTIONS) {
      assert.equal(scopeRefusal(handler, action, ticket({ departmentId: 'refunds', assigneeId: 'u-zhang' })), null);
      assert.equal(scopeRefusal(handler, action, ticket({ departmentId: 'refunds' })), null);
    }
  });

  it('lets a handler still note on, claim, close or update a colleague’s ticket in the department', () => {
    const held = ticket({ departmentId: 'refunds', assigneeId: 'u-li' });
    for (const action of ['note', 'claim', 'close', 'update'] as const) assert.equal(scopeRefusal(handler, action, held), null);
  });

  it('lets a supervisor act over a colleague’s head inside their department', () => {
    const held = ticket({ departmentId: 'refunds', assigneeId: 'u-zhang' });
    for (const action of [...HELD_ACTIONS, 'assign', 'claim'] as const) {
      assert.equal(scopeRefusal(supervisor, action, held), null, action);
    }
  });

  it('refuses department-bound actions outside the department, naming the action', () => {
    const elsewhere = ticket({ departmentId: 'exceptions' });
    for (const action of ['assign', 'claim', ...HELD_ACTIONS] as const) {
      const refusal = scopeRefusal(supervisor, action, elsewhere);
      assert.equal(refusal?.code, 'not_in_department', action);
      assert.match(refusal.message, new RegExp(`may ${action} it`));
      assert.equal(scopeRefusal(handler, action, elsewhere)?.code, 'not_in_department', action);
    }
  });

  it('treats a ticket without a department as outside every department', () => {
    assert.equal(scopeRefusal(handler, 'accept', ticket({ departmentId: null }))?.code, 'not_in_department');
  });

  it('binds close and update to the department for a handler, but not for the call centre', () => {
    const handled = ticket({ status: 'handled', departmentId: 'exceptions' });
    assert.equal(scopeRefusal(handler, 'close', handled)?.code, 'not_in_department');
    assert.equal(scopeRefusal(handler, 'update', handled)?.code, 'not_in_department');
    assert.equal(scopeRefusal(handler, 'close', { ...handled, departmentId: 'refunds' }), null);
    assert.equal(scopeRefusal(agent, 'close', handled), null);
    assert.equal(scopeRefusal(supervisor, 'update', handled), null);
  });

  it('never refuses dispatch, reply, reopen, cancel, merge or note by department', () => {
    const elsewhere = ticket({ departmentId: 'exceptions', assigneeId: 'u-li' });
    for (const action of ['dispatch', 'reply', 'reopen', 'cancel', 'merge', 'note'] as const) {
      assert.equal(scopeRefusal(agent, action, elsewhere), null, action);
    }
  });

  it('never refuses an admin, whatever the department or assignee', () => {
    const facts = ticket({ departmentId: 'exceptions', assigneeId: 'u-li' });
    for (const action of [...HELD_ACTIONS, 'assign', 'claim', 'close', 'update'] as const) {
      assert.equal(scopeRefusal(admin, action, facts), null, action);
    }
  });
});

describe('availableActions', () => {
  const cases: Array<{ who: Actor; status: TicketStatus; facts: Partial<TicketActionFacts>; actions: TicketAction[] }> = [
    {
      who: handler,
      status: 'pending',
      facts: { departmentId: 'refunds' },
      actions: ['claim', 'accept', 'note', 'transfer', 'return', 'update'],
    },
    // A claim takes from the queue of unassigned tickets: never offered on one somebody holds.
    { who: handler, status: 'pending', facts: { departmentId: 'refunds', assigneeId: 'u-li' }, actions: ['note', 'update'] },
    { who: handler, status: 'pending', facts: { departmentId: 'refunds', assigneeId: handler.id }, actions: ['accept', 'note', 'transfer', 'return', 'update'] },
    { who: handler, status: 'in_progress', facts: { departmentId: 'exceptions', isParticipant: true }, actions: ['note'] },
    { who: handler, status: 'handled', facts: { departmentId: 'refunds' }, actions: ['note', 'close', 'update'] },
    { who: handler, status: 'handled', facts: { departmentId: 'refunds', needsReply: true }, actions: ['note', 'update'] },
    { who: agent, status: 'handled', facts: { needsReply: true }, actions: ['note', 'reply', 'update'] },
    { who: agent, status: 'replied', facts: { needsReply: true }, actions: ['note', 'reply', 'close', 'update'] },
    {
      who: supervisor,
      status: 'in_progress',
      facts: { departmentId: 'refunds', assigneeId: 'u-zhang' },
      actions: ['assign', 'note', 'transfer', 'return', 'wait', 'resolve', 'cancel', 'merge', 'update'],
    },
    { who: supervisor, status: 'pending', facts: { departmentId: 'exceptions' }, actions: ['note', 'cancel', 'merge', 'update'] },
    {
      who: admin,
      status: 'pending',
      facts: { departmentId: 'exceptions', assigneeId: 'u-li' },
      actions: ['assign', 'accept', 'note', 'transfer', 'return', 'cancel', 'merge', 'update'],
    },
    { who: agent, status: 'returned', facts: { departmentId: 'exceptions' }, actions: ['dispatch', 'note', 'cancel', 'merge', 'update'] },
    { who: auditor, status: 'pending', facts: {}, actions: [] },
  ];
  for (const c of cases) {
    it(`${c.who.role} on a ${c.status} ticket ${JSON.stringify(c.facts)}`, () => {
      assert.deepEqual(availableActions(c.who, { needsReply: false, ...ticket({ status: c.status }), ...c.facts }), c.actions);
    });
  }
});
