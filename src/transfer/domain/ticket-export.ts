import type { FieldValue } from '../../catalog/domain/service-item-form.js';
import type { SlaSummaryState } from '../../sla/domain/deadline.js';
import type { Channel } from '../../tickets/domain/channels.js';
import { STATUS_LABELS_ZH } from '../../tickets/domain/chinese-labels.js';
import type { TicketStatus } from '../../tickets/domain/ticket-state-machine.js';
import { formatPhone, type ZonedFormatter } from './cells.js';
import { headerOf, type Language } from './columns.js';
import { CHANNEL_LABELS, EXPORT_ONLY, resolveNamed, TICKET_IMPORT_COLUMNS, type FieldColumn, type NamedRef, type TicketReferences } from './ticket-columns.js';

/**
 * A ticket export: a row per ticket, written so that a person reads it in a spreadsheet and an
 * import reads it back (references by a name that finds the same one, times in the organisation's
 * zone), holding every form value the ticket has.
 */

export const STATUS_LABELS = STATUS_LABELS_ZH;

export const SLA_STATE_LABELS: Record<SlaSummaryState, string> = {
  running: '计时中',
  paused: '已暂停',
  warned: '已预警',
  breached: '已超时',
};

interface RefName {
  id: string;
  name: string;
  nameEn: string | null;
}

/** What an export knows about one ticket. */
export interface TicketExportRecord {
  number: string;
  title: string;
  description: string;
  status: TicketStatus;
  category: RefName;
  serviceItem: RefName;
  priority: RefName;
  channel: Channel;
  department: RefName | null;
  assignee: { displayName: string } | null;
  customer: { name: string; phone: string | null; phoneMasked: boolean } | null;
  createdBy: { displayName: string };
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  sla: { state: SlaSummaryState | null; dueAt: string | null };
  result: string | null;
  fields: Record<string, FieldValue>;
}

/**
 * How a reference is written so that an import finds that one again: its name where only it has
 * that name, else its path in the catalog (机票/机票退改签, service items), else its code. A
 * deleted one keeps its name when no active one has it (an import then says it is unknown,
 * rather than finding another).
 */
export function unambiguousName<T extends NamedRef & { path?: readonly string[] }>(all: readonly T[], item: T, language: Language): string {
  const name = language === 'en' ? (item.nameEn ?? item.name) : item.name;
  const path = item.path && item.path.length > 1 ? [item.path.join('/')] : [];
  for (const candidate of [name, ...path]) {
    const resolved = resolveNamed(all, candidate);
    if ('found' in resolved ? resolved.found.id === item.id : !item.active && resolved.problem === 'unknown') return candidate;
  }
  return item.code;
}

/** What writing the rows of one export needs: its columns, the reference data, the zone. */
export class TicketSheet {
  private readonly names = new Map<string, string>();
  /** Each service item's `datetime` fields, by item id: their values are instants to show on the organisation's clock. */
  private readonly datetimes: ReadonlyMap<string, ReadonlySet<string>>;
  private readonly columnKeys: ReadonlySet<string>;

  constructor(
    private readonly references: TicketReferences,
    readonly fields: readonly FieldColumn[],
    readonly language: Language,
    private readonly time: ZonedFormatter,
  ) {
    this.datetimes = new Map(references.serviceItems.map((item) => [item.id, new Set(item.fields.filter((f) => f.type === 'datetime').map((f) => f.key))]));
    this.columnKeys = new Set(fields.map((f) => f.key));
  }

  header(): string[] {
    const own = (key: keyof typeof EXPORT_ONLY) => headerOf(EXPORT_ONLY[key], this.language);
    const builtin = (key: (typeof TICKET_IMPORT_COLUMNS)[number]['key']) => headerOf(TICKET_IMPORT_COLUMNS.find((c) => c.key === key)!, this.language);
    return [
      own('number'),
      builtin('title'),
      builtin('description'),
      own('status'),
      builtin('category'),
      builtin('serviceItem'),
      builtin('priority'),
      builtin('channel'),
      builtin('department'),
      own('assignee'),
      builtin('customerName'),
      builtin('customerPhone'),
      own('createdBy'),
      own('createdAt'),
      own('updatedAt'),
      own('closedAt'),
      own('slaDueAt'),
      own('slaState'),
      builtin('result'),
      ...this.fields.map((f) => f.header),
      own('otherFields'),
    ];
  }

  /** One ticket as a row (before formula escaping, which the writer applies to every cell). */
  row(record: TicketExportRecord): string[] {
    const { language, time } = this;
    const phone = record.customer?.phone ?? null;
    return [
      record.number,
      record.title,
      record.description,
      language === 'zh' ? STATUS_LABELS[record.status] : record.status,
      this.name('category', this.references.categories, record.category),
      this.name('serviceItem', this.references.serviceItems, record.serviceItem),
      this.name('priority', this.references.priorities, record.priority),
      language === 'zh' ? CHANNEL_LABELS[record.channel] : record.channel,
      record.department ? this.name('department', this.references.departments, record.department) : '',
      record.assignee?.displayName ?? '',
      record.customer?.name ?? '',
      phone === null ? '' : record.customer!.phoneMasked ? phone : formatPhone(phone),
      record.createdBy.displayName,
      time.format(record.createdAt),
      time.format(record.updatedAt),
      time.format(record.closedAt),
      time.format(record.sla.dueAt),
      record.sla.state ? (language === 'zh' ? SLA_STATE_LABELS[record.sla.state] : record.sla.state) : '',
      record.result ?? '',
      ...this.fieldCells(record),
    ];
  }

  /**
   * The form columns, then the values no column holds: fields removed from the form, or renamed,
   * since the ticket was recorded. The header is written before the first page is read, so it
   * cannot have a column for each such key; they go into one last column as JSON.
   */
  private fieldCells(record: TicketExportRecord): string[] {
    // Stored as UTC instants; the file shows them on the organisation's clock, as it does every other time.
    const datetimes = this.datetimes.get(record.serviceItem.id);
    const text = (key: string, value: FieldValue): string => (datetimes?.has(key) && typeof value === 'string' ? this.time.format(value) : String(value));
    const cells = this.fields.map((f) => (record.fields[f.key] === undefined ? '' : text(f.key, record.fields[f.key]!)));
    const others = Object.entries(record.fields).filter(([key]) => !this.columnKeys.has(key));
    return [...cells, others.length === 0 ? '' : JSON.stringify(Object.fromEntries(others))];
  }

  private name<T extends NamedRef & { path?: readonly string[] }>(kind: string, all: readonly T[], ref: RefName): string {
    const cacheKey = `${kind}:${ref.id}`;
    let name = this.names.get(cacheKey);
    if (name === undefined) {
      const item = all.find((x) => x.id === ref.id);
      name = item ? unambiguousName(all, item, this.language) : this.language === 'en' ? (ref.nameEn ?? ref.name) : ref.name;
      this.names.set(cacheKey, name);
    }
    return name;
  }
}
