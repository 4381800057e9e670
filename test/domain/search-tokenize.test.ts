import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildSearchDocument, needsReindex, searchableFieldValues, searchableTexts } from '../../src/search/domain/search-document.js';
import {
  MAX_TERMS,
  WORD_MARK,
  everyTerm,
  indexTokens,
  needlesOf,
  normalise,
  parseQuery,
  searchTiers,
  type QueryPhrase,
} from '../../src/search/domain/tokenize.js';
import { fts5Expression, tsqueryExpression, tsqueryRankExpression } from '../../src/search/persistence/search-query.js';
import type { Ticket } from '../../src/tickets/domain/ticket.js';

const tokens = (text: string) => indexTokens(text).split(' ').filter(Boolean);

/** Whether a phrase occurs in a token stream: consecutive tokens, the last one possibly a prefix. */
function occurs(stream: readonly string[], phrase: QueryPhrase): boolean {
  for (let i = 0; i + phrase.tokens.length <= stream.length; i++) {
    const ok = phrase.tokens.every((t, k) =>
      phrase.prefix && k === phrase.tokens.length - 1 ? stream[i + k]!.startsWith(t) : stream[i + k] === t,
    );
    if (ok) return true;
  }
  return false;
}

describe('search tokenizer: indexing', () => {
  it('indexes CJK runs as overlapping bigrams plus their last character, then the marked jieba words', () => {
    const stream = tokens('光猫红灯');
    assert.deepEqual(stream.slice(0, 4), ['光猫', '猫红', '红灯', '灯']);
    assert.ok(stream.includes(`光猫${WORD_MARK}`) && stream.includes(`红灯${WORD_MARK}`));
    assert.ok(!stream.includes('光猫红灯'));
  });

  it('keeps punctuation-separated runs apart, so no bigram spans them', () => {
    assert.ok(!tokens('光猫，红灯').includes('猫红'));
  });

  it('marks only words jieba finds: 阳光猫砂 has the bigram 光猫 but not the word', () => {
    const stream = tokens('阳光猫砂到货破损');
    assert.ok(stream.includes('光猫'));
    assert.ok(!stream.includes(`光猫${WORD_MARK}`));
    assert.ok(stream.includes(`猫砂${WORD_MARK}`));
  });

  it('indexes alphanumeric runs whole, lower-cased, with their letter and digit parts and digit suffixes as extras', () => {
    const stream = tokens('订单号SO2026112300017');
    assert.ok(stream.includes('so2026112300017'));
    assert.ok(stream.includes('so') && stream.includes('2026112300017'));
    assert.ok(stream.includes('2300017') && stream.includes('0017'));
    assert.ok(!stream.includes('017'), 'suffixes stop at four digits');
    assert.deepEqual(tokens('GD-20261123-000001').slice(0, 3), ['gd', '20261123', '000001']);
  });

  it('normalises full-width letters and digits (NFKC) and case', () => {
    assert.equal(normalise('ＷｉＦｉ１２３'), 'wifi123');
    assert.deepEqual(tokens('ＷｉＦｉ密码').slice(0, 1), ['wifi']);
  });

  it('never indexes mobile numbers, alone, with 86 or inside text', () => {
    for (const text of ['13800138000', '客户电话13800138000', '8613800138000', '手机：138 0013 8000 联系']) {
      const stream = tokens(text);
      assert.ok(!stream.some((t) => t.includes('13800138000')), `${text} → ${stream.join(' ')}`);
      assert.ok(!stream.includes('38000'), 'nor their suffixes');
    }
  });

  it('emits only letters and digits, so the engines split exactly on spaces', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        for (const token of tokens(text)) assert.match(token, /^[\p{L}\p{N}]+$/u);
      }),
      { numRuns: 300 },
    );
  });

  it('finds any two or more consecutive Chinese characters of a text (recall by bigrams)', () => {
    const chars = [...'光猫红灯闪烁宽带无法上网退款发票改签电费停电燃气快递阳光猫砂出发票价修改签名充电费用'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...chars), { minLength: 2, maxLength: 20 }),
        fc.nat(),
        fc.nat(),
        (text, a, b) => {
          const s = text.join('');
          const start = a % (text.length - 1);
          const length = 2 + (b % (text.length - start - 1));
          const q = text.slice(start, start + length).join('');
          const stream = tokens(s);
          for (const term of parseQuery(q).terms) assert.ok(term.loose.some((p) => occurs(stream, p)), `"${q}" in "${s}"`);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('cuts an overlong field', () => {
    assert.ok(tokens('退'.repeat(50_000)).length < 25_000);
  });
});

