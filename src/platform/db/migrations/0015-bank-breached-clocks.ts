import { sql, type Kysely, type Migration } from 'kysely';

/**
 * A breach is history: since this version the time a running clock used up to its breach is
 * banked when the breach fires, so a calendar changed later (a holiday entered for the breach
 * day) moves neither its due time nor the time it took. Clocks breached before kept counting
 * from where they last ran, and would read breached with time given back. Banking them now, at
 * their breach, needs no calendar: a clock breaches when the time used reaches its budget.
 */
export const bankBreachedClocksMigration = (): Migration => ({
  up: async (db: Kysely<unknown>) => {
    await sql`
      update ticket_deadlines
      set consumed_ms = budget_ms, running_since = breached_at
      where status = 'running'
        and breached_at is not null
        and running_since is not null
        and running_since < breached_at
        and consumed_ms < budget_ms
    `.execute(db);
  },
});
