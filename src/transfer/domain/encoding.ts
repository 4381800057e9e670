import iconv from 'iconv-lite';
import { UNSTORABLE } from '../../platform/unstorable-text.js';

/**
 * Which text encoding a CSV file arrives in. Excel on a Chinese Windows saves "CSV" in GBK (the
 * ANSI code page 936), "CSV UTF-8" with a byte-order mark, and "Unicode text" in UTF-16LE;
 * other systems export UTF-8 without a mark.
 */
export const IMPORT_ENCODINGS = ['utf-8', 'gbk', 'utf-16le', 'utf-16be'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

/** What a client may ask for explicitly (`?encoding=`, or the charset of the Content-Type). */
export const REQUESTABLE_ENCODINGS = ['utf-8', 'gbk'] as const;
export type RequestedEncoding = (typeof REQUESTABLE_ENCODINGS)[number];

export interface DecodedText {
  text: string;
  encoding: ImportEncoding;
}

/** The number of the first line that is not UTF-8 (a line feed byte is never part of a UTF-8 sequence, so lines can be checked one by one). */
function firstInvalidUtf8Line(bytes: Uint8Array): number {
  let start = 0;
  for (let line = 1; ; line++) {
    const end = bytes.indexOf(0x0a, start);
    try {
      strictUtf8.decode(bytes.subarray(start, end < 0 ? bytes.length : end));
    } catch {
      return line;
    }
    if (end < 0) return line;
    start = end + 1;
  }
}

/** Why a file cannot be read as text: a stable code and a sentence for the person who sent it. */
export interface DecodeProblem {
  code: 'not_csv' | 'invalid_encoding' | 'empty_file';
  message: string;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Spreadsheet files people upload instead of saving as CSV: a zip (.xlsx) or an OLE compound file (.xls). */
function spreadsheetKind(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'an Excel workbook (.xlsx) or another zip file';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'an old Excel workbook (.xls)';
  return null;
}

/**
 * The encoding of a file: a byte-order mark decides (UTF-8, UTF-16LE/BE); otherwise bytes that
 * are valid UTF-8 are UTF-8 (plain ASCII included), and anything else is GBK, read as GB18030
 * (its superset, so rare characters saved by newer systems decode too).
 */
export function detectEncoding(bytes: Uint8Array): ImportEncoding {
  if (startsWith(bytes, UTF8_BOM)) return 'utf-8';
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be';
  try {
    strictUtf8.decode(bytes);
    return 'utf-8';
  } catch {
    return 'gbk';
  }
}

/**
 * Decodes an uploaded file to text. `requested` overrides detection (a UTF-8 file that happens
 * to be valid GBK too is rare, but a short GBK file can be valid UTF-8 by accident). A byte-order
 * mark is removed. Text that cannot be stored faithfully (a NUL character) is refused.
 */
export function decodeCsvBytes(bytes: Uint8Array, requested?: RequestedEncoding): DecodedText | DecodeProblem {
  if (bytes.length === 0) return { code: 'empty_file', message: 'The file is empty.' };
  const spreadsheet = spreadsheetKind(bytes);
  if (spreadsheet) {
    return { code: 'not_csv', message: `The file is ${spreadsheet}, not CSV text. In Excel choose File › Save As › "CSV UTF-8 (逗号分隔)" and upload that.` };
  }
  const detected = detectEncoding(bytes);
  const encoding: ImportEncoding = requested === 'gbk' ? 'gbk' : requested === 'utf-8' && detected === 'gbk' ? 'utf-8' : detected;
  let text: string;
  if (encoding === 'utf-8') {
    try {
      text = strictUtf8.decode(startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes);
    } catch {
      const line = firstInvalidUtf8Line(startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes);
      return { code: 'invalid_encoding', message: `Line ${line} of the file is not valid UTF-8 text. If it was saved by Excel as "CSV" on a Chinese Windows, send it with encoding=gbk.` };
    }
  } else {
    const codec = encoding === 'gbk' ? 'gb18030' : encoding;
    text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), codec, { stripBOM: true });
    // A decoder's replacement character: bytes that mean nothing in this encoding, which would be stored mangled.
    const bad = text.indexOf('\uFFFD');
    if (bad >= 0) {
      const line = text.slice(0, bad).split('\n').length;
      return { code: 'invalid_encoding', message: `Line ${line} of the file is neither UTF-8 nor ${encoding === 'gbk' ? 'GBK' : encoding.toUpperCase()} text. Save the file as "CSV UTF-8" and upload it again.` };
    }
  }
  const unstorable = UNSTORABLE.exec(text);
  if (unstorable) {
    const line = text.slice(0, unstorable.index).split('\n').length;
    const what = unstorable[0] === '\u0000' ? 'a NUL character' : 'half of a UTF-16 character pair';
    return { code: 'invalid_encoding', message: `Line ${line} of the file holds ${what} when read as ${encoding}: it is not CSV text in that encoding.` };
  }
  if (text.trim() === '') return { code: 'empty_file', message: 'The file holds no text.' };
  return { text, encoding };
}

export function isDecodeProblem(value: DecodedText | DecodeProblem): value is DecodeProblem {
  return 'code' in value;
}
