import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiClient } from '../support/api-client.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

interface Presence {
  ticketId: string;
  version: number;
  viewers: Array<{ user: { id: string; username: string; displayName: string }; since: string; lastSeen: string }>;
  heartbeatSeconds: number;
  expiresAfterSeconds: number;
}

for (const dialect of dialects()) {
  describe(`who is viewing a ticket (${dialect})`, () => {
    let t: TestApp;
    let lead: ApiClient;
    let ticket: { id: string; number: string; version: number };

    const beat = async (client: ApiClient, ref = ticket.number) => {
      const response = await client.put<Presence>(`/api/v1/tickets/${ref}/viewers`);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body;
    };
    const names = (presence: Presence) => presence.viewers.map((v) => v.user.displayName);

    before(async () => {
      t = await startTestApp(dialect);
      const leadUser = await t.ctx.uow.read((repos) => repos.users.findByRef('lead'));
      lead = new ApiClient(t.running.app, await t.tokenFor(leadUser!.id));
      // A refund goes to the refunds group (退款组): its handler and supervisor see it; the call-centre lead does not.
      const created = await t.as('agent').post<{ id: string; number: string; version: number; department: { code: string } }>('/api/v1/tickets', {
        description: '退货两周仍未退款，客户要求尽快处理。',
        category: 'refund',
        serviceItem: 'mall_aftersales',
        priority: 'high',
        customer: { name: '陈女士', phone: '13800138000' },
        fields: { orderNumber: 'JD-1', amount: 10 },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.department.code, 'refunds');
      ticket = created.body;
    });

    after(async () => {
      await t?.close();
    });

    it('answers the other viewers with their names and since when, and the current version', async () => {
      const start = t.clock.now().toISOString();
      const first = await beat(t.as('handler'));
      assert.deepEqual(first.viewers, [], 'nobody else is looking yet');
      assert.equal(first.ticketId, ticket.id);
      assert.equal(first.version, ticket.version);
      assert.equal(first.heartbeatSeconds, 10);
      assert.equal(first.expiresAfterSeconds, 30);

      t.clock.advance(5_000);
      const second = await beat(t.as('supervisor'), ticket.id);
      assert.deepEqual(names(second), ['张处理']);
      assert.equal(second.viewers[0]!.user.username, 'handler');
      assert.equal(second.viewers[0]!.since, start, 'since the first heartbeat of the visit');

      // Not themselves: each sees the other.
      assert.deepEqual(names(await beat(t.as('handler'))), ['王主管']);
    });

    it('answers a newer version once someone acted on the ticket', async () => {
      const accepted = await t.as('handler').post<{ version: number }>(`/api/v1/tickets/${ticket.id}/accept`, { version: ticket.version });
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      const presence = await beat(t.as('supervisor'));
      assert.equal(presence.version, accepted.body.version);
      assert.ok(presence.version > ticket.version);
    });

    it('forgets a viewer 30 seconds after their last heartbeat, and starts a new visit afterwards', async () => {
      const before = await beat(t.as('supervisor'));
      assert.deepEqual(names(before), ['张处理']);
      const handlerSince = before.viewers[0]!.since;

      // The supervisor keeps beating; the handler stopped (closed laptop, no goodbye).
      t.clock.advance(20_000);
      assert.deepEqual(names(await beat(t.as('supervisor'))), ['张处理'], 'still within 30 s');
      t.clock.advance(11_000);
      assert.deepEqual(names(await beat(t.as('supervisor'))), [], 'gone after more than 30 s');

      // The handler comes back: a new visit, since now.
      const back = await beat(t.as('handler'));
      assert.deepEqual(names(back), ['王主管']);
      const seenBySupervisor = await beat(t.as('supervisor'));
      assert.equal(seenBySupervisor.viewers[0]!.since, t.clock.now().toISOString());
      assert.notEqual(seenBySupervisor.viewers[0]!.since, handlerSince);
    });

    it('forgets a viewer at once when they leave the page', async () => {
      assert.deepEqual(names(await beat(t.as('handler'))), ['王主管']);
      const left = await t.as('supervisor').delete(`/api/v1/tickets/${ticket.number}/viewers`);
      assert.equal(left.status, 204);
      assert.deepEqual(names(await beat(t.as('handler'))), []);
      // Leaving twice is harmless.
      assert.equal((await t.as('supervisor').delete(`/api/v1/tickets/${ticket.number}/viewers`)).status, 204);
    });

    it('clears the entries of pages that closed without leaving when anyone leaves any ticket', async () => {
      const other = await t.as('agent').post<{ id: string; number: string }>('/api/v1/tickets', {
        description: '退款到账金额不对，少了运费。',
        category: 'refund',
        serviceItem: 'mall_aftersales',
        priority: 'medium',
        fields: { orderNumber: 'JD-2', amount: 12 },
      });
      assert.equal(other.status, 201, JSON.stringify(other.body));
      const handler = (await t.ctx.uow.read((repos) => repos.users.findByRef('handler')))!;
      await beat(t.as('handler'));
      const entry = () => t.ctx.uow.read((repos) => repos.viewers.find(ticket.id, handler.id));
      assert.ok(await entry(), 'the handler views the first ticket');

      // The handler's tab crashes; a while later the supervisor opens and leaves another ticket.
      t.clock.advance(31_000);
      await beat(t.as('supervisor'), other.body.number);
      assert.ok(await entry(), 'a heartbeat leaves other people\'s entries alone');
      assert.equal((await t.as('supervisor').delete(`/api/v1/tickets/${other.body.number}/viewers`)).status, 204);
      assert.equal(await entry(), null, 'the expired entry of the first ticket is gone');
    });

    it('refuses someone who may not read the ticket as if it did not exist, and lists nobody for them', async () => {
      const refused = await lead.put<{ code: string }>(`/api/v1/tickets/${ticket.id}/viewers`);
      assert.equal(refused.status, 404);
      assert.equal(refused.body.code, 'not_found');
      assert.equal((await lead.delete<{ code: string }>(`/api/v1/tickets/${ticket.id}/viewers`)).status, 404);
      assert.deepEqual(names(await beat(t.as('handler'))), [], 'the refused heartbeat left no trace');
      assert.equal((await t.anonymous.put(`/api/v1/tickets/${ticket.id}/viewers`)).status, 401);
      assert.equal((await t.as('handler').put(`/api/v1/tickets/GD-20991231-999999/viewers`)).status, 404);
      // The auditor may read every ticket, so may be seen viewing it.
      await beat(t.as('auditor'));
      assert.deepEqual(names(await beat(t.as('handler'))), ['赵稽核']);
    });

    it('is in the API document', async () => {
      const doc = await t.anonymous.get<{ paths: Record<string, Record<string, unknown>> }>('/api/v1/openapi.json');
      const path = doc.body.paths['/api/v1/tickets/{id}/viewers'];
      assert.ok(path?.put && path.delete, 'PUT and DELETE /api/v1/tickets/{id}/viewers are documented');
    });
  });
}
