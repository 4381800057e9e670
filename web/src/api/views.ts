import { api } from './client';
import type { TicketListParams } from './tickets';
import type { ViewScope } from '../../../src/views/domain/saved-view';

/** Saved views (保存的视图) of the ticket list: /api/v1/views (src/views/http/views.routes.ts). */

// The server's own scopes and rule of who may share where (pure, no I/O), so the dialog offers what the server allows.
export { VIEW_SCOPES, manageRefusal, type ViewScope } from '../../../src/views/domain/saved-view';

/** The list parameters a view saves: those of GET /tickets without paging. */
export type ViewFilters = Omit<TicketListParams, 'view' | 'limit'>;

export interface SavedView {
  id: string;
  name: string;
  scope: ViewScope;
  department: { id: string; code: string; name: string } | null;
  owner: { id: string; username: string; displayName: string } | null;
  filters: Record<string, unknown>;
  mayChange: boolean;
  /** the tickets of the view the reader may see, up to a cap; null when not countable */
  count: number | null;
  countCapped: boolean;
  countError: { code: string; message: string } | null;
}

export interface NewView {
  name: string;
  scope: ViewScope;
  department?: string;
  filters: ViewFilters;
}

export const listViews = async (signal?: AbortSignal) => (await api.get<{ items: SavedView[] }>('/views', undefined, signal)).items;
export const createView = (view: NewView) => api.post<SavedView>('/views', view);
export const deleteView = (id: string) => api.delete<void>(`/views/${encodeURIComponent(id)}`);
