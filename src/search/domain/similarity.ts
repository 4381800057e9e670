import { keywordWeights } from './segmenter.js';
import { normalise } from './tokenize.js';

/**
 * How alike two tickets' texts are, for offering repeats of a ticket as merge candidates. Three
 * signals, each cheap once a text's profile is built:
 * - keywords: TF-IDF weighted words (jieba with its general-corpus IDF table), compared by cosine,
 *   so that rare, specific words (阳光花园, 视频彩铃, 冒签) count for more than common ones (问题, 处理);
 * - character bigrams of the Chinese text, compared by Dice, which finds the same words where jieba
 *   segments them otherwise (光猫 inside 光猫亮红灯) and paraphrases sharing fragments (没电/停电 share
 *   nothing, but 阳光花园5栋停电 and 阳光花园12栋没电 share 阳光花园);
 * - identifiers: order, flight, policy and version numbers. Sharing one is strong evidence of the
 *   same matter; two tickets naming different identifiers of the same kind (two order numbers) are
 *   about different matters however alike their words, which is the commonest false repeat in
 *   e-commerce (every refund complaint reads alike).
 * test/fixtures/similar-tickets-corpus.ts is the labelled set these weights were chosen on.
 */

/** What a text's score needs besides its keywords: cheap to build (no segmenter). */
export interface TextSurface {
  normalised: string;
  grams: Set<string>;
  identifiers: Set<string>;
  places: Set<string>;
}

export interface TextProfile extends TextSurface {
  words: Map<string, number>;
}

/** Keywords kept per text: enough for a long description's substance, few enough to stay specific. */
const KEYWORDS = 16;

/**
 * Words of a call centre's register that say nothing about the matter (who called, that they ask,
 * that it should be handled). jieba's IDF table is from general text, where these are rare enough
 * to look significant.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  ('客户 用户 来电 致电 反映 反应 表示 称 要求 请求 希望 需要 咨询 询问 问 想 帮忙 帮 处理 解决 问题 情况 一下 现在 目前 已经 ' +
    '还是 没有 什么 时候 怎么 为什么 今天 昨天 昨晚 早上 上午 下午 晚上 一直 还 都 也 就 了 的 是 我 你 他 她 我们 他们 ' +
    '本人 家里 家人 这个 那个 这边 那边 可以 不能 无法 能否 是否 多少 多久 尽快 马上 赶紧 请 您好 谢谢 麻烦 告知 联系 ' +
    '回复 回电 到现在 至今 仍 仍然 根本 老是 特别 非常 很 太').split(' '),
);

const CJK_RUN = /[\p{Script=Han}]+/gu;
const TOKEN = /[a-z\d]+(?:\.[a-z\d]+)*/g;

/**
 * Order, flight, policy, account and version numbers: letters and digits mixed (SO2026112000123,
 * MU5123), long digit runs (order numbers without a prefix), dotted versions (5.2.0). Amounts,
 * dates and times (399, 11, 2000) are not: two refunds of 399 元 are not the same refund.
 */
function isIdentifier(token: string): boolean {
  if (/[a-z]/.test(token) && /\d/.test(token)) return token.length >= 4;
  return /^\d{8,}$/.test(token) || /^\d+(?:\.\d+){2,}$/.test(token);
}

/**
 * Named places: the two characters before a place word (阳光花园, 翠湖湾, 长宁路, 金桥新村). Mass
 * incidents (停电, 停水, 断网) are told apart by where they are; jieba's part-of-speech tags miss
 * most estate names, so this is a pattern, kept deliberately narrow.
 */
const PLACE = /(?=([\p{Script=Han}]{2})(小区|花园|新村|家园|公寓|大厦|广场|苑|湾|路|街|弄|镇|村))/gu;
const NOT_A_PLACE_NAME = new Set(['我们', '你们', '他们', '这个', '那个', '附近', '整个', '所在', '同一', '隔壁', '马路', '线路', '网路', '道路']);

