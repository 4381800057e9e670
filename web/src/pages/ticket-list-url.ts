import type { Role } from '../api/auth';
import { TICKET_SORTS, TICKET_STATUSES, type TicketListParams, type TicketSort, type TicketStatus } from '../api/tickets';
import { queueTabsFor, type QueueTab } from '../auth/permissions';

/**
 * The ticket list's state as its URL holds it
 * (`/tickets?queue=department&status=pending&department=refunds&sort=-priority&q=退款`), and the
 * API request it makes. Shared by the list page and the first load's prefetch, so both ask for
 * the same cache entry.
 */

export const PAGE_SIZE = 50;

const csv = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);
const isStatus = (value: string): value is TicketStatus => (TICKET_STATUSES as readonly string[]).includes(value);
const isSort = (value: string | null): value is TicketSort => value !== null && (TICKET_SORTS as readonly string[]).includes(value);

export interface TicketListUrl {
  tabs: readonly QueueTab[];
  tab: QueueTab;
  statuses: TicketStatus[];
  priorities: string[];
  /** department ids or codes (the board links with codes) */
  departments: string[];
  /** customer ids (the ticket page's customer panel links here with one) */
  customers: string[];
  sort: TicketSort | null;
  /** a saved view's id */
  view: string | null;
  q: string;
  request: TicketListParams;
}

const ALL_ONLY: readonly QueueTab[] = ['all'];

/** The request each tab makes besides the filters: a named queue, or a time-limit state over everything visible. */
function tabRequest(tab: QueueTab): Pick<TicketListParams, 'queue' | 'slaState'> {
  if (tab === 'all') return {};
  if (tab === 'overdue') return { slaState: ['breached'] };
  if (tab === 'warned') return { slaState: ['warned'] };
  return { queue: tab };
}

/** `role` null only for the moment between a sign-out and the guard's redirect. */
export function readTicketListUrl(params: URLSearchParams, role: Role | null): TicketListUrl {
  const tabs = role ? queueTabsFor(role) : ALL_ONLY;
  const requested = params.get('queue');
  const tab = tabs.find((candidate) => candidate === requested) ?? tabs[0]!;
  const statuses = csv(params.get('status')).filter(isStatus);
  const priorities = csv(params.get('priority'));
  const departments = csv(params.get('department'));
  const customers = csv(params.get('customer'));
  const requestedSort = params.get('sort');
  const sort = isSort(requestedSort) ? requestedSort : null;
  const view = params.get('view') || null;
  const q = params.get('q') ?? '';
  return {
    tabs,
    tab,
    statuses,
    priorities,
    departments,
    customers,
    sort,
    view,
    q,
    request: {
      ...tabRequest(tab),
      status: statuses.length ? statuses : undefined,
      priority: priorities.length ? priorities : undefined,
      department: departments.length ? departments : undefined,
      customer: customers.length ? customers : undefined,
      sort: sort ?? undefined,
      view: view ?? undefined,
      q: q.trim() || undefined,
      limit: PAGE_SIZE,
    },
  };
}

const LAST_LIST_KEY = 'gongdan.lastTicketList';

/** Remembers, per browser tab, the list address (tab, filters, search) the user last looked at. */
export function rememberListAddress(params: URLSearchParams): void {
  try {
    sessionStorage.setItem(LAST_LIST_KEY, params.size > 0 ? `/tickets?${params.toString()}` : '/tickets');
  } catch {
    // storage refused: the way back is the plain list
  }
}

/** Where 返回工单列表 leads: the list as the user left it in this tab, else the plain list. */
export function lastListAddress(): string {
  try {
    const address = sessionStorage.getItem(LAST_LIST_KEY);
    return address?.startsWith('/tickets') ? address : '/tickets';
  } catch {
    return '/tickets';
  }
}
