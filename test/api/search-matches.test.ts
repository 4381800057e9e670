import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Which tickets a search matches, end to end: numbers typed as they are written, Chinese runs
 * whose segmentation leaves a character alone, and a search text that the ranked list, the
 * sorted list, a saved view's count, the CSV export and a batch must all agree on. Each case
 * failed before its fix (see docs/search.md, "What a query matches").
 */

interface Hit {
  id: string;
  number: string;
}
interface Page {
  items: Hit[];
  nextCursor: string | null;
}

for (const dialect of dialects()) {
  describe(`search: what a query matches, everywhere it is used (${dialect})`, () => {
    let t: TestApp;
    const ids: Record<string, string> = {};
    const numbers: Record<string, string> = {};

    const create = async (key: string, body: Record<string, unknown>) => {
      t.clock.advance(60_000);
      const response = await t.as('admin').post<Hit>('/api/v1/tickets?similar=false', {
        channel: 'phone', priority: 'medium', category: 'inquiry', serviceItem: 'other', department: 'exceptions', ...body,
      });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      ids[key] = response.body.id;
      numbers[key] = response.body.number;
    };
    const keysOf = (hits: Hit[]) => hits.map((hit) => Object.keys(ids).find((k) => ids[k] === hit.id) ?? hit.number);
    const search = async (q: string, more = '') => {
      const page = await t.as('admin').get<Page>(`/api/v1/tickets?q=${encodeURIComponent(q)}&limit=100${more}`);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      return keysOf(page.body.items);
    };

    before(async () => {
      // A Beijing call centre: a landline typed without its area code is 010's.
      t = await startTestApp(dialect, { GONGDAN_DEFAULT_AREA_CODE: '010' });
      await create('waybill', { title: '宽带账号查询', description: '宽带账号 0571-88886666，快递单号 7700 1234 5678 未送达。' });
      await create('other', { title: '账号查询', description: '快递单号 7700 9999 5678 已签收，宽带 0571-66668888 正常。' });
      await create('mobile', { title: '话费查询', description: '客户询问本月话费。', customer: { name: '王建国', phone: '+86 138 0013 8000' } });
      await create('landline', { title: '固话报修', description: '家里固话没有拨号音。', customer: { name: '赵丽华', phone: '6552 0002' } });
      await create('building', { title: '停电报修', description: '小区三号楼整栋停电，电梯停运。' });
      await create('metro', { title: '地铁三号线延误', description: '乘客反映地铁三号线延误。' });
      await create('zhang', { title: '来电登记', description: '张先生反映家里停水。' });
      await create('liu', { title: '刘先生投诉停水', description: '刘先生反映家里停水。' });
      await create('refund', { title: '退款进度', description: '退款申请后一直未到账。' });
      await create('member', { title: '会员未到期被停用', description: '会员还未到期就被停用。' });
      await create('signal', { title: '信号问题', description: '客户的手机在家里一直没有信号。' });
      await create('broken', { title: '宽带报修', description: '宽带昨天又坏了，无法上网。' });
      await create('both', { title: 'qzv 宽带 停电', description: '宽带和停电一起报修。' });
      await create('broadband', { title: 'qzv 宽带', description: '宽带报修。' });
      await create('outage', { title: 'qzv 停电', description: '停电报修。' });
    });
    after(async () => t?.close());

    it('finds a number typed with dashes or spaces as the ticket holds it, and a ticket number without GD', async () => {
      const [, day, seq] = numbers.waybill!.split('-');
      for (const q of [`${day}-${seq}`, `${day} ${seq}`, numbers.waybill!]) assert.deepEqual(await search(q), ['waybill'], q);
      for (const q of ['0571-88886666', '0571 88886666', '(0571) 88886666', '7700 1234 5678', '7700-1234-5678']) {
        assert.deepEqual(await search(q), ['waybill'], q);
        assert.deepEqual(await search(q, '&sort=-createdAt'), ['waybill'], `${q}, sorted`);
      }
      assert.deepEqual(await search('88886666'), ['waybill']);
      assert.deepEqual(await search('7700 1234 5678 宽带'), ['waybill'], 'a number among words is one word');
    });

    it('still finds a customer by their phone number in any format, and nothing else for it', async () => {
      for (const q of ['13800138000', '+86 138 0013 8000', '138-0013-8000', '0086 138 0013 8000']) assert.deepEqual(await search(q), ['mobile'], q);
      for (const q of ['65520002', '6552 0002', '010-6552-0002']) assert.deepEqual(await search(q), ['landline'], q);
    });

    it('requires a character jieba leaves alone: 张先生 is not 刘先生, 三号楼 not 三号线, 未到账 not 未到期', async () => {
      assert.deepEqual(await search('张先生'), ['zhang']);
      assert.deepEqual(await search('三号楼'), ['building']);
      assert.deepEqual(await search('未到账'), ['refund']);
      assert.deepEqual(await search('先生'), ['liu', 'zhang'], 'the word alone still finds both, the title match first');
      assert.deepEqual(await search('三号楼', '&sort=createdAt'), ['building']);
    });

    it('finds a phrase typed as one with its words apart in the ticket: 手机没信号, 宽带坏了', async () => {
      assert.deepEqual(await search('手机没信号'), ['signal']);
      assert.deepEqual(await search('宽带坏了'), ['broken']);
    });

    it('lists, sorts, counts, exports and batches the same tickets for a search of several words', async () => {
      const admin = t.as('admin');
      const q = 'qzv 宽带 停电';
      const view = await admin.post<{ id: string; count: number }>('/api/v1/views', { name: 'qzv', filters: { q } });
      assert.equal(view.status, 201, JSON.stringify(view.body));
      const listed = (await admin.get<Page>(`/api/v1/tickets?view=${view.body.id}&limit=100`)).body.items;
      assert.deepEqual(keysOf(listed), ['both'], 'the ranked list of the view: only tickets with every word');
      assert.deepEqual(await search(q), ['both'], 'ranked');
      assert.deepEqual(await search(q, '&sort=-createdAt'), ['both'], 'sorted');
      assert.equal(view.body.count, 1);
      const csv = await admin.get(`/api/v1/views/${view.body.id}/export.csv`);
      assert.equal(csv.status, 200);
      const exported = Object.keys(ids).filter((k) => (csv.body as unknown as string).includes(numbers[k]!));
      assert.deepEqual(exported, ['both']);
      const batch = await admin.post<{ results: Array<{ id: string; ok: boolean }> }>('/api/v1/tickets/batch', {
        action: 'note', content: '统一回复', internal: true, view: view.body.id,
      });
      assert.equal(batch.status, 200, JSON.stringify(batch.body));
      assert.deepEqual(batch.body.results.map((r) => r.id), [ids.both]);
    });

    it('counts a view of a local landline with the default area code, like its list', async () => {
      const admin = t.as('admin');
      const view = await admin.post<{ id: string; count: number }>('/api/v1/views', { name: '固话', filters: { q: '65520002' } });
      assert.equal(view.status, 201, JSON.stringify(view.body));
      const listed = (await admin.get<Page>(`/api/v1/tickets?view=${view.body.id}`)).body.items;
      assert.deepEqual(keysOf(listed), ['landline']);
      assert.equal(view.body.count, 1, 'the count resolves 65520002 as 010-65520002 too');
      const csv = await admin.get(`/api/v1/tickets/export.csv?q=65520002`);
      assert.ok((csv.body as unknown as string).includes(numbers.landline!), 'and so does the export');
    });
  });
}
