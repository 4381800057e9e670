import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { POOL, PROBES, type SimilarPoolTicket } from '../fixtures/similar-tickets-corpus.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

interface Candidate {
  ticket: { id: string; number: string; status: string; customer: { id: string } | null };
  reasons: Array<'same_customer' | 'similar_text'>;
  score: number | null;
}
interface Created {
  id: string;
  customer: { id: string } | null;
  similar: Candidate[];
}

const PROBE_TIME = '2026-11-23T06:00:00.000Z';
const DAY = 86_400_000;

/** Precision and recall wanted of text repeats over the whole labelled set (measured: see docs/search.md). */
const MIN_PRECISION = 0.85;
const MIN_RECALL = 0.95;

for (const dialect of dialects()) {
  describe(`similar tickets at create (${dialect})`, () => {
    let t: TestApp;
    const idOf = new Map<string, string>();
    const keyOf = new Map<string, string>();

    async function record(ticket: SimilarPoolTicket, extra: Record<string, unknown> = {}): Promise<Created> {
      const response = await t.as('admin').post<Created>('/api/v1/tickets', {
        title: ticket.title,
        description: ticket.description,
        channel: 'phone',
        category: 'other',
        serviceItem: 'other',
        priority: 'medium',
        ...(ticket.phone && { customer: { phone: ticket.phone } }),
        ...(ticket.closed ? { answeredOnSpot: true, result: '已处理' } : { department: 'exceptions' }),
        ...extra,
      });
      assert.equal(response.status, 201, `${ticket.key}: ${JSON.stringify(response.body)}`);
      return response.body;
    }

    before(async () => {
      t = await startTestApp(dialect);
      // Oldest first, a minute apart, ending just before the probes.
      const ordered = [...POOL].sort((a, b) => (b.ageDays ?? 0) - (a.ageDays ?? 0));
      const start = new Date(PROBE_TIME).getTime() - DAY;
      for (const [i, ticket] of ordered.entries()) {
        t.clock.set(new Date(start - (ticket.ageDays ?? 0) * DAY + i * 60_000));
        const created = await record(ticket);
        idOf.set(ticket.key, created.id);
        keyOf.set(created.id, ticket.key);
      }
      t.clock.set(PROBE_TIME);
    });
    after(async () => t?.close());

    async function probe(body: unknown, user: 'admin' | 'handler' = 'admin'): Promise<Candidate[]> {
      const response = await t.as(user).post<{ items: Candidate[] }>('/api/v1/tickets/similar', body);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body.items;
    }

    it('offers the repeats a person would merge, with the labelled precision and recall', async (ctx) => {
      let found = 0;
      let offered = 0;
      let wanted = 0;
      const misses: string[] = [];
      for (const p of PROBES) {
        const items = await probe({ title: p.title, description: p.description });
        const keys = items.filter((c) => c.reasons.includes('similar_text')).map((c) => keyOf.get(c.ticket.id) ?? c.ticket.id);
        for (const key of keys) if (!p.duplicates.includes(key)) misses.push(`${p.key} offered ${key}`);
        for (const key of p.duplicates) if (!keys.includes(key)) misses.push(`${p.key} missed ${key}`);
        found += keys.filter((k) => p.duplicates.includes(k)).length;
        offered += keys.length;
        wanted += p.duplicates.length;
        // Closed tickets and tickets older than the window are never offered, however alike.
        assert.ok(!keys.includes('outage-sunshine-closed') && !keys.includes('broadband-changning-old'), `${p.key}: ${keys}`);
        const scores = items.filter((c) => c.score !== null).map((c) => c.score!);
        assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'best first');
      }
      const precision = found / offered;
      const recall = found / wanted;
      ctx.diagnostic(`precision ${precision.toFixed(3)} (${found}/${offered}), recall ${recall.toFixed(3)} (${found}/${wanted}); ${misses.join('; ')}`);
      assert.ok(precision >= MIN_PRECISION, `precision ${precision}: ${misses.join('; ')}`);
      assert.ok(recall >= MIN_RECALL, `recall ${recall}: ${misses.join('; ')}`);
    });

    it("answers a create with the caller's open tickets and the text repeats, and never the new ticket itself", async () => {
      const created = await record(
        { key: 'new', title: '又扣了视频彩铃的钱', description: '我没开通过视频彩铃，这个月话费又多扣了30块钱。', phone: '13800138001' },
        { department: undefined },
      );
      const vas = created.similar.find((c) => c.ticket.id === idOf.get('vas-charge'));
      assert.ok(vas, JSON.stringify(created.similar));
      assert.deepEqual(vas.reasons, ['same_customer', 'similar_text']);
      assert.ok(vas.score! >= 0.4);
      assert.ok(!created.similar.some((c) => c.ticket.id === created.id));

      // The same caller on another matter: their open ticket is offered for its customer alone.
      const other = await record({ key: 'new2', title: '咨询积分兑换', description: '客户咨询会员积分可以兑换哪些礼品。', phone: '13800138001' });
      const byCustomer = other.similar.filter((c) => c.reasons.includes('same_customer')).map((c) => c.ticket.id);
      assert.deepEqual(byCustomer.sort(), [created.id, idOf.get('vas-charge')].sort());
      assert.ok(other.similar.every((c) => c.reasons.length > 1 || c.score === null));

      // An integration that shows no one the answer may leave the lookup out.
      const quiet = await t.as('admin').post<Created>('/api/v1/tickets?similar=false', {
        title: '又扣了视频彩铃的钱', description: '我没开通过视频彩铃，这个月话费又多扣了30块钱。', channel: 'phone',
        category: 'other', serviceItem: 'other', priority: 'medium', customer: { phone: '13800138001' },
      });
      assert.equal(quiet.status, 201);
      assert.deepEqual(quiet.body.similar, []);
    });

    it('offers the ticket of another caller only when both name the same place or number', async () => {
      // Two callers with the same routine request are not repeats of each other (a ticket without a
      // customer may be anyone's, so the corpus's own 宽带新装 is still offered) …
      const installA = await record({ key: 'install-a', title: '宽带新装', description: '客户新家想办理宽带新装，预约上门安装。', phone: '13700137001' });
      const text = { title: '宽带新装', description: '客户想办理宽带新装，请安排上门安装。' };
      const offered = async (body: unknown) => (await probe(body)).filter((c) => c.reasons.includes('similar_text')).map((c) => c.ticket.id);
      assert.ok((await offered(text)).includes(installA.id), 'an unknown caller may be the same one');
      assert.ok(!(await offered({ ...text, customer: { phone: '13700137002' } })).includes(installA.id), 'a new caller');
      await record({ key: 'known-b', title: '咨询', description: '咨询', phone: '13700137005' });
      assert.ok(!(await offered({ ...text, customer: { phone: '13700137005' } })).includes(installA.id), 'another known caller');
      assert.ok((await offered({ ...text, customer: { phone: '13700137001' } })).includes(installA.id), 'the same caller');
      // … while two callers reporting an outage at the same estate are.
      await record({ key: 'outage-a', title: '星光苑停电', description: '星光苑小区2栋停电，电梯停了。', phone: '13700137003' });
      const incident = await probe({ title: '星光苑没电了', description: '星光苑小区9栋停电，什么时候来电？', customer: { phone: '13700137004' } });
      assert.equal(incident.filter((c) => c.reasons.includes('similar_text')).length, 1);
    });

    it("lists a ticket's repeats on its page, and only the tickets the reader may see", async () => {
      const page = await t.as('admin').get<{ items: Candidate[] }>(`/api/v1/tickets/${idOf.get('outage-sunshine-1')}/similar`);
      assert.equal(page.status, 200);
      const keys = page.body.items.map((c) => keyOf.get(c.ticket.id));
      assert.ok(keys.includes('outage-sunshine-2') && !keys.includes('outage-sunshine-1'), String(keys));

      // The handler works in refunds: the outage tickets in the exceptions queue are not theirs to see.
      const handlers = await probe({ title: '阳光花园停电', description: '阳光花园5栋停电了。' }, 'handler');
      assert.deepEqual(handlers, []);
      const refund = await record({ key: 'refund', title: '订单SO2026112000999退款未到账', description: '订单SO2026112000999退款申请两周了还没到账。' }, { department: 'refunds' });
      const visible = await probe({ title: '退款没到账', description: 'SO2026112000999的退款还没到账。' }, 'handler');
      assert.deepEqual(visible.map((c) => c.ticket.id), [refund.id]);
    });

    it('refuses a probe without text with a problem, not an empty answer', async () => {
      const response = await t.as('admin').post<{ code: string }>('/api/v1/tickets/similar', { title: '停电' });
      assert.equal(response.status, 400);
      assert.equal(response.body.code, 'validation_failed');
    });
  });
}

