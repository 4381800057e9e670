import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';

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

let tfidf: TfIdf | null = null;

/**
 * The words of a text that say most about it, weighted by TF-IDF with jieba's IDF table (word
 * frequencies of a general Chinese corpus), without the given stop words. The table loads on
 * first use (~0.1 s).
 */
export function keywordWeights(text: string, topK: number, stopWords: ReadonlySet<string>): Map<string, number> {
  tfidf ??= TfIdf.withDict(idf);
  const weights = new Map<string, number>();
  // Stop words are dropped here (the binding's own stop-word option does not accept a set), so ask for twice as many.
  for (const { keyword, weight } of tfidf.extractKeywords(segmenter(), text, topK * 2)) {
    if (weights.size < topK && !stopWords.has(keyword)) weights.set(keyword, weight);
  }
  return weights;
}
