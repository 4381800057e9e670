import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';
import { assertProblem } from '../support/bad-input.js';

interface Ticket {
  id: string;
  number: string;
  status: string;
  department: { code: string } | null;
  allowedActions: string[];
}

for (const dialect of dialects()) {
  describe(`who may see and act on a ticket (${dialect})`, () => {
    let t: TestApp;
    let refundTicket: Ticket;
    let faultTicket: Ticket;

    before(async () => {
      t = await startTestApp(dialect);
      const agent = t.as('agent');
      refundTicket = (await agent.post<Ticket>('/api/v1/tickets', { description: '退款未到账', category: 'refund', serviceItem: 'mall_presales', priority: 'medium' })).body;
      faultTicket = (await agent.post<Ticket>('/api/v1/tickets', { description: '宽带故障', category: 'fault', serviceItem: 'other', priority: 'high' })).body;
      assert.equal(refundTicket.department?.code, 'refunds');
      assert.equal(faultTicket.department?.code, 'exceptions');
    });
    after(async () => t?.close());

    it("hides another department's ticket from a handler, by id and by number, as if it did not exist", async () => {
      const handler = t.as('handler');
      for (const ref of [faultTicket.id, faultTicket.number]) {
        const read = await handler.get(`/api/v1/tickets/${ref}`);
        assert.equal(read.status, 404);
        assert.equal(read.body.code, 'not_found');
        assert.equal((await handler.get(`/api/v1/tickets/${ref}/events`)).status, 404);
        const act = await handler.post(`/api/v1/tickets/${ref}/accept`);
        assert.equal(act.status, 404, 'acting on a guessed id reveals nothing either');
        const note = await handler.post(`/api/v1/tickets/${ref}/note`, { content: 'x' });
        assert.equal(note.status, 404);
      }
      const unknown = await handler.get('/api/v1/tickets/GD-20261123-999999');
      assert.deepEqual(unknown.body.code, 'not_found', 'a missing ticket answers exactly the same');
    });

    it("lists only the tickets a handler may see, whatever filter they send", async () => {
      const handler = t.as('handler');
      const all = await handler.get<{ items: Ticket[] }>('/api/v1/tickets');
      assert.deepEqual(all.body.items.map((i) => i.id), [refundTicket.id]);
      const probing = await handler.get<{ items: Ticket[] }>('/api/v1/tickets?department=exceptions');
      assert.deepEqual(probing.body.items, []);
    });

    it('lets admins and auditors read everything, but auditors change nothing', async () => {
      for (const user of ['admin', 'auditor'] as const) {
        const list = await t.as(user).get<{ items: Ticket[] }>('/api/v1/tickets');
        assert.ok(list.body.items.length >= 2);
      }
      const auditorView = await t.as('auditor').get<Ticket>(`/api/v1/tickets/${faultTicket.id}`);
      assert.deepEqual(auditorView.body.allowedActions, []);
      const write = await t.as('auditor').post(`/api/v1/tickets/${faultTicket.id}/note`, { content: '稽核意见' });
      assert.equal(write.status, 403);
      assert.equal(write.body.code, 'action_forbidden');
      const create = await t.as('auditor').post('/api/v1/tickets', { description: 'x', category: 'other', serviceItem: 'other', priority: 'low' });
      assert.equal(create.status, 403);
    });

    it('lets only the roles that dispatch name a department on create; a handler’s ticket goes by the routing rules', async () => {
      const before = (await t.as('admin').get<{ items: Ticket[] }>('/api/v1/tickets?limit=200')).body.items.length;
      const body = { description: '客户来电咨询外协安装进度', category: 'inquiry', serviceItem: 'other', priority: 'low' };
      const refused = await t.as('handler').post('/api/v1/tickets', { ...body, department: 'external_partners' });
      assertProblem(refused, 403, 'action_forbidden', ['department']);
      assert.equal((await t.as('admin').get<{ items: Ticket[] }>('/api/v1/tickets?limit=200')).body.items.length, before, 'nothing was written');

      const routed = await t.as('handler').post<Ticket & { department: { code: string } | null }>('/api/v1/tickets', body);
      assert.equal(routed.status, 201, JSON.stringify(routed.body));
      assert.notEqual(routed.body.department?.code, 'external_partners');
      const dispatched = await t.as('agent').post<Ticket & { department: { code: string } }>('/api/v1/tickets', { ...body, department: 'external_partners' });
      assert.equal(dispatched.status, 201, JSON.stringify(dispatched.body));
      assert.equal(dispatched.body.department.code, 'external_partners');
    });

    it('refuses an action the role may never take with 403, and names what is allowed', async () => {
      const response = await t.as('agent').post(`/api/v1/tickets/${refundTicket.id}/accept`);
      assert.equal(response.status, 403);
      assert.equal(response.body.code, 'action_forbidden');
      assert.equal(response.body.ticketStatus, 'pending');
      assert.ok(Array.isArray(response.body.allowedActions));
      assert.ok(!(response.body.allowedActions as string[]).includes('accept'));
    });

    it("stops a handler from taking over a colleague's ticket, but lets the supervisor", async () => {
      const admin = t.as('admin');
      const colleague = await admin.post<{ id: string }>('/api/v1/users', {
        username: 'handler2', displayName: '钱处理', password: 'password-123', role: 'handler', departments: ['refunds'],
      });
      assert.equal(colleague.status, 201);
      const colleagueClient = t.as(await t.tokenFor(colleague.body.id));
      const claimed = await colleagueClient.post<Ticket>(`/api/v1/tickets/${refundTicket.id}/accept`);
      assert.equal(claimed.body.status, 'in_progress');

      const takeover = await t.as('handler').post(`/api/v1/tickets/${refundTicket.id}/resolve`, { result: '处理完毕' });
      assert.equal(takeover.status, 403);
      assert.equal(takeover.body.code, 'assigned_to_someone_else');

      const reassigned = await t.as('supervisor').post<Ticket & { assignee: { username: string } }>(`/api/v1/tickets/${refundTicket.id}/assign`, { assignee: 'handler' });
      assert.equal(reassigned.status, 200, JSON.stringify(reassigned.body));
      assert.equal(reassigned.body.assignee.username, 'handler');
      assert.equal(reassigned.body.status, 'pending', 'the new assignee must accept it');

      const outsider = await t.as('supervisor').post(`/api/v1/tickets/${faultTicket.id}/assign`, { assignee: 'handler' });
      assert.equal(outsider.status, 404, 'the supervisor does not supervise exceptions and never took part');
    });

    it('refuses to assign a ticket to someone outside its department', async () => {
      const response = await t.as('admin').post(`/api/v1/tickets/${faultTicket.id}/assign`, { assignee: 'handler' });
      assert.equal(response.status, 422);
      assert.equal(response.body.code, 'assignee_not_in_department');
    });

    it('shows agents the dispatch and reply queues but not tickets deep in a department they never touched', async () => {
      const admin = t.as('admin');
      const other = await admin.post<{ id: string }>('/api/v1/users', {
        username: 'agent2', displayName: '孙座席', password: 'password-123', role: 'agent', departments: ['call_center'],
      });
      const agent2 = t.as(await t.tokenFor(other.body.id));
      const hidden = await agent2.get(`/api/v1/tickets/${faultTicket.id}`);
      assert.equal(hidden.status, 404, 'pending in exceptions, created by someone else');
      const submitted = await admin.post<Ticket>('/api/v1/tickets', { description: '待派单', category: 'inquiry', serviceItem: 'movie_tickets', priority: 'low', fields: { orderNumber: 'MV-1' } });
      assert.equal(submitted.body.status, 'submitted');
      const visible = await agent2.get<Ticket>(`/api/v1/tickets/${submitted.body.id}`);
      assert.equal(visible.status, 200);
      assert.ok(visible.body.allowedActions.includes('dispatch'));
    });
  });
}
