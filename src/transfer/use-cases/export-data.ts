import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import type { AuditAction } from '../../customers/domain/audit.js';
import { CUSTOMER_TYPES, type CustomerType } from '../../customers/domain/customer.js';
import { exportsInFull } from '../../customers/domain/privacy.js';
import { sealedPhoneOf } from '../../customers/persistence/sealed-phone.js';
import { auditEntry } from '../../customers/use-cases/customer-records.js';
import { listCustomers, type CustomerListRequest } from '../../customers/use-cases/read-customers.js';
import { openTicketCustomerPhones } from '../../customers/use-cases/reveal-identity.js';
import { newId } from '../../platform/ids.js';
import type { TicketListQuery } from '../../tickets/persistence/tickets-repository.js';
import type { TicketView } from '../../tickets/persistence/ticket-view.js';
import { buildListQuery, narrowQuery } from '../../tickets/use-cases/list-filter.js';
import { listTickets } from '../../tickets/use-cases/read-tickets.js';
import { filtersOf, narrowToView, resolveSavedFilters, usableView, type SavedFilters } from '../../views/use-cases/view-filters.js';
import { ZonedFormatter } from '../domain/cells.js';
import type { Language } from '../domain/columns.js';
import { customerExportHeader, customerExportRow, type CustomerExportRecord } from '../domain/customer-columns.js';
import { fieldColumns, ticketColumnTable } from '../domain/ticket-columns.js';
import { TicketSheet } from '../domain/ticket-export.js';
import { ticketReferences } from './import-context.js';

/** Rows read from the database per query: a page never holds more than this many in memory. */
export const EXPORT_PAGE = 1000;

/**
 * Lets the event loop run between pages. SQLite answers synchronously, so without this a large
 * export would run as one chain of promise callbacks, holding up every other request (and the
 * socket writes of the export itself) until its last page.
 */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A file to stream: its name, its header and its rows, read page by page as the writer asks for them. */
export interface ExportFile {
  fileName: string;
  header: string[];
  rows: AsyncIterable<string[]>;
}

export interface ExportOptions {
  /**
   * A HEAD request: the filters are checked and the file named as for the download, but no row is
   * read and nothing is written to the audit trail, since nothing leaves.
   */
  headOnly?: boolean;
}

export interface TicketExportRequest extends ExportOptions {
  /** Any filter of `GET /tickets` (the search text `q` included). */
  filters: SavedFilters;
  /** A saved view whose tickets to export; `filters` narrow it, as on the list. */
  view?: string;
  language: Language;
}

const NO_ROWS: AsyncIterable<string[]> = { [Symbol.asyncIterator]: async function* () {} };

/** A stamp for file names, on the organisation's clock: 20261123-0930. */
function stamp(ctx: UseCaseContext): string {
  return new ZonedFormatter(ctx.timeZone).format(ctx.clock.now().toISOString()).slice(0, 16).replace(/-/g, '').replace('T', '-').replace(':', '');
}

/**
 * Records, before anything is sent, that an export carries personal data in full: no unmasked
 * file leaves without its entry in the audit trail (as no unmasking does).
 */
async function recordUnmaskedExport(ctx: UseCaseContext, actor: Actor, action: AuditAction, data: { filters: { q?: string } } & Record<string, unknown>): Promise<void> {
  // The search text may be a phone number; the trail keeps no personal value in full.
  const { q, ...filters } = data.filters;
  const entry = { ...data, filters: { ...filters, ...(q !== undefined && { q: '(search text)' }) } };
  await ctx.uow.write((repos) => repos.audit.record([auditEntry(actor, action, 'export', newId(), entry, ctx.clock.now().toISOString())]));
}

/**
 * The tickets of a list (its filters, a saved view, a search) that the caller may see, for a
 * CSV file, in the list's order (a search in its sort order, newest first by default, not by
 * relevance). References are checked before the first row, so a bad filter is a 4xx, not a
 * broken download. Customer phone numbers are masked unless the caller exports them in full.
 */
export async function exportTickets(ctx: UseCaseContext, actor: Actor, request: TicketExportRequest): Promise<ExportFile> {
  const view = request.view ? await usableView(ctx, actor, request.view) : null;
  const saved = view ? filtersOf(view) : undefined;
  const filters: SavedFilters = saved ? { ...saved, ...request.filters } : request.filters;
  let query = await buildListQuery(ctx, actor, { ...filters, limit: EXPORT_PAGE });
  if (saved) query = await narrowToView(ctx, actor, query, saved);
  if (filters.q?.trim()) {
    const search = await resolveSavedFilters(ctx, actor, { q: filters.q }, EXPORT_PAGE, 'q');
    query = { ...narrowQuery(query, search), textMatch: search.textMatch };
  }
  const references = await ctx.uow.read((repos) => ticketReferences(repos));
  const items = query.serviceItemIds ? references.serviceItems.filter((s) => query.serviceItemIds!.includes(s.id)) : references.serviceItems;
  const sheet = new TicketSheet(references, fieldColumns(items, ticketColumnTable(references), request.language), request.language, new ZonedFormatter(ctx.timeZone));
  const unmask = exportsInFull(actor.role, 'phone');
  const language = request.language;
  const name = view ? `${language === 'zh' ? '视图' : 'view'}-${view.name}` : language === 'zh' ? '工单' : 'tickets';
  const fileName = `${name}-${stamp(ctx)}.csv`;
  if (request.headOnly) return { fileName, header: sheet.header(), rows: NO_ROWS };
  if (unmask) await recordUnmaskedExport(ctx, actor, 'tickets.exported', { view: request.view ?? null, filters: request.filters, unmasked: ['phone'] });
  async function* rows(): AsyncGenerator<string[]> {
    let page: TicketListQuery = query;
    for (;;) {
      const { items: tickets, next } = await listTickets(ctx, actor, page);
      const phones = unmask ? await openPhones(ctx, tickets) : new Map<TicketView, string>();
      for (const ticket of tickets) {
        const phone = phones.get(ticket) ?? ticket.customer?.phone ?? null;
        const customer = ticket.customer ? { name: ticket.customer.name, phone, phoneMasked: !phones.has(ticket) } : null;
        yield sheet.row({ ...ticket, customer });
      }
      if (!next) return;
      page = { ...query, after: next };
      await nextTurn();
    }
  }
  return { fileName, header: sheet.header(), rows: rows() };
}

