import type { FieldDefinition, FieldType } from '../../catalog/domain/service-item-form.js';
import type { Ticket, TicketEventType } from '../../tickets/domain/ticket.js';
import { indexTokens, type Strategy } from './tokenize.js';

/**
 * What a ticket's search document is made of. Three fields, weighted in this order when ranking:
 * `title` (the ticket number and the title), `body` (description, service-item form values,
 * customer name) and `notes` (intermediate notes, replies to the customer, results and the notes
 * of closing and merging).
 */
export interface SearchSources {
  number: string;
  title: string;
  description: string;
  fieldValues: readonly string[];
  customerName: string | null;
  texts: readonly string[];
}

/** The pre-tokenised text stored per field (tokens separated by spaces). */
export interface SearchDocument {
  title: string;
  body: string;
  notes: string;
}

export function buildSearchDocument(sources: SearchSources, strategy: Strategy = 'hybrid'): SearchDocument {
  return {
    title: indexTokens(`${sources.number}\n${sources.title}`, strategy),
    body: indexTokens([sources.description, ...sources.fieldValues, sources.customerName ?? ''].join('\n'), strategy),
    notes: indexTokens(sources.texts.join('\n'), strategy),
  };
}

/** Form fields holding personal contact data are never indexed (phones are found through the customers module). */
const UNINDEXED_FIELD_TYPES: ReadonlySet<FieldType> = new Set(['phone', 'email']);

/** The form values worth searching, in the form's order; values of fields the form no longer has are kept. */
export function searchableFieldValues(fields: Record<string, unknown>, definitions: readonly FieldDefinition[]): string[] {
  const types = new Map(definitions.map((d) => [d.key, d.type]));
  const values: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const type = types.get(key);
    if (type && UNINDEXED_FIELD_TYPES.has(type)) continue;
    if (typeof value === 'string' || typeof value === 'number') values.push(String(value));
  }
  return values;
}

/** Timeline entries whose content is searched: notes, replies, results, and the notes of closing and merging. */
export const SEARCHABLE_EVENT_TYPES: readonly TicketEventType[] = [
  'ticket.note_added',
  'ticket.replied',
  'ticket.resolved',
  'ticket.closed',
  'ticket.merged',
  'ticket.duplicate_merged',
];
const SEARCHABLE = new Set<string>(SEARCHABLE_EVENT_TYPES);

/** The searched texts of a timeline (oldest first) and the ticket's current result, each once. */
export function searchableTexts(events: ReadonlyArray<{ type: string; content: string | null }>, result: string | null): string[] {
  const texts: string[] = [];
  for (const event of events) if (SEARCHABLE.has(event.type) && event.content) texts.push(event.content);
  if (result && !texts.includes(result)) texts.push(result);
  return texts;
}

/** Whether a step changed anything the search document is made of, so the ticket must be re-indexed. */
export function needsReindex(before: Ticket, after: Ticket, event: { type: string; content: string | null }): boolean {
  if (event.content && SEARCHABLE.has(event.type)) return true;
  return (
    before.title !== after.title ||
    before.description !== after.description ||
    before.result !== after.result ||
    before.customerId !== after.customerId ||
    before.serviceItemId !== after.serviceItemId ||
    JSON.stringify(before.fields) !== JSON.stringify(after.fields)
  );
}
