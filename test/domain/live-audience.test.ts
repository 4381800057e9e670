import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../../src/auth/domain/actor.js';
import { boardRowsOf, joinSteps, mayHearOf, messagesFor, uuidV7Floor, uuidV7Time, type LiveNotification, type TicketChange } from '../../src/live/domain/live-audience.js';
import { newId } from '../../src/platform/ids.js';

const change = (patch: Partial<TicketChange> = {}): TicketChange => ({
  eventId: 'e1',
  ticketId: 't1',
  number: 'GD-20261123-000001',
  version: 2,
  fromStatus: 'pending',
  status: 'in_progress',
  fromDepartmentId: 'd-refunds',
  departmentId: 'd-refunds',
  at: '2026-11-23T02:00:00.000Z',
  userIds: ['u-handler', 'u-agent'],
  createdBy: 'u-agent',
  participantIds: ['u-handler', 'u-agent'],
  ...patch,
});

const actor = (id: string, role: Actor['role'], departmentIds: string[] = []): Actor => ({ id, role, departmentIds });
const admin = actor('u-admin', 'admin');
const supervisor = actor('u-supervisor', 'supervisor', ['d-refunds']);
const otherHandler = actor('u-other', 'handler', ['d-faults']);
const handler = actor('u-handler', 'handler', ['d-refunds']);
const agent = actor('u-agent2', 'agent', ['d-call']);

