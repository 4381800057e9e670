import { ZoneOffsets } from '../../sla/domain/local-time.js';

/**
 * Cells as spreadsheets read and write them: formula injection, lists in one cell, headers
 * written in many ways, dates and times in the organisation's zone.
 */

/**
 * CSV injection (OWASP "CSV Injection"): a cell beginning with = + - @ (or a tab or carriage
 * return, which some spreadsheets skip before looking) is run as a formula when the file is
 * opened, so a customer who types `=HYPERLINK(…)` into a web form could attack whoever opens the
 * export. Such cells are written with a leading apostrophe, which spreadsheets show as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The import takes one apostrophe off a cell that an apostrophe and a formula character begin,
 * so a value that itself begins so (`'=quoted`, as someone typed it) gets one more on export
 * (`''=quoted`): escaping adds exactly one apostrophe to what unescaping takes one from, and
 * every value comes back as it was.
 */
const ESCAPED_START = /^'*[=+\-@\t\r]/;

export function escapeFormula(value: string): string {
  return ESCAPED_START.test(value) ? `'${value}` : value;
}

/** The inverse on import: a file exported here and edited comes back without the apostrophes added. */
export function unescapeFormula(value: string): string {
  return value.startsWith("'") && ESCAPED_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** Lists in one cell (tags, several phone numbers): separated by ; , or their full-width forms, or 、 and line breaks. */
const LIST_SEPARATORS = ';；,，、\n';

/**
 * What a backslash escapes in a list item: the separators, the brackets of a label and itself.
 * Exports escape them, so a tag `北京、上海` or a label `家[1]` comes back whole; a backslash
 * before anything else is a plain character, so hand-written cells (`C:\data`) read as before.
 */
const ITEM_SPECIAL_CHARS = `\\${LIST_SEPARATORS}[]`;
const SPECIAL_CLASS = `[${ITEM_SPECIAL_CHARS.replace(/[\\[\]]/g, '\\$&')}]`;
const ITEM_SPECIALS = new RegExp(SPECIAL_CLASS, 'g');
const ESCAPED_SPECIAL = new RegExp(`\\\\(${SPECIAL_CLASS})`, 'g');

/** A list item (a tag, a label, a number) as an export writes it, read back whole by `splitList`. */
export function escapeItem(text: string): string {
  return text.replace(ITEM_SPECIALS, '\\$&');
}

export function unescapeItem(text: string): string {
  return text.replace(ESCAPED_SPECIAL, '$1');
}

/** The items of a list cell as written, escapes kept (for `splitLabelled`, which needs them to tell a label's brackets). */
export function splitEscapedList(cell: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i++) {
    const char = cell[i]!;
    if (char === '\\' && i + 1 < cell.length && ITEM_SPECIAL_CHARS.includes(cell[i + 1]!)) {
      current += char + cell[++i]!;
    } else if (LIST_SEPARATORS.includes(char)) {
      items.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  items.push(current);
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

/** A list cell's items, unescaped: `VIP；老客户, 投诉多` → VIP, 老客户, 投诉多. */
export function splitList(cell: string): string[] {
  return splitEscapedList(cell).map(unescapeItem);
}

/** How lists are written on export (items escaped with `escapeItem`), read back by `splitList`. */
export const LIST_JOINER = '; ';

/**
 * A header as written, reduced to compare: full-width forms folded (NFKC), case, spaces,
 * underscores and hyphens ignored, a required-marker (`*`, `(必填)`, `(required)`) dropped.
 */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/\((必填|选填|required|optional)\)/gi, '')
    .replace(/\*/g, '')
    .toLowerCase()
    .replace(/[\s_\-]/g, '');
}

/**
 * `value [label]`: a phone number or email with its label, as exports write them (brackets are
 * not part of either). Takes an item as `splitEscapedList` gives it: an escaped bracket is part
 * of the text, and both parts come back unescaped.
 */
export function splitLabelled(item: string): { value: string; label: string | null } {
  const match = /^((?:[^\\]|\\[\s\S])*?)\s*\[((?:[^\\\]]|\\[\s\S])*)\]\s*$/.exec(item);
  if (!match) return { value: unescapeItem(item.trim()), label: null };
  const label = unescapeItem(match[2]!.trim());
  return { value: unescapeItem(match[1]!.trim()), label: label === '' ? null : label };
}

