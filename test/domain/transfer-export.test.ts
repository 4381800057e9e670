import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZonedFormatter } from '../../src/transfer/domain/cells.js';
import { mapHeader, RowCells } from '../../src/transfer/domain/columns.js';
import { fieldColumns, readTicketRow, ticketColumnTable, type NamedServiceItem, type TicketReferences } from '../../src/transfer/domain/ticket-columns.js';
import { TicketSheet, unambiguousName, type TicketExportRecord } from '../../src/transfer/domain/ticket-export.js';

const CHANGE: NamedServiceItem = {
  id: 's2',
  code: 'flights_change',
  name: '退改签',
  nameEn: 'Changes',
  active: true,
  path: ['机票', '退改签'],
  fields: [
    { key: 'flightNumber', label: '航班号', type: 'text', required: false },
    { key: 'departAt', label: '起飞时间', type: 'datetime', required: false },
    { key: 'state', label: '状态', type: 'text', required: false },
  ],
};

const REFERENCES: TicketReferences = {
  categories: [
    { id: 'c1', code: 'refund', name: '退款', nameEn: 'Refund', active: true },
    { id: 'c2', code: 'refund_old', name: '退款', nameEn: null, active: false },
    { id: 'c3', code: 'retired', name: '旧分类', nameEn: null, active: false },
  ],
  priorities: [{ id: 'p1', code: 'high', name: '高', nameEn: 'High', active: true }],
  departments: [{ id: 'd1', code: 'refunds', name: '退款组', nameEn: 'Refunds', active: true }],
  serviceItems: [
    { id: 's1', code: 'flights', name: '机票', nameEn: 'Flights', active: true, path: ['机票'], fields: [] },
    CHANGE,
    { id: 's3', code: 'hotel_change', name: '退改签', nameEn: null, active: true, path: ['酒店', '退改签'], fields: [] },
    { id: 's4', code: 'tours_change', name: '退改签', nameEn: null, active: true, path: ['酒店', '退改签'], fields: [] },
  ],
  defaultServiceItemId: null,
};

const time = new ZonedFormatter('Asia/Shanghai');

const ref = (id: string, name: string, nameEn: string | null = null) => ({ id, name, nameEn });

const TICKET: TicketExportRecord = {
  number: 'GD-20261123-000001',
  title: '航班取消',
  description: '要求退款',
  status: 'pending',
  category: ref('c1', '退款', 'Refund'),
  serviceItem: ref('s2', '退改签', 'Changes'),
  priority: ref('p1', '高', 'High'),
  channel: 'phone',
  department: ref('d1', '退款组', 'Refunds'),
  assignee: null,
  customer: null,
  createdBy: { displayName: '李座席' },
  createdAt: '2026-11-23T01:30:00.000Z',
  updatedAt: '2026-11-23T01:30:00.000Z',
  closedAt: null,
  sla: { state: null, dueAt: null },
  result: null,
  // serial and model: fields the form had when the ticket was recorded, removed since.
  fields: { flightNumber: 'MU5101', departAt: '2026-12-01T00:05:00.000Z', state: '已订', serial: 'SN-001', model: 'X1', count: 3 },
};

function sheet(language: 'zh' | 'en' = 'zh'): TicketSheet {
  return new TicketSheet(REFERENCES, fieldColumns(REFERENCES.serviceItems, ticketColumnTable(REFERENCES), language), language, time);
}

const byHeader = (s: TicketSheet, record: TicketExportRecord) => {
  const header = s.header();
  const row = s.row(record);
  return Object.fromEntries(header.map((h, i) => [h, row[i]]));
};

describe('ticket export', () => {
  it('names a reference so that an import finds the same one: its name, else its path, else its code', () => {
    const items = REFERENCES.serviceItems;
    assert.equal(unambiguousName(items, items[0]!, 'zh'), '机票');
    assert.equal(unambiguousName(items, CHANGE, 'zh'), '机票/退改签', 'the name is not unique, the path is');
    assert.equal(unambiguousName(items, CHANGE, 'en'), 'Changes', 'its English name is unique');
    assert.equal(unambiguousName(items, items[2]!, 'zh'), 'hotel_change', 'neither name nor path is unique');
    const categories = REFERENCES.categories;
    assert.equal(unambiguousName(categories, categories[0]!, 'zh'), '退款');
    assert.equal(unambiguousName(categories, categories[1]!, 'zh'), 'refund_old', 'a deleted one whose name an active one has: by code');
    assert.equal(unambiguousName(categories, categories[2]!, 'zh'), '旧分类', 'a deleted one whose name nobody has keeps it');
  });

  it('writes one header per column: a form field labelled like an export-only column goes by its key', () => {
    for (const language of ['zh', 'en'] as const) {
      const header = sheet(language).header();
      assert.equal(new Set(header).size, header.length, header.join(','));
    }
    assert.deepEqual(sheet().header().slice(-4), ['航班号', '起飞时间', '字段:state', '其它字段']);
    assert.deepEqual(sheet('en').header().slice(-2), ['field:state', 'Other fields']);
  });

  it('writes date-time fields on the organisation’s clock, and the values no column holds as JSON', () => {
    const row = byHeader(sheet(), TICKET);
    assert.equal(row['起飞时间'], '2026-12-01T08:05:00+08:00');
    assert.equal(row['服务目录'], '机票/退改签');
    assert.deepEqual([row['航班号'], row['字段:state']], ['MU5101', '已订']);
    assert.deepEqual(JSON.parse(row['其它字段']!), { serial: 'SN-001', model: 'X1', count: 3 });
    assert.equal(byHeader(sheet(), { ...TICKET, fields: { flightNumber: 'MU1' } })['其它字段'], '', 'nothing left over: empty');
  });

  it('reads its own row back into the same ticket (the export-only columns left out)', () => {
    const s = sheet();
    const mapped = mapHeader(ticketColumnTable(REFERENCES), s.header(), { ignoreUnknown: true });
    assert.ok(!('problems' in mapped), JSON.stringify(mapped));
    const read = readTicketRow(new RowCells(s.row({ ...TICKET, fields: { flightNumber: 'MU5101', departAt: '2026-12-01T00:05:00.000Z', state: '已订' } }), mapped.columns), REFERENCES, time);
    assert.deepEqual(read.issues, []);
    assert.deepEqual(read.draft.serviceItem, 'flights_change');
    assert.deepEqual(read.draft.fields, { flightNumber: 'MU5101', departAt: '2026-12-01T00:05:00.000Z', state: '已订' });
  });
});
