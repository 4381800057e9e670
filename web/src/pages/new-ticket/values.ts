import type { Channel } from '../../api/domain';

/** Everything the form holds: what is kept in the draft and restored after a reload. */
export interface NewTicketValues {
  phone?: string;
  customerName?: string;
  /** the customer chosen by name, where the user's role may not find one by phone (mayFindByPhone) */
  customer?: { id: string; name: string } | null;
  category?: string;
  serviceItem?: string;
  priority?: string;
  channel?: Channel;
  title?: string;
  description?: string;
  /** the service item's form, by field key (dates as YYYY-MM-DD, date-times as YYYY-MM-DDTHH:mm) */
  fields?: Record<string, string | number | null | undefined>;
  answeredOnSpot?: boolean;
  result?: string;
  /** adding the call to an open ticket: internal note (true) or customer-visible */
  noteInternal?: boolean;
}

/** An open ticket the agent chose to add this call to, instead of a new ticket. */
export interface TargetTicket {
  id: string;
  number: string;
  title: string;
}

/** Whether the agent has typed anything worth keeping (the defaults alone are no draft). */
export function hasContent(values: NewTicketValues): boolean {
  const filled = (v: unknown) => (typeof v === 'string' ? v.trim() !== '' : v !== undefined && v !== null);
  return (
    [values.phone, values.customerName, values.customer, values.category, values.serviceItem, values.title, values.description, values.result].some(filled) ||
    Object.values(values.fields ?? {}).some(filled)
  );
}
