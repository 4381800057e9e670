import { headerKey, unescapeFormula } from './cells.js';

/**
 * Mapping a CSV header to what each column means, for imports, and naming columns for exports
 * and templates. Headers are matched loosely (see `headerKey`): 手机, 手机号码, Phone and
 * `phone_number` all find the phone column.
 */

export type Language = 'zh' | 'en';

/** A column every file of a kind may have. */
export interface BuiltinColumn<K extends string = string> {
  key: K;
  /** The header exports and templates write. */
  zh: string;
  en: string;
  /** Other spellings accepted on import. */
  aliases?: readonly string[];
  required?: boolean;
  /** Several columns may feed it (two phone columns: 手机 and 办公电话). */
  repeatable?: boolean;
  /** Written by exports for people to read (创建时间), accepted on import and not imported. */
  informational?: boolean;
}

/** What a column of an uploaded file feeds. */
export type ColumnTarget =
  | { kind: 'builtin'; key: string }
  | { kind: 'attribute'; key: string }
  /** A service-item form field, named by key, label or English label; which field it is depends on each row's service item. */
  | { kind: 'field'; ref: string }
  | { kind: 'external'; scheme: string }
  /** Not imported: an informational column, one the caller asked to ignore, or one without a header (its cells must be empty). */
  | { kind: 'ignored'; reason: 'informational' | 'unknown' | 'blank' };

export interface MappedColumn {
  index: number;
  header: string;
  target: ColumnTarget;
}

/** The columns of one kind of file: its built-in ones, and the ones administrators define (attributes, form fields). */
export interface ColumnTable {
  builtins: readonly BuiltinColumn[];
  /** `prefix:name` headers (field:orderNumber, 外部编号:wechat_openid), by prefix as `headerKey` reduces it. */
  prefixed?: Record<string, (name: string) => ColumnTarget | null>;
  /** Headers that are none of the built-in ones: an attribute's or a form field's key or label. */
  dynamic?: (header: string) => ColumnTarget | null;
}

export type HeaderProblemCode = 'unknown_columns' | 'missing_columns' | 'duplicate_columns';

export interface HeaderProblem {
  code: HeaderProblemCode;
  message: string;
  columns: string[];
}

export interface HeaderMapping {
  columns: MappedColumn[];
}

function builtinIndex(table: ColumnTable): Map<string, BuiltinColumn> {
  const index = new Map<string, BuiltinColumn>();
  for (const column of table.builtins) {
    for (const name of [column.key, column.zh, column.en, ...(column.aliases ?? [])]) {
      const key = headerKey(name);
      if (!index.has(key)) index.set(key, column);
    }
  }
  return index;
}

/** What one header means, or null when nothing known has that name. */
export function targetOf(table: ColumnTable, header: string, index = builtinIndex(table)): ColumnTarget | null {
  const key = headerKey(header);
  if (key === '') return { kind: 'ignored', reason: 'blank' };
  const builtin = index.get(key);
  if (builtin) return builtin.informational ? { kind: 'ignored', reason: 'informational' } : { kind: 'builtin', key: builtin.key };
  const colon = header.normalize('NFKC').indexOf(':');
  if (colon > 0) {
    const resolve = table.prefixed?.[headerKey(header.normalize('NFKC').slice(0, colon))];
    const name = header.normalize('NFKC').slice(colon + 1).trim();
    if (resolve && name) return resolve(name);
  }
  return table.dynamic?.(header.trim()) ?? null;
}

/** Two columns feeding the same thing, unless it takes several. */
function identityOf(table: ColumnTable, target: ColumnTarget): string | null {
  switch (target.kind) {
    case 'builtin':
      return table.builtins.find((b) => b.key === target.key)?.repeatable ? null : `builtin:${target.key}`;
    case 'attribute':
      return `attribute:${target.key}`;
    case 'field':
      return `field:${headerKey(target.ref)}`;
    case 'external':
      return null;
    case 'ignored':
      return null;
  }
}

/**
 * Maps a header row: every column must mean something known (or be left out on request), the
 * required ones must be there, and nothing single-valued may come twice. All problems at once.
 */