export function joinLabelled(value: string, label: string | null): string {
  return label ? `${escapeItem(value)} [${escapeItem(label)}]` : escapeItem(value);
}

/**
 * A stored phone number as people write it, so that a spreadsheet keeps it as text: a landline
 * with its area code split off (010-12345678, 0755-1234567; Excel would drop the leading 0 of
 * a bare 01012345678), 400/800 numbers in three groups; mobiles and masks stay as they are.
 */
export function formatPhone(digits: string): string {
  if (!/^\d+$/.test(digits)) return digits;
  if (/^0(10|2\d)\d{7,8}$/.test(digits)) return `${digits.slice(0, 3)}-${digits.slice(3)}`;
  if (/^0[3-9]\d{2}\d{7,8}$/.test(digits)) return `${digits.slice(0, 4)}-${digits.slice(4)}`;
  if (/^[48]00\d{7}$/.test(digits)) return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
  return digits;
}

/** Excel shows long numbers it was not told are text in scientific notation and saves them so: 1.38001E+10. */
export function looksLikeExcelScientific(value: string): boolean {
  return /^\d(\.\d+)?E\+\d+$/i.test(value.trim());
}

const YES = new Set(['是', '有', '对', 'y', 'yes', 'true', '1', '√', '✓']);
const NO = new Set(['否', '无', '不', '不是', 'n', 'no', 'false', '0', '×', '✗']);

/** 是/否, yes/no, true/false (Excel writes TRUE/FALSE), 1/0. */
export function parseYesNo(value: string): boolean | null {
  const key = value.trim().toLowerCase();
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return null;
}

/**
 * A calendar date as spreadsheets write it — 2026-11-23, 2026/11/23, 2026.11.23, 2026年11月23日,
 * with or without leading zeros — as YYYY-MM-DD, or null when it is none (or does not exist).
 */
export function parseDate(value: string): string | null {
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value.trim());
  if (!match) return null;
  const iso = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

/** A number as a spreadsheet may write it: 1234.5, 1,234.50 (thousands separators), ¥12.00. */
export function numberText(value: string): string {
  const trimmed = value.trim().replace(/^[¥￥$]/, '');
  return /^-?\d{1,3}([,，]\d{3})+(\.\d+)?$/.test(trimmed) ? trimmed.replace(/[,，]/g, '') : trimmed;
}

/**
 * Writes instants in the organisation's time zone with their offset, ISO 8601
 * (`2026-11-23T09:30:00+08:00`): unambiguous, sorted as text, read back by every tool.
 */
export class ZonedFormatter {
  private readonly offsets: ZoneOffsets;

  constructor(readonly timeZone: string) {
    this.offsets = new ZoneOffsets(timeZone);
  }

  format(iso: string | null): string {
    if (!iso) return '';
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) return iso;
    const offset = this.offsetAt(ms);
    const local = new Date(ms + offset).toISOString().slice(0, 19);
    const sign = offset < 0 ? '-' : '+';
    const minutes = Math.abs(offset) / 60_000;
    return `${local}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  }

  /**
   * A local date and time as people type it (`2026-11-23 09:30`, `2026/11/23 9:30:15`, with a T
   * or an offset too) as an ISO instant; without an offset it is the organisation's wall clock.
   */
  parseLocal(value: string): string | null {
    const match = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
    if (!match) return null;
    const date = parseDate(match[1]!);
    const [hours, minutes, seconds] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
    if (!date || hours > 23 || minutes > 59 || seconds > 59) return null;
    const wall = Date.parse(`${date}T${String(hours).padStart(2, '0')}:${match[3]}:${String(seconds).padStart(2, '0')}Z`);
    if (match[5]) {
      const zone = match[5] === 'Z' ? 'Z' : match[5].includes(':') ? match[5] : `${match[5].slice(0, 3)}:${match[5].slice(3)}`;
      return new Date(Date.parse(`${new Date(wall).toISOString().slice(0, 19)}${zone}`)).toISOString();
    }
    // The offset in force at that wall-clock time: guess from the wall time, then correct once.
    const first = wall - this.offsetAt(wall);
    return new Date(wall - this.offsetAt(first)).toISOString();
  }

  /** Offsets change on the hour or half hour, so one lookup per quarter hour serves every instant in it. */
  private offsetAt(ms: number): number {
    return this.offsets.offsetAt(Math.floor(ms / 900_000) * 900_000);
  }
}
