import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * The Chinese word segmenter (jieba, with its default dictionary and the HMM for unknown words).
 * Loading the dictionary takes ~0.2 s, so it happens on first use; after that a ticket's text
 * segments in a few microseconds. Segmentation is a pure function of its input.
 */
let jieba: Jieba | null = null;

function segmenter(): Jieba {
  return (jieba ??= Jieba.withDict(dict));
}

/** Precise mode: the most likely segmentation, each character in exactly one word (for queries). */
export function cutWords(text: string): string[] {
  return segmenter().cut(text, true);
}

/** Search mode: precise mode plus the dictionary words inside long words (专用发票 → 专用, 发票, 专用发票). */
export function cutWordsForSearch(text: string): string[] {
  return segmenter().cutForSearch(text, true);
}
