import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseAssignee, type AssignmentCandidate } from '../../src/org/domain/auto-assignment.js';

const member = (userId: string, openTickets = 0, onDuty = true): AssignmentCandidate => ({ userId, onDuty, openTickets });

describe('chooseAssignee: none', () => {
  it('leaves the ticket in the queue even with members on duty', () => {
    assert.equal(chooseAssignee('none', [member('u1'), member('u2')], null), null);
    assert.equal(chooseAssignee('none', [member('u1')], 'u1'), null);
  });
});

describe('chooseAssignee: round_robin', () => {
  const team = [member('u3'), member('u1'), member('u2')];

  it('starts with the first member by id when nobody has had a turn', () => {
    assert.equal(chooseAssignee('round_robin', team, null), 'u1');
  });

  it('continues after the last assignee and wraps around after the last member', () => {
    assert.equal(chooseAssignee('round_robin', team, 'u1'), 'u2');
    assert.equal(chooseAssignee('round_robin', team, 'u2'), 'u3');
    assert.equal(chooseAssignee('round_robin', team, 'u3'), 'u1');
  });

  it('skips members off duty', () => {
    const withAbsence = [member('u1'), member('u2', 0, false), member('u3')];
    assert.equal(chooseAssignee('round_robin', withAbsence, 'u1'), 'u3');
    assert.equal(chooseAssignee('round_robin', withAbsence, 'u3'), 'u1');
  });

  it('continues after the last assignee even when they have gone off duty or left the department', () => {
    assert.equal(chooseAssignee('round_robin', [member('u1'), member('u2', 0, false), member('u3')], 'u2'), 'u3');
    assert.equal(chooseAssignee('round_robin', [member('u1'), member('u3')], 'u2'), 'u3');
    assert.equal(chooseAssignee('round_robin', [member('u1'), member('u3')], 'u9'), 'u1');
  });

  it('ignores the load', () => {
    assert.equal(chooseAssignee('round_robin', [member('u1', 0), member('u2', 50)], 'u1'), 'u2');
  });

  it('shares 1,000 tickets evenly: every member gets floor or ceil of 1000/k, in turn', () => {
    for (const k of [1, 2, 3, 6, 7, 13]) {
      const members = Array.from({ length: k }, (_, i) => member(`user-${String(i).padStart(2, '0')}`));
      const counts = new Map<string, number>();
      let last: string | null = null;
      for (let n = 0; n < 1000; n++) {
        const next = chooseAssignee('round_robin', members, last);
        assert.ok(next !== null);
        assert.ok(k === 1 || next !== last, 'nobody gets two in a row');
        counts.set(next, (counts.get(next) ?? 0) + 1);
        last = next;
      }
      assert.equal(counts.size, k, `all ${k} members got tickets`);
      for (const [userId, count] of counts) {
        assert.ok(count === Math.floor(1000 / k) || count === Math.ceil(1000 / k), `${userId} got ${count} of 1000 (k=${k})`);
      }
    }
  });
});

describe('chooseAssignee: least_open', () => {
  it('picks the member with the fewest open tickets', () => {
    assert.equal(chooseAssignee('least_open', [member('u1', 5), member('u2', 1), member('u3', 3)], null), 'u2');
    assert.equal(chooseAssignee('least_open', [member('u1', 5), member('u2', 1), member('u3', 3)], 'u1'), 'u2');
  });

  it('ignores an off-duty member even if they have the lightest load', () => {
    assert.equal(chooseAssignee('least_open', [member('u1', 0, false), member('u2', 4), member('u3', 2)], null), 'u3');
  });

  it('breaks ties by turn order, so equal loads still rotate', () => {
    const tied = [member('u1', 2), member('u2', 2), member('u3', 2), member('u4', 9)];
    assert.equal(chooseAssignee('least_open', tied, null), 'u1');
    assert.equal(chooseAssignee('least_open', tied, 'u1'), 'u2');
    assert.equal(chooseAssignee('least_open', tied, 'u2'), 'u3');
    assert.equal(chooseAssignee('least_open', tied, 'u3'), 'u1', 'skips the busy u4 and wraps');
  });
});

describe('chooseAssignee: nobody available', () => {
  it('returns null when the department is empty or everyone is off duty', () => {
    for (const mode of ['round_robin', 'least_open'] as const) {
      assert.equal(chooseAssignee(mode, [], null), null);
      assert.equal(chooseAssignee(mode, [member('u1', 0, false), member('u2', 0, false)], 'u1'), null);
    }
  });
});
