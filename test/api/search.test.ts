import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { reindexAll } from '../../src/search/use-cases/reindex.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

interface Hit {
  id: string;
  number: string;
  title: string;
  status: string;
  createdAt: string;
  department: { code: string } | null;
  highlights: { title?: string; snippet: string };
}
interface Page {
  items: Hit[];
  nextCursor: string | null;
}

for (const dialect of dialects()) {
  describe(`search: GET /tickets?q= (${dialect})`, () => {
    let t: TestApp;
    const ids: Record<string, string> = {};
    const numbers: Record<string, string> = {};

    const create = async (key: string, body: Record<string, unknown>) => {
      t.clock.advance(60_000);
      const response = await t.as('admin').post<Hit>('/api/v1/tickets', { channel: 'phone', priority: 'medium', ...body });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      ids[key] = response.body.id;
      numbers[key] = response.body.number;
    };
    const search = async (query: string, user = 'admin') => {
      const page = await t.as(user).get<Page>(`/api/v1/tickets?${query}`);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      return page.body;
    };
    const keysOf = (page: Page) => page.items.map((hit) => Object.keys(ids).find((k) => ids[k] === hit.id) ?? hit.id);

    before(async () => {
      t = await startTestApp(dialect);
      await create('broadband', {
        title: '光猫红灯闪烁，宽带无法上网',
        description: '客户家中光猫LOS灯亮红灯，宽带无法上网。',
        category: 'fault',
        serviceItem: 'other',
        department: 'exceptions',
        customer: { name: '王建国', phone: '13800138000' },
      });
      await create('refund', {
        title: '申请退款七天未到账',
        description: '客户申请退款一周仍未到账 <b>加急</b> & 尽快',
        category: 'refund',
        serviceItem: 'mall_aftersales',
        department: 'refunds',
        fields: { orderNumber: 'SO2026112300017', amount: 299 },
        customer: { name: '李秀英', phone: '+86 139 1234 5678' },
      });
      await create('topup', {
        title: '话费充值未到账',
        description: '客户充值100元话费两小时未到账。',
        category: 'fault',
        serviceItem: 'mobile_topup',
        department: 'promotions',
        fields: { mobile: '13698765432', amount: 100 },
      });
      await create('hotel', {
        title: '酒店预订取消扣费',
        description: '客户取消酒店预订被扣一晚房费，要求退款。',
        category: 'refund',
        serviceItem: 'hotels',
        department: 'refunds',
        fields: { hotelName: '上海如家酒店' },
        customer: { name: '王建国', phone: '138 0013 8000' },
      });
      for (let i = 0; i < 7; i++) {
        await create(`refund${i}`, {
          title: `退款咨询 ${i}`,
          description: `客户咨询第${i}笔订单的退款进度。`,
          category: 'inquiry',
          serviceItem: 'mall_presales',
          department: 'refunds',
        });
      }
    });
    after(async () => t?.close());

    it('finds Chinese words, ranks title matches first and highlights them', async () => {
      const page = await search(`q=${encodeURIComponent('红灯')}`);
      assert.deepEqual(keysOf(page), ['broadband']);
      const hit = page.items[0]!;
      assert.equal(hit.highlights.title, '光猫<mark>红灯</mark>闪烁，宽带无法上网');
      assert.equal(hit.highlights.snippet, '客户家中光猫LOS灯亮<mark>红灯</mark>，宽带无法上网。');
      const refunds = await search(`q=${encodeURIComponent('退款')}`);
      const ranked = keysOf(refunds);
      assert.equal(ranked.at(-1), 'hotel', 'the only description-only match comes last');
      assert.deepEqual(ranked.slice(0, 8).sort(), ['refund', ...Array.from({ length: 7 }, (_, i) => `refund${i}`)].sort());
      assert.equal(ranked[0], 'refund6', 'newer first among equal matches');
    });

    it('escapes the ticket text in highlights', async () => {
      const page = await search(`q=${encodeURIComponent('加急')}`);
      assert.equal(page.items[0]!.highlights.snippet, '客户申请退款一周仍未到账 &lt;b&gt;<mark>加急</mark>&lt;/b&gt; &amp; 尽快');
    });

    it('finds ticket numbers, order numbers and their fragments, and customer names', async () => {
      assert.deepEqual(keysOf(await search(`q=${numbers.hotel}`)), ['hotel']);
      assert.deepEqual(keysOf(await search(`q=${numbers.hotel!.toLowerCase()}`)), ['hotel']);
      assert.deepEqual(keysOf(await search('q=SO2026112300017')), ['refund']);
      assert.deepEqual(keysOf(await search('q=2300017')), ['refund']);
      const page = await search(`q=${encodeURIComponent('王建国')}`);
      assert.deepEqual(keysOf(page).sort(), ['broadband', 'hotel']);
      assert.match(page.items[0]!.highlights.snippet, /<mark>王建国<\/mark>/);
    });

    it('finds a customer’s tickets by their full phone number in any format, through the customers module', async () => {
      for (const phone of ['13800138000', '+86 138 0013 8000', '138-0013-8000']) {
        assert.deepEqual(keysOf(await search(`q=${encodeURIComponent(phone)}`)).sort(), ['broadband', 'hotel'], phone);
      }
      assert.deepEqual(keysOf(await search(`q=${encodeURIComponent('13800138000 酒店')}`)), ['hotel']);
    });

    it('does not index phone numbers: not a phone form field, not a fragment of a customer’s number', async () => {
      assert.deepEqual(keysOf(await search('q=13698765432')), []);
      assert.deepEqual(keysOf(await search('q=38000')), []);
      assert.deepEqual(keysOf(await search('q=13912345')), []);
    });

    it('combines with the list filters', async () => {
      const q = `q=${encodeURIComponent('退款')}`;
      assert.deepEqual(keysOf(await search(`${q}&category=refund`)).sort(), ['hotel', 'refund']);
      assert.deepEqual(keysOf(await search(`${q}&serviceItem=hotels`)), ['hotel']);
      assert.deepEqual(keysOf(await search(`${q}&department=refunds&priority=medium&status=pending`)).length, 9);
      assert.deepEqual(keysOf(await search(`${q}&status=closed`)), []);
      const created = (await t.as('admin').get<Hit>(`/api/v1/tickets/${ids.refund3}`)).body.createdAt;
      assert.deepEqual(keysOf(await search(`${q}&createdTo=${encodeURIComponent(created)}&category=inquiry`)), ['refund2', 'refund1', 'refund0']);
    });

    it('shows each user only the tickets they may see', async () => {
      // The handler works in the refunds department: the broadband fault is not theirs.
      assert.deepEqual(keysOf(await search(`q=${encodeURIComponent('宽带')}`, 'handler')), []);
      assert.ok(keysOf(await search(`q=${encodeURIComponent('退款')}`, 'handler')).includes('refund'));
    });

    it('pages through the ranking with an opaque cursor, without repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await search(`q=${encodeURIComponent('退款')}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        seen.push(...keysOf(page));
        cursor = page.nextCursor;
      } while (cursor);
      assert.equal(seen.length, 9);
      assert.equal(new Set(seen).size, 9);
      assert.deepEqual(seen, keysOf(await search(`q=${encodeURIComponent('退款')}&limit=50`)));
      const first = await search(`q=${encodeURIComponent('退款')}&limit=3`);
      const wrong = await t.as('admin').get(`/api/v1/tickets?limit=3&cursor=${encodeURIComponent(first.nextCursor!)}`);
      assert.equal(wrong.status, 400, 'a relevance cursor does not continue a date-ordered list');
      const listCursor = (await search('limit=3')).nextCursor!;
      const mixed = await t.as('admin').get(`/api/v1/tickets?q=${encodeURIComponent('退款')}&cursor=${encodeURIComponent(listCursor)}`);
      assert.equal(mixed.status, 400, 'nor a list cursor a ranking');
    });

    it('sorts matches by a field when asked, paged by the usual cursor', async () => {
      const seen: Hit[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await search(`q=${encodeURIComponent('退款')}&sort=createdAt&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(
        seen.map((h) => h.createdAt),
        seen.map((h) => h.createdAt).sort(),
      );
      assert.equal(seen.length, 9);
      assert.ok(seen.every((h) => h.highlights.snippet.length > 0));
    });

    it('keeps the index current: notes, replies, results and edits are searchable at once', async () => {
      const admin = t.as('admin');
      assert.deepEqual(keysOf(await search(`q=${encodeURIComponent('尾纤')}`)), []);
      await admin.post(`/api/v1/tickets/${ids.broadband}/note`, { content: '上门检查发现尾纤弯折，已更换。', internal: true });
      const noted = await search(`q=${encodeURIComponent('尾纤')}`);
      assert.deepEqual(keysOf(noted), ['broadband']);
      assert.equal(noted.items[0]!.highlights.snippet, '上门检查发现<mark>尾纤</mark>弯折，已更换。');

      await admin.post(`/api/v1/tickets/${ids.topup}/accept`);
      await admin.post(`/api/v1/tickets/${ids.topup}/resolve`, { result: '系统延迟，已手工补充值到账。' });
      assert.deepEqual(keysOf(await search(`q=${encodeURIComponent('补充值')}`)), ['topup']);
      await admin.post(`/api/v1/tickets/${ids.topup}/reply`, { channel: 'phone', content: '已电话告知客户到账情况。' });
      assert.deepEqual(keysOf(await search(`q=${encodeURIComponent('电话告知')}`)), ['topup']);

      const edited = await admin.patch(`/api/v1/tickets/${ids.hotel}`, { title: '如家酒店取消预订扣费' });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.deepEqual(keysOf(await search(`q=${encodeURIComponent('如家')}`)), ['hotel']);
      assert.equal((await search(`q=${encodeURIComponent('如家')}`)).items[0]!.highlights.title, '<mark>如家</mark>酒店取消预订扣费');
    });

    it('rebuilds the index from the tickets with the same results (gongdan reindex)', async () => {
      const before = keysOf(await search(`q=${encodeURIComponent('退款')}`));
      const outcome = await reindexAll(t.ctx, { batchSize: 4 });
      assert.equal(outcome.tickets, Object.keys(ids).length);
      assert.deepEqual(keysOf(await search(`q=${encodeURIComponent('退款')}`)), before);
      assert.deepEqual(keysOf(await search(`q=${encodeURIComponent('尾纤')}`)), ['broadband']);
    });

    it('treats an empty box as no search, finds nothing for punctuation, and refuses an overlong query', async () => {
      const all = await search('q=%20&limit=200');
      assert.equal(all.items.length, Object.keys(ids).length);
      assert.equal(all.items[0]!.highlights, undefined);
      assert.deepEqual((await search(`q=${encodeURIComponent('，。！')}`)).items, []);
      const long = await t.as('admin').get(`/api/v1/tickets?q=${'退'.repeat(201)}`);
      assert.equal(long.status, 400);
    });
  });
}
