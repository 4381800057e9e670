import { cutWords, cutWordsForSearch } from './segmenter.js';

/**
 * Tokenization for ticket search, shared by indexing and querying so that both sides agree.
 * The database engines (SQLite FTS5 with `unicode61`, PostgreSQL `to_tsvector('simple', …)`)
 * only split the pre-tokenised text on spaces; all the language work happens here.
 *
 * Text is NFKC-normalised (full-width ＡＢＣ１２３ become ABC123) and lower-cased, then cut into
 * runs: CJK runs (Han, kana, Hangul) and alphanumeric runs (letters and digits of any other
 * script); everything else separates.
 *
 * A field's token string has two parts:
 * - the main stream, in text order, where phrase queries match: every CJK run as overlapping
 *   character bigrams (光猫红灯 → 光猫 猫红 红灯) plus its last character alone (灯), and every
 *   alphanumeric run as one token (so2026112300017, gd 20261123 000001);
 * - extras, appended after it: the jieba search-mode words of the CJK text marked with a
 *   trailing `w` (光猫w 红灯w; no user input can produce such a token, because a CJK run and a
 *   Latin letter always end up in different tokens), the letter and digit parts of mixed
 *   runs (so, 2026112300017) and the suffixes of long digit runs (2300017, 300017 …), so that a
 *   fragment of an order number matches as a prefix.
 *
 * Bigrams guarantee that any two or more consecutive characters a person types are found
 * (substring semantics, where jieba alone misses words it segments differently in context);
 * the marked words let the ranking put real words (光猫 in 光猫红灯) above accidental bigrams
 * (光猫 inside 阳光猫砂). docs/search.md has the measurements behind this choice.
 *
 * Mobile numbers (1[3-9]xxxxxxxxx, optionally with 86) are never indexed: customers' phones are
 * found through the customers module's keyed lookup instead.
 */

/** How CJK text is indexed; `hybrid` is what the application uses, the others exist to be measured. */
export type Strategy = 'hybrid' | 'bigram' | 'jieba';
export const STRATEGIES: readonly Strategy[] = ['hybrid', 'bigram', 'jieba'];

export const WORD_MARK = 'w';

/** A field longer than this (in characters) is indexed only this far; keeps tsvectors well under their size limit. */
export const MAX_FIELD_CHARS = 20_000;

const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
/** Alternation order matters: CJK runs first, then letters/digits that are not CJK. */
const RUNS = new RegExp(`([${CJK_CLASS}]+)|([[\\p{L}\\p{N}]--[${CJK_CLASS}]]+)`, 'gv');
const CJK_ONLY = new RegExp(`^[${CJK_CLASS}]+$`, 'v');
const MOBILE = /^(?:86)?1[3-9]\d{9}$/;
const LETTERS_DIGITS = /\p{N}+|[^\p{N}]+/gu;
const DIGITS = /^\p{Nd}+$/u;

/** Digit runs at least this long also index their suffixes down to MIN_SUFFIX digits. */
const SUFFIX_FROM = 6;
const MIN_SUFFIX = 4;
/** Alphanumeric query tokens at least this long match as prefixes (route → router, 2300017 → …2300017). */
const MIN_PREFIX = 3;

export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

interface Run {
  text: string;
  cjk: boolean;
  /** Index of the run's first character in the normalised text. */
  start: number;
}

function runsOf(normalised: string): Run[] {
  const runs: Run[] = [];
  for (const match of normalised.matchAll(RUNS)) {
    runs.push({ text: match[0], cjk: match[1] !== undefined, start: match.index });
  }
  return runs;
}

function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

const isMobile = (token: string) => MOBILE.test(token);

