import type { UseCaseContext } from '../../app/context.js';
import { documentOf } from './index-ticket.js';

export interface ReindexOutcome {
  tickets: number;
  seconds: number;
  ticketsPerSecond: number;
}

/**
 * Rebuilds the search index from the tickets and their timelines (`gongdan reindex`): for a
 * database that held tickets before search existed, or after the tokenizer changed. Tickets are
 * indexed in creation order, a batch per transaction; changes made meanwhile index themselves as
 * usual, so it may run while the server is up (searches see a partial index until it finishes).
 */
export async function reindexAll(
  ctx: UseCaseContext,
  options: { batchSize?: number; onProgress?: (done: number) => void } = {},
): Promise<ReindexOutcome> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 2_000;
  await ctx.uow.read((repos) => repos.search.prepareForBulk());
  await ctx.uow.write((repos) => repos.search.clear());
  type Position = { createdAt: string; id: string };
  let after: Position | null = null;
  let done = 0;
  for (;;) {
    const position: Position | null = after;
    const batch: Position[] = (await ctx.uow.read((repos) => repos.search.ticketIdsAfter(position, batchSize))).map((r) => ({ createdAt: r.createdAt, id: r.id }));
    if (batch.length === 0) break;
    await ctx.uow.write(async (repos) => {
      const sources = new Map((await repos.search.sources(batch.map((b) => b.id))).map((s) => [s.ticketId, s]));
      const docs = [];
      for (const { id } of batch) {
        const source = sources.get(id);
        if (source) docs.push({ ticketId: id, doc: await documentOf(repos, source) });
      }
      await repos.search.insertMany(docs);
    });
    done += batch.length;
    after = batch[batch.length - 1]!;
    options.onProgress?.(done);
  }
  await ctx.uow.write((repos) => repos.search.optimize());
  const seconds = (performance.now() - started) / 1000;
  return { tickets: done, seconds, ticketsPerSecond: done / Math.max(seconds, 1e-9) };
}