describe('search tokenizer: queries', () => {
  it('splits a Chinese run into jieba words, each a term; the run as typed is a ranking bonus', () => {
    const { terms } = parseQuery('无法上网');
    assert.deepEqual(terms.map((t) => t.needles[0]!.text), ['无法', '上网']);
    assert.deepEqual(terms[0]!.precise, [
      { tokens: [`无法${WORD_MARK}`], prefix: false },
      { tokens: ['无法', '法上', '上网'], prefix: false },
    ]);
    assert.deepEqual(terms[1]!.loose, [
      { tokens: ['上网'], prefix: false },
      { tokens: [`上网${WORD_MARK}`], prefix: false },
    ]);
    assert.deepEqual(terms[0]!.asTyped, { tokens: ['无法', '法上', '上网'], prefix: false });
  });

  it('matches a single character as a prefix of bigrams', () => {
    assert.deepEqual(parseQuery('猫').terms[0]!.loose, [{ tokens: ['猫'], prefix: true }]);
  });

  it('drops single-character words inside a longer run (particles), keeping the run as typed', () => {
    const { terms } = parseQuery('光猫的红灯');
    assert.deepEqual(terms.map((t) => t.needles[0]!.text), ['光猫', '红灯']);
  });

  it('joins alphanumeric runs separated only by punctuation into one phrase; long tokens match as prefixes', () => {
    assert.deepEqual(parseQuery('GD-20261123-000001').terms[0]!.loose, [{ tokens: ['gd', '20261123', '000001'], prefix: true }]);
    assert.deepEqual(parseQuery('SO20261123').terms[0]!.loose, [{ tokens: ['so20261123'], prefix: true }]);
    assert.deepEqual(parseQuery('5G').terms[0]!.loose, [{ tokens: ['5g'], prefix: false }]);
    assert.deepEqual(
      parseQuery('iPhone退款').terms.map((t) => t.needles[0]!.text),
      ['iphone', '退款'],
    );
  });

  it('recognises a full phone number in any common format, alone or as a word', () => {
    assert.equal(parseQuery('+86 138 0013 8000').terms.length, 1);
    assert.equal(parseQuery('+86 138 0013 8000').terms[0]!.phone, '+86 138 0013 8000');
    assert.equal(parseQuery('010-12345678').terms[0]!.phone, '010-12345678');
    assert.equal(parseQuery('(+86)13800138000').terms[0]!.phone, '(+86)13800138000', 'as the customer list takes it');
    assert.equal(parseQuery('138.0013.8000').terms[0]!.phone, '138.0013.8000');
    assert.equal(parseQuery('宽带 13800138000').terms[1]!.phone, '13800138000');
    assert.equal(parseQuery('宽带').terms[0]!.phone, undefined);
    assert.equal(parseQuery('SO2026112300017').terms[0]!.phone, undefined);
  });

  it('searches a number typed with spaces or dashes as its groups in a row, or joined, unless a customer owns it', () => {
    for (const [typed, groups, joined] of [
      ['20261125-000084', ['20261125', '000084'], '20261125000084'],
      ['20261125 000084', ['20261125', '000084'], '20261125000084'],
      ['0571-88886666', ['0571', '88886666'], '057188886666'],
      ['7700 1234 5678', ['7700', '1234', '5678'], '770012345678'],
    ] as const) {
      const { terms } = parseQuery(typed);
      assert.equal(terms.length, 1, typed);
      assert.equal(terms[0]!.phone, typed);
      assert.deepEqual(terms[0]!.loose, [{ tokens: groups, prefix: true }, { tokens: [joined], prefix: true }], typed);
    }
    assert.deepEqual(parseQuery('13800138000').terms[0]!.loose, [{ tokens: ['13800138000'], prefix: true }]);
    assert.deepEqual(parseQuery('宽带 0571-88886666').terms[1]!.loose, [
      { tokens: ['0571', '88886666'], prefix: true },
      { tokens: ['057188886666'], prefix: true },
    ]);
  });

  it('keeps a character jieba leaves alone as a term of its own, anywhere in the ticket, unless it is a particle', () => {
    for (const [typed, needles] of [
      ['张先生', ['先生', '张']],
      ['三号楼', ['三号', '楼']],
      ['未到账', ['未到', '账']],
      ['宽带坏了', ['宽带', '坏']],
      ['手机没信号', ['手机', '信号', '没']],
    ] as const) {
      const { terms } = parseQuery(typed);
      assert.deepEqual(terms.map((t) => t.needles[0]!.text), needles, typed);
      const char = terms.at(-1)!;
      assert.deepEqual(char.precise, [{ tokens: [needles.at(-1)], prefix: true }], `${typed}: the character as a prefix of the index's bigrams`);
      assert.deepEqual(terms[0]!.asTyped, { tokens: [...typed].slice(0, -1).map((c, i) => c + [...typed][i + 1]), prefix: false }, `${typed}: the run as typed ranks first`);
      for (const tier of searchTiers(parseQuery(typed))) assert.equal(tier.groups.length, needles.length, `${typed}: every tier needs every term`);
    }
    assert.equal(parseQuery('退款了').terms.length, 1, 'a particle alone is dropped');
  });

  it('ignores punctuation-only input, repeated terms and terms beyond the limit', () => {
    assert.equal(parseQuery('，。！？  ').terms.length, 0);
    assert.equal(parseQuery('退款 退款').terms.length, 1);
    const many = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    assert.equal(parseQuery(many).terms.length, MAX_TERMS);
  });

  it('orders tiers: every term as a word, then every term as a substring; never only some terms', () => {
    const tiers = searchTiers(parseQuery('宽带 红灯'));
    assert.equal(tiers.length, 2);
    assert.deepEqual(tiers.at(-1)!.groups, everyTerm(parseQuery('宽带 红灯'))!.groups, 'the last tier selects what a count or an export does');
    assert.equal(searchTiers(parseQuery('SO2026112300017')).length, 1, 'no word/substring distinction for alphanumerics');
    assert.equal(searchTiers(parseQuery('')).length, 0);
    assert.deepEqual(everyTerm(parseQuery('光猫'))!.groups, [parseQuery('光猫').terms[0]!.loose]);
  });

  it('renders tiers for FTS5 and for to_tsquery', () => {
    const [precise, loose] = searchTiers(parseQuery('光猫 so2026'));
    assert.equal(fts5Expression(precise!), `("光猫${WORD_MARK}") AND ("so2026"*)`);
    assert.equal(fts5Expression(loose!), `("光猫" OR "光猫${WORD_MARK}") AND ("so2026"*)`);
    assert.equal(tsqueryExpression(loose!), `('光猫' | '光猫${WORD_MARK}') & ('so2026':*)`);
    const [typed] = searchTiers(parseQuery('无法上网'));
    assert.match(tsqueryExpression(typed!), /\('无法' <-> '法上' <-> '上网'\)/);
    assert.equal(tsqueryRankExpression(typed!), `'无法${WORD_MARK}' | '无法' | '法上' | '上网' | '上网${WORD_MARK}'`);
  });

  it('gives the highlighter the words typed', () => {
    assert.deepEqual(
      needlesOf(parseQuery('光猫 SO2026')).map((n) => n.text),
      ['光猫', 'so2026'],
    );
  });
});