function placesOf(normalised: string): Set<string> {
  const places = new Set<string>();
  for (const match of normalised.matchAll(PLACE)) {
    const [, name, kind] = match as unknown as [string, string, string];
    if (!NOT_A_PLACE_NAME.has(name) && !STOP_WORDS.has(name)) places.add(name + kind);
  }
  return places;
}

/** The surface of a ticket's text (title and description): bigrams, identifiers and places. */
export function surfaceOf(text: string): TextSurface {
  const normalised = normalise(text);
  const grams = new Set<string>();
  for (const [run] of normalised.matchAll(CJK_RUN)) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  }
  const identifiers = new Set<string>();
  for (const [token] of normalised.matchAll(TOKEN)) if (isIdentifier(token)) identifiers.add(token);
  return { normalised, grams, identifiers, places: placesOf(normalised) };
}

/** The whole profile of a surface: its keywords added (the segmenter's work, ~20 µs). */
export function withKeywords(surface: TextSurface): TextProfile {
  return { ...surface, words: keywordWeights(surface.normalised, KEYWORDS, STOP_WORDS) };
}

/** The profile of a ticket's text (title and description), built once per text. */
export function profileOf(text: string): TextProfile {
  return withKeywords(surfaceOf(text));
}

/**
 * The keywords of a profile, most telling first: what to look for in the search index. Bare
 * numbers (amounts, dates, counts: 30, 100, 28) are left out; identifiers are looked up on their own.
 */
export function keywordsOf(profile: TextProfile, count: number): string[] {
  return [...profile.words.entries()]
    .filter(([word]) => !/^[\d.]+$/.test(word))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([word]) => word);
}

const IDENTIFIER_BONUS = 0.4;
const PLACE_BONUS = 0.2;
/** What is left of the score of two texts naming different things of a kind (orders, places). */
const CONFLICT_FACTOR = 0.3;

export interface Similarity {
  /** 0 (nothing alike) to 1 (the same text). */
  score: number;
  /** Both name the same identifier or place: the same matter, not only the same kind of matter. */
  anchored: boolean;
}

/** How alike two profiles are (see the module comment). */
export function similarity(a: TextProfile, b: TextProfile): Similarity {
  return combine(cosine(a.words, b.words), a, b);
}

/**
 * The highest score two texts could have whatever their keywords (as if those were the same):
 * a candidate below the threshold even so needs no segmenting, and the best bounds go first.
 */
export function bestPossible(a: TextSurface, b: TextSurface): number {
  return combine(1, a, b).score;
}

function combine(keywordCosine: number, a: TextSurface, b: TextSurface): Similarity {
  const sameIdentifier = overlaps(a.identifiers, b.identifiers);
  const samePlace = overlaps(a.places, b.places);
  let score = 0.5 * keywordCosine + 0.5 * dice(a.grams, b.grams);
  if (sameIdentifier) score += IDENTIFIER_BONUS;
  else if (conflicting(a.identifiers, b.identifiers, kindOf)) score *= CONFLICT_FACTOR;
  if (samePlace) score += PLACE_BONUS;
  else if (a.places.size > 0 && b.places.size > 0) score *= CONFLICT_FACTOR;
  return { score: Math.min(1, score), anchored: sameIdentifier || samePlace };
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  for (const [word, weight] of a) dot += weight * (b.get(word) ?? 0);
  if (dot === 0) return 0;
  return dot / (norm(a) * norm(b));
}

function norm(v: Map<string, number>): number {
  let sum = 0;
  for (const weight of v.values()) sum += weight * weight;
  return Math.sqrt(sum);
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** Both name something of the same kind (kindOf) and share none of it. */
function conflicting(a: Set<string>, b: Set<string>, kind: (value: string) => string): boolean {
  const kinds = new Set([...a].map(kind));
  return [...b].some((value) => kinds.has(kind(value)));
}

function overlaps(a: Set<string>, b: Set<string>): boolean {
  for (const value of a) if (b.has(value)) return true;
  return false;
}

function kindOf(identifier: string): string {
  return `${identifier.replace(/[^a-z]/g, '')}:${identifier.length}`;
}
