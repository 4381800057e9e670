import type { FieldDefinition } from '../../catalog/domain/service-item-form.js';
import { normalisePhone, phoneProblem, type CustomerType } from '../../customers/domain/customer.js';
import { CHANNELS, type Channel } from '../../tickets/domain/channels.js';
import { headerKey, numberText, parseDate, parseYesNo, type ZonedFormatter } from './cells.js';
import { cellIssue, FieldSources, shapeIssues, targetOf, type BuiltinColumn, type Cell, type ColumnTable, type Language, type RowCells, type RowIssue } from './columns.js';
import { parseCustomerType, phoneCellIssue } from './customer-columns.js';
import { CHANNEL_LABELS_ZH } from '../../tickets/domain/chinese-labels.js';

/** The columns of a ticket file to import: what an agent fills in when recording a ticket. */
export const TICKET_IMPORT_COLUMNS = [
  { key: 'title', zh: '标题', en: 'Title', aliases: ['工单标题', '主题', 'subject'] },
  { key: 'description', zh: '描述', en: 'Description', aliases: ['问题描述', '内容', '工单内容', '详细描述', '详情', '问题', 'content', 'details'], required: true },
  { key: 'channel', zh: '渠道', en: 'Channel', aliases: ['来源', '受理渠道', '来电渠道', 'source'] },
  { key: 'category', zh: '工单分类', en: 'Category', aliases: ['分类', '类别', '工单类型', '问题分类', '问题类型'] },
  { key: 'serviceItem', zh: '服务目录', en: 'Service item', aliases: ['服务项目', '业务', '业务类型', '服务', 'service'] },
  { key: 'priority', zh: '优先级', en: 'Priority', aliases: ['紧急程度', '紧急度', 'urgency'] },
  { key: 'department', zh: '部门', en: 'Department', aliases: ['处理部门', '派往部门', '派单部门', '责任部门', 'dispatch to'] },
  { key: 'customerName', zh: '客户姓名', en: 'Customer name', aliases: ['客户名称', '客户', '来电人', '联系人', '姓名', 'customer', 'caller', 'caller name'] },
  { key: 'customerPhone', zh: '客户电话', en: 'Customer phone', aliases: ['来电号码', '联系电话', '客户手机', '手机', '手机号', '电话', '手机号码', 'caller number', 'phone', 'mobile'] },
  { key: 'customerTier', zh: '客户等级', en: 'Customer tier' },
  { key: 'customerType', zh: '客户类型', en: 'Customer type' },
  { key: 'answeredOnSpot', zh: '在线解答', en: 'Answered on the spot', aliases: ['当场解答', '当场答复', '已当场解答', 'answered on spot'] },
  { key: 'result', zh: '处理结果', en: 'Result', aliases: ['答复内容', '解答内容', '回复内容', '结果', 'answer'] },
] as const satisfies readonly BuiltinColumn[];

/** Columns an export writes besides the import ones (and the form fields); an import does not read them. */
export const EXPORT_ONLY = {
  number: { zh: '工单编号', en: 'Number' },
  status: { zh: '状态', en: 'Status' },
  assignee: { zh: '处理人', en: 'Assignee' },
  createdBy: { zh: '创建人', en: 'Created by' },
  createdAt: { zh: '创建时间', en: 'Created at' },
  updatedAt: { zh: '更新时间', en: 'Updated at' },
  closedAt: { zh: '关闭时间', en: 'Closed at' },
  slaDueAt: { zh: '时限到期', en: 'Due at' },
  slaState: { zh: '时限状态', en: 'Time-limit state' },
  otherFields: { zh: '其它字段', en: 'Other fields' },
} as const;

/**
 * Headers that are an export-only column in either language. A form field named so (a field
 * labelled 状态) is not found by that name, or an exported file read back would take the
 * ticket's status for the field's value; it is `字段:key` in exports, templates and imports.
 */
const EXPORT_ONLY_HEADERS = new Set(Object.values(EXPORT_ONLY).flatMap((column) => [headerKey(column.zh), headerKey(column.en)]));

export const CHANNEL_LABELS = CHANNEL_LABELS_ZH;

