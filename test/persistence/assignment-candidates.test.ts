import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LOAD_COUNT_CAP } from '../../src/org/persistence/departments-repository.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

for (const dialect of dialects()) {
  describe(`department members' load for automatic assignment (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(async () => t?.close());

    it('counts open tickets exactly below the cap and stops counting at it', async () => {
      const loads = async () => {
        const candidates = await t.ctx.uow.read(async (repos) => {
          const refunds = await repos.departments.findByRef('refunds');
          return repos.departments.assignmentCandidates(refunds!.id);
        });
        return Object.fromEntries(
          await Promise.all(candidates.map(async (c) => [(await t.ctx.uow.read((r) => r.users.findById(c.userId)))!.username, c.openTickets])),
        ) as Record<string, number>;
      };
      const handler = t.as('handler');
      const claimOne = async () => {
        const created = await t.as('agent').post<{ id: string }>('/api/v1/tickets', {
          description: '退款', category: 'refund', serviceItem: 'mall_presales', priority: 'low', department: 'refunds',
        });
        await handler.post(`/api/v1/tickets/${created.body.id}/claim`);
        return created.body.id;
      };
      const first = await claimOne();
      await claimOne();
      assert.deepEqual(await loads(), { handler: 2, supervisor: 0 });
      await handler.post(`/api/v1/tickets/${first}/accept`);
      await handler.post(`/api/v1/tickets/${first}/resolve`, { result: '已处理' });
      assert.deepEqual(await loads(), { handler: 1, supervisor: 0 }, 'a handled ticket no longer counts');
      for (let i = 0; i < LOAD_COUNT_CAP + 5; i++) await claimOne();
      assert.deepEqual(await loads(), { handler: LOAD_COUNT_CAP, supervisor: 0 });
    });
  });
}
