export const CHANNELS = ['phone', 'email', 'web', 'app', 'wechat', 'chat', 'api', 'walk_in', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Channels where nobody classifies the request as it arrives (a mail, a chat message, an app form
 * without a picker). Their tickets may omit category, service item and priority: the configured
 * defaults fill them in and the ticket is flagged for triage. Agents on the phone must classify.
 */
const UNCLASSIFIED_CHANNELS: readonly Channel[] = ['email', 'web', 'app', 'wechat', 'chat'];

/** Whether tickets from this channel may arrive without classification. */
export function mayArriveUnclassified(channel: Channel): boolean {
  return UNCLASSIFIED_CHANNELS.includes(channel);
}

/** How a reply agent reached the customer. */
export const REPLY_CHANNELS = ['phone', 'sms', 'email', 'wechat', 'app', 'letter', 'other'] as const;
export type ReplyChannel = (typeof REPLY_CHANNELS)[number];
