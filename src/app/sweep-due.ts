import type { UseCaseContext } from './context.js';
import type { Repositories } from './repositories.js';

export interface SweepOutcome<T> {
  /** What each ticket that had something due came to. */
  done: T[];
  /** Tickets whose work failed; they are tried again on the next sweep. */
  failures: Array<{ ticketId: string; error: unknown }>;
}

/**
 * Runs `work` on every ticket `due` lists until none is left, each ticket in its own transaction
 * (SQLite groups their commits). A ticket whose work did nothing (null: another process holds it,
 * or a change moved it meanwhile) or failed is not asked again in this sweep. Runs until nothing
 * is due, so a start after downtime catches up.
 */
export async function sweepDue<T>(
  ctx: UseCaseContext,
  due: (repos: Repositories, now: string) => Promise<string[]>,
  work: (repos: Repositories, ticketId: string, now: string) => Promise<T | null>,
): Promise<SweepOutcome<T>> {
  const outcome: SweepOutcome<T> = { done: [], failures: [] };
  const seen = new Set<string>();
  for (;;) {
    const now = ctx.clock.now().toISOString();
    const ids = (await ctx.uow.read((repos) => due(repos, now))).filter((id) => !seen.has(id));
    if (ids.length === 0) return outcome;
    const settled = await Promise.allSettled(ids.map((ticketId) => ctx.uow.write((repos) => work(repos, ticketId, now))));
    for (const [i, result] of settled.entries()) {
      const ticketId = ids[i]!;
      if (result.status === 'fulfilled' && result.value !== null) outcome.done.push(result.value);
      else seen.add(ticketId);
      if (result.status === 'rejected') outcome.failures.push({ ticketId, error: result.reason });
    }
  }
}