/** The extra tokens of an alphanumeric run: parts of mixed runs and suffixes of long digit runs. */
function alnumExtras(token: string): string[] {
  const parts = token.match(LETTERS_DIGITS) ?? [];
  const out = parts.length > 1 ? parts.filter((p) => !isMobile(p)) : [];
  for (const part of parts) {
    if (!DIGITS.test(part) || part.length < SUFFIX_FROM || isMobile(part)) continue;
    for (let i = 1; part.length - i >= MIN_SUFFIX; i++) out.push(part.slice(i));
  }
  return out;
}

/** The token string stored for one field (see the module comment). */
export function indexTokens(text: string, strategy: Strategy = 'hybrid'): string {
  const normalised = normalise(text.length > MAX_FIELD_CHARS ? text.slice(0, MAX_FIELD_CHARS) : text);
  const main: string[] = [];
  const extras: string[] = [];
  let cjkText = '';
  for (const run of runsOf(normalised)) {
    if (run.cjk) {
      if (strategy !== 'jieba') {
        const chars = [...run.text];
        main.push(...bigrams(run.text));
        // The last character alone, so that a one-character query (猫*) also finds 光猫 at a run's end.
        if (chars.length > 1) main.push(chars[chars.length - 1]!);
      }
      if (strategy === 'bigram') continue;
      if (run.text.length > 1 || strategy === 'jieba') cjkText += `${run.text} `;
    } else {
      if (isMobile(run.text)) continue;
      main.push(run.text);
      extras.push(...alnumExtras(run.text));
    }
  }
  if (cjkText) {
    // One call for the whole field: jieba treats the spaces between runs as boundaries.
    for (const word of cutWordsForSearch(cjkText)) {
      if (!CJK_ONLY.test(word)) continue;
      if (strategy === 'jieba') main.push(word);
      else if (word.length >= 2) extras.push(word + WORD_MARK);
    }
  }
  return main.concat(extras).join(' ');
}

/** Consecutive tokens that must appear in this order; `prefix` lets the last one be a prefix. */
export interface QueryPhrase {
  tokens: string[];
  prefix: boolean;
}

/** What to mark in a result's text for one term: a normalised string and how it may match. */
export interface Needle {
  text: string;
  /** CJK needles match anywhere; alphanumeric ones at a token start, and whole unless `prefix`. */
  cjk: boolean;
  prefix: boolean;
}

/**
 * One thing the user asked for. `precise` phrases match it as the word a person meant (the jieba
 * word, the run as typed, an alphanumeric token); `loose` phrases also match it as a substring
 * (character bigrams), which finds every occurrence but also accidental ones (光猫 inside 阳光猫砂).
 * `loose` always includes `precise`; for terms without that distinction the two are equal.
 */
export interface QueryTerm {
  precise: QueryPhrase[];
  loose: QueryPhrase[];
  needles: Needle[];
  /** The CJK run the term's word came from, as typed, when jieba split it into several words (also among the phrases). */
  asTyped?: QueryPhrase;
  /** Set when the term looks like a full phone number: the caller may resolve it to customers instead. */
  phone?: string;
}

export interface ParsedQuery {
  terms: QueryTerm[];
}

/** At most this many terms are searched; the rest of a very long query is ignored. */
export const MAX_TERMS = 12;

/** As the customers' list takes a typed number: (+86)138…, 138.0013.8000 and +86 138 … alike. */
const PHONE_LIKE = /^[\d\s+\-().]+$/;

function phoneCandidate(raw: string): string | undefined {
  if (!PHONE_LIKE.test(raw)) return undefined;
  const digits = raw.replace(/\D/g, '');
  return digits.length >= 7 && digits.length <= 15 ? raw.trim() : undefined;
}

