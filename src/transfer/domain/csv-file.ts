import { Readable, type Transform } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { escapeFormula } from './cells.js';

/**
 * Reading and writing CSV files with csv-parse and csv-stringify. Rows are numbered as a
 * spreadsheet shows them: the header is row 1, the first data row row 2, and a blank line keeps
 * its number (a cell with a line break inside quotes is still one row).
 */

export interface CsvRecord {
  row: number;
  cells: string[];
}

/** A file that is not well-formed CSV: the row (as a spreadsheet numbers them) where it goes wrong, and what is wrong. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * The delimiter of the file, from its first line: a comma, or a tab ("Unicode text" from Excel),
 * or a semicolon (Excel where the decimal separator is a comma), whichever occurs most outside quotes.
 */
export function detectDelimiter(text: string): string {
  const firstLine = (text.match(/^[^\r\n]*/)?.[0] ?? '').replace(/"[^"]*"/g, '');
  const count = (d: string) => firstLine.split(d).length - 1;
  const best = [',', '\t', ';'].map((d) => ({ d, n: count(d) })).sort((a, b) => b.n - a.n)[0]!;
  return best.n > 0 ? best.d : ',';
}

const SLICE = 64 * 1024;

function* slices(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += SLICE) yield text.slice(i, i + SLICE);
}

/**
 * The records of a file, the header first, parsed a slice at a time so a large file does not
 * hold the event loop. A quote inside an unquoted value is taken as a character (`5" 屏幕`); an
 * unclosed quote is a syntax error naming its line.
 */
export async function* readCsv(text: string, delimiter = detectDelimiter(text)): AsyncGenerator<CsvRecord> {
  const parser = Readable.from(slices(text)).pipe(
    parse({ delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: false, bom: true }),
  );
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row += 1;
      yield { row, cells };
    }
  } catch (error) {
    // The record being read when the parser gave up (the parser runs ahead of us, so ask it how
    // many it had finished): an unclosed quote runs on to the end of the file.
    if (error instanceof CsvError) {
      const records = (error as unknown as { records?: unknown }).records;
      const at = (typeof records === 'number' ? records : row) + 1;
      throw new CsvSyntaxError(at, `Row ${at} of the file is not valid CSV: ${describe(error)}.`);
    }
    throw error;
  }
}

function describe(error: CsvError): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted value is never closed (a " is missing, so everything after it would be one cell)';
  if (error.code === 'CSV_INVALID_CLOSING_QUOTE') return 'a closing quote is followed by more text in the same cell';
  return error.message;
}

/** Whether every cell of a record is empty: a blank line, or a row of empty cells (skipped, never an error). */
export function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/**
 * A CSV writer for spreadsheets: UTF-8 with a byte-order mark (so Excel reads Chinese correctly),
 * CRLF line endings, every cell escaped against formula injection (see `escapeFormula`). A cell
 * holding any line break is quoted: csv-stringify quotes only the record delimiter (CRLF), and
 * a bare LF in a description would split the row for Excel and Python's csv module.
 */
export function csvWriter(): Transform {
  return stringify({ bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/, cast: { string: escapeFormula } });
}

/** Writes records to text with the same rules, for small files (templates). */
export async function csvText(records: AsyncIterable<string[]> | Iterable<string[]>): Promise<string> {
  const writer = csvWriter();
  const done = (async () => {
    let out = '';
    for await (const chunk of writer as AsyncIterable<Buffer | string>) out += chunk.toString();
    return out;
  })();
  for await (const record of records) writer.write(record);
  writer.end();
  return done;
}