describe('live stream audience', () => {
  it('names the board rows a change touches: the departments it left and entered, and dispatch', () => {
    assert.deepEqual(boardRowsOf(change()), ['d-refunds']);
    assert.deepEqual(boardRowsOf(change({ fromDepartmentId: 'd-refunds', departmentId: 'd-faults', status: 'pending' })), ['d-refunds', 'd-faults']);
    assert.deepEqual(boardRowsOf(change({ fromStatus: 'submitted', status: 'pending', fromDepartmentId: null })), ['d-refunds', 'dispatch']);
    assert.deepEqual(boardRowsOf(change({ fromStatus: null, status: 'submitted', fromDepartmentId: null, departmentId: null })), ['dispatch']);
  });

  it('lets a department hear of its tickets, and of one leaving it, but not of another department’s', () => {
    assert.equal(mayHearOf(handler, change()), true);
    assert.equal(mayHearOf(otherHandler, change()), false);
    assert.equal(mayHearOf(otherHandler, change({ fromDepartmentId: 'd-faults' })), true, 'transferred away from their department');
    assert.equal(mayHearOf(admin, change()), true);
    assert.equal(mayHearOf(actor('u-auditor', 'auditor'), change()), true);
  });

  it('lets people named on the event hear of it, and the call centre of its queues', () => {
    assert.equal(mayHearOf(actor('u-agent', 'agent'), change()), true, 'the creator');
    assert.equal(mayHearOf(agent, change()), false);
    assert.equal(mayHearOf(agent, change({ status: 'handled' })), true, 'awaiting reply: the call centre’s queue');
    assert.equal(mayHearOf(agent, change({ status: 'returned' })), true, 'returned: the dispatch queue');
    const dispatched = change({ fromStatus: 'submitted', status: 'pending', fromDepartmentId: null, userIds: ['u-agent3'], createdBy: 'u-agent3', participantIds: ['u-agent3'] });
    assert.equal(mayHearOf(agent, dispatched), true, 'a colleague dispatched it: it left their dispatch queue');
    assert.equal(mayHearOf(agent, change({ fromStatus: 'replied', status: 'closed' })), true, 'closed after the reply: it left their reply queue');
    assert.equal(mayHearOf(otherHandler, change({ userIds: ['u-other'] })), true, 'the assignee before or after');
  });

  it('lets everyone who took part hear of the ticket after it left their department', () => {
    const elsewhere = change({ fromDepartmentId: 'd-control', departmentId: 'd-control', userIds: ['u-lead', 'u-agent'], participantIds: ['u-agent', 'u-lead'] });
    assert.equal(mayHearOf(handler, elsewhere), false, 'not a participant');
    assert.equal(mayHearOf(handler, { ...elsewhere, participantIds: ['u-agent', 'u-handler'] }), true, 'they worked on it in 退款组');
  });

  it('joins the steps of one create: a ticket routed to a department never waited for dispatch', () => {
    const created = change({ eventId: 'e1', version: 1, fromStatus: null, status: 'submitted', fromDepartmentId: null, departmentId: null, userIds: ['u-agent'] });
    const routed = change({ eventId: 'e2', version: 2, fromStatus: 'submitted', status: 'pending', fromDepartmentId: null, departmentId: 'd-faults', userIds: ['u-agent'] });
    const assigned = change({ eventId: 'e3', version: 3, fromStatus: 'pending', status: 'pending', fromDepartmentId: 'd-faults', departmentId: 'd-faults', userIds: ['u-other', 'u-agent'] });
    const joined = joinSteps([created, routed, assigned]);
    assert.deepEqual(
      joined.map((c) => [c.eventId, c.version, c.fromStatus, c.status, c.fromDepartmentId, c.departmentId, c.userIds]),
      [['e3', 3, null, 'pending', null, 'd-faults', ['u-agent', 'u-other']]],
    );
    assert.deepEqual(messagesFor(supervisor, joined, [], new Map()), [], 'neither the ticket nor the dispatch row: 退款组’s supervisor cannot see it');
    assert.deepEqual(messagesFor(agent, joined, [], new Map()), [], 'another agent neither');
    assert.deepEqual(messagesFor(otherHandler, joined, [], new Map()), [{ type: 'ticket', tickets: [{ id: 't1', number: 'GD-20261123-000001', version: 3 }] }]);
    assert.deepEqual(messagesFor(admin, joined, [], new Map())[0], { type: 'board', rows: ['d-faults'] });

    // A ticket left waiting for dispatch, and steps of separate actions, stay as they are.
    assert.deepEqual(messagesFor(agent, joinSteps([created]), [], new Map()), [{ type: 'ticket', tickets: [{ id: 't1', number: 'GD-20261123-000001', version: 1 }] }]);
    const later = { ...routed, at: '2026-11-23T02:05:00.000Z' };
    assert.deepEqual(joinSteps([created, later]), [created, later]);
    assert.deepEqual(joinSteps([created, assigned]), [created, assigned], 'not consecutive versions');
  });

  it('gives a supervisor board hints for their rows only, and the tickets they may see', () => {
    const changes = [change(), change({ eventId: 'e2', ticketId: 't2', number: 'GD-2', departmentId: 'd-faults', fromDepartmentId: 'd-faults', userIds: [] })];
    assert.deepEqual(messagesFor(supervisor, changes, [], new Map()), [
      { type: 'board', rows: ['d-refunds'] },
      { type: 'ticket', tickets: [{ id: 't1', number: 'GD-20261123-000001', version: 2 }] },
    ]);
    assert.deepEqual(messagesFor(otherHandler, changes, [], new Map()), [{ type: 'ticket', tickets: [{ id: 't2', number: 'GD-2', version: 2 }] }], 'no board for handlers');
    assert.deepEqual(messagesFor(admin, changes, [], new Map())[0], { type: 'board', rows: ['d-refunds', 'd-faults'] });
  });

  it('sends one ticket message per ticket, at its latest version', () => {
    const messages = messagesFor(handler, [change({ version: 3 }), change({ eventId: 'e2', version: 5 }), change({ eventId: 'e3', version: 4 })], [], new Map());
    assert.deepEqual(messages, [{ type: 'ticket', tickets: [{ id: 't1', number: 'GD-20261123-000001', version: 5 }] }]);
  });

  it('gives a notification to its recipient only, with their unread count', () => {
    const notification: LiveNotification = {
      id: 'n1',
      userId: 'u-handler',
      kind: 'ticket.assigned',
      ticket: { id: 't1', number: 'GD-20261123-000001', title: '退款未到账' },
      data: {},
      createdAt: '2026-11-23T02:00:00.000Z',
      readAt: null,
    };
    const counts = new Map([['u-handler', 3]]);
    const { userId: _recipient, ...sent } = notification;
    assert.deepEqual(messagesFor(handler, [], [notification], counts), [{ type: 'notification', notification: sent, unreadCount: 3 }]);
    assert.deepEqual(messagesFor(otherHandler, [], [notification], counts), []);
    assert.deepEqual(messagesFor(admin, [], [notification], counts), [], 'not even an administrator sees someone else’s');
  });
});

describe('UUIDv7 bounds', () => {
  it('orders every id made at or after an instant above its floor, and reads the instant back', () => {
    const before = Date.now();
    const id = newId();
    assert.ok(id > uuidV7Floor(before), `${id} > ${uuidV7Floor(before)}`);
    assert.ok(id < uuidV7Floor(Date.now() + 2), 'and below the floor of a later instant');
    assert.ok(uuidV7Time(id) >= before && uuidV7Time(id) <= Date.now());
    assert.equal(uuidV7Floor(0x0123456789ab), '01234567-89ab-0000-0000-000000000000');
  });
});