describe('search documents', () => {
  const ticket = {
    title: '宽带无法上网',
    description: '光猫红灯',
    result: null,
    customerId: 'c1',
    serviceItemId: 's1',
    fields: { orderNumber: 'SO1' },
  } as unknown as Ticket;

  it('weights number and title, then description, form values and customer, then notes', () => {
    const doc = buildSearchDocument({
      number: 'GD-20261123-000001',
      title: '宽带无法上网',
      description: '光猫红灯',
      fieldValues: ['AD0571883921'],
      customerName: '王建国',
      texts: ['已更换尾纤'],
    });
    assert.ok(doc.title.startsWith('gd 20261123 000001 宽带'));
    assert.ok(doc.body.includes('ad0571883921') && doc.body.includes('建国'));
    assert.ok(doc.notes.includes('尾纤'));
  });

  it('leaves phone and email form fields out', () => {
    const definitions = [
      { key: 'mobile', label: '号码', type: 'phone', required: true },
      { key: 'mail', label: '邮箱', type: 'email', required: false },
      { key: 'amount', label: '金额', type: 'money', required: true },
    ] as const;
    const values = searchableFieldValues({ mobile: '13800138000', mail: 'a@b.cn', amount: 100, gone: '旧字段' }, [...definitions]);
    assert.deepEqual(values, ['100', '旧字段']);
  });

  it('searches notes, replies, results and closing notes once each', () => {
    const texts = searchableTexts(
      [
        { type: 'ticket.note_added', content: '已联系' },
        { type: 'ticket.transferred', content: '不属于本部门' },
        { type: 'ticket.resolved', content: '已退款' },
        { type: 'ticket.replied', content: '已告知' },
        { type: 'ticket.closed', content: null },
      ],
      '已退款',
    );
    assert.deepEqual(texts, ['已联系', '已退款', '已告知']);
  });

  it('re-indexes only when a step changes searched text', () => {
    const same = { ...ticket, status: 'in_progress' } as Ticket;
    assert.equal(needsReindex(ticket, same, { type: 'ticket.accepted', content: null }), false);
    assert.equal(needsReindex(ticket, same, { type: 'ticket.transferred', content: '转派' }), false);
    assert.equal(needsReindex(ticket, same, { type: 'ticket.note_added', content: '备注' }), true);
    assert.equal(needsReindex(ticket, { ...ticket, title: '新标题' } as Ticket, { type: 'ticket.updated', content: null }), true);
    assert.equal(needsReindex(ticket, { ...ticket, fields: { orderNumber: 'SO2' } } as Ticket, { type: 'ticket.updated', content: null }), true);
    assert.equal(needsReindex(ticket, { ...ticket, result: '已处理' } as Ticket, { type: 'ticket.resolved', content: null }), true);
  });
});
