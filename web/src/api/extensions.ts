import { queryOptions } from '@tanstack/react-query';
import { api } from './client';
import type { SlaTarget } from './tickets';
import type { ExtensionRequest as DomainExtensionRequest, ExtensionStatus } from '../../../src/sla/domain/extension-request';

export type { ExtensionStatus };

/** 延时申请 (src/sla/http/extension-requests.routes.ts): asked on a ticket, decided by a supervisor; lists add the ticket's number. */
export type ExtensionRequest = DomainExtensionRequest & { ticketNumber?: string };

/** Under the ticket keys, so a ticket action's refresh re-reads them too. */
export const ticketExtensionsQuery = (ticketId: string) =>
  queryOptions({
    queryKey: ['tickets', 'extensions', ticketId],
    queryFn: async ({ signal }) =>
      (await api.get<{ items: ExtensionRequest[] }>(`/tickets/${encodeURIComponent(ticketId)}/extension-requests`, undefined, signal)).items,
  });

export const requestExtension = (ticketId: string, body: { target: SlaTarget; until: string; reason: string }) =>
  api.post<ExtensionRequest>(`/tickets/${encodeURIComponent(ticketId)}/extension-requests`, body);

export const approveExtension = (id: string, reason?: string) =>
  api.post<ExtensionRequest>(`/extension-requests/${encodeURIComponent(id)}/approve`, reason ? { reason } : {});

export const rejectExtension = (id: string, reason: string) =>
  api.post<ExtensionRequest>(`/extension-requests/${encodeURIComponent(id)}/reject`, { reason });
