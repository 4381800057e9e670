import type { UseCaseContext } from '../../app/context.js';
import type { Repositories } from '../../app/repositories.js';
import type { Actor } from '../../auth/domain/actor.js';
import { customerIdByPhone } from '../../customers/use-cases/find-by-phone.js';
import { LruMap } from '../../platform/lru-map.js';
import { visibilityScope } from '../../tickets/domain/ticket-access.js';
import { isOpen, TICKET_STATUSES } from '../../tickets/domain/ticket-state-machine.js';
import type { TicketListQuery } from '../../tickets/persistence/tickets-repository.js';
import type { TicketView } from '../../tickets/persistence/ticket-view.js';
import { bestPossible, keywordsOf, profileOf, similarity, surfaceOf, withKeywords, type TextProfile, type TextSurface } from '../domain/similarity.js';
import { everyWord, parseQuery, type TierExpression } from '../domain/tokenize.js';

/**
 * Repeats of a ticket (重复工单), offered as merge candidates when a ticket is created, on a
 * ticket's page, and while an agent is still typing (a probe that creates nothing):
 * - the caller's other open tickets, newest first;
 * - open tickets of the last days whose text is very like it (domain/similarity.ts): the search
 *   index finds the recent open tickets sharing its most telling words, and the profiles decide.
 * docs/search.md has the method and its precision on the labelled set.
 */

/** How far back text repeats are looked for. */
export const SIMILAR_WINDOW_DAYS = 7;
/** Least similarity score offered (see test/fixtures/similar-tickets-corpus.ts for why). */
export const MIN_SIMILARITY = 0.4;
const MAX_SAME_CUSTOMER = 10;
const MAX_SIMILAR_TEXT = 5;
/** The newest open tickets of the window matching a lookup that are scored. */
const CANDIDATES = 50;
/** Candidates scored in full (keywords), those whose other signals promise most. */
const FULLY_SCORED = 20;
/** The most telling keywords, looked up in pairs. */
const KEYWORDS = 4;

const OPEN_STATUSES = TICKET_STATUSES.filter(isOpen);

export type SimilarReason = 'same_customer' | 'similar_text';

export interface SimilarTicket {
  ticket: TicketView;
  reasons: SimilarReason[];
  /** The text similarity, 0–1; null when only the customer is the same and the texts are not alike. */
  score: number | null;
}

export interface SimilarProbe {
  title?: string;
  description: string;
  customerId: string | null;
  /** A phone number no customer has: a caller new to us, so every known customer is another caller. */
  newCaller?: boolean;
  /** The ticket the probe is, when it exists: never its own candidate. */
  ticketId?: string;
}

/** The candidates for a probe: same customer first (newest first), then text repeats by score. */
export async function findSimilarTickets(ctx: UseCaseContext, actor: Actor, probe: SimilarProbe): Promise<SimilarTicket[]> {
  return ctx.uow.read((repos) => similarTo(repos, actor, probe, ctx.clock.now()));
}

/** Candidates for an existing ticket the actor may see (its page shows them). */
export async function findRepeatsOfTicket(ctx: UseCaseContext, actor: Actor, ticket: TicketView): Promise<SimilarTicket[]> {
  return findSimilarTickets(ctx, actor, { title: ticket.title, description: ticket.description, customerId: ticket.customer?.id ?? null, ticketId: ticket.id });
}

/** Candidates for a ticket not yet recorded, its customer given by phone number (as the create form has it). */
export async function probeSimilarTickets(
  ctx: UseCaseContext,
  actor: Actor,
  input: { title?: string; description: string; customerId?: string; phone?: string },
): Promise<SimilarTicket[]> {
  return ctx.uow.read(async (repos) => {
    let customerId = input.customerId ?? null;
    if (!customerId && input.phone) customerId = await customerIdByPhone(repos, actor, input.phone, ctx.defaultAreaCode);
    const newCaller = customerId === null && input.phone !== undefined;
    return similarTo(repos, actor, { title: input.title, description: input.description, customerId, newCaller }, ctx.clock.now());
  });
}

