import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { ApiResponse } from '../support/api-client.js';
import { assertProblem } from '../support/bad-input.js';
import { ADMIN_PASSWORD, dialects, startTestApp, type TestApp } from '../support/test-app.js';

interface Ticket {
  id: string;
  number: string;
  title: string;
}
interface AuditPage {
  items: Array<{ action: string; actor: { username: string } | null; subject: { type: string }; data: Record<string, unknown> }>;
}
interface Summary {
  id: string;
  name: string;
  type: string;
  parentId: string | null;
}

interface Imported {
  customer: {
    name: string;
    tags: string[];
    phones: Array<{ number: string; label: string | null }>;
    emails: Array<{ address: string; label: string | null }>;
    externalIds: Array<{ kind: string; value: string }>;
  };
}

const BOM = '\uFEFF';
const TICKET_HEADER = [
  '工单编号',
  '标题',
  '描述',
  '状态',
  '工单分类',
  '服务目录',
  '优先级',
  '渠道',
  '部门',
  '处理人',
  '客户姓名',
  '客户电话',
  '创建人',
  '创建时间',
  '更新时间',
  '关闭时间',
  '时限到期',
  '时限状态',
  '处理结果',
];

/** A CSV answer as a spreadsheet would read it: checks the BOM and line endings, then parses it. */
function csvOf(response: ApiResponse<unknown>): string[][] {
  assert.equal(response.status, 200, typeof response.body === 'string' ? response.body : JSON.stringify(response.body));
  assert.match(response.contentType, /^text\/csv; charset=utf-8/);
  assert.match(String(response.headers['content-disposition']), /^attachment; filename="[^"]+\.csv"; filename\*=UTF-8''.+\.csv$/);
  assert.equal(response.headers['cache-control'], 'no-store');
  const text = response.body as string;
  assert.ok(text.startsWith(BOM), 'UTF-8 byte-order mark, so Excel reads the Chinese');
  assert.ok(text.endsWith('\r\n') && !/[^\r]\n/.test(text.replace(/"[^"]*"/g, '')), 'CRLF line endings');
  return parse(text, { bom: true }) as string[][];
}

/** Records as objects by header, for readable assertions. */
function rowsOf(records: string[][]): Array<Record<string, string>> {
  const [header, ...rows] = records;
  return rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i] ?? ''])));
}

