import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../../src/auth/domain/actor.js';
import { boardScope, DISPATCH_ROW, localDay, rowKeyOf, shapeBoard, type BoardFacts } from '../../src/live/domain/board.js';

const NOW = new Date('2026-11-23T09:30:00.000Z');
const DAY = localDay(NOW, 'Asia/Shanghai');

const departments: BoardFacts['departments'] = [
  { id: 'd-refunds', code: 'refunds', name: '退款组', nameEn: 'Refunds', active: true },
  { id: 'd-faults', code: 'exceptions', name: '异常/报障组', nameEn: null, active: true },
  { id: 'd-old', code: 'old', name: '旧部门', nameEn: null, active: false },
];

const empty: BoardFacts = { open: [], oldest: [], createdToday: [], closedToday: [], departments };

const actor = (role: Actor['role'], departmentIds: string[] = []): Actor => ({ id: `u-${role}`, role, departmentIds });

describe('the board: who sees it', () => {
  it('gives administrators and auditors every department, supervisors theirs, nobody else a board', () => {
    assert.deepEqual(boardScope(actor('admin')), { all: true });
    assert.deepEqual(boardScope(actor('auditor')), { all: true });
    assert.deepEqual(boardScope(actor('supervisor', ['d-refunds'])), { all: false, departmentIds: ['d-refunds'] });
    assert.equal(boardScope(actor('handler', ['d-refunds'])), null);
    assert.equal(boardScope(actor('agent')), null);
  });
});

describe('the board: today', () => {
  it('is the calendar day in the organisation’s time zone, from its local midnight', () => {
    // 09:30 UTC is 17:30 in Shanghai: still 23 November, which began at 16:00 UTC the day before.
    assert.deepEqual(DAY, { date: '2026-11-23', timeZone: 'Asia/Shanghai', from: '2026-11-22T16:00:00.000Z' });
    // 17:00 UTC is 01:00 the next day in Shanghai, but still the 23rd in UTC.
    assert.deepEqual(localDay(new Date('2026-11-23T17:00:00.000Z'), 'Asia/Shanghai').date, '2026-11-24');
    assert.deepEqual(localDay(new Date('2026-11-23T17:00:00.000Z'), 'UTC'), { date: '2026-11-23', timeZone: 'UTC', from: '2026-11-23T00:00:00.000Z' });
  });

  it('starts at the local midnight on a day daylight saving time changes', () => {
    // New York leaves DST on 1 November 2026 at 02:00 EDT: that day began at 04:00 UTC (EDT, −4).
    assert.equal(localDay(new Date('2026-11-01T20:00:00.000Z'), 'America/New_York').from, '2026-11-01T04:00:00.000Z');
    assert.equal(localDay(new Date('2026-11-02T20:00:00.000Z'), 'America/New_York').from, '2026-11-02T05:00:00.000Z');
  });
});