async function similarTo(repos: Repositories, actor: Actor, probe: SimilarProbe, now: Date): Promise<SimilarTicket[]> {
  const visibility = visibilityScope(actor);
  const open: TicketListQuery = { statuses: OPEN_STATUSES, sort: { key: 'createdAt', direction: 'desc' }, limit: MAX_SAME_CUSTOMER + 1 };
  const sameCustomer = probe.customerId
    ? (await repos.tickets.list({ ...open, customerIds: [probe.customerId] }, visibility)).items.filter((t) => t.id !== probe.ticketId)
    : [];

  const profile = profileOf(textOf(probe));
  const since = new Date(now.getTime() - SIMILAR_WINDOW_DAYS * 86_400_000).toISOString();
  // Open tickets of the window are the walk's own filter; what the caller may see is checked after
  // it, as a narrow role's visibility in the walk made it step over most of the week (agents'
  // p95 at a million tickets went from 5.6 to 20.6 ms).
  const walk = { query: { ...open, createdFrom: since }, visibility: { everything: true } as const };
  const found = (await repos.search.recentMatches(lookupsOf(profile), since, walk, CANDIDATES)).filter((t) => t.id !== probe.ticketId);
  const visible = await repos.search.visibleAmong(found.map((t) => t.id), visibility);
  const texts = found.filter((t) => visible.has(t.id));
  const best = scoreCandidates(profile, probe, texts).slice(0, MAX_SIMILAR_TEXT);
  const views = new Map((await repos.search.views(best.map((b) => b.id))).map((v) => [v.id, v]));

  const byId = new Map<string, SimilarTicket>();
  for (const ticket of sameCustomer.slice(0, MAX_SAME_CUSTOMER)) byId.set(ticket.id, { ticket, reasons: ['same_customer'], score: null });
  for (const { id, score } of best) {
    const known = byId.get(id);
    const ticket = views.get(id);
    if (known) Object.assign(known, { reasons: ['same_customer', 'similar_text'], score });
    else if (ticket) byId.set(id, { ticket, reasons: ['similar_text'], score });
  }
  return [...byId.values()];
}

/**
 * What to look up in the index: each identifier and each place alone (one is enough to be the
 * same matter), and every pair of the most telling keywords. One shared common word (退款, 宽带)
 * would make the newest few hundred tickets of the busiest kind the candidates, crowding out the
 * repeat from three days ago; a repeat shares at least two telling words or a name or number.
 * Keywords are looked up as the segmenter's words only: their bigram spellings found the same
 * candidates on the labelled set and on the benchmark's texts, at four times the index work.
 */
function lookupsOf(profile: TextProfile): TierExpression[] {
  const unit = (text: string) => parseQuery(text).terms;
  const lookups = [...profile.identifiers, ...profile.places].map((text) => everyWord({ terms: unit(text) }));
  const keywords = keywordsOf(profile, KEYWORDS).map(unit);
  if (keywords.length === 1) lookups.push(everyWord({ terms: keywords[0]! }));
  for (let i = 0; i < keywords.length; i++) {
    for (let j = i + 1; j < keywords.length; j++) lookups.push(everyWord({ terms: [...keywords[i]!, ...keywords[j]!] }));
  }
  return lookups.filter((l): l is TierExpression => l !== null);
}

/**
 * The candidates alike enough, best first. A ticket of another known customer counts only when
 * the two share an order number or a place: two callers with the same routine request (宽带新装,
 * 查话费) are not repeats of each other, while two callers reporting 阳光花园 停电 are.
 */
function scoreCandidates(
  profile: TextProfile,
  probe: SimilarProbe,
  tickets: ReadonlyArray<{ id: string; title: string; description: string; customerId: string | null }>,
): Array<{ id: string; score: number }> {
  // Keywords (the segmenter) only for the candidates whose bigrams, numbers and places leave them a chance.
  const hopeful = tickets
    .map((ticket) => ({ ticket, known: profiles.of(ticket.id, textOf(ticket)) }))
    .map((c) => ({ ...c, bound: bestPossible(profile, c.known.surface) }))
    .filter((c) => c.bound >= MIN_SIMILARITY)
    .sort((a, b) => b.bound - a.bound)
    .slice(0, FULLY_SCORED);
  const out: Array<{ id: string; score: number }> = [];
  for (const { ticket, known } of hopeful) {
    const { score, anchored } = similarity(profile, profiles.full(known));
    if (score < MIN_SIMILARITY) continue;
    const otherCaller = ticket.customerId !== null && (probe.newCaller === true || (probe.customerId !== null && ticket.customerId !== probe.customerId));
    if (otherCaller && !anchored) continue;
    out.push({ id: ticket.id, score: Math.round(score * 1000) / 1000 });
  }
  return out.sort((a, b) => b.score - a.score);
}

interface KnownText {
  text: string;
  surface: TextSurface;
  profile?: TextProfile;
}

/**
 * The profiles of recent tickets, kept between lookups: a busy hour's creates keep finding the
 * same few hundred recent tickets as candidates, and building their profiles was most of a
 * lookup's CPU (bigrams for every candidate, the segmenter for the best twenty). Profiles are
 * pure functions of the text, and an entry is used only while its text is unchanged.
 */
class ProfileCache {
  private readonly entries: LruMap<string, KnownText>;

  constructor(capacity: number) {
    this.entries = new LruMap(capacity);
  }

  /** The ticket's surface, built now unless its text is the one last seen. */
  of(ticketId: string, text: string): KnownText {
    const known = this.entries.get(ticketId);
    if (known?.text === text) return known;
    const entry = { text, surface: surfaceOf(text) };
    this.entries.set(ticketId, entry);
    return entry;
  }

  /** The whole profile, keywords included (the segmenter's work), built at most once per text. */
  full(entry: KnownText): TextProfile {
    return (entry.profile ??= withKeywords(entry.surface));
  }
}

/** Some megabytes: a profile is a few kilobytes of bigrams and keywords. */
const profiles = new ProfileCache(4_000);

function textOf(t: { title?: string; description: string }): string {
  return `${t.title ?? ''}\n${t.description}`;
}
