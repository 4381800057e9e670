import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fireDueDeadlines } from '../../src/sla/use-cases/fire-due-deadlines.js';
import { assertProblem } from '../support/bad-input.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

interface Cell {
  total: number;
  overdue: number;
  warned: number;
}
interface Row {
  key: string;
  department: { id: string; code: string; name: string } | null;
  cells: Record<string, Cell>;
  open: number;
  overdue: number;
  warned: number;
  oldestWaiting: { id: string; number: string; status: string; since: string } | null;
  createdToday: number;
  closedToday: number;
}
interface Board {
  generatedAt: string;
  day: { date: string; timeZone: string; from: string };
  statuses: string[];
  rows: Row[];
  totals: { open: number; overdue: number; warned: number; createdToday: number; closedToday: number };
}
interface Created {
  id: string;
  number: string;
  status: string;
}

const refundTicket = (title: string) => ({
  title,
  description: `${title}：客户申请退款，款项未到账。`,
  category: 'refund',
  serviceItem: 'mall_presales',
  priority: 'high',
  customer: { phone: '13900002222', name: '周女士' },
});

for (const dialect of dialects()) {
  describe(`live board (${dialect})`, () => {
    let t: TestApp;
    const rowOf = (board: Board, code: string) => board.rows.find((r) => (code === 'dispatch' ? r.key === 'dispatch' : r.department?.code === code));

    async function board(user: 'admin' | 'supervisor' | 'auditor'): Promise<Board> {
      const response = await t.as(user).get<Board>('/api/v1/board');
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body;
    }

    async function create(body: Record<string, unknown>): Promise<Created> {
      const response = await t.as('agent').post<Created>('/api/v1/tickets', body);
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body;
    }

    before(async () => {
      t = await startTestApp(dialect);
    });
    after(async () => t?.close());

    it('is refused to handlers and agents, and answered to supervisors, administrators and auditors', async () => {
      for (const user of ['handler', 'agent'] as const) {
        assertProblem(await t.as(user).get('/api/v1/board'), 403, 'board_not_allowed');
      }
      assertProblem(await t.anonymous.get('/api/v1/board'), 401, 'unauthenticated');
      for (const user of ['supervisor', 'admin', 'auditor'] as const) assert.ok((await board(user)).rows.length > 0);
    });

    it('counts open tickets per department and status, the dispatch row, and today in Shanghai time', async () => {
      const start = t.clock.now();
      // 23:30 on the 22nd in Shanghai: yesterday, though the same UTC day as the test's now.
      t.clock.set('2026-11-22T15:30:00.000Z');
      const yesterday = await create(refundTicket('昨晚的退款'));
      // 00:30 on the 23rd in Shanghai: today.
      t.clock.set('2026-11-22T16:30:00.000Z');
      const first = await create(refundTicket('退款未到账'));
      t.clock.set(start);
      const second = await create(refundTicket('退款金额不对'));
      const undispatched = await create({ title: '咨询会员权益', description: '客户咨询会员积分规则。', category: 'inquiry', serviceItem: 'other', priority: 'low' });
      assert.equal(undispatched.status, 'submitted');
      const onTheSpot = await create({ ...refundTicket('已当场解答'), answeredOnSpot: true, result: '告知客户退款将在三个工作日内到账。' });
      assert.equal(onTheSpot.status, 'closed');
      const handler = t.as('handler');
      assert.equal((await handler.post(`/api/v1/tickets/${second.id}/accept`, {})).status, 200);
      const done = await create(refundTicket('退款已处理'));
      assert.equal((await handler.post(`/api/v1/tickets/${done.id}/accept`, {})).status, 200);
      assert.equal((await handler.post(`/api/v1/tickets/${done.id}/resolve`, { result: '已原路退回。' })).status, 200);
      assert.equal((await handler.post(`/api/v1/tickets/${done.id}/close`, {})).status, 200);

      const admin = await board('admin');
      assert.deepEqual(admin.day, { date: '2026-11-23', timeZone: 'Asia/Shanghai', from: '2026-11-22T16:00:00.000Z' });
      const refunds = rowOf(admin, 'refunds')!;
      assert.deepEqual(refunds.cells.pending, { total: 2, overdue: 0, warned: 0 });
      assert.deepEqual(refunds.cells.in_progress, { total: 1, overdue: 0, warned: 0 });
      assert.equal(refunds.open, 3);
      assert.deepEqual(refunds.oldestWaiting, { id: yesterday.id, number: yesterday.number, status: 'pending', since: '2026-11-22T15:30:00.000Z' });
      assert.equal(refunds.createdToday, 3, 'today’s three, not yesterday’s');
      assert.equal(refunds.closedToday, 1);
      const dispatch = rowOf(admin, 'dispatch')!;
      assert.deepEqual(dispatch.cells.submitted, { total: 1, overdue: 0, warned: 0 });
      assert.equal(dispatch.oldestWaiting?.number, undispatched.number);
      // Answered on the spot: closed at once, never in a department.
      assert.deepEqual([dispatch.createdToday, dispatch.closedToday], [2, 1]);
      assert.deepEqual(admin.totals, { open: 4, overdue: 0, warned: 0, createdToday: 5, closedToday: 2 });
      assert.equal(admin.rows.length, 1 + 7, 'the dispatch row and the seven demo departments');
      assert.ok(first.number);

      // The supervisor (退款组, 售后/疑难组) sees their departments and the dispatch row only.
      const supervisor = await board('supervisor');
      assert.deepEqual(supervisor.rows.map((r) => r.department?.code ?? r.key), ['dispatch', 'difficult_cases', 'refunds']);
      assert.deepEqual(rowOf(supervisor, 'refunds'), refunds);
      // Supervisors may dispatch, so the oldest ticket awaiting dispatch is one they can open.
      assert.deepEqual(rowOf(supervisor, 'dispatch')!.oldestWaiting, dispatch.oldestWaiting);
      assert.equal((await t.as('supervisor').get(`/api/v1/tickets/${undispatched.id}`)).status, 200);
    });

    it('counts overdue and warned tickets from the time limits the sweeper fired', async () => {
      const before = rowOf(await board('supervisor'), 'refunds')!;
      assert.equal(before.overdue + before.warned, 0);
      // Two days later every high-priority refund's time limit has run out.
      t.clock.advance(2 * 24 * 3_600_000);
      await fireDueDeadlines(t.ctx);
      const after = rowOf(await board('supervisor'), 'refunds')!;
      assert.equal(after.open, before.open);
      assert.equal(after.overdue, before.open, JSON.stringify(after.cells));
      assert.equal(after.cells.pending?.overdue, 2);
      assert.equal(after.createdToday, 0, 'a new day has begun in Shanghai');
    });
  });
}
