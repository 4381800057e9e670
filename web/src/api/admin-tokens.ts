import { api } from './client';

/** The signed-in user's personal API tokens; the secret is answered once, at creation. */

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export type CreatedApiToken = ApiToken & { token: string };

export const listApiTokens = async (signal?: AbortSignal) => (await api.get<{ items: ApiToken[] }>('/auth/tokens', undefined, signal)).items;
export const createApiToken = (name: string) => api.post<CreatedApiToken>('/auth/tokens', { name });
export const revokeApiToken = (id: string) => api.delete<void>(`/auth/tokens/${encodeURIComponent(id)}`);
