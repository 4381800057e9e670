import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import type { AttributeDefinition } from '../../src/customers/domain/attributes.js';
import {
  escapeFormula,
  formatPhone,
  headerKey,
  parseDate,
  splitLabelled,
  splitList,
  unescapeFormula,
  ZonedFormatter,
} from '../../src/transfer/domain/cells.js';
import { mapHeader, RowCells, type MappedColumn } from '../../src/transfer/domain/columns.js';
import { csvText, detectDelimiter, readCsv } from '../../src/transfer/domain/csv-file.js';
import { customerColumnTable, customerExportHeader, customerExportRow, readCustomerRow } from '../../src/transfer/domain/customer-columns.js';
import { decodeCsvBytes, detectEncoding, isDecodeProblem } from '../../src/transfer/domain/encoding.js';
import { mayImport, progressPercent } from '../../src/transfer/domain/import-job.js';
import { fieldColumns, readTicketRow, resolveNamed, ticketColumnTable, type TicketReferences } from '../../src/transfer/domain/ticket-columns.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const CHINESE = '姓名,手机,标签\n张伟,13800138000,VIP；老客户\n欧阳娜娜,010-6552 8888,\n';

describe('encoding detection', () => {
  it('reads a UTF-8 file with a byte-order mark, and drops the mark', () => {
    const bytes = Buffer.concat([BOM, Buffer.from(CHINESE, 'utf8')]);
    assert.equal(detectEncoding(bytes), 'utf-8');
    const decoded = decodeCsvBytes(bytes);
    assert.ok(!isDecodeProblem(decoded));
    assert.equal(decoded.encoding, 'utf-8');
    assert.equal(decoded.text, CHINESE, 'no BOM character left at the start of the first header');
  });

  it('reads UTF-8 without a mark as UTF-8', () => {
    const decoded = decodeCsvBytes(Buffer.from(CHINESE, 'utf8'));
    assert.ok(!isDecodeProblem(decoded));
    assert.deepEqual([decoded.encoding, decoded.text], ['utf-8', CHINESE]);
  });

  it('reads what is not UTF-8 as GBK (GB18030): Excel’s "CSV" on a Chinese Windows', () => {
    const gbk = iconv.encode(CHINESE, 'gbk');
    assert.equal(detectEncoding(gbk), 'gbk');
    const decoded = decodeCsvBytes(gbk);
    assert.ok(!isDecodeProblem(decoded));
    assert.deepEqual([decoded.encoding, decoded.text], ['gbk', CHINESE]);
    // A character outside GBK that GB18030 (its superset) encodes in four bytes.
    const rare = iconv.encode('𠀀先生,13800138000\n', 'gb18030');
    const rareDecoded = decodeCsvBytes(rare);
    assert.ok(!isDecodeProblem(rareDecoded));
    assert.equal(rareDecoded.text, '𠀀先生,13800138000\n');
  });

  it('reads UTF-16 with a byte-order mark (Excel’s "Unicode text")', () => {
    const bytes = iconv.encode('姓名\t手机\n张伟\t13800138000\n', 'utf-16le', { addBOM: true });
    const decoded = decodeCsvBytes(bytes);
    assert.ok(!isDecodeProblem(decoded));
    assert.deepEqual([decoded.encoding, decoded.text], ['utf-16le', '姓名\t手机\n张伟\t13800138000\n']);
  });

  it('refuses UTF-16 holding half of a character pair, naming the line (it was stored as U+FFFD without a word)', () => {
    const lone = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name,phone\nLone', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from(',13800011234\n', 'utf16le')]);
    const decoded = decodeCsvBytes(lone);
    assert.ok(isDecodeProblem(decoded));
    assert.equal(decoded.code, 'invalid_encoding');
    assert.match(decoded.message, /^Line 2 of the file holds half of a UTF-16 character pair/);
    const paired = decodeCsvBytes(iconv.encode('name\n𠀀先生\n', 'utf-16le', { addBOM: true }));
    assert.ok(!isDecodeProblem(paired), 'a whole pair (a character outside the BMP) is fine');
  });

  it('names the first line that is not UTF-8 when the file is read as UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('姓名,手机\n张伟,13800138000\n', 'utf8'), iconv.encode('李娜', 'gbk'), Buffer.from(',13900139000\n', 'utf8')]);
    const decoded = decodeCsvBytes(bytes, 'utf-8');
    assert.ok(isDecodeProblem(decoded));
    assert.equal(decoded.code, 'invalid_encoding');
    assert.match(decoded.message, /^Line 3 of the file is not valid UTF-8 text/);
  });

  it('lets an explicit encoding override detection, and refuses what the named encoding cannot read', () => {
    // Short GBK text can happen to be valid UTF-8; the caller who knows says gbk.
    const ambiguous = iconv.encode('姓名', 'gbk');
    const asGbk = decodeCsvBytes(ambiguous, 'gbk');
    assert.ok(!isDecodeProblem(asGbk));
    assert.equal(asGbk.text, '姓名');
    const refused = decodeCsvBytes(iconv.encode(CHINESE, 'gbk'), 'utf-8');
    assert.ok(isDecodeProblem(refused));
    assert.equal(refused.code, 'invalid_encoding');
    assert.match(refused.message, /encoding=gbk/);
  });

  it('refuses spreadsheets, empty files and bytes that are neither UTF-8 nor GBK', () => {
    const xlsx = decodeCsvBytes(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]));
    assert.ok(isDecodeProblem(xlsx));
    assert.equal(xlsx.code, 'not_csv');
    assert.match(xlsx.message, /CSV UTF-8/);
    const empty = decodeCsvBytes(Buffer.alloc(0));
    assert.ok(isDecodeProblem(empty) && empty.code === 'empty_file');
    const garbage = decodeCsvBytes(Buffer.from([0x61, 0x0a, 0x81, 0x20, 0x0a]));
    assert.ok(isDecodeProblem(garbage));
    assert.equal(garbage.code, 'invalid_encoding');
    assert.match(garbage.message, /Line 2/);
  });
});

