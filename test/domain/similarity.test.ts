import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bestPossible, keywordsOf, profileOf, similarity, surfaceOf } from '../../src/search/domain/similarity.js';
import { POOL, PROBES } from '../fixtures/similar-tickets-corpus.js';

const score = (a: string, b: string) => similarity(profileOf(a), profileOf(b));

describe('ticket text similarity', () => {
  it('scores a text against itself 1 and unrelated texts near 0', () => {
    const text = '阳光花园小区3栋从上午9点开始停电，至今未恢复。';
    assert.equal(score(text, text).score, 1);
    assert.ok(score(text, '客户咨询会员积分可以兑换哪些礼品。').score < 0.1);
  });

  it('finds the same incident told in other words, and tells it apart from the same incident elsewhere', () => {
    const reported = '阳光花园小区3栋从上午9点开始停电，至今未恢复，询问抢修进度。';
    const again = score('阳光花园5栋停电了，家里没电，问什么时候能恢复。', reported);
    const elsewhere = score('翠湖湾小区5栋停电，询问什么时候恢复。', reported);
    assert.ok(again.score >= 0.4 && again.anchored, JSON.stringify(again));
    assert.ok(elsewhere.score < 0.2 && !elsewhere.anchored, JSON.stringify(elsewhere));
  });

  it('treats a shared order number as the same matter and two different ones as different matters', () => {
    const refund = '订单SO2026112000123退款未到账，商家已确认收货。';
    const same = score('SO2026112000123这个订单退款还没收到钱。', refund);
    const other = score('订单SO2026111800456退款未到账，商家已确认收货。', refund);
    assert.ok(same.score >= 0.7 && same.anchored);
    assert.ok(other.score < 0.4 && !other.anchored, 'nearly the same words, another order');
    // Amounts and dates are not identifiers: two refunds of 399 元 are not one refund.
    assert.ok(!score('退款399元', '退款399元没到账').anchored);
  });

  it('keeps the words that say what the ticket is about, not the call-centre register', () => {
    const keywords = keywordsOf(profileOf('客户来电反映，家里宽带无法上网，光猫红灯闪烁，要求尽快处理。'), 6);
    assert.ok(keywords.includes('宽带') && keywords.includes('红灯'), String(keywords));
    for (const stop of ['客户', '来电', '反映', '要求', '尽快', '处理', '无法']) assert.ok(!keywords.includes(stop), stop);
  });

  it('reads full-width and upper-case text as its plain form', () => {
    assert.equal(score('ＡＰＰ更新到５.２.０后闪退', 'app更新到5.2.0后闪退').score, 1);
  });

  it('never prunes a candidate that would have scored: the bound holds for every pair of the labelled set', () => {
    const texts = [...POOL, ...PROBES].map((t) => `${t.title}\n${t.description}`);
    for (const a of texts) {
      for (const b of texts) {
        const actual = similarity(profileOf(a), profileOf(b)).score;
        assert.ok(bestPossible(surfaceOf(a), surfaceOf(b)) >= actual - 1e-9, `${a} / ${b}`);
      }
    }
  });
});