describe('the board: rows', () => {
  it('counts a ticket waiting for dispatch, or without a department, in the dispatch row', () => {
    assert.equal(rowKeyOf('d-refunds', 'returned'), DISPATCH_ROW);
    assert.equal(rowKeyOf(null, 'submitted'), DISPATCH_ROW);
    assert.equal(rowKeyOf(null, 'closed'), DISPATCH_ROW);
    assert.equal(rowKeyOf('d-refunds', 'pending'), 'd-refunds');
  });

  it('adds up the counts per department and status, with overdue, warned, oldest waiting and today', () => {
    const board = shapeBoard(
      {
        ...empty,
        open: [
          { departmentId: 'd-refunds', status: 'pending', total: 5, overdue: 2, warned: 1 },
          { departmentId: 'd-refunds', status: 'in_progress', total: 3, overdue: 0, warned: 2 },
          { departmentId: null, status: 'submitted', total: 4, overdue: 1, warned: 0 },
          // A returned ticket keeps its last department, but waits for dispatch.
          { departmentId: 'd-faults', status: 'returned', total: 1, overdue: 0, warned: 0 },
        ],
        oldest: [
          { departmentId: 'd-refunds', status: 'pending', id: 't1', number: 'GD-20261120-000001', createdAt: '2026-11-20T01:00:00.000Z' },
          { departmentId: 'd-faults', status: 'returned', id: 't2', number: 'GD-20261119-000004', createdAt: '2026-11-19T01:00:00.000Z' },
        ],
        createdToday: [
          { departmentId: 'd-refunds', status: 'pending', count: 2 },
          { departmentId: 'd-refunds', status: 'closed', count: 1 },
          { departmentId: null, status: 'submitted', count: 3 },
        ],
        closedToday: [{ departmentId: 'd-refunds', status: 'closed', count: 4 }],
      },
      { all: true },
      NOW,
      DAY,
    );
    assert.deepEqual(board.rows.map((r) => r.key), [DISPATCH_ROW, 'd-refunds', 'd-faults'], 'dispatch first, then active departments in order');
    const [dispatch, refunds, faults] = board.rows;
    assert.deepEqual(dispatch!.cells, { submitted: { total: 4, overdue: 1, warned: 0 }, returned: { total: 1, overdue: 0, warned: 0 } });
    assert.deepEqual(dispatch!.oldestWaiting, { id: 't2', number: 'GD-20261119-000004', status: 'returned', since: '2026-11-19T01:00:00.000Z' });
    assert.equal(dispatch!.createdToday, 3);
    assert.deepEqual(
      { open: refunds!.open, overdue: refunds!.overdue, warned: refunds!.warned, created: refunds!.createdToday, closed: refunds!.closedToday },
      { open: 8, overdue: 2, warned: 3, created: 3, closed: 4 },
    );
    assert.equal(refunds!.department?.name, '退款组');
    assert.equal(refunds!.oldestWaiting?.number, 'GD-20261120-000001');
    assert.deepEqual(faults!.cells, {}, 'the returned ticket counts for dispatch, not for its last department');
    assert.deepEqual(board.totals, { open: 13, overdue: 3, warned: 3, createdToday: 6, closedToday: 4 });
    assert.equal(board.generatedAt, NOW.toISOString());
    assert.deepEqual(board.statuses, ['submitted', 'returned', 'pending', 'in_progress', 'waiting', 'handled', 'replied']);
  });

  it('shows a supervisor only their departments and the dispatch row, whatever the counts hold', () => {
    const board = shapeBoard(
      {
        ...empty,
        open: [
          { departmentId: 'd-refunds', status: 'pending', total: 5, overdue: 0, warned: 0 },
          { departmentId: 'd-faults', status: 'pending', total: 7, overdue: 3, warned: 0 },
        ],
        oldest: [{ departmentId: 'd-faults', status: 'pending', id: 't9', number: 'GD-20261101-000009', createdAt: '2026-11-01T00:00:00.000Z' }],
        closedToday: [{ departmentId: 'd-faults', status: 'closed', count: 9 }],
      },
      { all: false, departmentIds: ['d-refunds'] },
      NOW,
      DAY,
    );
    assert.deepEqual(board.rows.map((r) => r.key), [DISPATCH_ROW, 'd-refunds']);
    assert.deepEqual(board.totals, { open: 5, overdue: 0, warned: 0, createdToday: 0, closedToday: 0 });
  });

  it('lists an inactive department only while it still holds tickets', () => {
    const quiet = shapeBoard(empty, { all: true }, NOW, DAY);
    assert.ok(!quiet.rows.some((r) => r.key === 'd-old'));
    const busy = shapeBoard({ ...empty, open: [{ departmentId: 'd-old', status: 'waiting', total: 1, overdue: 0, warned: 0 }] }, { all: true }, NOW, DAY);
    assert.equal(busy.rows.at(-1)?.department?.name, '旧部门');
  });

  it('picks the oldest of several waiting tickets in one row (dispatch gathers them from several queries)', () => {
    const board = shapeBoard(
      {
        ...empty,
        oldest: [
          { departmentId: null, status: 'submitted', id: 'a', number: 'GD-20261122-000002', createdAt: '2026-11-22T01:00:00.000Z' },
          { departmentId: 'd-faults', status: 'returned', id: 'b', number: 'GD-20261121-000001', createdAt: '2026-11-21T01:00:00.000Z' },
        ],
      },
      { all: true },
      NOW,
      DAY,
    );
    assert.equal(board.rows[0]!.oldestWaiting?.id, 'b');
  });
});
