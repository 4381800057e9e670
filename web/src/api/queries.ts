import { infiniteQueryOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import { getSettings } from './admin-org';
import { getCustomer, listCustomerAttributes, listCustomerAudit, listCustomers, type CustomerFilters } from './customers';
import { fetchSession } from './auth';
import { listImportErrors, listImports } from './imports';
import { getServiceItem, listDepartments, listPriorities, listUsers } from './reference';
import { getTicket, getTicketEvents, listTickets, type TicketListParams } from './tickets';
import { listViews } from './views';

/**
 * Every server read the console makes, as TanStack Query options: one key per resource, so a
 * page, a prefetch and an invalidation after a change all name the same cache entry.
 */

declare module '@tanstack/react-query' {
  interface Register {
    /** `quietCodes`: problem codes the page shows itself, so no notification pops up for them. */
    queryMeta: { quietCodes?: readonly string[] };
    mutationMeta: { quietCodes?: readonly string[] };
  }
}

const REFERENCE_STALE_MS = 5 * 60_000;

export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: ({ signal }) => fetchSession(signal),
  staleTime: Infinity,
  retry: false,
});

export const ticketListQuery = (params: TicketListParams) =>
  infiniteQueryOptions({
    queryKey: ['tickets', 'list', params],
    queryFn: ({ pageParam, signal }) => listTickets(params, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const ticketQuery = (ref: string) =>
  queryOptions({
    queryKey: ['tickets', 'one', ref],
    queryFn: ({ signal }) => getTicket(ref, signal),
    meta: { quietCodes: ['not_found'] },
  });

export const ticketEventsQuery = (ref: string) =>
  queryOptions({
    queryKey: ['tickets', 'events', ref],
    queryFn: ({ signal }) => getTicketEvents(ref, signal),
    meta: { quietCodes: ['not_found'] },
  });

export const departmentsQuery = queryOptions({
  queryKey: ['reference', 'departments'],
  queryFn: ({ signal }) => listDepartments(signal),
  staleTime: REFERENCE_STALE_MS,
});

export const prioritiesQuery = queryOptions({
  queryKey: ['reference', 'priorities'],
  queryFn: ({ signal }) => listPriorities(signal),
  staleTime: REFERENCE_STALE_MS,
});

export const usersQuery = queryOptions({
  queryKey: ['reference', 'users'],
  queryFn: ({ signal }) => listUsers(signal),
  staleTime: REFERENCE_STALE_MS,
});

export const serviceItemQuery = (id: string) =>
  queryOptions({
    queryKey: ['reference', 'service-item', id],
    queryFn: ({ signal }) => getServiceItem(id, signal),
    staleTime: REFERENCE_STALE_MS,
  });

/** The saved views the user may use, with their counts. */
export const viewsQuery = queryOptions({
  queryKey: ['views'],
  queryFn: ({ signal }) => listViews(signal),
  staleTime: 30_000,
});

/** The organisation settings: administrators change them, and the ticket page reads the default wait. */
export const SETTINGS_KEY = ['admin', 'settings'] as const;
export const settingsQuery = queryOptions({ queryKey: SETTINGS_KEY, queryFn: ({ signal }) => getSettings(signal), staleTime: REFERENCE_STALE_MS });

/** Everything read about customers; a change to one invalidates this key (its ticket lists live under `tickets`). */
export const CUSTOMERS_KEY = ['customers'] as const;

/** What a change to a customer's numbers or a merge makes stale: customer reads, and ticket reads, which show the customer's phone. */
export const CUSTOMER_AND_TICKET_KEYS = [CUSTOMERS_KEY, ['tickets']] as const;

/** Re-reads what a change to a customer's numbers, a merge or a deletion makes stale. */
export const refreshCustomersAndTickets = (client: QueryClient) => Promise.all(CUSTOMER_AND_TICKET_KEYS.map((queryKey) => client.invalidateQueries({ queryKey })));

/** A customer's audit trail (admins, auditors), newest first; under the customer key, so their changes refresh it. */
export const customerAuditQuery = (id: string) =>
  infiniteQueryOptions({
    queryKey: [...CUSTOMERS_KEY, 'audit', id],
    queryFn: ({ pageParam, signal }) => listCustomerAudit(id, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

export const customerListQuery = (filters: CustomerFilters) =>
  infiniteQueryOptions({
    queryKey: [...CUSTOMERS_KEY, 'list', filters],
    queryFn: ({ pageParam, signal }) => listCustomers(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const customerQuery = (id: string) =>
  queryOptions({
    queryKey: [...CUSTOMERS_KEY, 'one', id],
    queryFn: ({ signal }) => getCustomer(id, signal),
    meta: { quietCodes: ['not_found'] },
  });

export const customerAttributesQuery = queryOptions({
  queryKey: ['reference', 'customer-attributes'],
  queryFn: async ({ signal }) => (await listCustomerAttributes(signal)).items,
  staleTime: REFERENCE_STALE_MS,
});

/** Imports (数据导入): the user's jobs (an administrator's: everyone's), newest first, and a job's first error lines. */
export const IMPORTS_KEY = ['imports'] as const;

export const importListQuery = infiniteQueryOptions({
  queryKey: [...IMPORTS_KEY, 'list'],
  queryFn: ({ pageParam, signal }) => listImports(pageParam, signal),
  initialPageParam: null as string | null,
  getNextPageParam: (last) => last.nextCursor,
});

/** `version`: the job's `updatedAt`, so the lines of a job still running are read again as it moves on. */
export const importErrorsQuery = (id: string, limit: number, version: string) =>
  queryOptions({
    queryKey: [...IMPORTS_KEY, 'errors', id, limit, version],
    queryFn: ({ signal }) => listImportErrors(id, limit, signal),
  });
