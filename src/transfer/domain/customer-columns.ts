import type { AttributeDefinition } from '../../customers/domain/attributes.js';
import type { AttributeValue, CustomerType } from '../../customers/domain/customer.js';
import {
  escapeItem,
  formatPhone,
  joinLabelled,
  LIST_JOINER,
  looksLikeExcelScientific,
  numberText,
  parseDate,
  parseYesNo,
  splitEscapedList,
  splitLabelled,
  splitList,
  type ZonedFormatter,
} from './cells.js';
import { headerKey } from './cells.js';
import {
  cellIssue,
  FieldSources,
  headerOf,
  shapeIssues,
  targetOf,
  type BuiltinColumn,
  type Cell,
  type ColumnTable,
  type Language,
  type RowCells,
  type RowIssue,
} from './columns.js';

/** The columns of a customer file. `id` matches a customer of this system (an export's first column). */
export const CUSTOMER_COLUMNS = [
  { key: 'id', zh: '客户ID', en: 'Customer ID', aliases: ['customerid'] },
  { key: 'name', zh: '姓名', en: 'Name', aliases: ['客户姓名', '客户名称', '客户名', '名称', '姓名/名称', 'customer name', 'full name', 'customer'], required: true },
  { key: 'type', zh: '类型', en: 'Type', aliases: ['客户类型', 'customer type'] },
  { key: 'tier', zh: '等级', en: 'Tier', aliases: ['客户等级', '级别', '会员等级', 'level', 'customer tier'] },
  { key: 'parent', zh: '所属企业', en: 'Enterprise', aliases: ['所属公司', '所属单位', '企业', '公司', 'company', 'parent', 'organisation', 'organization'] },
  {
    key: 'phones',
    zh: '电话',
    en: 'Phones',
    aliases: ['手机', '手机号', '手机号码', '电话号码', '联系电话', '固话', '座机', '办公电话', '家庭电话', '移动电话', 'phone', 'mobile', 'tel', 'telephone', 'phone number', 'mobile phone'],
    repeatable: true,
  },
  { key: 'emails', zh: '邮箱', en: 'Emails', aliases: ['电子邮件', '电子邮箱', '邮件', '邮箱地址', 'email', 'e-mail', 'mail', 'email address'], repeatable: true },
  { key: 'externalIds', zh: '外部编号', en: 'External IDs', aliases: ['external id', 'external ids'], repeatable: true },
  { key: 'idNumber', zh: '身份证号', en: 'ID number', aliases: ['身份证', '身份证号码', '证件号', '证件号码', 'id card', 'id card number'] },
  { key: 'tags', zh: '标签', en: 'Tags', aliases: ['客户标签', 'tag', 'labels'], repeatable: true },
  { key: 'createdAt', zh: '创建时间', en: 'Created at', informational: true },
  { key: 'updatedAt', zh: '更新时间', en: 'Updated at', informational: true },
] as const satisfies readonly BuiltinColumn[];

type CustomerColumnKey = (typeof CUSTOMER_COLUMNS)[number]['key'];

const CUSTOMER_TYPE_WORDS: Record<string, CustomerType> = {
  个人: 'individual',
  个人客户: 'individual',
  individual: 'individual',
  person: 'individual',
  政企: 'enterprise',
  政企客户: 'enterprise',
  企业: 'enterprise',
  企业客户: 'enterprise',
  公司: 'enterprise',
  单位: 'enterprise',
  enterprise: 'enterprise',
  company: 'enterprise',
  business: 'enterprise',
};

export const CUSTOMER_TYPE_LABELS: Record<CustomerType, Record<Language, string>> = {
  individual: { zh: '个人', en: 'individual' },
  enterprise: { zh: '政企', en: 'enterprise' },
};

/** 个人/政企, individual/enterprise and their common synonyms. */
export function parseCustomerType(value: string): CustomerType | null {
  return CUSTOMER_TYPE_WORDS[value.trim().toLowerCase()] ?? null;
}

/** Where the attribute columns come from: the active definitions, by key, label or English label. */
export function customerColumnTable(definitions: readonly AttributeDefinition[]): ColumnTable {
  const active = definitions.filter((d) => d.active);
  const byName = new Map<string, string>();
  for (const d of active) for (const name of [d.key, d.label, d.labelEn ?? '']) if (name && !byName.has(headerKey(name))) byName.set(headerKey(name), d.key);
  const attribute = (name: string) => {
    const key = byName.get(headerKey(name));
    return key ? { kind: 'attribute' as const, key } : null;
  };
  const external = (scheme: string) => (/^[a-z][a-z0-9_]{0,63}$/.test(scheme) ? { kind: 'external' as const, scheme } : null);
  return {
    builtins: CUSTOMER_COLUMNS,
    prefixed: { attr: attribute, attribute: attribute, 属性: attribute, external: external, externalid: external, 外部编号: external },
    dynamic: attribute,
  };
}

/**
 * The header of an attribute's column: its label (English label in English), or `属性:key` /
 * `attr:key` when that label would be read back as something else (a built-in column, another
 * attribute).
 */
