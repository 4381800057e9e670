import { DISPATCH_ROW, type BoardRow } from '../../api/board';
import type { TicketStatus } from '../../api/domain';

/**
 * Where a count on the board leads: the ticket list filtered to the same tickets. The list keeps
 * its filters in the URL (`queue`, `status`, `department` by code); overdue and warned counts
 * open its "overdue" and "warned" tabs with the same filters.
 */

export type BoardFilter = 'all' | 'overdue' | 'warned';

export function boardListUrl(row: BoardRow, statuses: readonly TicketStatus[], filter: BoardFilter = 'all'): string {
  const params = new URLSearchParams();
  const dispatch = row.key === DISPATCH_ROW;
  params.set('queue', filter === 'all' ? (dispatch ? 'dispatch' : 'all') : filter);
  if (statuses.length > 0) params.set('status', statuses.join(','));
  if (!dispatch && row.department) params.set('department', row.department.code);
  // URLSearchParams writes commas as %2C; the list reads either, and the plain comma reads better.
  return `/tickets?${params.toString().replaceAll('%2C', ',')}`;
}

/** The statuses a row counts: those with tickets in it, in the board's order. */
export function rowStatuses(row: BoardRow, statuses: readonly TicketStatus[]): TicketStatus[] {
  return statuses.filter((status) => (row.cells[status]?.total ?? 0) > 0);
}
