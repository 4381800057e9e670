import { z } from 'zod';
import type { UseCaseContext } from '../../app/context.js';
import { actorOf } from '../../auth/http/authentication.js';
import { decodeCursor, encodeCursor, invalidCursor, isCursorTime } from '../../platform/http/cursor.js';
import { idParam, noQuery, problemResponses } from '../../platform/http/schemas.js';
import type { HttpApp } from '../../platform/http/types.js';
import { NOTIFICATION_KINDS } from '../domain/notification.js';
import type { Notification } from '../domain/notification.js';
import type { NotificationPosition } from '../persistence/notifications-repository.js';
import { markAllNotificationsRead, markNotificationRead } from '../use-cases/mark-notifications-read.js';
import { listNotifications } from '../use-cases/read-notifications.js';

const notificationSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  ticket: z
    .object({ id: z.string(), number: z.string(), title: z.string() })
    .nullable()
    .describe('the ticket it is about, with the number and title it had when the notification was sent; null when it is about no ticket'),
  data: z.record(z.string(), z.unknown()).describe('details that depend on the kind'),
  createdAt: z.string(),
  readAt: z.string().nullable().describe('null while unread'),
});

const listQuery = z
  .object({
    unread: z.enum(['true', 'false']).optional().describe('`true` lists only unread notifications'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(1000).optional().describe('the `nextCursor` of the previous page'),
  })
  .strict();

const listSchema = z.object({
  items: z.array(notificationSchema),
  unreadCount: z.number().describe('all unread notifications of the caller, whatever the page shows'),
  nextCursor: z.string().nullable().describe('pass as `cursor` for the next page; null on the last page'),
});

/** The POSTs take nothing; no body counts as `{}`, and anything in one is refused by name. */
const emptyBody = z.preprocess((value) => value ?? {}, z.object({}).strict());

const present = (n: Notification) => ({
  id: n.id,
  kind: n.kind,
  ticket: n.ticket,
  data: n.data,
  createdAt: n.createdAt,
  readAt: n.readAt,
});

/** 站内通知: every signed-in user reads and marks their own notifications, and only theirs. */
export function registerNotificationRoutes(app: HttpApp, ctx: UseCaseContext): void {
  const tags = ['notifications'];
  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: 'Your notifications, newest first, with the unread count',
        querystring: listQuery,
        response: { 200: listSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { unread, limit, cursor } = request.query;
      const after = cursor ? cursorPosition(cursor) : undefined;
      const page = await listNotifications(ctx, actorOf(request), { unreadOnly: unread === 'true', limit, ...(after && { after }) });
      return {
        items: page.items.map(present),
        unreadCount: page.unreadCount,
        nextCursor: page.next ? encodeCursor([page.next.createdAt, page.next.id]) : null,
      };
    },
  );
  app.post(
    '/api/v1/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Mark all your notifications read',
        querystring: noQuery,
        body: emptyBody,
        response: { 200: z.object({ updated: z.number().describe('how many were unread') }), ...problemResponses },
      },
    },
    async (request) => markAllNotificationsRead(ctx, actorOf(request)),
  );
  app.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of your notifications read (again: no change)',
        params: idParam,
        querystring: noQuery,
        body: emptyBody,
        response: { 200: notificationSchema, ...problemResponses },
      },
    },
    async (request) => present(await markNotificationRead(ctx, actorOf(request), request.params.id)),
  );
}

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 100;

/** A cursor carries [createdAt, id] of the last notification of the previous page. */
function cursorPosition(cursor: string): NotificationPosition {
  const values = decodeCursor(cursor);
  const [createdAt, id] = values;
  if (values.length !== 2 || !isCursorTime(createdAt) || !isId(id)) throw invalidCursor();
  return { createdAt, id };
}
