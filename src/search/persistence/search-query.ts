import type { QueryPhrase, TierExpression } from '../domain/tokenize.js';

/**
 * Renders a tier of a parsed query in each engine's syntax. Tokens contain only letters and
 * digits (tokenize.ts guarantees it), so quoting them needs no escaping.
 */

/** SQLite FTS5: `("光猫" OR "光猫w") AND "so2026"*`. */
export function fts5Expression(tier: TierExpression): string {
  const phrase = (p: QueryPhrase) => `"${p.tokens.join(' ')}"${p.prefix ? '*' : ''}`;
  return tier.groups.map((group) => `(${group.map(phrase).join(' OR ')})`).join(' AND ');
}

function tsPhrase(p: QueryPhrase): string {
  const parts = p.tokens.map((t, i) => `'${t}'${p.prefix && i === p.tokens.length - 1 ? ':*' : ''}`);
  return parts.length > 1 ? `(${parts.join(' <-> ')})` : parts[0]!;
}

/** PostgreSQL to_tsquery('simple', …): `('光猫' | '光猫w') & 'so2026':*`; phrases use `<->`. */
export function tsqueryExpression(tier: TierExpression): string {
  return tier.groups.map((group) => `(${group.map(tsPhrase).join(' | ')})`).join(' & ');
}

/**
 * The query ts_rank scores with: every lexeme of the tier, OR-ed. ts_rank ignores phrase
 * operators, and for an AND at the top it scores by the distances between the terms instead of by
 * how often and in which fields they occur; over an OR it sums the weighted occurrences of each
 * lexeme (saturating), which is what bm25 does on SQLite. The bigrams inside the phrase of the
 * words as typed (法上 in 无法上网) then reward tickets with the exact phrase, as on SQLite.
 */
export function tsqueryRankExpression(tier: TierExpression): string {
  const lexemes = new Set<string>();
  for (const group of tier.groups) {
    for (const p of group) p.tokens.forEach((t, i) => lexemes.add(`'${t}'${p.prefix && i === p.tokens.length - 1 ? ':*' : ''}`));
  }
  return [...lexemes].join(' | ');
}

/** One tsquery per run typed as one (see TierExpression.asTyped): ts_rank's score is multiplied by 1 + how many match. */
export function tsqueryAsTyped(tier: TierExpression): string[] {
  return tier.asTyped.map(tsPhrase);
}
