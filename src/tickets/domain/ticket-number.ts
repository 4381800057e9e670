const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYYMMDD) of an instant in the organisation's time zone; ticket numbers restart each day. */
export function ticketNumberDay(at: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(at).replaceAll('-', '');
}

/** The human-readable number a customer can read over the phone, e.g. GD-20261122-000123. */
export function formatTicketNumber(day: string, sequence: number): string {
  return `GD-${day}-${String(sequence).padStart(6, '0')}`;
}

/** Whether a reference looks like a ticket number rather than an internal id. */
export function isTicketNumber(reference: string): boolean {
  return /^GD-\d{8}-\d{6,}$/i.test(reference);
}

/** A reference as two references to one ticket compare equal: numbers are found in any case, so they compare in upper case. */
export function ticketReferenceKey(reference: string): string {
  return isTicketNumber(reference) ? reference.toUpperCase() : reference;
}