export function attributeHeader(table: ColumnTable, definition: AttributeDefinition, language: Language): string {
  const label = language === 'en' ? (definition.labelEn ?? definition.label) : definition.label;
  const target = targetOf(table, label);
  return target?.kind === 'attribute' && target.key === definition.key ? label : `${language === 'zh' ? '属性' : 'attr'}:${definition.key}`;
}

/** A customer as one row of a file asks for it; what is not given is absent. */
export interface CustomerDraft {
  name?: string;
  type?: CustomerType;
  tier?: string;
  phones?: Array<{ number: string; label?: string }>;
  emails?: Array<{ address: string; label?: string }>;
  externalIds?: Array<{ kind: string; value: string }>;
  idNumber?: string;
  tags?: string[];
  attributes?: Record<string, AttributeValue>;
}

export interface CustomerRow {
  /** A 客户ID cell: the customer of this system it names, if it knows it. */
  id: string | null;
  draft: CustomerDraft;
  /** The enterprise (所属企业) by name. */
  parentName: Cell | null;
  sources: FieldSources;
  /** Problems found reading the cells; the row is not imported when there are any. */
  issues: RowIssue[];
}

/** Reads one data row of a customer file into what to create or change. */
export function readCustomerRow(row: RowCells, definitions: readonly AttributeDefinition[]): CustomerRow {
  const sources = new FieldSources();
  const issues: RowIssue[] = shapeIssues(row);
  const draft: CustomerDraft = {};
  const text = (key: CustomerColumnKey): Cell | undefined => row.builtin(key);
  const name = text('name');
  if (name) {
    draft.name = name.value;
    sources.set('name', name);
  } else {
    issues.push({ column: row.headerFor('name'), value: null, code: 'required', message: 'a customer needs a name' });
  }
  const type = text('type');
  if (type) {
    const parsed = parseCustomerType(type.value);
    if (parsed) draft.type = parsed;
    else issues.push(cellIssue(type, 'invalid_value', 'must be 个人 or 政企 (individual or enterprise)'));
    sources.set('type', type);
  }
  const tier = text('tier');
  if (tier) {
    draft.tier = tier.value;
    sources.set('tier', tier);
  }
  readPhones(row.builtins('phones'), draft, sources, issues);
  readEmails(row.builtins('emails'), draft, sources);
  readExternalIds(row, draft, sources, issues);
  const idNumber = text('idNumber');
  if (idNumber) {
    if (idNumber.value.includes('*')) issues.push(cellIssue(idNumber, 'masked_value', 'is masked (an export shows ID numbers masked); give the full number or leave the cell empty'));
    draft.idNumber = idNumber.value;
    sources.set('idNumber', idNumber);
  }
  const tagCells = row.builtins('tags');
  if (tagCells.length > 0) {
    draft.tags = tagCells.flatMap((cell) => splitList(cell.value));
    sources.set('tags', tagCells[0]!);
  }
  const attributes = readAttributes(row.of('attribute'), definitions, sources, issues);
  if (Object.keys(attributes).length > 0) draft.attributes = attributes;
  const id = row.builtin('id');
  if (id) sources.set('id', id);
  const parent = text('parent');
  if (parent) sources.set('parentId', parent);
  return { id: id?.value ?? null, draft, parentName: parent ?? null, sources, issues };
}

/**
 * What keeps a phone number in a file from being imported before any use case sees it: digits
 * Excel turned into 1.38001E+10 (a different caller's number once its digits are kept), or a
 * mask from a masked export. Customer and ticket files share it.
 */
export function phoneCellIssue(cell: Cell, value: string): RowIssue | null {
  if (looksLikeExcelScientific(value)) return cellIssue(cell, 'excel_number', `Excel turned the number into ${value}: format the column as text (文本) and type the numbers again`);
  if (value.includes('*')) return cellIssue(cell, 'masked_value', 'is masked (138****8000); only a full number can be imported');
  return null;
}

function readPhones(cells: Cell[], draft: CustomerDraft, sources: FieldSources, issues: RowIssue[]): void {
  const phones: NonNullable<CustomerDraft['phones']> = [];
  for (const cell of cells) {
    for (const item of splitEscapedList(cell.value)) {
      const { value, label } = splitLabelled(item);
      const issue = phoneCellIssue(cell, value);
      if (issue) {
        issues.push(issue);
        continue;
      }
      sources.set(`phones.${phones.length}`, cell);
      phones.push({ number: value, ...(label && { label }) });
    }
  }
  if (phones.length > 0) draft.phones = phones;
}

function readEmails(cells: Cell[], draft: CustomerDraft, sources: FieldSources): void {
  const emails: NonNullable<CustomerDraft['emails']> = [];
  for (const cell of cells) {
    for (const item of splitEscapedList(cell.value)) {
      const { value, label } = splitLabelled(item);
      sources.set(`emails.${emails.length}`, cell);
      emails.push({ address: value, ...(label && { label }) });
    }
  }
  if (emails.length > 0) draft.emails = emails;
}