const CHANNEL_WORDS: Record<string, Channel> = {
  ...Object.fromEntries(CHANNELS.map((c) => [headerKey(c), c])),
  ...Object.fromEntries(Object.entries(CHANNEL_LABELS).map(([c, label]) => [headerKey(label), c as Channel])),
  来电: 'phone',
  热线: 'phone',
  呼入: 'phone',
  call: 'phone',
  telephone: 'phone',
  电子邮件: 'email',
  mail: 'email',
  网站: 'web',
  官网: 'web',
  website: 'web',
  应用: 'app',
  客户端: 'app',
  公众号: 'wechat',
  weixin: 'wechat',
  在线: 'chat',
  在线咨询: 'chat',
  聊天: 'chat',
  livechat: 'chat',
  上门: 'walk_in',
  现场: 'walk_in',
  营业厅: 'walk_in',
  柜台: 'walk_in',
  其他: 'other',
};

/** 电话/phone, 微信/wechat … and their common synonyms. */
export function parseChannel(value: string): Channel | null {
  return CHANNEL_WORDS[headerKey(value)] ?? null;
}

/** Reference data as an import names it: by id, code, name or English name (service items also by their path 机票/机票退改签). */
export interface NamedRef {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  /** A deleted item is found by id or code only (the ticket then refuses it as deleted), never by name. */
  active: boolean;
}

export interface NamedServiceItem extends NamedRef {
  /** Names from the root of the catalog tree down to this item. */
  path: string[];
  fields: readonly FieldDefinition[];
}

export interface TicketReferences {
  categories: readonly NamedRef[];
  serviceItems: readonly NamedServiceItem[];
  priorities: readonly NamedRef[];
  departments: readonly NamedRef[];
  /** The service item the intake defaults give a ticket that names none (its form fields then apply). */
  defaultServiceItemId: string | null;
}

type Resolved<T> = { found: T } | { problem: 'unknown' | 'ambiguous'; candidates: T[] };

/** A reference by id or code, else by a name (or, for service items, a path) that only one active item has. */
export function resolveNamed<T extends NamedRef & { path?: readonly string[] }>(all: readonly T[], value: string): Resolved<T> {
  const exact = all.find((item) => item.id === value || item.code === value) ?? all.find((item) => item.code.toLowerCase() === value.toLowerCase());
  if (exact) return { found: exact };
  const key = headerKey(value);
  const items = all.filter((item) => item.active);
  const byName = items.filter((item) => headerKey(item.name) === key || (item.nameEn !== null && headerKey(item.nameEn) === key));
  const matches = byName.length > 0 ? byName : items.filter((item) => servicePaths(item.path ?? []).some((p) => headerKey(p) === key));
  if (matches.length === 1) return { found: matches[0]! };
  return { problem: matches.length === 0 ? 'unknown' : 'ambiguous', candidates: matches };
}

/** A service item's path written the ways people do: 机票/机票退改签, 机票 > 机票退改签, 机票-机票退改签. */
function servicePaths(path: readonly string[]): string[] {
  return path.length < 2 ? [] : ['/', '>', '-', '／', '＞'].map((separator) => path.join(separator));
}

export function ticketColumnTable(references: TicketReferences): ColumnTable {
  const fieldNames = new Set<string>();
  for (const item of references.serviceItems) {
    for (const field of item.fields) for (const name of [field.key, field.label, field.labelEn ?? '']) if (name) fieldNames.add(headerKey(name));
  }
  return {
    builtins: TICKET_IMPORT_COLUMNS,
    prefixed: { field: (ref) => ({ kind: 'field', ref }), 字段: (ref) => ({ kind: 'field', ref }) },
    dynamic: (header) => (fieldNames.has(headerKey(header)) && !EXPORT_ONLY_HEADERS.has(headerKey(header)) ? { kind: 'field', ref: header } : null),
  };
}

/** A ticket as one row of a file asks for it, references resolved to codes; what is not given is absent. */
export interface TicketDraft {
  title?: string;
  description?: string;
  channel?: Channel;
  category?: string;
  serviceItem?: string;
  priority?: string;
  department?: string;
  customer?: { name?: string; phone?: string; tier?: string; type?: CustomerType };
  fields?: Record<string, string>;
  answeredOnSpot?: boolean;
  result?: string;
}

