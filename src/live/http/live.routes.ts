import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { UseCaseContext } from '../../app/context.js';
import { AppError, unauthorized } from '../../platform/errors.js';
import { noQuery, problemResponses } from '../../platform/http/schemas.js';
import type { HttpApp } from '../../platform/http/types.js';
import { ChangeFeed, type ChangeFeedOptions } from '../change-feed.js';
import type { LiveMessage } from '../domain/live-audience.js';

export interface LiveStreamOptions extends ChangeFeedOptions {
  /** A comment line this often keeps proxies and the browser from dropping an idle stream (ms). */
  heartbeatMs?: number;
  /**
   * A stream ends after this long (ms) and the browser reconnects (`retry:`), so it re-authenticates.
   * A signed-out session, a deactivated user or changed departments end it sooner: the change feed
   * checks the credentials of every open stream (`revalidateMs`).
   */
  maxAgeMs?: number;
  /** Streams one user may hold open at once (tabs, windows); more are refused with 429. */
  maxPerUser?: number;
}

const RETRY_MS = 3000;

/** One Server-Sent Events message: `event:` names the type, `data:` is one line of JSON. */
function frame(message: LiveMessage | { type: 'ready'; [key: string]: unknown }): string {
  const { type, ...data } = message;
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * `GET /api/v1/live`: the live stream (Server-Sent Events) of board hints, changed tickets and
 * new notifications for the signed-in user (cookie or API token; a GET, so no CSRF token). Every
 * stream of the process is served by one change feed that polls the database once a second.
 */
export function registerLiveRoutes(app: HttpApp, ctx: UseCaseContext, options: LiveStreamOptions = {}): ChangeFeed {
  const heartbeatMs = options.heartbeatMs ?? 20_000;
  const maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
  const maxPerUser = options.maxPerUser ?? 6;
  const feed = new ChangeFeed(ctx, { onError: (error) => app.log.error({ err: error }, 'live feed failed'), ...options });
  const open = new Set<() => void>();

  // Streams never end by themselves: end them before the server waits for its connections to close.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });
  app.addHook('onClose', async () => feed.stop());

  app.get(
    '/api/v1/live',
    {
      schema: {
        tags: ['live'],
        summary: 'Live stream (text/event-stream) of board hints, changed tickets and your new notifications',
        description:
          'Events: `ready` once connected; `board` {rows} (department ids or `dispatch` whose figures changed, for users who see the board); ' +
          '`ticket` {tickets: [{id, number, version}]} (tickets you may see that changed); `notification` {notification, unreadCount} (yours). ' +
          `Comment lines every ${heartbeatMs / 1000} s; the stream ends after ${maxAgeMs / 60_000} minutes and the browser reconnects. ` +
          'It ends sooner once its session is signed out or expires, its API token is revoked, its user is deactivated, or their role or ' +
          'departments change (checked before each delivery and every few seconds); reconnecting then answers 401 or streams as the changed user. ' +
          `At most ${maxPerUser} streams per user (429 \`live_connection_limit\`).`,
        querystring: noQuery,
        response: { 200: z.string().describe('text/event-stream'), 429: problemResponses[422], ...problemResponses },
      },
    },
    async (request, reply) => {
      const auth = request.auth;
      if (!auth) throw unauthorized();
      const actor = auth.actor;
      if (feed.connectionsOf(actor.id) >= maxPerUser) {
        throw new AppError(429, 'live_connection_limit', `You already have ${maxPerUser} live streams open; close a tab or window.`);
      }
      reply.hijack();
      const res: ServerResponse = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // nginx and the like would otherwise buffer the stream.
        'x-accel-buffering': 'no',
      });
      const write = (text: string) => {
        if (!res.writableEnded && !res.destroyed) res.write(text);
      };
      write(`retry: ${RETRY_MS}\n`);
      write(frame({ type: 'ready', at: ctx.clock.now().toISOString() }));

      const remove = feed.add({
        actor,
        credential: { via: auth.via, id: auth.credentialId },
        deliver: (messages) => write(messages.map(frame).join('')),
        end: () => end(),
      });
      const heartbeat = setInterval(() => write(': ping\n\n'), heartbeatMs);
      const maxAge = setTimeout(() => end(), maxAgeMs);
      // Timers of an open stream must not keep a stopping process alive.
      heartbeat.unref();
      maxAge.unref();
      function end() {
        if (!open.delete(end)) return;
        clearInterval(heartbeat);
        clearTimeout(maxAge);
        remove();
        if (!res.writableEnded) res.end();
      }
      open.add(end);
      request.raw.on('close', end);
      res.on('close', end);
    },
  );
  return feed;
}
