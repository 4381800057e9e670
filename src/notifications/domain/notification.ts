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

/**
 * The ticket a notification is about, as it was when the notification was sent: the recipient
 * may since have lost sight of the ticket, and a notification must not show them its later state.
 */
export interface NotificationTicket {
  id: string;
  number: string;
  title: string;
}

/** The snapshot of a ticket a notification carries. */
export function aboutTicket(ticket: NotificationTicket): NotificationTicket {
  return { id: ticket.id, number: ticket.number, title: ticket.title };
}

/** One in-app notification (站内通知) addressed to one person. */
export interface Notification {
  id: string;
  userId: string;
  ticket: NotificationTicket | null;
  kind: NotificationKind;
  data: NotificationData;
  createdAt: string;
  /** When the recipient marked it read; null while unread. */
  readAt: string | null;
}

/** The same message for every recipient. */
export interface NotificationContent {
  ticket: NotificationTicket | null;
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
    ticket: content.ticket && { ...content.ticket },
    kind: content.kind,
    // Each notification gets its own copy, so changing one never changes another.
    data: structuredClone(content.data),
    createdAt: at,
    readAt: null,
  }));
}