describe('cells', () => {
  it('escapes formula-like cells with an apostrophe, and an import takes it off again', () => {
    for (const value of ['=HYPERLINK("http://x","y")', '+86 138', '-5', '@SUM(A1)', '\tx', '\rx']) {
      assert.equal(escapeFormula(value), `'${value}`);
      assert.equal(unescapeFormula(escapeFormula(value)), value);
    }
    for (const value of ['退款', '13800138000', "'quoted", 'a=b']) {
      assert.equal(escapeFormula(value), value);
      assert.equal(unescapeFormula(value), value);
    }
  });

  it('keeps the apostrophe a value begins with before a formula character: one more on export, one off on import', () => {
    for (const value of ["'=quoted", "''+1", "'-5", "'@x"]) {
      assert.equal(escapeFormula(value), `'${value}`);
      assert.equal(unescapeFormula(escapeFormula(value)), value);
    }
    assert.equal(unescapeFormula("'=typed by hand"), '=typed by hand', 'an apostrophe a person typed before a formula still goes');
  });

  it('splits lists on ; , and their full-width forms, and reads [labels]', () => {
    assert.deepEqual(splitList('VIP；老客户, 投诉多、 ;'), ['VIP', '老客户', '投诉多']);
    assert.deepEqual(splitLabelled('010-6552 8888 [办公]'), { value: '010-6552 8888', label: '办公' });
    assert.deepEqual(splitLabelled('13800138000'), { value: '13800138000', label: null });
  });

  it('matches headers written in many ways', () => {
    assert.equal(headerKey(' 手机号码* '), headerKey('手机号码'));
    assert.equal(headerKey('Customer_Phone'), headerKey('customer phone'));
    assert.equal(headerKey('ＥＭＡＩＬ'), 'email');
    assert.equal(headerKey('姓名(必填)'), '姓名');
  });

  it('writes landlines so that a spreadsheet keeps the leading 0', () => {
    assert.equal(formatPhone('01065528888'), '010-65528888');
    assert.equal(formatPhone('075588886666'), '0755-88886666');
    assert.equal(formatPhone('4008208820'), '400-820-8820');
    assert.equal(formatPhone('13800138000'), '13800138000');
    assert.equal(formatPhone('138****8000'), '138****8000');
  });

  it('reads dates as spreadsheets write them, refusing ones that do not exist', () => {
    assert.equal(parseDate('2026/1/5'), '2026-01-05');
    assert.equal(parseDate('2026年11月23日'), '2026-11-23');
    assert.equal(parseDate('2026-02-30'), null);
  });

  it('writes and reads times in the organisation’s zone with the offset', () => {
    const shanghai = new ZonedFormatter('Asia/Shanghai');
    assert.equal(shanghai.format('2026-11-23T01:30:00.000Z'), '2026-11-23T09:30:00+08:00');
    assert.equal(shanghai.parseLocal('2026/11/23 9:30'), '2026-11-23T01:30:00.000Z');
    assert.equal(shanghai.parseLocal('2026-11-23T09:30:00+09:00'), '2026-11-23T00:30:00.000Z');
    const berlin = new ZonedFormatter('Europe/Berlin');
    assert.equal(berlin.format('2026-07-01T12:00:00.000Z'), '2026-07-01T14:00:00+02:00', 'summer time');
    assert.equal(berlin.format('2026-12-01T12:00:00.000Z'), '2026-12-01T13:00:00+01:00');
    assert.equal(berlin.parseLocal('2026-07-01 14:00'), '2026-07-01T12:00:00.000Z');
  });
});

