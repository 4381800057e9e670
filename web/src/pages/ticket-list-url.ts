import type { Role } from '../api/auth';
import { TICKET_STATUSES, type TicketListParams, type TicketStatus } from '../api/tickets';
import { queueTabsFor, type QueueTab } from '../auth/permissions';

/**
 * The ticket list's state as its URL holds it (`/tickets?queue=department&status=pending&q=退款`),
 * and the API request it makes. Shared by the list page and the first load's prefetch, so both
 * ask for the same cache entry.
 */

export const PAGE_SIZE = 50;

const csv = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);
const isStatus = (value: string): value is TicketStatus => (TICKET_STATUSES as readonly string[]).includes(value);

export interface TicketListUrl {
  tabs: readonly QueueTab[];
  tab: QueueTab;
  statuses: TicketStatus[];
  priorities: string[];
  q: string;
  request: TicketListParams;
}

const ALL_ONLY: readonly QueueTab[] = ['all'];

/** `role` null only for the moment between a sign-out and the guard's redirect. */
export function readTicketListUrl(params: URLSearchParams, role: Role | null): TicketListUrl {
  const tabs = role ? queueTabsFor(role) : ALL_ONLY;
  const requested = params.get('queue');
  const tab = tabs.find((candidate) => candidate === requested) ?? tabs[0]!;
  const statuses = csv(params.get('status')).filter(isStatus);
  const priorities = csv(params.get('priority'));
  const q = params.get('q') ?? '';
  return {
    tabs,
    tab,
    statuses,
    priorities,
    q,
    request: {
      queue: tab === 'all' ? undefined : tab,
      status: statuses.length ? statuses : undefined,
      priority: priorities.length ? priorities : undefined,
      q: q.trim() || undefined,
      limit: PAGE_SIZE,
    },
  };
}