for (const dialect of dialects()) {
  describe(`similar tickets in a busy hour (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(async () => t?.close());

    it('finds the open repeat from days ago behind more than a hundred newer matches answered on the spot', async () => {
      const record = async (text: { title: string; description: string }, extra: Record<string, unknown> = {}) => {
        const response = await t.as('agent').post<Created>('/api/v1/tickets?similar=false', {
          ...text,
          channel: 'phone',
          category: 'fault',
          serviceItem: 'other',
          priority: 'medium',
          ...(extra.answeredOnSpot ? extra : { department: 'exceptions', ...extra }),
        });
        assert.equal(response.status, 201, JSON.stringify(response.body));
        return response.body;
      };
      t.clock.set(new Date(Date.parse(PROBE_TIME) - 3 * DAY));
      const open = await record({ title: '宽带断网', description: '家里宽带断网两天了，光猫灯一直闪，报修后还没人上门。' });
      // An outage: the same complaint all afternoon, each call answered on the spot (closed at once).
      for (let i = 0; i < 110; i++) {
        t.clock.set(new Date(Date.parse(PROBE_TIME) - DAY + i * 60_000));
        await record({ title: '宽带断网', description: `家里宽带断网两天了，光猫灯一直闪，报修后还没人上门。（第${i + 1}位来电）` }, { answeredOnSpot: true, result: '已告知故障抢修进度' });
      }
      t.clock.set(PROBE_TIME);
      const probe = await t.as('agent').post<{ items: Candidate[] }>('/api/v1/tickets/similar', { title: '宽带还是断网', description: '宽带断网好几天了，光猫灯一直闪，报修一直没人来。' });
      assert.equal(probe.status, 200, JSON.stringify(probe.body));
      assert.deepEqual(probe.body.items.map((c) => c.ticket.id), [open.id], 'the only open repeat, and no closed ticket');
    });

    it('offers a closed ticket again once it is reopened', async () => {
      const text = { title: '燃气表读数异常', description: '燃气表读数比上月多出三倍，怀疑燃气表故障，要求上门检测。' };
      const offered = async () => {
        const probe = await t.as('agent').post<{ items: Candidate[] }>('/api/v1/tickets/similar', { title: '燃气表读数不对', description: '燃气表读数突然多了三倍，怀疑燃气表坏了，请上门检测。' });
        assert.equal(probe.status, 200, JSON.stringify(probe.body));
        return probe.body.items.map((c) => c.ticket.id);
      };
      const response = await t.as('agent').post<Created>('/api/v1/tickets?similar=false', {
        ...text, channel: 'phone', category: 'fault', serviceItem: 'other', priority: 'medium', answeredOnSpot: true, result: '已告知自行核对',
      });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      const closed = response.body;
      assert.ok(!(await offered()).includes(closed.id), 'closed: not a candidate');
      const reopened = await t.as('agent').post(`/api/v1/tickets/${closed.id}/reopen`, { reason: '客户再次来电，问题没有解决' });
      assert.equal(reopened.status, 200, JSON.stringify(reopened.body));
      assert.ok((await offered()).includes(closed.id), 'reopened: a candidate again');
    });
  });
}