/**
 * Parses a search box into terms (see `searchTiers` for how they combine). Whitespace separates
 * the user's words. Inside a word:
 * - a CJK run is segmented by jieba (precise mode); each word of two or more characters is a
 *   term matching its marked jieba token (precise) or its bigram phrase (loose); a run
 *   segmented into several words also offers the whole run's phrase as a ranking bonus; a
 *   one-character word is dropped when it is a particle (的, 了, 和 …), otherwise it is a term of
 *   its own, matching that character anywhere (see `cjkTerms`); a run of one character matches as
 *   a prefix (猫 → 猫* finds 光猫, 猫粮);
 * - alphanumeric runs joined only by punctuation (GD-20261123-000001, 20261123-0001) form one
 *   phrase; a lone run of three or more characters matches as a prefix (SO20261123, 2300017).
 * A whole query that is only a number (+86 138 0013 8000, 0571-88886666, 7700 1234 5678,
 * 20261125-000084) is one term carrying `phone` (see `numberTerm`), and so is such a word.
 */
export function parseQuery(input: string, strategy: Strategy = 'hybrid'): ParsedQuery {
  const raw = input.trim();
  const wholePhone = phoneCandidate(raw);
  if (wholePhone) return { terms: [numberTerm(raw, wholePhone)] };
  const terms: QueryTerm[] = [];
  for (const word of raw.split(/\s+/).filter(Boolean)) {
    const phone = phoneCandidate(word);
    terms.push(...(phone ? [numberTerm(word, phone)] : termsOfWord(normalise(word), strategy)));
    if (terms.length >= MAX_TERMS) break;
  }
  return { terms: dedupe(terms).slice(0, MAX_TERMS) };
}

/**
 * A number typed alone: a phone, ticket, waybill or account number, written with or without
 * spaces and dashes. The caller first asks whether a customer owns it as a phone number; if
 * nobody does, it is text, and the index holds numbers as they were written: each group of
 * digits is its own token (0571-88886666 → 0571 88886666). So it matches the groups in a row,
 * as typed, whatever separated them in the ticket (the last one as a prefix), or the digits
 * written together. Searching only the joined digits found nothing for 0571-88886666 or a
 * ticket number without GD (20261125-000084).
 */
function numberTerm(raw: string, phone: string): QueryTerm {
  const groups = runsOf(normalise(raw)).map((r) => r.text);
  const term = alnumTerm(groups);
  const joined = groups.join('');
  if (groups.length > 1) {
    const together = { tokens: [joined], prefix: true };
    term.precise = [...term.precise, together];
    term.loose = term.precise;
    term.needles = [...term.needles, { text: joined, cjk: false, prefix: true }];
  }
  return { ...term, phone };
}

function termsOfWord(word: string, strategy: Strategy): QueryTerm[] {
  const terms: QueryTerm[] = [];
  let alnum: Run[] = [];
  const flushAlnum = () => {
    if (alnum.length > 0) terms.push(alnumTerm(alnum.map((r) => r.text)));
    alnum = [];
  };
  for (const run of runsOf(word)) {
    if (!run.cjk) {
      alnum.push(run);
      continue;
    }
    flushAlnum();
    terms.push(...cjkTerms(run.text, strategy));
  }
  flushAlnum();
  return terms;
}

function alnumTerm(tokens: string[]): QueryTerm {
  const last = tokens[tokens.length - 1]!;
  const prefix = last.length >= MIN_PREFIX;
  const needles = tokens.map((text, i) => ({ text, cjk: false, prefix: prefix && i === tokens.length - 1 }));
  const phrases = [{ tokens, prefix }];
  return { precise: phrases, loose: phrases, needles };
}

/**
 * One-character words a query run drops: particles and conjunctions say nothing about what is
 * sought (光猫的红灯 finds 光猫…红灯, 退款了 finds 退款).
 */
const PARTICLES: ReadonlySet<string> = new Set([...'的地得了着过吗呢吧啊呀哦嘛么啦和与及或跟']);

