import { badRequest } from '../errors.js';

/** Opaque cursors: the sort position of the last row, as base64url JSON. Clients pass them back unchanged. */
export function encodeCursor(values: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string): Array<string | number> {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length > 0 && values.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return values;
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest('invalid_cursor', 'cursor: pass back the nextCursor value of the previous page unchanged.', {
    errors: [{ field: 'cursor', message: 'is not a cursor this server issued' }],
  });
}
