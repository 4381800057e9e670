import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { audienceOf, type RecipientFacts } from '../../../src/sla/domain/escalation.js';
import type { Recipient } from '../../../src/sla/domain/sla-policy.js';

/** Who a warning, breach or escalation level tells on one ticket: `audienceOf` names them, the sweeper looks them up. */
const DEFAULT: Recipient[] = [{ kind: 'assignee' }, { kind: 'supervisors' }];

const inDepartment: RecipientFacts = { assigneeId: 'u-handler', departmentId: 'd-refunds', createdBy: 'u-agent', dispatchDepartmentId: 'd-call-centre', awaitingReply: false };
const inDispatch: RecipientFacts = { assigneeId: null, departmentId: null, createdBy: 'u-agent', dispatchDepartmentId: 'd-call-centre', awaitingReply: false };

describe('audienceOf: who the recipients of a firing are on a ticket', () => {
  it('in a department: the assignee and that department’s supervisors', () => {
    assert.deepEqual(audienceOf(DEFAULT, inDepartment), [
      { kind: 'user', userId: 'u-handler' },
      { kind: 'supervisorsOf', departmentId: 'd-refunds' },
    ]);
  });

  it('in a department’s queue, unassigned: its supervisors only, not the creator', () => {
    assert.deepEqual(audienceOf(DEFAULT, { ...inDepartment, assigneeId: null }), [{ kind: 'supervisorsOf', departmentId: 'd-refunds' }]);
  });

  it('in the dispatch queue: the user who recorded the ticket and the dispatch department’s supervisors', () => {
    assert.deepEqual(audienceOf(DEFAULT, inDispatch), [
      { kind: 'user', userId: 'u-agent' },
      { kind: 'supervisorsOf', departmentId: 'd-call-centre' },
    ]);
  });

  it('in the dispatch queue without a dispatch department: the supervisors of the recording user’s departments', () => {
    assert.deepEqual(audienceOf(DEFAULT, { ...inDispatch, dispatchDepartmentId: null }), [
      { kind: 'user', userId: 'u-agent' },
      { kind: 'supervisorsOfUser', userId: 'u-agent' },
    ]);
  });

  it('awaiting the reply: the agent who took the call and the call centre’s supervisors, not the handler who resolved it nor the handling department', () => {
    assert.deepEqual(audienceOf(DEFAULT, { ...inDepartment, awaitingReply: true }), [
      { kind: 'user', userId: 'u-agent' },
      { kind: 'supervisorsOf', departmentId: 'd-call-centre' },
    ]);
    assert.deepEqual(audienceOf(DEFAULT, { ...inDepartment, awaitingReply: true, dispatchDepartmentId: null }), [
      { kind: 'user', userId: 'u-agent' },
      { kind: 'supervisorsOfUser', userId: 'u-agent' },
    ]);
  });

  it('recipients that name someone name them wherever the ticket is, in the order given', () => {
    const named: Recipient[] = [{ kind: 'departmentSupervisors', departmentId: 'd-external' }, { kind: 'user', userId: 'u-admin' }, { kind: 'creator' }];
    const expected = [
      { kind: 'supervisorsOf', departmentId: 'd-external' },
      { kind: 'user', userId: 'u-admin' },
      { kind: 'user', userId: 'u-agent' },
    ];
    assert.deepEqual(audienceOf(named, inDepartment), expected);
    assert.deepEqual(audienceOf(named, inDispatch), expected);
    assert.deepEqual(audienceOf([], inDispatch), []);
  });
});