describe('CSV files', () => {
  it('numbers rows as a spreadsheet does: header row 1, blank lines keep their number, quoted line breaks stay in one row', async () => {
    const rows = [];
    for await (const record of readCsv('姓名,备注\n张伟,"第一行\n第二行"\n\n李娜,"含,逗号"\n5" 屏,x\n')) rows.push(record);
    assert.deepEqual(rows, [
      { row: 1, cells: ['姓名', '备注'] },
      { row: 2, cells: ['张伟', '第一行\n第二行'] },
      { row: 3, cells: [''] },
      { row: 4, cells: ['李娜', '含,逗号'] },
      { row: 5, cells: ['5" 屏', 'x'] },
    ]);
  });

  it('names the row of an unclosed quote', async () => {
    await assert.rejects(
      async () => {
        for await (const _ of readCsv('a,b\n1,2\n"3,4\n')) void _;
      },
      { name: 'CsvSyntaxError', message: /Row 3.*never closed/ },
    );
  });

  it('finds the delimiter from the header line', () => {
    assert.equal(detectDelimiter('姓名,手机\n'), ',');
    assert.equal(detectDelimiter('姓名\t手机\n'), '\t');
    assert.equal(detectDelimiter('"a;b",c\n'), ',');
  });

  it('writes UTF-8 with a BOM, CRLF, quotes where needed and formulas escaped', async () => {
    const text = await csvText([
      ['标题', '描述'],
      ['=1+1', '含,逗号 与 "引号"'],
    ]);
    assert.equal(text, '\uFEFF标题,描述\r\n\'=1+1,"含,逗号 与 ""引号"""\r\n');
  });

  it('quotes a value holding a bare line break, so spreadsheets keep it in one row', async () => {
    const text = await csvText([['描述'], ['第一行\n第二行'], ['回车\r换行']]);
    assert.equal(text, '\uFEFF描述\r\n"第一行\n第二行"\r\n"回车\r换行"\r\n');
  });
});

