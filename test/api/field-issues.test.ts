import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FIELD_ISSUE_CODES } from '../../src/platform/errors.js';
import type { ApiResponse } from '../support/api-client.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

interface Issue {
  field: string;
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

/** The issue a refusal reports for `field`, with its message left out (that is for people). */
function issueOn(response: ApiResponse<unknown>, field: string): Omit<Issue, 'message'> {
  assert.ok(response.status >= 400 && response.status < 500, `expected a refusal, got ${response.status}: ${JSON.stringify(response.body)}`);
  const errors = (response.body as { errors?: Issue[] }).errors ?? [];
  const found = errors.find((issue) => issue.field === field);
  assert.ok(found, `no issue on ${field}: ${JSON.stringify(errors)}`);
  assert.ok((FIELD_ISSUE_CODES as readonly string[]).includes(found.code), `${found.code} is not a published field issue code`);
  assert.ok(found.message.length > 0, 'the English message stays');
  const { message: _message, ...rest } = found;
  return rest;
}

const ticket = { description: '客户来电咨询退款进度', category: 'inquiry', serviceItem: 'mall_presales', priority: 'low' };

for (const dialect of dialects()) {
  describe(`field issues say what is wrong with each field, for clients to explain in their language (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    it('tells a missing field from one of the wrong type, and gives the limits', async () => {
      const agent = t.as('agent');
      const { description: _d, ...withoutDescription } = ticket;
      assert.deepEqual(issueOn(await agent.post('/api/v1/tickets', withoutDescription), 'description'), { field: 'description', code: 'required' });
      assert.deepEqual(issueOn(await agent.post('/api/v1/tickets', { ...ticket, description: '   ' }), 'description'), { field: 'description', code: 'required' });
      assert.deepEqual(issueOn(await agent.post('/api/v1/tickets', { ...ticket, description: 42 }), 'description'), {
        field: 'description',
        code: 'invalid_type',
        params: { expected: 'string' },
      });
      assert.deepEqual(issueOn(await agent.post('/api/v1/tickets', { ...ticket, title: '长'.repeat(201) }), 'title'), { field: 'title', code: 'too_long', params: { max: 200 } });
      assert.deepEqual(issueOn(await agent.post('/api/v1/tickets', { ...ticket, colour: 'red' }), 'colour'), { field: 'colour', code: 'unknown_field' });
      assert.deepEqual(issueOn(await agent.post('/api/v1/tickets', { ...ticket, channel: 'pigeon' }), 'channel'), { field: 'channel', code: 'not_allowed' });
      // A positive number refuses 0 itself: "at least 0" would say the opposite.
      const item = { code: 'zero_length', name: '零长度', fields: [{ key: 'note', label: '备注', type: 'text', required: false, maxLength: 0 }] };
      assert.deepEqual(issueOn(await t.as('admin').post('/api/v1/service-items', item), 'fields.0.maxLength'), {
        field: 'fields.0.maxLength',
        code: 'too_small',
        params: { above: 0 },
      });
    });

    it("names what is wrong with a service item's form field", async () => {
      const agent = t.as('agent');
      const aftersales = { ...ticket, serviceItem: 'mall_aftersales' };
      assert.deepEqual(issueOn(await agent.post('/api/v1/tickets', aftersales), 'fields.orderNumber'), { field: 'fields.orderNumber', code: 'required' });
      assert.deepEqual(issueOn(await agent.post('/api/v1/tickets', { ...aftersales, fields: { orderNumber: '订单' } }), 'fields.orderNumber'), {
        field: 'fields.orderNumber',
        code: 'invalid_format',
        params: { format: 'order_number' },
      });
      assert.deepEqual(issueOn(await agent.post('/api/v1/tickets', { ...aftersales, fields: { orderNumber: 'SO123', amount: '12.345' } }), 'fields.amount'), {
        field: 'fields.amount',
        code: 'invalid_format',
        params: { format: 'money' },
      });
    });

    it('explains the rules of the use cases too: a taken name, an unknown reference, a time already past', async () => {
      const admin = t.as('admin');
      const user = { username: 'taken-name', displayName: '王五', password: 'a-long-password-1', role: 'handler', departments: ['refunds'] };
      assert.equal((await admin.post('/api/v1/users', user)).status, 201);
      assert.deepEqual(issueOn(await admin.post('/api/v1/users', user), 'username'), { field: 'username', code: 'taken' });
      assert.deepEqual(issueOn(await admin.post('/api/v1/users', { ...user, username: 'other-name', departments: ['no_such_department'] }), 'departments.0'), {
        field: 'departments.0',
        code: 'unknown_reference',
      });

      const created = await t.as('agent').post<{ id: string }>('/api/v1/tickets', { ...ticket, department: 'refunds' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const supervisor = t.as('supervisor');
      const id = created.body.id;
      assert.equal((await supervisor.post(`/api/v1/tickets/${id}/assign`, { assignee: 'handler' })).status, 200);
      const handler = t.as('handler');
      assert.equal((await handler.post(`/api/v1/tickets/${id}/accept`, {})).status, 200);
      const past = new Date(t.clock.now().getTime() - 60_000).toISOString();
      assert.deepEqual(issueOn(await handler.post(`/api/v1/tickets/${id}/wait`, { reason: '等客户回电', until: past }), 'until'), { field: 'until', code: 'not_later' });
    });

    it('publishes the codes in the API document', async () => {
      const document = (await t.anonymous.get('/api/v1/openapi.json')).body as { components?: unknown; paths: unknown };
      const text = JSON.stringify(document);
      for (const code of FIELD_ISSUE_CODES) assert.ok(text.includes(`"${code}"`), `${code} is in the document`);
    });
  });
}
