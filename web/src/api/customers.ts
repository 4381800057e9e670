import { api, ApiError } from './client';
import type { RefView, TicketStatus, UserRef } from './tickets';

/** Reference data as a customer's ticket list names it: without the English name. */
export type SummaryRef = Omit<RefView, 'nameEn'>;
import type { SlaSummaryState } from './domain';

/** The shapes of /api/v1/customers (src/customers/http/customer.schemas.ts, docs/customers.md). */

export interface CustomerPhone {
  id: string;
  /** in full for admin, supervisor and agent; masked (138****8000) for the others */
  number: string;
  label: string | null;
  primary: boolean;
  masked: boolean;
}

export interface Customer {
  id: string;
  name: string;
  type: string;
  tier: string | null;
  tags: string[];
  parent: { id: string; name: string } | null;
  mergedIntoId: string | null;
  phones: CustomerPhone[];
  createdAt: string;
  updatedAt: string;
}

/** A ticket as a customer's record lists it. */
export interface CustomerTicket {
  id: string;
  number: string;
  title: string;
  status: TicketStatus;
  channel: string;
  category: SummaryRef;
  serviceItem: SummaryRef;
  priority: SummaryRef;
  department: SummaryRef | null;
  assignee: UserRef | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  sla: { state: SlaSummaryState | null; dueAt: string | null };
}

/** 来电弹屏: the caller, the number matched, open tickets (newest first, at most 50) and the last ten. */
export interface CustomerLookup {
  customer: Customer;
  matchedIdentityId: string;
  openTickets: CustomerTicket[];
  recentTickets: CustomerTicket[];
}

/** The caller with this number, or null when no customer has it (the API's 404). */
export async function lookupCustomer(phone: string, signal?: AbortSignal): Promise<CustomerLookup | null> {
  try {
    return await api.get<CustomerLookup>('/customers/lookup', { phone }, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}
