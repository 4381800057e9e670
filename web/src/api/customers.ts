import { listAuditLog } from './audit';
import { api, ApiError } from './client';
import type { AttributeDefinition, AttributeValue, CustomerType, IdentityKind, SlaSummaryState } from './domain';
import type { RefView, TicketStatus, UserRef } from './tickets';


/** The shapes of /api/v1/customers (src/customers/http/customer.schemas.ts, docs/customers.md). */

export interface CustomerPhone {
  id: string;
  /** in full for admin, supervisor and agent; masked (138****8000) for the others */
  number: string;
  label: string | null;
  primary: boolean;
  masked: boolean;
}

export interface CustomerEmail {
  id: string;
  address: string;
  label: string | null;
  primary: boolean;
  masked: boolean;
}

export interface CustomerExternalId {
  id: string;
  /** the system the id belongs to, e.g. wechat_openid */
  kind: string;
  value: string;
  masked: boolean;
}


export interface Customer {
  id: string;
  name: string;
  type: CustomerType;
  tier: string | null;
  tags: string[];
  attributes: Record<string, AttributeValue>;
  parent: { id: string; name: string } | null;
  mergedIntoId: string | null;
  phones: CustomerPhone[];
  emails: CustomerEmail[];
  externalIds: CustomerExternalId[];
  idNumber: { id: string; value: string; masked: boolean } | null;
  createdAt: string;
  updatedAt: string;
}

/** A customer as lists show it: the primary phone always masked. */
export interface CustomerSummary {
  id: string;
  name: string;
  type: CustomerType;
  tier: string | null;
  tags: string[];
  parentId: string | null;
  phone: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CustomerPage {
  items: CustomerSummary[];
  nextCursor: string | null;
}

/** A ticket as a customer's record lists it. */
export interface CustomerTicket {
  id: string;
  number: string;
  title: string;
  status: TicketStatus;
  channel: string;
  category: RefView;
  serviceItem: RefView;
  priority: RefView;
  department: RefView | null;
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

/** One customer with contacts (an enterprise's first page) and the tickets the reader may see. */
export interface CustomerDetail extends Customer {
  contacts: CustomerSummary[];
  contactCount: number;
  /** the reader may unmask the phone numbers and emails (a handler: a ticket of the customer's the call centre opened) */
  mayReveal: boolean;
  openTickets: CustomerTicket[];
  recentTickets: CustomerTicket[];
}

export interface CustomerFilters {
  q?: string;
  /** how `q` matches names: their beginning (the default, indexed) or any part */
  match?: 'prefix' | 'contains';
  type?: CustomerType;
  tier?: string;
  tag?: string;
  /** the contacts of this enterprise customer */
  parent?: string;
}

export interface CustomerChanges {
  name?: string;
  type?: CustomerType;
  tier?: string | null;
  tags?: string[];
  attributes?: Record<string, AttributeValue | null>;
  /** the enterprise a contact belongs to; null detaches it */
  parentId?: string | null;
  /** a resident ID number; null removes it */
  idNumber?: string | null;
}

export interface NewCustomer {
  name: string;
  type: CustomerType;
  tier?: string | null;
  tags?: string[];
  phones?: Array<{ number: string; label?: string | null }>;
  emails?: Array<{ address: string; label?: string | null }>;
}

/** A custom attribute an administrator defined (自定义属性), as the API answers it. */
export type CustomerAttribute = AttributeDefinition;

/** Customers by name (a phone number finds its holder), in name order, a page at a time. */
export function listCustomers(filters: CustomerFilters, cursor: string | null, signal?: AbortSignal): Promise<CustomerPage> {
  return api.get<CustomerPage>('/customers', { ...filters, match: filters.q ? filters.match : undefined, limit: 50, cursor }, signal);
}

export const getCustomer = (id: string, signal?: AbortSignal) => api.get<CustomerDetail>(`/customers/${encodeURIComponent(id)}`, undefined, signal);
export const createCustomer = (input: NewCustomer) => api.post<Customer>('/customers', input);
export const updateCustomer = (id: string, changes: CustomerChanges) => api.patch<Customer>(`/customers/${encodeURIComponent(id)}`, changes);
export const addCustomerPhone = (id: string, phone: { number: string; label?: string | null; primary?: boolean }) =>
  api.post<Customer>(`/customers/${encodeURIComponent(id)}/phones`, phone);
export const addCustomerEmail = (id: string, email: { address: string; label?: string | null; primary?: boolean }) =>
  api.post<Customer>(`/customers/${encodeURIComponent(id)}/emails`, email);
export const makePrimaryIdentity = (id: string, identityId: string) =>
  api.patch<Customer>(`/customers/${encodeURIComponent(id)}/identities/${encodeURIComponent(identityId)}`, { primary: true });
export const removeIdentity = (id: string, identityId: string) => api.delete<Customer>(`/customers/${encodeURIComponent(id)}/identities/${encodeURIComponent(identityId)}`);
export const addCustomerExternalId = (id: string, externalId: { kind: string; value: string }) =>
  api.post<Customer>(`/customers/${encodeURIComponent(id)}/external-ids`, externalId);
/** Erases the customer's personal data (admins); the record stays for its tickets and lists no more. */
export const deleteCustomer = (id: string) => api.delete<void>(`/customers/${encodeURIComponent(id)}`);
/** Unmasks one value; the server records it in the audit trail before answering. */
export const revealIdentity = (id: string, identityId: string) =>
  api.post<{ identityId: string; kind: IdentityKind; value: string }>(`/customers/${encodeURIComponent(id)}/reveal`, { identityId });
export const mergeCustomer = (id: string, into: string) =>
  api.post<{ customer: Customer; moved: { tickets: number; identities: number; contacts: number } }>(`/customers/${encodeURIComponent(id)}/merge`, { into });
/** Deactivated ones too: their stored values are still shown, under their labels. */
export const listCustomerAttributes = (signal?: AbortSignal) => api.get<{ items: CustomerAttribute[] }>('/customer-attributes', { includeInactive: 'true' }, signal);

/** A customer's audit trail, newest first (admins and auditors). */
export const listCustomerAudit = (id: string, cursor: string | null, signal?: AbortSignal) => listAuditLog({ subject: `customer:${id}` }, cursor, signal);