const INDUSTRY: AttributeDefinition = {
  id: 'a1',
  key: 'industry',
  label: '行业',
  labelEn: 'Industry',
  type: 'select',
  options: ['电信', '零售'],
  required: false,
  position: 0,
  active: true,
  createdAt: '2026-11-23T00:00:00.000Z',
  updatedAt: '2026-11-23T00:00:00.000Z',
};
const VIP_SINCE: AttributeDefinition = { ...INDUSTRY, id: 'a2', key: 'vip_since', label: '入会日期', labelEn: 'VIP since', type: 'date', options: [] };
const MARKETING: AttributeDefinition = { ...INDUSTRY, id: 'a3', key: 'marketing', label: '接受营销', labelEn: null, type: 'boolean', options: [] };
const DEFINITIONS = [INDUSTRY, VIP_SINCE, MARKETING];

function mapped(header: string[], definitions = DEFINITIONS): MappedColumn[] {
  const result = mapHeader(customerColumnTable(definitions), header, { ignoreUnknown: false });
  assert.ok(!('problems' in result), JSON.stringify(result));
  return result.columns;
}

describe('customer columns', () => {
  it('maps Chinese and English headers, attributes by label or key, external ids by scheme', () => {
    const columns = mapped(['客户姓名', 'Mobile', '办公电话', 'E-mail', '客户类型', '等级', 'Tags', '行业', 'attr:vip_since', '外部编号:wechat_openid', '创建时间']);
    assert.deepEqual(
      columns.map((c) => c.target),
      [
        { kind: 'builtin', key: 'name' },
        { kind: 'builtin', key: 'phones' },
        { kind: 'builtin', key: 'phones' },
        { kind: 'builtin', key: 'emails' },
        { kind: 'builtin', key: 'type' },
        { kind: 'builtin', key: 'tier' },
        { kind: 'builtin', key: 'tags' },
        { kind: 'attribute', key: 'industry' },
        { kind: 'attribute', key: 'vip_since' },
        { kind: 'external', scheme: 'wechat_openid' },
        { kind: 'ignored', reason: 'informational' },
      ],
    );
  });

  it('refuses unknown, missing and doubled columns all at once, naming them', () => {
    const result = mapHeader(customerColumnTable(DEFINITIONS), ['手机', '会员卡号', '手机号', '等级', '级别'], { ignoreUnknown: false });
    assert.ok('problems' in result);
    assert.deepEqual(
      result.problems.map((p) => [p.code, p.columns]),
      [
        ['unknown_columns', ['会员卡号']],
        ['missing_columns', ['姓名']],
        ['duplicate_columns', ['等级 / 级别']],
      ],
    );
    const lenient = mapHeader(customerColumnTable(DEFINITIONS), ['姓名', '会员卡号'], { ignoreUnknown: true });
    assert.ok(!('problems' in lenient));
    assert.deepEqual(lenient.columns[1]!.target, { kind: 'ignored', reason: 'unknown' });
  });

  it('reads a row into a customer, typed values and sources for error messages', () => {
    const columns = mapped(['姓名', '手机', '办公电话', '邮箱', '类型', '标签', '行业', '入会日期', '接受营销', '外部编号']);
    const row = readCustomerRow(
      new RowCells(
        ['  陈静 ', '139 1000 2000', '010-6552 8888 [办公]', 'chen@example.com [工作]', '政企', 'VIP，投诉多', '电信', '2025/3/1', '是', 'account_no:ACC-1; wechat_openid:oUpF8'],
        columns,
      ),
      DEFINITIONS,
    );
    assert.deepEqual(row.issues, []);
    assert.deepEqual(row.draft, {
      name: '陈静',
      type: 'enterprise',
      phones: [{ number: '139 1000 2000' }, { number: '010-6552 8888', label: '办公' }],
      emails: [{ address: 'chen@example.com', label: '工作' }],
      externalIds: [
        { kind: 'account_no', value: 'ACC-1' },
        { kind: 'wechat_openid', value: 'oUpF8' },
      ],
      tags: ['VIP', '投诉多'],
      attributes: { industry: '电信', vip_since: '2025-03-01', marketing: true },
    });
    assert.equal(row.sources.find('phones.1.number')?.column.header, '办公电话');
    assert.equal(row.sources.find('attributes.marketing')?.column.header, '接受营销');
  });

  it('reports each bad cell by column, with personal values masked in the excerpt', () => {
    const columns = mapped(['姓名', '手机', '类型', '入会日期', '接受营销', '']);
    const row = readCustomerRow(new RowCells(['', '1.38001E+10', '个体户', '2025-02-30', '也许', 'x', 'extra'], columns), DEFINITIONS);
    assert.deepEqual(
      row.issues.map((i) => [i.column, i.value, i.code]),
      [
        ['(column 6)', '****', 'value_without_header'],
        [null, '****', 'too_many_cells'],
        ['姓名', null, 'required'],
        ['类型', '个体户', 'invalid_value'],
        ['手机', '1.3****10', 'excel_number'],
        ['入会日期', '2025-02-30', 'invalid_value'],
        ['接受营销', '也许', 'invalid_value'],
      ],
    );
  });

  it('writes tags, labels and external ids holding separators or brackets so that they read back whole', () => {
    const record = {
      id: 'c1',
      name: '陈静',
      type: 'individual' as const,
      tier: null,
      parentName: null,
      phones: [{ value: '13910002000', label: '手机;备用', masked: false }, { value: '01065528888', label: '家[1]', masked: false }],
      emails: [{ value: 'chen@example.com', label: '工作, 主要' }],
      externalIds: [{ scheme: 'account_no', value: 'ACC;1,2' }],
      tags: ['a,b', '北京、上海', 'x;y', 'C:\\data', '反斜杠\\;', '[重要]'],
      attributes: {},
      createdAt: '2026-11-23T00:00:00.000Z',
      updatedAt: '2026-11-23T00:00:00.000Z',
    };
    const cells = customerExportRow(record, [], 'zh', new ZonedFormatter('Asia/Shanghai'));
    const row = readCustomerRow(new RowCells(cells, mapped(customerExportHeader([], 'zh'), [])), []);
    assert.deepEqual(row.issues, []);
    assert.deepEqual(row.draft.tags, record.tags);
    assert.deepEqual(row.draft.phones, [
      { number: '13910002000', label: '手机;备用' },
      { number: '010-65528888', label: '家[1]' },
    ]);
    assert.deepEqual(row.draft.emails, [{ address: 'chen@example.com', label: '工作, 主要' }]);
    assert.deepEqual(row.draft.externalIds, [{ kind: 'account_no', value: 'ACC;1,2' }]);
  });

  it('reads hand-written lists as before: separators split, a backslash before anything else is kept', () => {
    const columns = mapped(['姓名', '手机', '标签']);
    const row = readCustomerRow(new RowCells(['陈静', '139 1000 2000 [手机]; 010-6552 8888', 'a; b、c，d;C:\\data'], columns), []);
    assert.deepEqual(row.draft.tags, ['a', 'b', 'c', 'd', 'C:\\data']);
    assert.deepEqual(row.draft.phones, [{ number: '139 1000 2000', label: '手机' }, { number: '010-6552 8888' }]);
  });

  it('exports headers that map back to the same columns', () => {
    const header = customerExportHeader(DEFINITIONS, 'zh');
    assert.deepEqual(header, ['客户ID', '姓名', '类型', '等级', '所属企业', '电话', '邮箱', '外部编号', '标签', '行业', '入会日期', '接受营销', '创建时间', '更新时间']);
    const english = customerExportHeader(DEFINITIONS, 'en');
    assert.equal(english[11], '接受营销', 'without an English label, the label');
    // An attribute whose label is a built-in header is written by key, so it reads back as itself.
    const clash: AttributeDefinition = { ...INDUSTRY, key: 'grade', label: '等级', labelEn: 'Grade' };
    assert.equal(customerExportHeader([clash], 'zh')[9], '属性:grade');
    assert.deepEqual(mapped(customerExportHeader([clash], 'zh'), [clash]).map((c) => c.target.kind)[9], 'attribute');
  });
});