export function mapHeader(table: ColumnTable, header: readonly string[], options: { ignoreUnknown: boolean }): HeaderMapping | { problems: HeaderProblem[] } {
  const index = builtinIndex(table);
  const columns: MappedColumn[] = [];
  const unknown: string[] = [];
  const seen = new Map<string, string>();
  const duplicates: string[] = [];
  header.forEach((raw, i) => {
    const target = targetOf(table, raw, index);
    if (!target) {
      if (options.ignoreUnknown) columns.push({ index: i, header: raw, target: { kind: 'ignored', reason: 'unknown' } });
      else unknown.push(raw);
      return;
    }
    const identity = identityOf(table, target);
    if (identity !== null) {
      const earlier = seen.get(identity);
      if (earlier !== undefined) duplicates.push(`${earlier} / ${raw}`);
      else seen.set(identity, raw);
    }
    columns.push({ index: i, header: raw, target });
  });
  const problems: HeaderProblem[] = [];
  if (unknown.length > 0) {
    problems.push({
      code: 'unknown_columns',
      columns: unknown,
      message: `The file has columns nobody knows: ${unknown.map((c) => JSON.stringify(c)).join(', ')}. Rename them (see the template), remove them, or send ignoreUnknownColumns=true to leave them out.`,
    });
  }
  const missing = table.builtins.filter((b) => b.required && !columns.some((c) => c.target.kind === 'builtin' && c.target.key === b.key));
  if (missing.length > 0) {
    problems.push({
      code: 'missing_columns',
      columns: missing.map((b) => b.zh),
      message: `The file lacks the required columns ${missing.map((b) => `${b.zh} (${b.en})`).join(', ')}.`,
    });
  }
  if (duplicates.length > 0) {
    problems.push({ code: 'duplicate_columns', columns: duplicates, message: `Columns name the same thing twice: ${duplicates.join(', ')}.` });
  }
  return problems.length > 0 ? { problems } : { columns };
}

/** The header of a built-in column in a language. */
export function headerOf(column: Pick<BuiltinColumn, 'zh' | 'en'>, language: Language): string {
  return language === 'zh' ? column.zh : column.en;
}

/** A cell of a row with the column it came from. */
export interface Cell {
  value: string;
  column: MappedColumn;
}

/** The cells of one data row by what they feed; empty cells are absent. */
export class RowCells {
  constructor(
    readonly cells: readonly string[],
    readonly columns: readonly MappedColumn[],
  ) {}

  private matching(predicate: (target: ColumnTarget) => boolean, includeEmpty = false): Cell[] {
    return this.columns
      .filter((column) => predicate(column.target))
      // A leading apostrophe that an export put before = + - @ goes again (see escapeFormula).
      .map((column) => ({ value: unescapeFormula((this.cells[column.index] ?? '').trim()), column }))
      .filter((cell) => includeEmpty || cell.value !== '');
  }

  /** The built-in column's cell (the first non-empty one, when it repeats). */
  builtin(key: string): Cell | undefined {
    return this.matching((t) => t.kind === 'builtin' && t.key === key)[0];
  }

  /** Every non-empty cell of a repeatable built-in column, in column order. */
  builtins(key: string): Cell[] {
    return this.matching((t) => t.kind === 'builtin' && t.key === key);
  }

  /** An empty cell of a built-in column the file has, to name the column when a value is missing. */
  emptyCell(key: string): Cell | undefined {
    const column = this.columns.find((c) => c.target.kind === 'builtin' && c.target.key === key);
    return column ? { value: '', column } : undefined;
  }

  /** The header of the (first) column feeding a built-in one, as the file spells it. */
  headerFor(key: string): string | null {
    return this.columns.find((c) => c.target.kind === 'builtin' && c.target.key === key)?.header ?? null;
  }

  /** Whether the file has the column at all (an empty cell then means "nothing", not "not given"). */
  hasColumn(key: string): boolean {
    return this.columns.some((c) => c.target.kind === 'builtin' && c.target.key === key);
  }

  /** The cells of every column of a kind (attributes, form fields …); empty ones only when asked. */
  of(kind: ColumnTarget['kind'], includeEmpty = false): Cell[] {
    return this.matching((t) => t.kind === kind, includeEmpty);
  }