export interface TicketRow {
  draft: TicketDraft;
  sources: FieldSources;
  issues: RowIssue[];
}

const TICKET_KIND_NAMES = { category: '工单分类 category', priority: '优先级 priority', department: '部门 department', serviceItem: '服务目录 service item' } as const;

/** Reads one data row of a ticket file into a create request, naming each problem by its column. */
export function readTicketRow(row: RowCells, references: TicketReferences, time: ZonedFormatter): TicketRow {
  const sources = new FieldSources();
  const issues: RowIssue[] = shapeIssues(row);
  const draft: TicketDraft = {};
  const take = (key: (typeof TICKET_IMPORT_COLUMNS)[number]['key'], path: string = key): Cell | undefined => {
    const cell = row.builtin(key);
    // An empty cell still names its column when the ticket then refuses the missing value.
    const source = cell ?? row.emptyCell(key);
    if (source) sources.set(path, source);
    return cell;
  };
  const title = take('title');
  if (title) draft.title = title.value;
  const description = take('description');
  if (description) draft.description = description.value;
  else issues.push({ column: row.headerFor('description'), value: null, code: 'required', message: 'a ticket needs a description' });
  const channel = take('channel');
  if (channel) {
    const parsed = parseChannel(channel.value);
    if (parsed) draft.channel = parsed;
    else issues.push(cellIssue(channel, 'invalid_value', `must be one of ${CHANNELS.map((c) => `${CHANNEL_LABELS[c]} (${c})`).join(', ')}`));
  }
  const reference = <T extends NamedRef>(key: keyof typeof TICKET_KIND_NAMES, items: readonly T[]): T | undefined => {
    const cell = take(key);
    if (!cell) return undefined;
    const resolved = resolveNamed(items, cell.value);
    if ('found' in resolved) return resolved.found;
    const what = TICKET_KIND_NAMES[key];
    issues.push(
      resolved.problem === 'unknown'
        ? cellIssue(cell, 'unknown_reference', `no ${what} has this name, code or id`)
        : cellIssue(cell, 'ambiguous_reference', `several ${what} items have this name (${resolved.candidates.map((c) => c.code).join(', ')}); write the code instead`),
    );
    return undefined;
  };
  const category = reference('category', references.categories);
  if (category) draft.category = category.code;
  const item = reference('serviceItem', references.serviceItems);
  if (item) draft.serviceItem = item.code;
  const priority = reference('priority', references.priorities);
  if (priority) draft.priority = priority.code;
  const department = reference('department', references.departments);
  if (department) draft.department = department.code;
  readCustomer(row, draft, sources, issues);
  const onSpot = take('answeredOnSpot');
  if (onSpot) {
    const flag = parseYesNo(onSpot.value);
    if (flag === null) issues.push(cellIssue(onSpot, 'invalid_value', 'must be 是 or 否 (yes or no)'));
    else draft.answeredOnSpot = flag;
  }
  // A result is recorded only with a ticket closed as it is recorded (在线解答); on any other row
  // it is the handling's outcome, which an import does not replay, like 状态 and 处理人 (an
  // exported file, whose resolved tickets carry one, imports again).
  const result = take('result');
  if (result && draft.answeredOnSpot) draft.result = result.value;
  // Form fields belong to the row's service item, or to the default one an unclassified ticket
  // gets; a service item that did not resolve has failed the row already.
  if (item || !row.builtin('serviceItem')) {
    const itemForFields = item ?? references.serviceItems.find((s) => s.id === references.defaultServiceItemId);
    readFields(row.of('field', true), itemForFields, draft, sources, issues, time);
  }
  return { draft, sources, issues };
}