const REFERENCES: TicketReferences = {
  categories: [
    { id: 'c1', code: 'refund', name: '退款', nameEn: 'Refund', active: true },
    { id: 'c2', code: 'fault', name: '故障申报', nameEn: 'Fault report', active: true },
    { id: 'c3', code: 'old', name: '旧分类', nameEn: null, active: false },
  ],
  priorities: [{ id: 'p1', code: 'high', name: '高', nameEn: 'High', active: true }],
  departments: [{ id: 'd1', code: 'refunds', name: '退款组', nameEn: 'Refunds', active: true }],
  serviceItems: [
    { id: 's1', code: 'flights', name: '机票', nameEn: 'Flights', active: true, path: ['机票'], fields: [] },
    {
      id: 's2',
      code: 'flights_change',
      name: '退改签',
      nameEn: null,
      active: true,
      path: ['机票', '退改签'],
      fields: [
        { key: 'flightNumber', label: '航班号', type: 'text', required: true },
        { key: 'departAt', label: '起飞时间', type: 'datetime', required: false },
        { key: 'amount', label: '金额', type: 'money', required: false },
      ],
    },
    { id: 's3', code: 'hotel_change', name: '退改签', nameEn: null, active: true, path: ['酒店', '退改签'], fields: [] },
  ],
  defaultServiceItemId: 's1',
};

