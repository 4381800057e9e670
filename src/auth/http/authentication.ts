import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UseCaseContext } from '../../app/context.js';
import { forbidden, unauthorized } from '../../platform/errors.js';
import type { HttpApp } from '../../platform/http/types.js';
import { sameSecret } from '../../platform/security/secrets.js';
import type { Actor } from '../domain/actor.js';
import { authenticateSession, authenticateToken, type Authenticated } from '../use-cases/authenticate.js';

export const SESSION_COOKIE = 'gongdan_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
  }
  interface FastifyContextConfig {
    /** Routes that answer without signing in (login, health, the API document). */
    public?: boolean;
  }
}

/**
 * Resolves who is calling on every API request: a bearer API token, or the session cookie.
 * Cookie-authenticated writes must echo the session's CSRF token in X-CSRF-Token.
 */
export function registerAuthentication(app: HttpApp, ctx: UseCaseContext): void {
  app.decorateRequest('auth', null);
  // Before validation, so that an anonymous caller learns nothing about what a valid request looks like.
  app.addHook('preValidation', async (request: FastifyRequest, _reply: FastifyReply) => {
    // The route the router matched, not the raw URL: the router decodes `/%61pi/v1/users` to an API route.
    if (request.routeOptions.config.public || !request.routeOptions.url?.startsWith('/api/v1/')) return;
    request.auth = await identify(request, ctx);
    if (!request.auth) throw unauthorized();
    const csrf = request.auth.csrfToken;
    if (csrf && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameSecret(sent, csrf)) {
        throw forbidden('csrf_token_invalid', 'Send the csrfToken from sign-in in the X-CSRF-Token header with every change.');
      }
    }
  });
}

async function identify(request: FastifyRequest, ctx: UseCaseContext): Promise<Authenticated | null> {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw unauthorized('Authorization must be "Bearer <API token>".');
    const found = await authenticateToken(ctx, token);
    if (!found) throw unauthorized('The API token is unknown or has been revoked.');
    return found;
  }
  const session = request.cookies[SESSION_COOKIE];
  return session ? authenticateSession(ctx, session) : null;
}

/** The signed-in actor of a request that passed authentication. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.auth) throw unauthorized();
  return request.auth.actor;
}

/** Refuses the request unless the caller is an administrator. */
export function requireAdmin(request: FastifyRequest): Actor {
  const actor = actorOf(request);
  if (actor.role !== 'admin') throw forbidden('admin_only', 'Only administrators may change this.');
  return actor;
}