function readCustomer(row: RowCells, draft: TicketDraft, sources: FieldSources, issues: RowIssue[]): void {
  const customer: NonNullable<TicketDraft['customer']> = {};
  const name = row.builtin('customerName');
  const phone = row.builtin('customerPhone');
  const tier = row.builtin('customerTier');
  const type = row.builtin('customerType');
  if (name) {
    customer.name = name.value;
    sources.set('customer.name', name);
  }
  if (phone) {
    const issue = phoneCellIssue(phone, phone.value) ?? phoneFormatIssue(phone);
    if (issue) issues.push(issue);
    customer.phone = phone.value;
    sources.set('customer.phone', phone);
  }
  if (tier) {
    customer.tier = tier.value;
    sources.set('customer.tier', tier);
  }
  if (type) {
    const parsed = parseCustomerType(type.value);
    if (parsed) customer.type = parsed;
    else issues.push(cellIssue(type, 'invalid_value', 'must be 个人 or 政企 (individual or enterprise)'));
    sources.set('customer.type', type);
  }
  // "customer: needs an id, a phone number or a name" names the phone column, else the name column.
  const anchor = phone ?? name;
  if (anchor) sources.set('customer', anchor);
  if (Object.keys(customer).length > 0) draft.customer = customer;
}

/**
 * The customers module's rule for a number as written, which a customer file meets in that
 * module's create: the caller's number finds or creates a customer, so keeping only the digits
 * of `分机abc123` would file this ticket under whoever has the number 123.
 */
function phoneFormatIssue(cell: Cell): RowIssue | null {
  const problem = phoneProblem(cell.value, normalisePhone(cell.value));
  return problem ? cellIssue(cell, 'invalid_customer', problem) : null;
}

function readFields(
  cells: Cell[],
  item: NamedServiceItem | undefined,
  draft: TicketDraft,
  sources: FieldSources,
  issues: RowIssue[],
  time: ZonedFormatter,
): void {
  const fields: Record<string, string> = {};
  for (const cell of cells) {
    if (cell.column.target.kind !== 'field') continue;
    const ref = headerKey(cell.column.target.ref);
    const definition = item?.fields.find((f) => headerKey(f.key) === ref || headerKey(f.label) === ref || (f.labelEn !== undefined && headerKey(f.labelEn) === ref));
    // An empty cell of the item's field still names the column if the form then wants a value.
    if (definition) sources.set(`fields.${definition.key}`, cell);
    if (cell.value === '') continue;
    if (!item) issues.push(cellIssue(cell, 'field_without_service_item', 'a form field needs the row to name its service item (服务目录)'));
    else if (!definition) issues.push(cellIssue(cell, 'not_a_field', `service item ${item.name} (${item.code}) has no such form field; leave the cell empty for this row`));
    else fields[definition.key] = fieldText(definition, cell.value, time);
  }
  if (Object.keys(fields).length > 0) draft.fields = fields;
}

/** A form value as typed into a spreadsheet, in the form the service item's form checks. */
function fieldText(definition: FieldDefinition, value: string, time: ZonedFormatter): string {
  switch (definition.type) {
    case 'number':
    case 'money':
      return numberText(value);
    case 'date':
      return parseDate(value) ?? value;
    case 'datetime':
      return time.parseLocal(value) ?? value;
    default:
      return value;
  }
}

// ─── Form-field columns (templates and exports) ──────────────────────────

/** A form field's column in an export: by its label where that reads back as the same field, else `字段:key`. */
export interface FieldColumn {
  key: string;
  header: string;
}

export function fieldColumns(items: ReadonlyArray<{ fields: readonly FieldDefinition[] }>, table: ColumnTable, language: Language): FieldColumn[] {
  const labels = new Map<string, Set<string>>();
  for (const item of items) {
    for (const field of item.fields) {
      const label = language === 'en' ? (field.labelEn ?? field.label) : field.label;
      labels.set(field.key, (labels.get(field.key) ?? new Set()).add(label));
    }
  }
  const owners = new Map<string, number>();
  for (const set of labels.values()) for (const label of set) owners.set(headerKey(label), (owners.get(headerKey(label)) ?? 0) + 1);
  return [...labels].map(([key, set]) => {
    const [label] = [...set];
    const target = set.size === 1 ? targetOf(table, label!) : null;
    const clean = target?.kind === 'field' && owners.get(headerKey(label!)) === 1;
    return { key, header: clean ? label! : `${language === 'zh' ? '字段' : 'field'}:${key}` };
  });
}