function cjkTerms(run: string, strategy: Strategy): QueryTerm[] {
  if ([...run].length === 1) return [charTerm(run, strategy)];
  const cut = cutWords(run);
  const words = cut.filter((w) => [...w].length >= 2);
  if (words.length === 0) return [wordTerm(run, strategy)];
  const terms = words.map((w) => wordTerm(w, strategy));
  if (strategy === 'jieba') return terms;
  // A character jieba leaves alone still says what is sought (张|先生, 三号|楼, 未到|账, 手机|没|信号):
  // dropped, 张先生 found 刘先生 first. It must be in the ticket, anywhere (手机一直没有信号 matches).
  for (const char of cut) if ([...char].length === 1 && !PARTICLES.has(char)) terms.push(charTerm(char, strategy));
  if (terms.length > 1) {
    // Tickets with the whole run, as typed, rank above those with its words apart.
    const asTyped = { tokens: bigrams(run), prefix: false };
    terms[0]!.precise.push(asTyped);
    terms[0]!.loose.push(asTyped);
    terms[0]!.asTyped = asTyped;
  }
  return terms;
}

/** One character: a prefix of the index's bigrams (and of a run's last character), so it matches anywhere in a run. */
function charTerm(char: string, strategy: Strategy): QueryTerm {
  const phrases = [{ tokens: [char], prefix: strategy !== 'jieba' }];
  return { precise: phrases, loose: phrases, needles: [{ text: char, cjk: true, prefix: false }] };
}

function wordTerm(word: string, strategy: Strategy): QueryTerm {
  const needles = [{ text: word, cjk: true, prefix: false }];
  const asBigrams = { tokens: bigrams(word), prefix: false };
  if (strategy === 'bigram') return { precise: [asBigrams], loose: [asBigrams], needles };
  const asWord = { tokens: [strategy === 'jieba' ? word : word + WORD_MARK], prefix: false };
  if (strategy === 'jieba') return { precise: [asWord], loose: [asWord], needles };
  return { precise: [asWord], loose: [asBigrams, asWord], needles };
}

function dedupe(terms: QueryTerm[]): QueryTerm[] {
  const seen = new Set<string>();
  return terms.filter((term) => {
    const key = JSON.stringify(term.loose);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every needle of a query, for highlighting. */
export function needlesOf(query: ParsedQuery): Needle[] {
  return query.terms.flatMap((t) => t.needles);
}

/** The terms' phrases that one tier of results must match: every group (term), each by any of its phrases. */
export interface TierExpression {
  /** One group per term: the term matches when any of its phrases does. */
  groups: QueryPhrase[][];
  /** Runs typed as one but split into several words: tickets containing them as typed rank higher. */
  asTyped: QueryPhrase[];
}

/**
 * The tiers of a search, best first; a ticket is listed in the first tier it matches:
 * 1. every term as the word meant (precise);
 * 2. every term, at least one only as a substring (loose).
 * A tier identical to the one before it is left out. Both require every term, so the ranked list
 * holds the tickets `everyTerm` selects, which a count, an export, a batch and a sorted list use:
 * a third tier of tickets matching only some terms made a view show 45 tickets and count 1.
 */
export function searchTiers(query: ParsedQuery): TierExpression[] {
  const terms = query.terms;
  if (terms.length === 0) return [];
  const asTyped = terms.flatMap((t) => (t.asTyped ? [t.asTyped] : []));
  const tiers: TierExpression[] = [{ groups: terms.map((t) => t.precise), asTyped }];
  if (terms.some((t) => t.loose.length !== t.precise.length)) tiers.push({ groups: terms.map((t) => t.loose), asTyped });
  return tiers;
}

/** Every term as the word itself, without the bigram fallback (the similar-ticket lookup); null without terms. */
export function everyWord(query: ParsedQuery): TierExpression | null {
  return allOf(query, 'precise');
}

/** Every term, each as a substring or word (the match of a search ordered by a ticket field); null without terms. */
export function everyTerm(query: ParsedQuery): TierExpression | null {
  return allOf(query, 'loose');
}

function allOf(query: ParsedQuery, form: 'precise' | 'loose'): TierExpression | null {
  return query.terms.length > 0 ? { groups: query.terms.map((t) => t[form]), asTyped: [] } : null;
}