describe('ticket columns', () => {
  const time = new ZonedFormatter('Asia/Shanghai');
  const table = ticketColumnTable(REFERENCES);
  const columns = (header: string[]) => {
    const result = mapHeader(table, header, { ignoreUnknown: false });
    assert.ok(!('problems' in result), JSON.stringify(result));
    return result.columns;
  };

  it('resolves references by code, name, English name or catalog path, and only unambiguous names', () => {
    assert.deepEqual(resolveNamed(REFERENCES.categories, '退款'), { found: REFERENCES.categories[0] });
    assert.deepEqual(resolveNamed(REFERENCES.categories, 'REFUND'), { found: REFERENCES.categories[0] });
    assert.deepEqual(resolveNamed(REFERENCES.categories, 'fault report'), { found: REFERENCES.categories[1] });
    assert.ok('problem' in resolveNamed(REFERENCES.categories, '旧分类'), 'a deleted item is not found by name');
    assert.deepEqual(resolveNamed(REFERENCES.categories, 'old'), { found: REFERENCES.categories[2] }, 'by code it is (the ticket then says it was deleted)');
    const ambiguous = resolveNamed(REFERENCES.serviceItems, '退改签');
    assert.ok('problem' in ambiguous && ambiguous.problem === 'ambiguous');
    assert.equal((resolveNamed(REFERENCES.serviceItems, '机票 > 退改签') as { found: { code: string } }).found.code, 'flights_change');
  });

  it('reads a row into a ticket: references to codes, yes/no, form fields by label with their types', () => {
    const row = readTicketRow(
      new RowCells(
        ['航班取消', '要求全额退款', '微信', '退款', '机票/退改签', '高', '退款组', '王芳', '139 0000 1111', 'MU5101', '2026/12/1 8:05', '1,280.00', '否'],
        columns(['标题', '问题描述', '来源', '分类', '服务目录', '优先级', '派往部门', '客户姓名', '来电号码', '航班号', '字段:departAt', '金额', '在线解答']),
      ),
      REFERENCES,
      time,
    );
    assert.deepEqual(row.issues, []);
    assert.deepEqual(row.draft, {
      title: '航班取消',
      description: '要求全额退款',
      channel: 'wechat',
      category: 'refund',
      serviceItem: 'flights_change',
      priority: 'high',
      department: 'refunds',
      customer: { name: '王芳', phone: '139 0000 1111' },
      fields: { flightNumber: 'MU5101', departAt: '2026-12-01T00:05:00.000Z', amount: '1280.00' },
      answeredOnSpot: false,
    });
    assert.equal(row.sources.find('customer.phone')?.column.header, '来电号码');
    assert.equal(row.sources.find('fields.flightNumber')?.column.header, '航班号');
  });

  it('names the column of each problem: unknown and ambiguous references, fields the service item lacks', () => {
    const header = columns(['描述', '分类', '服务目录', '渠道', '航班号']);
    const unknown = readTicketRow(new RowCells(['x', '售后', '退改签', '传真', 'MU1'], header), REFERENCES, time);
    assert.deepEqual(
      unknown.issues.map((i) => [i.column, i.code]),
      [
        ['渠道', 'invalid_value'],
        ['分类', 'unknown_reference'],
        ['服务目录', 'ambiguous_reference'],
      ],
    );
    const notAField = readTicketRow(new RowCells(['x', '退款', 'flights', '电话', 'MU1'], header), REFERENCES, time);
    assert.deepEqual(notAField.issues.map((i) => [i.column, i.code]), [['航班号', 'not_a_field']]);
  });

  it('refuses a caller’s number Excel turned into 1.38001E+10, or text that is no phone number, as customer files do', () => {
    const header = columns(['描述', '客户姓名', '客户电话']);
    const issues = (phone: string) => readTicketRow(new RowCells(['x', '王一', phone], header), REFERENCES, time).issues.map((i) => [i.column, i.code]);
    assert.deepEqual(issues('1.38001E+10'), [['客户电话', 'excel_number']]);
    assert.deepEqual(issues('分机abc123'), [['客户电话', 'invalid_customer']]);
    assert.deepEqual(issues('138****8000'), [['客户电话', 'masked_value']]);
    assert.deepEqual(issues('+86 138 0013 8000'), []);
    assert.deepEqual(issues('010-6552 8888'), []);
  });

  it('names a form field labelled like an export-only column (状态, Created at) by its key, and reads that column as no field', () => {
    const item = {
      ...REFERENCES.serviceItems[0]!,
      fields: [
        { key: 'state', label: '状态', labelEn: 'Status', type: 'text' as const, required: false },
        { key: 'openedAt', label: '创建时间', labelEn: 'Created at', type: 'text' as const, required: false },
        { key: 'model', label: '型号', type: 'text' as const, required: false },
      ],
    };
    const references = { ...REFERENCES, serviceItems: [item] };
    const table = ticketColumnTable(references);
    assert.deepEqual(fieldColumns([item], table, 'zh').map((f) => f.header), ['字段:state', '字段:openedAt', '型号']);
    assert.deepEqual(fieldColumns([item], table, 'en').map((f) => f.header), ['field:state', 'field:openedAt', '型号']);
    const read = mapHeader(table, ['描述', '状态', '字段:state'], { ignoreUnknown: true });
    assert.ok(!('problems' in read), JSON.stringify(read));
    assert.deepEqual(read.columns.map((c) => c.target.kind), ['builtin', 'ignored', 'field']);
  });
});

describe('who may import', () => {
  it('customers: administrators; tickets: administrators and supervisors', () => {
    assert.deepEqual(
      (['admin', 'supervisor', 'agent', 'handler', 'auditor'] as const).map((role) => [mayImport(role, 'customers'), mayImport(role, 'tickets')]),
      [
        [true, true],
        [false, true],
        [false, false],
        [false, false],
        [false, false],
      ],
    );
  });

  it('counts progress in whole percent', () => {
    assert.equal(progressPercent({ total: 2000, processed: 200, created: 0, updated: 0, skipped: 0, failed: 0 }), 10);
    assert.equal(progressPercent({ total: 3, processed: 2, created: 0, updated: 0, skipped: 0, failed: 0 }), 66);
  });
});
