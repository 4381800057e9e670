import { api, ApiError, setCsrfToken } from './client';
import type { Role } from './domain';

export { ROLES, type Role } from './domain';

/** The shapes of /api/v1/auth (see GET /api/v1/openapi.json). */

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  onDuty: boolean;
  /** department ids */
  departments: string[];
  createdAt: string;
  updatedAt: string;
}

export interface Session {
  user: User;
  csrfToken: string | null;
  /** The organisation's time zone: every time is shown, and every preset meant, in it. */
  timeZone: string;
}

export async function signIn(username: string, password: string): Promise<Session> {
  const session = await api.post<Session>('/auth/login', { username, password });
  setCsrfToken(session.csrfToken);
  return session;
}

/** The remembered session, or null when the cookie is missing or has expired. */
export async function fetchSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/auth/me', undefined, signal);
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function signOut(): Promise<void> {
  try {
    await api.post<void>('/auth/logout', {});
  } finally {
    setCsrfToken(null);
  }
}