/** The numbers behind the masks the ticket views carry (see customers/persistence/sealed-phone). */
async function openPhones(ctx: UseCaseContext, tickets: readonly TicketView[]): Promise<Map<TicketView, string>> {
  const sealed = tickets.flatMap((ticket) => {
    const value = ticket.customer ? sealedPhoneOf(ticket.customer) : undefined;
    return value ? [{ ticket, value }] : [];
  });
  const opened = await openTicketCustomerPhones(ctx, sealed.map((s) => s.value));
  return new Map(sealed.map((s, i) => [s.ticket, opened[i]!]));
}

export type CustomerExportRequest = Omit<CustomerListRequest, 'limit' | 'after'> & { language: Language } & ExportOptions;

/**
 * Customers as the list finds them (name, tag, tier, type, enterprise), for a CSV file that
 * imports again: the same columns, phone numbers and emails with their labels, the enterprise by
 * name. Phone numbers, emails and external ids are in full only for a role that exports them
 * so (administrators, with an audit entry); ID numbers are never exported. Enterprises come
 * first, then individuals, each in name order.
 */
export async function exportCustomers(ctx: UseCaseContext, actor: Actor, request: CustomerExportRequest): Promise<ExportFile> {
  const { language, headOnly, ...filters } = request;
  const definitions = await ctx.uow.read((repos) => repos.customerAttributes.list());
  const fileName = `${language === 'zh' ? '客户' : 'customers'}-${stamp(ctx)}.csv`;
  if (headOnly) return { fileName, header: customerExportHeader(definitions, language), rows: NO_ROWS };
  const unmask = exportsInFull(actor.role, 'phone');
  if (unmask) await recordUnmaskedExport(ctx, actor, 'customers.exported', { filters, unmasked: ['phone', 'email', 'external'] });
  const time = new ZonedFormatter(ctx.timeZone);
  const parents = new Map<string, string | null>();
  // Enterprises first, so that a re-import finds each contact's enterprise (所属企业) already there.
  const passes = CUSTOMER_TYPES.filter((type) => !filters.types || filters.types.includes(type)).sort((x, y) => (x === 'enterprise' ? -1 : y === 'enterprise' ? 1 : 0));
  async function* rows(): AsyncGenerator<string[]> {
    for (const type of passes) yield* pass(type);
  }
  async function* pass(type: CustomerType): AsyncGenerator<string[]> {
    let after: CustomerListRequest['after'];
    for (;;) {
      const page = await listCustomers(ctx, actor, { ...filters, types: [type], limit: EXPORT_PAGE, after });
      const ids = page.items.map((c) => c.id);
      const identities = await ctx.uow.read(async (repos) => {
        for (const parentId of new Set(page.items.flatMap((c) => (c.parentId && !parents.has(c.parentId) ? [c.parentId] : [])))) {
          parents.set(parentId, (await repos.customers.findById(parentId))?.name ?? null);
        }
        return repos.customers.identitiesOfCustomers(ids, (identity) => exportsInFull(actor.role, identity.kind));
      });
      for (const customer of page.items) {
        const own = identities.get(customer.id) ?? [];
        // Primary first: it is the one a re-import makes primary again.
        const of = (kind: string) => own.filter((i) => i.kind === kind).sort((a, b) => Number(b.primary) - Number(a.primary));
        const record: CustomerExportRecord = {
          ...customer,
          parentName: customer.parentId ? (parents.get(customer.parentId) ?? null) : null,
          phones: of('phone').map((i) => ({ value: i.value ?? i.hint, label: i.label, masked: i.value === null })),
          emails: of('email').map((i) => ({ value: i.value ?? i.hint, label: i.label })),
          externalIds: of('external').map((i) => ({ scheme: i.scheme ?? '', value: i.value ?? i.hint })),
        };
        yield customerExportRow(record, definitions, language, time);
      }
      if (!page.next) return;
      after = page.next;
      await nextTurn();
    }
  }
  return { fileName, header: customerExportHeader(definitions, language), rows: rows() };
}
