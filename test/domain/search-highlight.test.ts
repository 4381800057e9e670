import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml, findMatches, highlight, SNIPPET_CHARS } from '../../src/search/domain/highlight.js';
import { needlesOf, parseQuery } from '../../src/search/domain/tokenize.js';

const sources = (over: Partial<Parameters<typeof highlight>[0]> = {}) => ({
  title: '光猫红灯闪烁',
  description: '客户反映宽带无法上网，重启光猫无效。',
  fieldValues: [],
  customerName: null,
  texts: [],
  ...over,
});
const needles = (q: string) => needlesOf(parseQuery(q));

describe('search highlights', () => {
  it('marks every match in the title and the snippet', () => {
    const h = highlight(sources(), needles('光猫'));
    assert.equal(h.title, '<mark>光猫</mark>红灯闪烁');
    assert.equal(h.snippet, '客户反映宽带无法上网，重启<mark>光猫</mark>无效。');
  });

  it('leaves the title out when it has no match', () => {
    const h = highlight(sources(), needles('宽带'));
    assert.equal(h.title, undefined);
    assert.equal(h.snippet, '客户反映<mark>宽带</mark>无法上网，重启光猫无效。');
  });

  it('merges adjacent matches of several words', () => {
    assert.equal(highlight(sources(), needles('无法上网')).snippet, '客户反映宽带<mark>无法上网</mark>，重启光猫无效。');
  });

  it('escapes the ticket text; only <mark> is markup', () => {
    const h = highlight(sources({ title: '<script>alert("退款")</script>', description: 'a & b <b>退款</b>' }), needles('退款'));
    assert.equal(h.title, '&lt;script&gt;alert(&quot;<mark>退款</mark>&quot;)&lt;/script&gt;');
    assert.equal(h.snippet, 'a &amp; b &lt;b&gt;<mark>退款</mark>&lt;/b&gt;');
    assert.equal(escapeHtml(`'`), '&#39;');
  });

  it('takes the snippet from the text with the most matched words: a note, a reply, a form value', () => {
    const h = highlight(sources({ texts: ['上门检查发现尾纤弯折，已更换尾纤。'] }), needles('尾纤'));
    assert.equal(h.snippet, '上门检查发现<mark>尾纤</mark>弯折，已更换<mark>尾纤</mark>。');
    const f = highlight(sources({ fieldValues: ['SO2026112300017', '299'] }), needles('2300017'));
    assert.equal(f.snippet, 'SO202611<mark>2300017</mark> · 299');
  });

  it('cuts a long text around the first match, with ellipses', () => {
    const long = `${'前'.repeat(200)}退款${'后'.repeat(200)}`;
    const h = highlight(sources({ description: long }), needles('退款'));
    assert.ok(h.snippet.startsWith('…') && h.snippet.endsWith('…'));
    assert.ok(h.snippet.includes('<mark>退款</mark>'));
    assert.equal([...h.snippet.replace(/<\/?mark>/g, '')].length, SNIPPET_CHARS + 2);
  });

  it('without any match shows the start of the description', () => {
    assert.equal(highlight(sources(), needles('发票')).snippet, '客户反映宽带无法上网，重启光猫无效。');
  });

  it('matches letters from a word start, case- and width-insensitively; prefixes when typed so', () => {
    assert.deepEqual(findMatches('WiFi router; ＷＩＦＩ', needles('wifi')).ranges, [[0, 4], [13, 17]]);
    assert.deepEqual(findMatches('routers', needles('route')).ranges, [[0, 5]]);
    assert.deepEqual(findMatches('myrouter', needles('route')).ranges, []);
    assert.deepEqual(findMatches('5G套餐', needles('5G')).ranges, [[0, 2]]);
    assert.deepEqual(findMatches('15G', needles('5G')).ranges, []);
  });
});
