import { fieldIssue, type FieldIssue } from '../../platform/errors.js';

export const FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'money',
  'date',
  'datetime',
  'select',
  'phone',
  'email',
  'order_number',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** One field of a service item's standard form, so every agent records the same facts. */
export interface FieldDefinition {
  key: string;
  label: string;
  labelEn?: string;
  type: FieldType;
  required: boolean;
  options?: Array<{ value: string; label: string }>;
  maxLength?: number;
  min?: number;
  max?: number;
}

export type FieldValue = string | number;

const DEFAULT_MAX_LENGTH: Record<FieldType, number> = {
  text: 500,
  textarea: 5000,
  number: 0,
  money: 0,
  date: 0,
  datetime: 0,
  select: 0,
  phone: 32,
  email: 254,
  order_number: 64,
};

/**
 * Checks submitted values against a service item's form: unknown keys, missing required
 * fields and values of the wrong shape are all reported (every problem, not just the first).
 * Values come back normalised (trimmed text, numbers as numbers, emails lower-cased).
 */
export function validateFieldValues(
  definitions: readonly FieldDefinition[],
  values: Record<string, unknown>,
): { values: Record<string, FieldValue>; errors: FieldIssue[] } {
  const errors: FieldIssue[] = [];
  const out: Record<string, FieldValue> = {};
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  for (const key of Object.keys(values)) {
    if (!byKey.has(key)) errors.push(fieldIssue(`fields.${key}`, 'unknown_field', 'is not a field of this service item'));
  }
  for (const definition of definitions) {
    const raw = values[definition.key];
    const field = `fields.${definition.key}`;
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      if (definition.required) errors.push(fieldIssue(field, 'required', `${definition.label} is required`));
      continue;
    }
    const result = normaliseValue(definition, raw);
    if (typeof result === 'object') errors.push(fieldIssue(field, result.code, result.message, result.params));
    else out[definition.key] = result;
  }
  return { values: out, errors };
}

/** Why a value does not fit its field: a field issue without its field. */
type Refusal = Omit<FieldIssue, 'field'>;

function normaliseValue(d: FieldDefinition, raw: unknown): FieldValue | Refusal {
  switch (d.type) {
    case 'number':
    case 'money':
      return normaliseNumber(d, raw);
    case 'date':
      return typeof raw === 'string' && isCalendarDate(raw) ? raw : refusal('invalid_format', 'must be a date as YYYY-MM-DD', { format: 'date' });
    case 'datetime':
      return typeof raw === 'string' && isIsoDateTime(raw)
        ? new Date(raw).toISOString()
        : refusal('invalid_format', 'must be an ISO 8601 date and time with an offset, e.g. 2026-11-23T10:00:00+08:00', { format: 'datetime' });
    case 'select': {
      const allowed = (d.options ?? []).map((o) => o.value);
      return typeof raw === 'string' && allowed.includes(raw) ? raw : refusal('not_allowed', `must be one of: ${allowed.join(', ')}`);
    }
    default:
      return normaliseText(d, raw);
  }
}

/** Decimal notation only: Number() would also read '0x10' and '1e3', which nobody types into a form. */
const DECIMAL = /^-?\d+(\.\d+)?$/;

function normaliseNumber(d: FieldDefinition, raw: unknown): number | Refusal {
  const value = typeof raw === 'string' && DECIMAL.test(raw.trim()) ? Number(raw.trim()) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value)) return refusal('invalid_format', 'must be a number', { format: 'number' });
  // 19.99 * 100 is 1998.9999999999998 in binary floating point, so compare with a tolerance.
  const cents = value * 100;
  if (d.type === 'money' && (value < 0 || Math.abs(cents - Math.round(cents)) > 1e-6)) {
    return refusal('invalid_format', 'must be an amount of at least 0 with at most two decimals', { format: 'money' });
  }
  // Larger amounts lose cents in floating point; no service ticket is about a trillion yuan.
  if (d.type === 'money' && value > 1e12) return refusal('too_large', 'must be at most 1000000000000', { max: 1e12 });
  if (d.min !== undefined && value < d.min) return refusal('too_small', `must be at least ${d.min}`, { min: d.min });
  if (d.max !== undefined && value > d.max) return refusal('too_large', `must be at most ${d.max}`, { max: d.max });
  return value;
}

const PATTERNS: Partial<Record<FieldType, { pattern: RegExp; message: string }>> = {
  phone: { pattern: /^\+?(?=(?:[\s()-]*\d){5})[\d\s()-]{5,32}$/, message: 'must be a phone number of at least 5 digits (digits, spaces, +, - and brackets)' },
  email: { pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, message: 'must be an email address' },
  order_number: { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/, message: 'must be an order number (letters, digits, - and _)' },
};

function normaliseText(d: FieldDefinition, raw: unknown): string | Refusal {
  if (typeof raw !== 'string' && typeof raw !== 'number') return refusal('invalid_type', 'must be text', { expected: 'string' });
  const text = String(raw).trim();
  const maxLength = d.maxLength ?? DEFAULT_MAX_LENGTH[d.type];
  if (text.length > maxLength) return refusal('too_long', `must be at most ${maxLength} characters`, { max: maxLength });
  const rule = PATTERNS[d.type];
  if (rule && !rule.pattern.test(text)) return refusal('invalid_format', rule.message, { format: d.type });
  return d.type === 'email' ? text.toLowerCase() : text;
}

function refusal(code: FieldIssue['code'], message: string, params?: Record<string, string | number>): Refusal {
  return params ? { code, message, params } : { code, message };
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function isIsoDateTime(value: string): boolean {
  const match = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(value);
  // Date.parse rolls 30 February over into March; the calendar date must exist as written.
  return match !== null && isCalendarDate(match[1]!) && !Number.isNaN(Date.parse(value));
}
