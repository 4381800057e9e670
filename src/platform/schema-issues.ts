import { FIELD_ISSUE_CODES, fieldIssue, type FieldIssue, type FieldIssueCode } from './errors.js';

/** A schema library's complaint about one value (zod's issue shape): a code, where, and what else it knows (limits, formats). */
export interface SchemaIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * A schema issue as the API's field issue, under `field`. `root` is the value that was checked,
 * to tell a field left out (required) from one of the wrong type, which zod reports alike.
 */
export function schemaFieldIssue(issue: SchemaIssue, field: string, root: unknown): FieldIssue {
  const { code, message } = issue;
  const details = new Map<string, unknown>(Object.entries(issue));
  const origin = String(details.get('origin') ?? '');
  const limit = (key: 'minimum' | 'maximum') => Number(details.get(key));
  const exclusive = details.get('inclusive') === false;
  switch (code) {
    case 'invalid_type':
      return valueAt(root, issue.path) === undefined
        ? fieldIssue(field, 'required', 'is required')
        : fieldIssue(field, 'invalid_type', message, { expected: String(details.get('expected')) });
    case 'too_small':
      if (origin === 'string') return limit('minimum') <= 1 ? fieldIssue(field, 'required', 'must not be empty') : fieldIssue(field, 'too_short', message, { min: limit('minimum') });
      if (COUNTED.has(origin)) return fieldIssue(field, 'too_few', message, { min: limit('minimum') });
      // `positive()` refuses 0 itself: "at least 0" would say the opposite.
      return fieldIssue(field, 'too_small', message, exclusive ? { above: limit('minimum') } : { min: limit('minimum') });
    case 'too_big':
      if (origin === 'string') return fieldIssue(field, 'too_long', message, { max: limit('maximum') });
      if (COUNTED.has(origin)) return fieldIssue(field, 'too_many', message, { max: limit('maximum') });
      return fieldIssue(field, 'too_large', message, exclusive ? { below: limit('maximum') } : { max: limit('maximum') });
    case 'invalid_format':
      return fieldIssue(field, 'invalid_format', message, { format: String(details.get('format')) });
    case 'invalid_value':
      return fieldIssue(field, 'not_allowed', message);
    case 'unrecognized_keys':
      return fieldIssue(field, 'unknown_field', 'is not a known field');
    case 'custom':
      return fieldIssue(field, customCode(details.get('params')), message, customParams(details.get('params')));
    default:
      return fieldIssue(field, 'invalid', message);
  }
}

/** Origins whose size is a count of items rather than a value. */
const COUNTED = new Set(['array', 'set', 'map', 'object', 'record']);

/**
 * A refinement says what it refuses through its params: `{ issue: 'too_many', max: 100 }`;
 * one that says nothing is `invalid`, and its message explains.
 */
function customCode(params: unknown): FieldIssueCode {
  const issue = isRecord(params) ? params.issue : undefined;
  return FIELD_ISSUE_CODES.find((code) => code === issue) ?? 'invalid';
}

function customParams(params: unknown): Record<string, string | number> | undefined {
  if (!isRecord(params)) return undefined;
  const entries = Object.entries(params).filter((entry): entry is [string, string | number] => entry[0] !== 'issue' && (typeof entry[1] === 'string' || typeof entry[1] === 'number'));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (!isRecord(value) && !Array.isArray(value)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