  /** Values under a column without a header: nowhere to put them, so the row is refused rather than the value dropped. */
  orphans(): Cell[] {
    return this.matching((t) => t.kind === 'ignored' && t.reason === 'blank');
  }

  /** Cells beyond the header's last column. */
  overflow(): string[] {
    const width = Math.max(-1, ...this.columns.map((c) => c.index)) + 1;
    return this.cells.slice(width).filter((v) => v.trim() !== '');
  }
}

/** One problem with one row, for the error report: the column and (an excerpt of) the value at fault. */
export interface RowIssue {
  column: string | null;
  value: string | null;
  code: string;
  message: string;
}

/**
 * Which column each part of a row's request came from (`phones.1` → 办公电话), so that a
 * problem the use case reports by field (`phones.1.number: …`) names the column a person sees.
 */
export class FieldSources {
  private readonly sources = new Map<string, Cell>();

  set(path: string, cell: Cell): void {
    this.sources.set(path, cell);
  }

  /** The cell behind a field path: the longest recorded path that is it or contains it. */
  find(field: string): Cell | undefined {
    let path = field;
    for (;;) {
      const found = this.sources.get(path);
      if (found) return found;
      const dot = path.lastIndexOf('.');
      if (dot < 0) return undefined;
      path = path.slice(0, dot);
    }
  }
}

/** Excerpts in the error report stay short: a cell may hold a 20,000-character description. */
export function excerpt(value: string, max = 100): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** Columns holding personal data that the rest of the system stores encrypted. */
const PERSONAL_COLUMNS = new Set(['phones', 'emails', 'idNumber', 'externalIds', 'customerPhone']);

/**
 * The excerpt of a cell the error report keeps. The report is stored in plain text, so personal
 * values (phone numbers, emails, ID numbers, external ids) appear masked, as in the audit trail;
 * the CSV of failed rows, read from the encrypted copy of the file, has them in full.
 */
export function cellExcerpt(cell: Cell): string {
  const target = cell.column.target;
  const personal = target.kind === 'external' || (target.kind === 'builtin' && PERSONAL_COLUMNS.has(target.key));
  return personal ? maskedExcerpt(cell.value) : excerpt(cell.value);
}

/** A personal value as the stored report keeps it: its first three and last two characters. */
function maskedExcerpt(value: string): string {
  return value.length > 6 ? `${value.slice(0, 3)}****${value.slice(-2)}` : '****';
}

/** A problem with a cell. */
export function cellIssue(cell: Cell, code: string, message: string): RowIssue {
  return { column: cell.column.header, value: cellExcerpt(cell), code, message };
}

/**
 * The structural problems of a row, whatever the kind: values under a blank header, cells past
 * the last column. Nothing says what such a value is (the second phone column of a sheet whose
 * header cell was left empty, the half of an address an unquoted comma split off), so it is
 * treated as personal data and kept masked (`cellExcerpt`), in the value and in the message alike;
 * the CSV of failed rows has it in full.
 */
export function shapeIssues(row: RowCells): RowIssue[] {
  const issues: RowIssue[] = row.orphans().map((cell) => ({
    column: `(column ${cell.column.index + 1})`,
    value: maskedExcerpt(cell.value),
    code: 'value_without_header',
    message: 'this column has no header, so the value has nowhere to go; give the column a header or empty it',
  }));
  const extra = row.overflow();
  if (extra.length > 0) {
    issues.push({
      column: null,
      value: excerpt(extra.map(maskedExcerpt).join(', ')),
      code: 'too_many_cells',
      message: tooManyCellsMessage(row.cells.length, row.columns.length, extra, maskedExcerpt),
    });
  }
  return issues;
}

/**
 * What `too_many_cells` says, quoting the cells left over as `show` writes each: masked in the
 * stored report, in full in the CSV of failed rows (which leaves those cells out of the row).
 */
export function tooManyCellsMessage(cellCount: number, columnCount: number, leftOver: readonly string[], show: (value: string) => string): string {
  const quoted = excerpt(leftOver.map(show).join(', '));
  return `the row has more cells than the header has columns (${cellCount} > ${columnCount}), left over: ${quoted}; a comma inside a value needs the value in quotes`;
}
