/** What a notification is about; the console picks the wording and the icon from it. */
export const NOTIFICATION_KINDS = [
  'sla.warning',
  'sla.breach',
  'sla.escalation',
  'ticket.assigned',
  'ticket.wait_ended',
  'extension.requested',
  'extension.decided',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kind-specific details (the time limit, the due time, who asked …), stored as JSON. */
export type NotificationData = Record<string, unknown>;

/** One in-app notification (站内通知) addressed to one person. */
export interface Notification {
  id: string;
  userId: string;
  ticketId: string | null;
  kind: NotificationKind;
  data: NotificationData;
  createdAt: string;
  /** When the recipient marked it read; null while unread. */
  readAt: string | null;
}

/** The same message for every recipient. */
export interface NotificationContent {
  ticketId: string | null;
  kind: NotificationKind;
  data: NotificationData;
}

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/**
 * One unread notification per distinct recipient. Producers name people by role (the assignee,
 * the department's supervisors …), so the same person may be named twice, and a role may be
 * vacant: duplicates get one notification, null or undefined ids none. Recipients keep the order
 * in which they were first named.
 */
export function newNotifications(
  recipientIds: ReadonlyArray<string | null | undefined>,
  content: NotificationContent,
  at: string,
  idFactory: () => string,
): Notification[] {
  const recipients = [...new Set(recipientIds.filter((id): id is string => typeof id === 'string' && id.length > 0))];
  return recipients.map((userId) => ({
    id: idFactory(),
    userId,
    ticketId: content.ticketId,
    kind: content.kind,
    // Each notification gets its own copy, so changing one never changes another.
    data: structuredClone(content.data),
    createdAt: at,
    readAt: null,
  }));
}