for (const dialect of dialects()) {
  describe(`CSV export (${dialect})`, () => {
    let t: TestApp;
    let refund: Ticket;
    let fault: Ticket;
    let onSpot: Ticket;

    before(async () => {
      t = await startTestApp(dialect);
      const agent = t.as('agent');
      const create = async (body: Record<string, unknown>) => {
        const created = await agent.post<Ticket>('/api/v1/tickets', body);
        assert.equal(created.status, 201, JSON.stringify(created.body));
        return created.body;
      };
      refund = await create({
        title: '=HYPERLINK("http://evil.example","点我")',
        description: '订单退款一周未到账,客户很着急\n第二行',
        channel: 'phone',
        category: 'refund',
        serviceItem: 'mall_aftersales',
        priority: 'high',
        fields: { orderNumber: 'SO2026112300017', amount: 199.5 },
        customer: { name: '退款客户', phone: '13812340001' },
      });
      fault = await create({ description: '家里光猫红灯，无法上网', channel: 'wechat', category: 'fault', serviceItem: 'other', priority: 'urgent', customer: { phone: '010-6552 0002' } });
      onSpot = await create({ description: '咨询营业时间', channel: 'phone', category: 'inquiry', serviceItem: 'other', priority: 'low', answeredOnSpot: true, result: '工作日 9-18 点' });
    });
    after(async () => t?.close());

    const audits = async (action: string) => (await t.as('admin').get<AuditPage>(`/api/v1/audit-log?action=${action}`)).body.items;

    it('exports a filtered list as Excel reads it: BOM, Chinese headers, local times, phones in full for an administrator (audited)', async () => {
      const before = (await audits('tickets.exported')).length;
      const response = await t.as('admin').get('/api/v1/tickets/export.csv?department=refunds');
      const records = csvOf(response);
      assert.deepEqual(records[0]!.slice(0, TICKET_HEADER.length), TICKET_HEADER);
      assert.deepEqual(records[0]!.slice(TICKET_HEADER.length), ['订单号', '字段:amount', '航班号', '出行日期', '送达日期', '酒店名称', '入住日期', '保单号', '车牌号', '充值号码', '其它字段']);
      const rows = rowsOf(records);
      assert.deepEqual(rows.map((r) => r['工单编号']), [refund.number], 'the list’s filter: refunds only');
      const row = rows[0]!;
      assert.equal(row['标题'], `'=HYPERLINK("http://evil.example","点我")`, 'formula injection: a leading apostrophe');
      assert.equal(row['描述'], '订单退款一周未到账,客户很着急\n第二行', 'commas and line breaks survive quoting');
      assert.deepEqual(
        [row['状态'], row['工单分类'], row['服务目录'], row['优先级'], row['渠道'], row['部门'], row['客户姓名'], row['客户电话'], row['创建人']],
        ['待处理', '退款', '商城售后', '高', '电话', '退款组', '退款客户', '13812340001', '李座席'],
      );
      assert.equal(row['创建时间'], '2026-11-23T09:30:00+08:00', 'ISO 8601 in the organisation’s zone, with its offset');
      assert.match(row['时限到期']!, /^2026-11-\d\dT\d\d:\d\d:00\+08:00$/);
      assert.equal(row['时限状态'], '计时中');
      assert.deepEqual([row['订单号'], row['字段:amount']], ['SO2026112300017', '199.5']);
      const entries = await audits('tickets.exported');
      assert.equal(entries.length, before + 1, 'one audit entry for an export with numbers in full');
      assert.deepEqual([entries[0]!.actor?.username, entries[0]!.subject.type, entries[0]!.data.unmasked], ['admin', 'export', ['phone']]);
    });

    it('masks customer phones in everyone else’s export, and writes English headers on request', async () => {
      const before = (await audits('tickets.exported')).length;
      const rows = rowsOf(csvOf(await t.as('agent').get('/api/v1/tickets/export.csv')));
      assert.deepEqual(rows.map((r) => r['工单编号']).sort(), [refund.number, fault.number, onSpot.number].sort());
      const phones = Object.fromEntries(rows.map((r) => [r['工单编号'], r['客户电话']]));
      assert.deepEqual([phones[refund.number], phones[fault.number], phones[onSpot.number]], ['138****0001', '010****0002', '']);
      assert.equal((await audits('tickets.exported')).length, before, 'a masked export is no unmasking');

      const english = rowsOf(csvOf(await t.as('admin').get(`/api/v1/tickets/export.csv?lang=en&status=closed`)));
      assert.deepEqual(english.map((r) => [r['Number'], r['Status'], r['Category'], r['Channel'], r['Result'], r['Closed at']]), [
        [onSpot.number, 'closed', 'Inquiry', 'phone', '工作日 9-18 点', '2026-11-23T09:30:00+08:00'],
      ]);
      const landline = rowsOf(csvOf(await t.as('admin').get(`/api/v1/tickets/export.csv?q=${encodeURIComponent('光猫红灯')}`)));
      assert.deepEqual(landline.map((r) => [r['工单编号'], r['客户电话'], r['渠道']]), [[fault.number, '010-65520002', '微信']], 'the search box filters too; landlines keep their 0');
      const [entry] = await audits('tickets.exported');
      assert.deepEqual(entry!.data.filters, { q: '(search text)' }, 'the trail keeps no search text (it may be a phone number)');
    });

    it('exports a saved view, narrowed like the list, for whoever may use it', async () => {
      const supervisor = t.as('supervisor');
      const view = await supervisor.post<{ id: string }>('/api/v1/views', { name: '退款待处理', filters: { department: 'refunds', status: ['pending', 'in_progress'] } });
      assert.equal(view.status, 201, JSON.stringify(view.body));
      const listed = await supervisor.get<{ items: Ticket[] }>(`/api/v1/tickets?view=${view.body.id}`);
      const exported = rowsOf(csvOf(await supervisor.get(`/api/v1/views/${view.body.id}/export.csv`)));
      assert.deepEqual(exported.map((r) => r['工单编号']), listed.body.items.map((x) => x.number));
      assert.deepEqual(exported.map((r) => r['工单编号']), [refund.number]);
      assert.equal(exported[0]!['客户电话'], '138****0001', 'a supervisor’s file is masked too: only administrators export numbers');
      const narrowed = rowsOf(csvOf(await supervisor.get(`/api/v1/views/${view.body.id}/export.csv?status=in_progress`)));
      assert.deepEqual(narrowed, []);
      const sameByQuery = rowsOf(csvOf(await supervisor.get(`/api/v1/tickets/export.csv?view=${view.body.id}`)));
      assert.deepEqual(sameByQuery.map((r) => r['工单编号']), [refund.number]);
      assertProblem(await t.as('agent').get(`/api/v1/views/${view.body.id}/export.csv`), 404, 'not_found');

      // A handler's file holds what the handler's list holds: their departments' tickets.
      const handlerRows = rowsOf(csvOf(await t.as('handler').get('/api/v1/tickets/export.csv')));
      const handlerList = await t.as('handler').get<{ items: Ticket[] }>('/api/v1/tickets?limit=200');
      assert.deepEqual(handlerRows.map((r) => r['工单编号']), handlerList.body.items.map((x) => x.number));
      assert.ok(!handlerRows.some((r) => r['工单编号'] === fault.number));
    });

    it('checks the filters before the first byte: a bad one is a problem document, not a broken file', async () => {
      assertProblem(await t.as('admin').get('/api/v1/tickets/export.csv?department=nowhere'), 422, 'invalid_reference', ['department']);
      assertProblem(await t.as('admin').get('/api/v1/tickets/export.csv?colour=red'), 400, 'validation_failed', ['colour']);
      assertProblem(await t.as('admin').get('/api/v1/tickets/export.csv?lang=fr'), 400, 'validation_failed', ['lang']);
      assertProblem(await t.as('admin').get('/api/v1/customers/export.csv?limit=5'), 400, 'validation_failed', ['limit']);
      assertProblem(await t.anonymous.get('/api/v1/tickets/export.csv'), 401, 'unauthenticated');
    });

    it('exports customers: numbers in full only for administrators (audited), masked for everyone else', async () => {
      const before = (await audits('customers.exported')).length;
      const admin = rowsOf(csvOf(await t.as('admin').get('/api/v1/customers/export.csv?tag=VIP')));
      assert.deepEqual(admin.map((r) => [r['姓名'], r['类型'], r['等级'], r['电话'], r['邮箱'], r['标签']]), [
        ['黄晓燕', '个人', 'VIP', '13600001001 [手机]', 'huang.xiaoyan@example.com', 'VIP; 老客户'],
      ]);
      assert.equal((await audits('customers.exported')).length, before + 1);
      const agent = rowsOf(csvOf(await t.as('agent').get('/api/v1/customers/export.csv?q=京华')));
      assert.deepEqual(agent.map((r) => [r['姓名'], r['所属企业'], r['电话'], r['外部编号']]), [
        ['京华物流有限公司', '', '010****2000 [总机]', 'account_no:EN****01'],
        ['京华物流 何会计', '京华物流有限公司', '136****2002 [手机]', ''],
        ['京华物流 孙经理', '京华物流有限公司', '136****2001 [手机]', ''],
      ]);
      assert.equal((await audits('customers.exported')).length, before + 1);
    });

    it('starts no export from a link on another site: a session sends its CSRF token (API tokens need none), and a HEAD reads and audits nothing', async () => {
      const inject = t.running.app.inject.bind(t.running.app);
      const login = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
      assert.equal(login.statusCode, 200, login.body);
      const cookies = { gongdan_session: login.cookies.find((c) => c.name === 'gongdan_session')!.value };
      const csrfToken = (login.json() as { csrfToken: string }).csrfToken;
      const view = await t.as('admin').post<{ id: string }>('/api/v1/views', { name: '退款组的工单', filters: { department: 'refunds' } });
      assert.equal(view.status, 201, JSON.stringify(view.body));
      const job = await t.as('admin').raw<{ id: string }>('POST', '/api/v1/imports?kind=customers', Buffer.from('姓名,手机\r\n坏行,138-abc\r\n'), 'text/csv');
      assert.equal(job.status, 202, JSON.stringify(job.body));
      while (await t.running.imports.runOnce());
      const downloads = ['/api/v1/customers/export.csv', '/api/v1/tickets/export.csv', `/api/v1/views/${view.body.id}/export.csv`, `/api/v1/imports/${job.body.id}/errors.csv`];
      const before = { customers: (await audits('customers.exported')).length, tickets: (await audits('tickets.exported')).length };

      for (const url of downloads) {
        // What a link, an image or a form on another site sends under SameSite=Lax: the cookie alone.
        for (const method of ['GET', 'HEAD'] as const) {
          const crossSite = await inject({ method, url, cookies, headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' } });
          assert.equal(crossSite.statusCode, 403, `${method} ${url}`);
          if (method === 'GET') assert.equal((crossSite.json() as { code: string }).code, 'csrf_token_invalid', url);
        }
        assert.equal((await inject({ method: 'GET', url, cookies, headers: { 'x-csrf-token': 'not-the-token' } })).statusCode, 403, `${url}: another token`);
      }
      assert.equal((await audits('customers.exported')).length, before.customers, 'nothing exported, nothing in the trail');
      assert.equal((await audits('tickets.exported')).length, before.tickets);

      // A HEAD answers the headers and leaves no entry: nothing left.
      for (const url of downloads) {
        for (const auth of [{ cookies, headers: { 'x-csrf-token': csrfToken } }, { headers: { authorization: `Bearer ${await t.tokenFor((login.json() as { user: { id: string } }).user.id)}` } }]) {
          const head = await inject({ method: 'HEAD', url, ...auth });
          assert.equal(head.statusCode, 200, `HEAD ${url}`);
          assert.match(String(head.headers['content-type']), /^text\/csv/);
          assert.match(String(head.headers['content-disposition']), /^attachment; /);
          assert.equal(head.body, '');
        }
      }
      assert.equal((await audits('customers.exported')).length, before.customers, 'a HEAD is no export');
      assert.equal((await audits('tickets.exported')).length, before.tickets);

      // The browser's own request sends the token, as with every change: the export runs, audited.
      for (const url of downloads) {
        const asked = await inject({ method: 'GET', url, cookies, headers: { 'x-csrf-token': csrfToken } });
        assert.equal(asked.statusCode, 200, `${url}: ${asked.body.slice(0, 300)}`);
        assert.match(String(asked.headers['content-type']), /^text\/csv/);
      }
      assert.equal((await audits('customers.exported')).length, before.customers + 1);
      assert.equal((await audits('tickets.exported')).length, before.tickets + 2);
      assert.equal((await t.as('admin').get('/api/v1/customers/export.csv')).status, 200, 'a script’s API token needs no CSRF token');
      assert.equal((await inject({ method: 'GET', url: '/api/v1/imports/template.csv?kind=customers', cookies })).statusCode, 200, 'an empty template carries no data');
    });

    it('round-trips customers: an export imports cleanly into another system and exports the same again', async () => {
      const a = t.as('admin');
      for (const key of ['industry']) {
        assert.equal((await a.post('/api/v1/customer-attributes', { key, label: '行业', labelEn: 'Industry', type: 'select', options: ['电信', '零售'] })).status, 201);
      }
      assert.equal((await a.post('/api/v1/customer-attributes', { key: 'vip', label: '大客户', type: 'boolean' })).status, 201);
      const made = await a.post('/api/v1/customers', {
        name: '=危险的名字',
        tier: '金卡',
        phones: [{ number: '0755-8888 6666', label: '办公' }, { number: '+86 139 2222 3333' }],
        emails: [{ address: 'ceo@example.com', label: '工作' }, { address: 'home@example.com' }],
        externalIds: [{ kind: 'wechat_openid', value: 'oAbC_123' }],
        tags: ['投诉多', '老客户'],
        attributes: { industry: '零售', vip: true },
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      // Values the API takes that hold the list separators, a label's brackets, or an apostrophe before a formula character.
      const tricky = await a.post('/api/v1/customers', {
        name: "'=RT apostrophe",
        phones: [{ number: '13922224444', label: '手机;备用' }, { number: '010-6552 7777', label: '家[1]' }],
        emails: [{ address: 'rt@example.com', label: '工作, 主要' }],
        externalIds: [{ kind: 'account_no', value: 'ACC;1,2' }],
        tags: ['a,b', '北京、上海', 'x;y', 'C:\\data\\', '[重要]'],
      });
      assert.equal(tricky.status, 201, JSON.stringify(tricky.body));
      const exported = csvOf(await a.get('/api/v1/customers/export.csv'));

      // Another system: a fresh database, its demo customers erased, the same attribute definitions.
      const other = await startTestApp(dialect);
      try {
        const b = other.as('admin');
        assert.equal((await b.post('/api/v1/customer-attributes', { key: 'industry', label: '行业', labelEn: 'Industry', type: 'select', options: ['电信', '零售'] })).status, 201);
        assert.equal((await b.post('/api/v1/customer-attributes', { key: 'vip', label: '大客户', type: 'boolean' })).status, 201);
        const demo = (await b.get<{ items: Summary[] }>('/api/v1/customers?limit=200')).body.items;
        for (const customer of [...demo].sort((x, y) => Number(y.parentId !== null) - Number(x.parentId !== null))) {
          assert.equal((await b.delete(`/api/v1/customers/${customer.id}`)).status, 204);
        }
        const file = Buffer.from((await a.get('/api/v1/customers/export.csv')).body as unknown as string, 'utf8');
        const started = await b.raw<{ id: string }>('POST', '/api/v1/imports?kind=customers', file, 'text/csv');
        assert.equal(started.status, 202, JSON.stringify(started.body));
        while (await other.running.imports.runOnce());
        const job = await b.get<{ counts: { total: number; created: number; failed: number } }>(`/api/v1/imports/${started.body.id}`);
        const errors = await b.get(`/api/v1/imports/${started.body.id}/errors`);
        assert.deepEqual(job.body.counts.failed, 0, JSON.stringify(errors.body));
        assert.equal(job.body.counts.created, exported.length - 1, 'every customer, enterprises before their contacts');

        const again = csvOf(await b.get('/api/v1/customers/export.csv'));
        const comparable = (records: string[][]) => {
          const header = records[0]!;
          const keep = header.map((h, i) => (['客户ID', '创建时间', '更新时间'].includes(h) ? -1 : i)).filter((i) => i >= 0);
          return [keep.map((i) => header[i]), ...records.slice(1).map((r) => keep.map((i) => r[i]))];
        };
        assert.deepEqual(comparable(again), comparable(exported));
        const risky = rowsOf(again).find((r) => r['姓名'] === "'=危险的名字")!;
        assert.deepEqual(
          [risky['电话'], risky['邮箱'], risky['外部编号'], risky['标签'], risky['行业'], risky['大客户']],
          ['0755-88886666 [办公]; 13922223333', 'ceo@example.com [工作]; home@example.com', 'wechat_openid:oAbC_123', '投诉多; 老客户', '零售', '是'],
        );
        const lookup = await b.get<{ customer: { name: string } }>('/api/v1/customers/lookup?phone=13922223333');
        assert.equal(lookup.body.customer.name, '=危险的名字', 'the apostrophe of the export is not part of the name');
        const back = await b.get<Imported>('/api/v1/customers/lookup?phone=13922224444');
        assert.equal(back.status, 200, JSON.stringify(back.body));
        const { name, tags, phones, emails, externalIds } = back.body.customer;
        assert.deepEqual(
          { name, tags: [...tags].sort(), phones: phones.map((p) => [p.number, p.label]), emails: emails.map((e) => [e.address, e.label]), externalIds: externalIds.map((x) => [x.kind, x.value]) },
          {
            name: "'=RT apostrophe",
            tags: ['a,b', '北京、上海', 'x;y', 'C:\\data\\', '[重要]'].sort(),
            phones: [['13922224444', '手机;备用'], ['01065527777', '家[1]']],
            emails: [['rt@example.com', '工作, 主要']],
            externalIds: [['account_no', 'ACC;1,2']],
          },
        );
      } finally {
        await other.close();
      }
    });

    it('exports what each ticket holds, and the file imports again as the same ticket', async () => {
      const admin = t.as('admin');
      const field = (key: string, label: string, type = 'text') => ({ key, label, type, required: false });
      const kept = [field('state', '状态'), field('openedAt', '创建时间'), field('when', '发生时间', 'datetime'), field('note', '备注')];
      for (const body of [
        { code: 'rt_a', name: '往返甲' },
        { code: 'rt_b', name: '往返乙' },
        { code: 'rt_a_refund', name: '重名退款', parent: 'rt_a', fields: [...kept, field('serial', '序列号'), field('model', '型号')] },
        { code: 'rt_b_refund', name: '重名退款', parent: 'rt_b' },
      ]) {
        const created = await admin.post('/api/v1/service-items', body);
        assert.equal(created.status, 201, JSON.stringify(created.body));
      }
      const values = { state: '已订', openedAt: '昨天', when: '2026-12-01T08:05:00+08:00', note: "'=quoted", serial: 'SN-001', model: 'X1' };
      const original = await t.as('agent').post<Ticket>('/api/v1/tickets', { description: '往返测试', category: 'inquiry', serviceItem: 'rt_a_refund', priority: 'low', fields: values });
      assert.equal(original.status, 201, JSON.stringify(original.body));
      // The form changes after the ticket was recorded: serial goes, model is renamed modelName.
      const changed = await admin.patch('/api/v1/service-items/rt_a_refund', { fields: [...kept, field('modelName', '型号')] });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      // Resolved: its row carries a result, which a re-import leaves out as it does the status.
      for (const [action, body] of [['dispatch', { department: 'refunds' }], ['accept', {}], ['resolve', { result: '已为客户办理' }]] as const) {
        assert.equal((await admin.post(`/api/v1/tickets/${original.body.id}/${action}`, body)).status, 200, action);
      }

      const response = await admin.get('/api/v1/tickets/export.csv?serviceItem=rt_a_refund');
      const records = csvOf(response);
      const header = records[0]!;
      assert.equal(new Set(header).size, header.length, `one column per header: ${header.join(',')}`);
      assert.deepEqual(header.slice(TICKET_HEADER.length), ['字段:state', '字段:openedAt', '发生时间', '备注', '型号', '其它字段']);
      const [row] = rowsOf(records);
      assert.equal(row!['服务目录'], '往返甲/重名退款', 'the name is not unique: its path');
      assert.equal(row!['发生时间'], '2026-12-01T08:05:00+08:00', 'on the organisation’s clock');
      assert.equal(row!['备注'], "''=quoted", 'an apostrophe the value begins with is kept by one more');
      assert.deepEqual([row!['字段:state'], row!['字段:openedAt'], row!['处理结果']], ['已订', '昨天', '已为客户办理']);
      assert.equal(row!['型号'], '');
      assert.deepEqual(JSON.parse(row!['其它字段']!), { serial: 'SN-001', model: 'X1' }, 'the values of fields the form no longer has');

      const started = await admin.raw<{ id: string }>('POST', '/api/v1/imports?kind=tickets&ignoreUnknownColumns=true', Buffer.from(response.body as unknown as string, 'utf8'), 'text/csv');
      assert.equal(started.status, 202, JSON.stringify(started.body));
      while (await t.running.imports.runOnce());
      const job = await admin.get<{ counts: { created: number; failed: number } }>(`/api/v1/imports/${started.body.id}`);
      const errors = await admin.get(`/api/v1/imports/${started.body.id}/errors`);
      assert.deepEqual([job.body.counts.created, job.body.counts.failed], [1, 0], JSON.stringify(errors.body));
      const listed = await admin.get<{ items: Ticket[] }>('/api/v1/tickets?serviceItem=rt_a_refund');
      const copy = listed.body.items.find((x) => x.id !== original.body.id)!;
      const read = await admin.get<Ticket & { serviceItem: { code: string }; fields: Record<string, unknown> }>(`/api/v1/tickets/${copy.id}`);
      assert.equal(read.body.serviceItem.code, 'rt_a_refund');
      assert.deepEqual(read.body.fields, { state: '已订', openedAt: '昨天', when: '2026-12-01T00:05:00.000Z', note: "'=quoted" });
    });

    it('streams a large customer export page by page, in name order', async () => {
      const lines = ['姓名,手机,标签'];
      for (let i = 0; i < 1500; i++) lines.push(`分页客户${String(i).padStart(4, '0')},133${String(10_000_000 + i).padStart(8, '0')},分页`);
      const started = await t.as('admin').raw<{ id: string }>('POST', '/api/v1/imports?kind=customers', Buffer.from(lines.join('\n')), 'text/csv');
      assert.equal(started.status, 202);
      while (await t.running.imports.runOnce());
      const rows = rowsOf(csvOf(await t.as('admin').get('/api/v1/customers/export.csv?tag=分页')));
      assert.equal(rows.length, 1500);
      assert.deepEqual(rows.map((r) => r['姓名']), Array.from({ length: 1500 }, (_, i) => `分页客户${String(i).padStart(4, '0')}`));
      assert.equal(rows[1499]!['电话'], '13310001499');
    });
  });
}
