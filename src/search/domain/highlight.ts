import type { Needle } from './tokenize.js';

/**
 * Highlights for one search result: the title with its matches marked (only when it has any) and
 * a snippet of the best-matching other text. Every piece of the ticket's own text is HTML-escaped;
 * only the `<mark>` and `</mark>` this module adds are markup.
 */
export interface Highlights {
  title?: string;
  snippet: string;
}

export interface HighlightSources {
  title: string;
  description: string;
  fieldValues: readonly string[];
  customerName: string | null;
  texts: readonly string[];
}

export const SNIPPET_CHARS = 120;
/** How much text a snippet shows before its first match. */
const LEAD_CHARS = 30;

const ALNUM = /[\p{L}\p{N}]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const DIGITS = /^\p{Nd}+$/u;

const isWordChar = (ch: string | undefined) => ch !== undefined && ALNUM.test(ch) && !CJK.test(ch);

export function highlight(sources: HighlightSources, needles: readonly Needle[]): Highlights {
  const result: Highlights = { snippet: '' };
  const title = collapse(sources.title);
  const titleRanges = findMatches(title, needles);
  if (titleRanges.ranges.length > 0) result.title = render([...title], titleRanges.ranges);

  const candidates = [sources.description, sources.fieldValues.join(' · '), sources.customerName ?? '', ...sources.texts].map(collapse).filter(Boolean);
  let best: { text: string; found: ReturnType<typeof findMatches> } | null = null;
  for (const text of candidates) {
    const found = findMatches(text, needles);
    if (found.distinct > (best?.found.distinct ?? 0)) best = { text, found };
  }
  result.snippet = best ? snippet(best.text, best.found.ranges) : snippet(collapse(sources.description), []);
  return result;
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

type Range = [start: number, end: number];

/**
 * Where the needles occur in a text, as code-point ranges, merged; `distinct` counts the needles
 * found. Matching works on the text normalised as the index normalises it (NFKC, lower case),
 * character by character, so that positions map back to the original.
 */
export function findMatches(text: string, needles: readonly Needle[]): { ranges: Range[]; distinct: number } {
  const chars = [...text];
  let normalised = '';
  const owner: number[] = [];
  chars.forEach((ch, i) => {
    const n = ch.normalize('NFKC').toLowerCase();
    normalised += n;
    for (let k = 0; k < n.length; k++) owner.push(i);
  });
  const ranges: Range[] = [];
  let distinct = 0;
  for (const needle of needles) {
    if (!needle.text) continue;
    let found = false;
    for (let at = normalised.indexOf(needle.text); at >= 0; at = normalised.indexOf(needle.text, at + 1)) {
      const end = at + needle.text.length;
      if (!needle.cjk) {
        // Letters match from a token start (digits anywhere: order-number fragments), whole unless a prefix.
        if (!DIGITS.test(needle.text) && isWordChar(normalised[at - 1])) continue;
        if (!needle.prefix && isWordChar(normalised[end])) continue;
      }
      ranges.push([owner[at]!, owner[end - 1]! + 1]);
      found = true;
    }
    if (found) distinct++;
  }
  return { ranges: merge(ranges), distinct };
}

function merge(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Range[] = [];
  for (const range of sorted) {
    const last = out[out.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else out.push([range[0], range[1]]);
  }
  return out;
}

/** A window of about SNIPPET_CHARS characters around the first match, with ellipses where cut. */
function snippet(text: string, ranges: Range[]): string {
  const chars = [...text];
  const first = ranges[0];
  const from = first ? Math.max(0, Math.min(first[0] - LEAD_CHARS, chars.length - SNIPPET_CHARS)) : 0;
  const to = Math.min(chars.length, from + SNIPPET_CHARS);
  const inside = ranges.filter(([s, e]) => s < to && e > from).map(([s, e]): Range => [Math.max(s, from) - from, Math.min(e, to) - from]);
  return (from > 0 ? '…' : '') + render(chars.slice(from, to), inside) + (to < chars.length ? '…' : '');
}

function render(chars: readonly string[], ranges: readonly Range[]): string {
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    out += escapeHtml(chars.slice(at, start).join('')) + '<mark>' + escapeHtml(chars.slice(start, end).join('')) + '</mark>';
    at = end;
  }
  return out + escapeHtml(chars.slice(at).join(''));
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[ch]!};`);
}
