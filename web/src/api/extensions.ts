import { queryOptions } from '@tanstack/react-query';
import { api } from './client';
import type { SlaTarget } from './tickets';
import type { ExtensionStatus } from '../../../src/sla/domain/extension-request';

export type { ExtensionStatus };

/** 延期申请 (src/sla/http/extension-requests.routes.ts): asked on a ticket, decided by a supervisor. */
export interface ExtensionRequest {
  id: string;
  ticketId: string;
  ticketNumber?: string;
  target: SlaTarget;
  deadlineId: string;
  departmentId: string | null;
  /** user id */
  requestedBy: string;
  reason: string;
  previousDueAt: string | null;
  requestedUntil: string;
  status: ExtensionStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  createdAt: string;
}

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
