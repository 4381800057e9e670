import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPatch, changedFields, eventFor, type Ticket } from '../../src/tickets/domain/ticket.js';

const CREATED_AT = '2026-11-22T02:00:00.000Z';
const LATER = '2026-11-22T03:15:00.000Z';

const ticket: Ticket = {
  id: 't1',
  number: 'GD-20261122-000001',
  title: '退款未到账',
  description: '订单 JD-2026-0001 退款七天未到账',
  status: 'pending',
  categoryId: 'cat-refund',
  serviceItemId: 'item-refund',
  priorityId: 'prio-high',
  priorityRank: 2,
  channel: 'phone',
  customerId: 'c1',
  departmentId: 'refunds',
  assigneeId: null,
  createdBy: 'u-agent',
  fields: { orderNo: 'JD-2026-0001', amount: 128.5 },
  result: null,
  needsTriage: false,
  mergedIntoId: null,
  version: 3,
  createdAt: CREATED_AT,
  updatedAt: CREATED_AT,
  closedAt: null,
  slaDueAt: null,
  slaState: null,
  waitUntil: null,
};

describe('applyPatch', () => {
  it("keeps a waiting ticket's resume time while it waits and drops it once it stops waiting, whatever moved it", () => {
    const waiting = applyPatch(ticket, { status: 'waiting', waitUntil: '2026-11-24T02:00:00.000Z' }, LATER);
    assert.equal(waiting.waitUntil, '2026-11-24T02:00:00.000Z');
    assert.equal(applyPatch(waiting, { result: '已联系' }, LATER).waitUntil, '2026-11-24T02:00:00.000Z');
    for (const status of ['in_progress', 'pending', 'closed', 'cancelled', 'merged'] as const) {
      assert.equal(applyPatch(waiting, { status }, LATER).waitUntil, null, status);
    }
  });

  it('applies the patch, bumps the version by one and stamps updatedAt', () => {
    const after = applyPatch(ticket, { status: 'in_progress', assigneeId: 'u-zhang' }, LATER);
    assert.equal(after.status, 'in_progress');
    assert.equal(after.assigneeId, 'u-zhang');
    assert.equal(after.version, 4);
    assert.equal(after.updatedAt, LATER);
    assert.equal(after.createdAt, CREATED_AT);
    assert.equal(after.title, ticket.title);
  });

  it('still bumps the version for an empty patch (a note changes the timeline, not the ticket)', () => {
    const after = applyPatch(ticket, {}, LATER);
    assert.equal(after.version, 4);
    assert.deepEqual({ ...after, version: 3, updatedAt: CREATED_AT }, ticket);
  });

  it('can clear a field with null', () => {
    assert.equal(applyPatch({ ...ticket, assigneeId: 'u-zhang' }, { assigneeId: null }, LATER).assigneeId, null);
  });

  it('leaves the original ticket untouched', () => {
    applyPatch(ticket, { status: 'closed', closedAt: LATER }, LATER);
    assert.equal(ticket.status, 'pending');
    assert.equal(ticket.closedAt, null);
    assert.equal(ticket.version, 3);
  });
});

describe('eventFor', () => {
  it('records from/to status, department and assignee, with seq equal to the new version', () => {
    const after = applyPatch(ticket, { status: 'pending', departmentId: 'difficult', assigneeId: 'u-wang' }, LATER);
    const event = eventFor({ ...ticket, assigneeId: 'u-zhang' }, after, {
      id: 'e9',
      type: 'ticket.transferred',
      actorId: 'u-zhang',
      content: '需要疑难组处理',
      data: { reason: 'difficult' },
    });
    assert.deepEqual(event, {
      id: 'e9',
      ticketId: 't1',
      seq: 4,
      type: 'ticket.transferred',
      actorId: 'u-zhang',
      at: LATER,
      fromStatus: 'pending',
      toStatus: 'pending',
      fromDepartmentId: 'refunds',
      toDepartmentId: 'difficult',
      fromAssigneeId: 'u-zhang',
      toAssigneeId: 'u-wang',
      content: '需要疑难组处理',
      data: { reason: 'difficult' },
    });
  });

  it('records creation with no "from" side, and defaults content and data', () => {
    const created = { ...ticket, status: 'submitted' as const, departmentId: null, version: 1 };
    const event = eventFor(null, created, { id: 'e1', type: 'ticket.created', actorId: null });
    assert.equal(event.seq, 1);
    assert.equal(event.at, CREATED_AT);
    assert.equal(event.fromStatus, null);
    assert.equal(event.toStatus, 'submitted');
    assert.equal(event.fromDepartmentId, null);
    assert.equal(event.fromAssigneeId, null);
    assert.equal(event.actorId, null);
    assert.equal(event.content, null);
    assert.deepEqual(event.data, {});
  });

  it('numbers successive events without gaps', () => {
    const step1 = applyPatch(ticket, { status: 'in_progress' }, LATER);
    const step2 = applyPatch(step1, { status: 'handled', result: '已退款' }, LATER);
    const seqs = [eventFor(ticket, step1, { id: 'a', type: 'ticket.accepted', actorId: 'u' }).seq,
      eventFor(step1, step2, { id: 'b', type: 'ticket.resolved', actorId: 'u' }).seq];
    assert.deepEqual(seqs, [4, 5]);
  });
});

describe('changedFields', () => {
  const keys = ['title', 'priorityId', 'fields', 'departmentId'] as const;

  it('lists only the fields that differ, as {from, to}', () => {
    const after = { ...ticket, title: '退款仍未到账', priorityId: 'prio-urgent' };
    assert.deepEqual(changedFields(ticket, after, keys), {
      title: { from: '退款未到账', to: '退款仍未到账' },
      priorityId: { from: 'prio-high', to: 'prio-urgent' },
    });
  });

  it('compares form fields by value, not by identity', () => {
    const sameFields = { ...ticket, fields: { orderNo: 'JD-2026-0001', amount: 128.5 } };
    assert.deepEqual(changedFields(ticket, sameFields, keys), {});
    const newAmount = { ...ticket, fields: { orderNo: 'JD-2026-0001', amount: 200 } };
    assert.deepEqual(changedFields(ticket, newAmount, keys), {
      fields: { from: ticket.fields, to: { orderNo: 'JD-2026-0001', amount: 200 } },
    });
  });

  it('notices a change to or from null', () => {
    assert.deepEqual(changedFields(ticket, { ...ticket, departmentId: null }, keys), {
      departmentId: { from: 'refunds', to: null },
    });
  });

  it('ignores differences in fields it was not asked about', () => {
    assert.deepEqual(changedFields(ticket, { ...ticket, status: 'closed' }, keys), {});
  });
});
