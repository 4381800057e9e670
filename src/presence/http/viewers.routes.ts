import { z } from 'zod';
import type { UseCaseContext } from '../../app/context.js';
import { actorOf } from '../../auth/http/authentication.js';
import { idParam, problemResponses } from '../../platform/http/schemas.js';
import type { HttpApp } from '../../platform/http/types.js';
import { EXPIRES_AFTER_SECONDS, HEARTBEAT_SECONDS } from '../domain/ticket-viewer.js';
import { leaveTicket, viewTicket, type Presence } from '../use-cases/track-viewers.js';

const tags = ['tickets'];

const presenceSchema = z.object({
  ticketId: z.string(),
  version: z.number().describe("the ticket's current version: newer than the one shown means someone changed it"),
  viewers: z
    .array(
      z.object({
        user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
        since: z.string().describe('when this visit began'),
        lastSeen: z.string().describe('the last heartbeat'),
      }),
    )
    .describe('everyone else viewing the ticket now, longest first'),
  heartbeatSeconds: z.number().describe('send the next heartbeat within this many seconds'),
  expiresAfterSeconds: z.number().describe('an entry without a heartbeat for this long is dropped'),
});

const present = (p: Presence) => ({ ...p, heartbeatSeconds: HEARTBEAT_SECONDS, expiresAfterSeconds: EXPIRES_AFTER_SECONDS });

/** 正在查看: who else has a ticket open, so two people do not work on it unawares. */
export function registerViewerRoutes(app: HttpApp, ctx: UseCaseContext): void {
  app.put(
    '/api/v1/tickets/:id/viewers',
    {
      schema: {
        tags,
        summary: 'Heartbeat from a ticket page: I am viewing it; answers who else is and its current version',
        description: `Send every ${HEARTBEAT_SECONDS} s while the page is open; an entry expires ${EXPIRES_AFTER_SECONDS} s after its last heartbeat. Anyone who may read the ticket may send it.`,
        params: idParam,
        response: { 200: presenceSchema, ...problemResponses },
      },
    },
    async (request) => present(await viewTicket(ctx, actorOf(request), request.params.id)),
  );

  app.delete(
    '/api/v1/tickets/:id/viewers',
    {
      schema: {
        tags,
        summary: 'The ticket page was left: no longer viewing it',
        params: idParam,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await leaveTicket(ctx, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