/** `外部编号` holds `scheme:value` items; a `外部编号:scheme` column holds bare values of that scheme. */
function readExternalIds(row: RowCells, draft: CustomerDraft, sources: FieldSources, issues: RowIssue[]): void {
  const ids: NonNullable<CustomerDraft['externalIds']> = [];
  const add = (cell: Cell, kind: string, value: string) => {
    sources.set(`externalIds.${ids.length}`, cell);
    ids.push({ kind, value });
  };
  for (const cell of row.builtins('externalIds')) {
    for (const item of splitList(cell.value)) {
      const match = /^([a-z][a-z0-9_]{0,63})\s*[:：]\s*(.+)$/.exec(item);
      if (match) add(cell, match[1]!, match[2]!.trim());
      else issues.push(cellIssue(cell, 'invalid_value', 'each external id is written kind:value, e.g. wechat_openid:oUpF8uMuAJO_M2pxb1Q9zNjWeS6o'));
    }
  }
  for (const cell of row.of('external')) {
    const scheme = cell.column.target.kind === 'external' ? cell.column.target.scheme : '';
    for (const item of splitList(cell.value)) add(cell, scheme, item);
  }
  if (ids.length > 0) draft.externalIds = ids;
}

/** Attribute cells typed by their definitions: numbers, 是/否, dates as spreadsheets write them. */
function readAttributes(cells: Cell[], definitions: readonly AttributeDefinition[], sources: FieldSources, issues: RowIssue[]): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  for (const cell of cells) {
    if (cell.column.target.kind !== 'attribute') continue;
    const key = cell.column.target.key;
    const definition = definitions.find((d) => d.key === key);
    if (!definition) continue;
    sources.set(`attributes.${key}`, cell);
    const value = cell.value;
    switch (definition.type) {
      case 'number': {
        const text = numberText(value);
        if (/^-?\d+(\.\d+)?$/.test(text)) attributes[key] = Number(text);
        else issues.push(cellIssue(cell, 'invalid_value', 'must be a number'));
        break;
      }
      case 'boolean': {
        const flag = parseYesNo(value);
        if (flag === null) issues.push(cellIssue(cell, 'invalid_value', 'must be 是 or 否 (yes or no)'));
        else attributes[key] = flag;
        break;
      }
      case 'date': {
        const date = parseDate(value);
        if (date === null) issues.push(cellIssue(cell, 'invalid_value', 'must be a date such as 2026-11-23'));
        else attributes[key] = date;
        break;
      }
      default:
        attributes[key] = value;
    }
  }
  return attributes;
}

/** What an export knows about one customer. */
export interface CustomerExportRecord {
  id: string;
  name: string;
  type: CustomerType;
  tier: string | null;
  parentName: string | null;
  phones: Array<{ value: string; label: string | null; masked: boolean }>;
  emails: Array<{ value: string; label: string | null }>;
  externalIds: Array<{ scheme: string; value: string }>;
  tags: string[];
  attributes: Record<string, AttributeValue>;
  createdAt: string;
  updatedAt: string;
}

/** The columns of a customer export, in order; the same file imports again. */
export function customerExportHeader(definitions: readonly AttributeDefinition[], language: Language): string[] {
  const table = customerColumnTable(definitions);
  const builtin = (key: CustomerColumnKey) => headerOf(CUSTOMER_COLUMNS.find((c) => c.key === key)!, language);
  return [
    ...(['id', 'name', 'type', 'tier', 'parent', 'phones', 'emails', 'externalIds', 'tags'] as const).map(builtin),
    ...definitions.filter((d) => d.active).map((d) => attributeHeader(table, d, language)),
    builtin('createdAt'),
    builtin('updatedAt'),
  ];
}

/** One customer as a row of the export (before formula escaping, which the writer applies to every cell). */
export function customerExportRow(record: CustomerExportRecord, definitions: readonly AttributeDefinition[], language: Language, time: ZonedFormatter): string[] {
  const attribute = (d: AttributeDefinition): string => {
    const value = record.attributes[d.key];
    if (value === undefined) return '';
    if (typeof value === 'boolean') return language === 'zh' ? (value ? '是' : '否') : String(value);
    return String(value);
  };
  return [
    record.id,
    record.name,
    CUSTOMER_TYPE_LABELS[record.type][language],
    record.tier ?? '',
    record.parentName ?? '',
    record.phones.map((p) => joinLabelled(p.masked ? p.value : formatPhone(p.value), p.label)).join(LIST_JOINER),
    record.emails.map((e) => joinLabelled(e.value, e.label)).join(LIST_JOINER),
    record.externalIds.map((x) => `${x.scheme}:${escapeItem(x.value)}`).join(LIST_JOINER),
    record.tags.map(escapeItem).join(LIST_JOINER),
    ...definitions.filter((d) => d.active).map(attribute),
    time.format(record.createdAt),
    time.format(record.updatedAt),
  ];
}
