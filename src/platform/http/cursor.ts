import { badRequest, fieldIssue } from '../errors.js';
import { UNSTORABLE } from '../unstorable-text.js';

/** Opaque cursors: the sort position of the last row, as base64url JSON. Clients pass them back unchanged. */
export function encodeCursor(values: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

const INT32_MAX = 2 ** 31 - 1;

/**
 * A cursor's values are compared with stored columns, so a tampered one must not reach the
 * database with what it cannot compare: text with NUL or broken Unicode, numbers beyond a 32-bit
 * integer (PostgreSQL refuses both; the base64 hides them from the URL check).
 */
const isCursorValue = (v: unknown): v is string | number =>
  (typeof v === 'string' && v.length <= 400 && !UNSTORABLE.test(v)) || (Number.isSafeInteger(v) && Math.abs(v as number) <= INT32_MAX);

export function decodeCursor(cursor: string): Array<string | number> {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length > 0 && values.every(isCursorValue)) return values;
  } catch {
    // fall through to the error below
  }
  throw invalidCursor();
}

export function invalidCursor() {
  return badRequest('invalid_cursor', 'cursor: pass back the nextCursor value of the previous page unchanged.', {
    errors: [fieldIssue('cursor', 'invalid_cursor', 'is not a cursor this server issued')],
  });
}

/** A stored instant as cursors carry it (`toISOString()`), in the range the API takes instants in. */
export const isCursorTime = (v: unknown): v is string =>
  typeof v === 'string' && /^(19[7-9]\d|2[01]\d\d)-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v) && new Date(v).toISOString() === v;
