import { badRequest, fieldIssue } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';

/** Relevance-ranked search pages continue at an offset into the ranking; the cursor carries it. */
const TAG = 'relevance';

export function relevanceCursor(offset: number): string {
  return encodeCursor([TAG, offset]);
}

export function relevanceOffset(cursor: string): number {
  const [tag, offset, ...rest] = decodeCursor(cursor);
  if (tag !== TAG || !Number.isInteger(offset) || (offset as number) < 0 || (offset as number) > 100_000 || rest.length > 0) {
    throw badRequest('invalid_cursor', 'cursor: this cursor belongs to a list with another order; start from the first page.', {
      errors: [fieldIssue('cursor', 'invalid_cursor', 'was issued for another order')],
    });
  }
  return offset as number;
}
