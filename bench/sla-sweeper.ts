/**
 * Benchmark of the time-limit sweeper (时限): `npm run bench:sla -- [options]`, or
 * `node --import tsx bench/sla-sweeper.ts [options]`.
 *
 * Seeds a fresh database (migrations and the demo organisation through the application, then
 * bulk rows) with N open tickets (pending or in progress in real departments), each running a
 * step, a handling and a resolution clock against a time-limit policy with warnings at 75% and
 * two-level escalation chains. Everything that fell due before the instant P has fired (its
 * sla.* events are in the timelines); `--due` tickets have a milestone falling due in the
 * minute after P, every other ticket's next milestone lies more than an hour later. Then, with
 * the clock at P + 1 minute, it times one `fireDueDeadlines` call (the real use case through
 * the real unit of work), checks that exactly the expected events were written and that a
 * second sweep fires nothing, and reports as a table and as JSON.
 *
 * It measures; it does not pass or fail (a failed verification exits with 1). `--help` lists the options.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { CompiledQuery, type Kysely, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import pg from 'pg';
import { startApp, type RunningApp } from '../src/app/server.js';
import type { UseCaseContext } from '../src/app/context.js';
import { ManualClock } from '../src/platform/clock.js';
import { parseConfig, type AppConfig } from '../src/platform/config.js';
import type { DB } from '../src/platform/db/schema.js';
import { newSecret } from '../src/platform/security/secrets.js';
import { isBusinessTime, type BusinessCalendar } from '../src/sla/domain/business-calendar.js';
import type { CalendarRegistry } from '../src/sla/domain/calendar.js';
import { fireDue, startDeadline, summarise, warningThresholds, type Deadline, type DeadlineSpec, type Firing } from '../src/sla/domain/deadline.js';
import { planFiring } from '../src/sla/domain/escalation.js';
import { targetMinutes, type SlaPolicy, type SlaTarget } from '../src/sla/domain/sla-policy.js';
import { DeadlinesRepository } from '../src/sla/persistence/deadlines-repository.js';
import { createSlaPolicy } from '../src/sla/use-cases/manage-sla-policies.js';
import { fireDueDeadlines, type SweepResult } from '../src/sla/use-cases/fire-due-deadlines.js';
import { deadlineSpec } from '../src/sla/use-cases/track-deadlines.js';
import { formatTicketNumber, ticketNumberDay } from '../src/tickets/domain/ticket-number.js';
import type { TicketStatus } from '../src/tickets/domain/ticket-state-machine.js';
import {
  CATEGORY_WEIGHTS,
  CHANNEL_WEIGHTS,
  PRIORITY_WEIGHTS,
  Rng,
  SERVICE_ITEM_WEIGHTS,
  Weighted,
  chineseName,
  description,
  formFields,
  titleOf,
  uuidV7At,
} from './fixtures.js';
import { fmt, table } from './report.js';
import { fail, positiveInt } from './cli-args.js';
import { loadReferenceData, T as SEED_TABLES } from './seed.js';
import { PostgresSink, SqliteSink, type Row, type RowSink, type TableSpec } from './sink.js';

const HELP = `Usage: npm run bench:sla -- [options]
   or: node --import tsx bench/sla-sweeper.ts [options]

  --tickets N          open tickets to seed (default 1000000)
  --due N              of which this many have a milestone falling due in the minute before the sweep (default 10000)
  --database-url URL   benchmark PostgreSQL instead of SQLite (a fresh schema is created, and dropped unless --keep)
  --data-dir DIR       where the SQLite databases go (default .bench/sla-<N>; recreated unless --reuse)
  --reuse              reuse the seeded SQLite database in --data-dir from an earlier run with the same --tickets and --due
                       (the sweep always runs on a fresh copy of it)
  --keep               keep the PostgreSQL schema, or the swept SQLite copy, after the run
  --out FILE           JSON results (default .bench/sla-sweeper.json)
  --profile            write a CPU profile of the sweep alone to .bench/profiles/ (summarise with bench/profile-summary.ts)
  --count-queries      count and time the SQL statements of the sweep (slows it a little; for diagnosis)
`;

const repoRoot = path.resolve(import.meta.dirname, '..');
const benchRoot = path.join(repoRoot, '.bench');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SHANGHAI_OFFSET = 8 * HOUR;

/**
 * The previous sweep: everything due by then has fired. A Tuesday 10:00 in Shanghai, in working
 * hours on the demo calendar. The benchmark's sweep runs one minute later, at NOW.
 */
const P = Date.parse('2026-11-24T10:00:00+08:00');
const NOW = P + MINUTE;
const NOW_ISO = new Date(NOW).toISOString();
/** Every ticket that is not due has its next milestone later than this. */
const QUIET_UNTIL = P + HOUR;


const { values: args } = parseOptions();

function parseOptions() {
  try {
    return parseArgs({
      options: {
        tickets: { type: 'string', default: '1000000' },
        due: { type: 'string', default: '10000' },
        'database-url': { type: 'string' },
        'data-dir': { type: 'string' },
        reuse: { type: 'boolean', default: false },
        keep: { type: 'boolean', default: false },
        out: { type: 'string', default: path.join(benchRoot, 'sla-sweeper.json') },
        profile: { type: 'boolean', default: false },
        'count-queries': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (error) {
    return fail((error as Error).message);
  }
}


const TICKETS = positiveInt('tickets', args.tickets);
const DUE = positiveInt('due', args.due);
if (DUE > TICKETS) fail(`--due (${DUE}) cannot exceed --tickets (${TICKETS})`);
const DATABASE_URL = args['database-url'];
if (DATABASE_URL && args.reuse) fail('--reuse works with SQLite only: the sweep changes the database, and only a SQLite file is cheap to copy');

function log(message: string): void {
  process.stderr.write(`[sla-bench] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// The bulk rows

const TABLES = {
  users: SEED_TABLES.users,
  members: SEED_TABLES.members,
  // The core ticket columns as the main seed loads them, plus the time-limit summary.
  tickets: { name: 'tickets', columns: [...SEED_TABLES.tickets.columns, ['sla_due_at', 'timestamptz'], ['sla_state', 'text']] },
  deadlines: {
    name: 'ticket_deadlines',
    columns: [
      ['id', 'text'],
      ['ticket_id', 'text'],
      ['target', 'text'],
      ['policy_id', 'text'],
      ['calendar_id', 'text'],
      ['department_id', 'text'],
      ['spec', 'jsonb'],
      ['status', 'text'],
      ['budget_ms', 'integer'],
      ['consumed_ms', 'integer'],
      ['running_since', 'timestamptz'],
      ['started_at', 'timestamptz'],
      ['due_at', 'timestamptz'],
      ['completed_at', 'timestamptz'],
      ['warned_at', 'timestamptz'],
      ['breached_at', 'timestamptz'],
      ['warnings_fired', 'integer'],
      ['escalations_fired', 'integer'],
      ['extensions', 'integer'],
      ['next_fire_at', 'timestamptz'],
    ],
  },
  events: SEED_TABLES.events,
  participants: SEED_TABLES.participants,
} as const satisfies Record<string, TableSpec>;

/** The clocks every seeded ticket runs, in this order. */
const TARGETS = ['step', 'handling', 'resolution'] as const satisfies readonly SlaTarget[];
type Target = (typeof TARGETS)[number];
const SLA_EVENT_TYPES = ['sla.warning', 'sla.breach', 'sla.escalation'] as const;
type SlaEventType = (typeof SLA_EVENT_TYPES)[number];
type Milestone = 'warning' | 'breach' | 'escalation1' | 'escalation2';

/** Which clock and milestone falls due on a due ticket. */
const DUE_TARGET = new Weighted<Target>([
  ['step', 40],
  ['handling', 40],
  ['resolution', 20],
]);
const DUE_MILESTONE = new Weighted<Milestone>([
  ['warning', 50],
  ['breach', 25],
  ['escalation1', 15],
  ['escalation2', 10],
]);
/** Where the open tickets are (the call centre dispatches; it holds none). */
const DEPARTMENT_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['difficult_cases', 30],
  ['internal_control', 20],
  ['refunds', 20],
  ['external_partners', 10],
  ['exceptions', 10],
  ['promotions', 10],
];
/** How old open tickets are, in whole days before P: most arrived in the last three days, a tail is weeks old. */
const AGE_DAYS = new Weighted<readonly [number, number]>([
  [[0, 1], 45],
  [[1, 3], 35],
  [[3, 7], 15],
  [[7, 30], 5],
]);
const HOUR_WEIGHTS = new Weighted<number>(
  [1, 1, 1, 1, 1, 1, 2, 3, 6, 10, 10, 10, 7, 8, 10, 10, 10, 10, 7, 5, 5, 5, 2, 2].map((w, hour) => [hour, w] as const),
);
const EXTRA_AGENTS = 24;
const HANDLERS_PER_DEPARTMENT = 6;

/** One clock as a department's ticket runs it. */
interface ClockConfig {
  target: Target;
  departmentId: string | null;
  calendarId: string | null;
  basis: BusinessCalendar;
  budgetMs: number;
  spec: DeadlineSpec;
}

interface Department {
  id: string;
  code: string;
  mode: string;
  handlers: string[];
  clocks: Record<Target, ClockConfig>;
}

interface World {
  policy: SlaPolicy;
  priorities: ReadonlyMap<string, { id: string; rank: number }>;
  categories: ReadonlyMap<string, string>;
  serviceItems: ReadonlyMap<string, string>;
  departments: Department[];
  departmentWeights: Weighted<number>;
  agents: string[];
  difficultCaseDepartmentId: string | null;
  timeZone: string;
}

/** What pass 1 decides per ticket; pass 2 turns it into rows. */
interface Plans {
  t0: Float64Array;
  dispatch: Float64Array;
  /** NaN: still pending. */
  accept: Float64Array;
  department: Uint8Array;
  handler: Uint8Array;
  /** Bit 0: due; bit 1: auto-assigned while pending. */
  flags: Uint8Array;
}

interface TicketPlan {
  t0: number;
  dispatch: number;
  accept: number;
  department: Department;
  handler: string;
  autoAssigned: boolean;
}

interface SeedStats {
  tickets: number;
  due: number;
  byStatus: Record<string, number>;
  bySlaState: Record<string, number>;
  deadlines: number;
  deadlinesWithNextFire: number;
  events: number;
  historySlaEvents: number;
  participants: number;
  staff: number;
  expectedFirings: number;
  expectedEvents: Record<SlaEventType, number>;
  dueResamples: number;
  quietResamples: number;
  seconds: number;
  rowsPerSecond: number;
}

interface SeedFile {
  tickets: number;
  due: number;
  previousSweep: string;
  sweepAt: string;
  seededAt: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; schema: string };
  seed: SeedStats;
  /** Per due ticket: the sla.* events the sweep must write. */
  expected: Record<string, Partial<Record<SlaEventType, number>>>;
}

function clockConfig(world: { policy: SlaPolicy; calendars: CalendarRegistry }, target: Target, department: { id: string; calendarId: string | null }): ClockConfig {
  const spec = world.policy.targets[target];
  if (!spec) throw new Error(`the benchmark policy has no ${target} target`);
  const departmentId = target === 'step' ? department.id : null;
  const wanted = target === 'step' ? (department.calendarId ?? world.policy.calendarId) : world.policy.calendarId;
  const calendarId = spec.businessTime ? world.calendars.effectiveId(wanted) : null;
  return {
    target,
    departmentId,
    calendarId,
    basis: world.calendars.compile(calendarId),
    budgetMs: targetMinutes(spec, departmentId) * MINUTE,
    spec: deadlineSpec(spec),
  };
}

/** The elapsed budget at which a milestone fires. */
function milestoneElapsed(clock: ClockConfig, milestone: Milestone): number {
  const escalation = clock.spec.escalation;
  switch (milestone) {
    case 'warning':
      return warningThresholds(clock.spec, clock.budgetMs)[0]!;
    case 'breach':
      return clock.budgetMs;
    case 'escalation1':
      return clock.budgetMs + escalation[0]!.afterMinutes * MINUTE;
    case 'escalation2':
      return clock.budgetMs + (escalation[0]!.afterMinutes + escalation[1]!.afterMinutes) * MINUTE;
  }
}

/** The earliest start from which `elapsedMs` of the clock's time ends at or after `at` (bisection: adding is monotonic in the start). */
function startFor(basis: BusinessCalendar, elapsedMs: number, at: number): number {
  let lo = at - 120 * DAY;
  let hi = at;
  if (basis.add(lo, elapsedMs) >= at) throw new Error('no start found for a due milestone');
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (basis.add(mid, elapsedMs) >= at) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The ticket's clocks as started, and as they are after every milestone due by P fired, with those firings. */
function clocksOf(ticketId: string, plan: TicketPlan, world: World, id: (at: number) => string) {
  const current: Deadline[] = [];
  const history: Array<{ deadline: Deadline; firing: Firing }> = [];
  for (const target of TARGETS) {
    const clock = plan.department.clocks[target];
    const start = target === 'step' ? plan.dispatch : plan.t0;
    const started = startDeadline(
      {
        id: id(start),
        ticketId,
        target,
        policyId: world.policy.id,
        calendarId: clock.calendarId,
        departmentId: clock.departmentId,
        spec: clock.spec,
        budgetMs: clock.budgetMs,
      },
      clock.basis,
      start,
    );
    const fired = fireDue(started, clock.basis, P);
    current.push(fired.deadline);
    for (const firing of fired.firings) history.push({ deadline: fired.deadline, firing });
  }
  return { current, history };
}

const nextFireMs = (d: Deadline) => (d.nextFireAt === null ? Number.POSITIVE_INFINITY : Date.parse(d.nextFireAt));

/** Local midnight in Shanghai (no DST) of the day holding `ms`. */
const localMidnight = (ms: number) => Math.floor((ms + SHANGHAI_OFFSET) / DAY) * DAY - SHANGHAI_OFFSET;

/** Dispatch a few minutes after creation; acceptance (if any) hours later, before P. */
function lifecycleTimes(rng: Rng, t0: number, dispatch: number | null): { dispatch: number; accept: number } {
  const d = dispatch ?? Math.min(t0 + rng.exp(5 * MINUTE), P - 2 * MINUTE);
  const room = P - MINUTE - d;
  const accept = rng.chance(0.6) && room > MINUTE ? d + Math.min(rng.exp(2 * HOUR), room * rng.next()) : Number.NaN;
  return { dispatch: d, accept };
}

/** Pass 1: creation times and departments, resampled until exactly the due tickets fall due in the minute after P. */
function planTickets(world: World, rng: Rng): { plans: Plans; dueResamples: number; quietResamples: number } {
  const plans: Plans = {
    t0: new Float64Array(TICKETS),
    dispatch: new Float64Array(TICKETS),
    accept: new Float64Array(TICKETS),
    department: new Uint8Array(TICKETS),
    handler: new Uint8Array(TICKETS),
    flags: new Uint8Array(TICKETS),
  };
  let dueLeft = DUE;
  let dueResamples = 0;
  let quietResamples = 0;
  const noId = () => '';
  const today = localMidnight(P);
  for (let i = 0; i < TICKETS; i++) {
    // Selection sampling: exactly DUE tickets, spread evenly at random.
    const due = rng.next() * (TICKETS - i) < dueLeft;
    if (due) dueLeft--;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 200) throw new Error(`ticket ${i}: no creation time found after 200 attempts`);
      const departmentIndex = world.departmentWeights.pick(rng);
      const department = world.departments[departmentIndex]!;
      let t0: number;
      let times: { dispatch: number; accept: number };
      if (due) {
        const clock = department.clocks[DUE_TARGET.pick(rng)];
        const elapsed = milestoneElapsed(clock, DUE_MILESTONE.pick(rng));
        const start = startFor(clock.basis, elapsed, P + rng.int(1_000, 59_000));
        if (clock.target === 'step') {
          t0 = start - rng.exp(5 * MINUTE);
          times = lifecycleTimes(rng, t0, start);
        } else {
          t0 = start;
          times = lifecycleTimes(rng, t0, null);
        }
      } else {
        const [from, to] = AGE_DAYS.pick(rng);
        const day = rng.int(from, to - 1);
        t0 = today - day * DAY + HOUR_WEIGHTS.pick(rng) * HOUR + Math.floor(rng.next() * HOUR);
        if (t0 > P - 5 * MINUTE) continue;
        times = lifecycleTimes(rng, t0, null);
      }
      const handlerIndex = rng.int(0, department.handlers.length - 1);
      const autoAssigned = Number.isNaN(times.accept) && department.mode !== 'none' && rng.chance(0.7);
      const plan: TicketPlan = { t0, ...times, department, handler: department.handlers[handlerIndex]!, autoAssigned };
      const { current } = clocksOf('', plan, world, noId);
      const next = Math.min(...current.map(nextFireMs));
      const ok = due ? next > P && next <= NOW : next > QUIET_UNTIL;
      if (!ok) {
        if (due) dueResamples++;
        else quietResamples++;
        continue;
      }
      plans.t0[i] = t0;
      plans.dispatch[i] = times.dispatch;
      plans.accept[i] = times.accept;
      plans.department[i] = departmentIndex;
      plans.handler[i] = handlerIndex;
      plans.flags[i] = (due ? 1 : 0) | (autoAssigned ? 2 : 0);
      break;
    }
  }
  return { plans, dueResamples, quietResamples };
}

const EVENT_TYPE_OF: Record<Firing['kind'], SlaEventType> = { warning: 'sla.warning', breach: 'sla.breach', escalation: 'sla.escalation' };

interface EventDraft {
  type: string;
  actor: string | null;
  at: number;
  status: TicketStatus;
  department: string | null;
  assignee: string | null;
  data: Record<string, unknown>;
}

/** Pass 2: the rows, in creation order (so that time-ordered ids land in index order). */
async function writeTickets(sink: RowSink, world: World, plans: Plans, rng: Rng, onProgress: (done: number) => void) {
  const order = Array.from({ length: TICKETS }, (_, i) => i).sort((a, b) => plans.t0[a]! - plans.t0[b]!);
  const iso = (ms: number) => new Date(ms).toISOString();
  const counters = new Map<string, number>();
  const dayCache = new Map<number, string>();
  const dayOf = (ms: number) => {
    const key = Math.floor(ms / (15 * MINUTE));
    let day = dayCache.get(key);
    if (!day) dayCache.set(key, (day = ticketNumberDay(new Date(ms), world.timeZone)));
    return day;
  };
  const expected: SeedFile['expected'] = {};
  const expectedEvents: Record<SlaEventType, number> = { 'sla.warning': 0, 'sla.breach': 0, 'sla.escalation': 0 };
  const byStatus: Record<string, number> = {};
  const bySlaState: Record<string, number> = {};
  let expectedFirings = 0;
  let deadlines = 0;
  let deadlinesWithNextFire = 0;
  let events = 0;
  let historySlaEvents = 0;
  let participants = 0;
  let ticketRows: Row[] = [];
  let deadlineRows: Row[] = [];
  let eventRows: Row[] = [];
  let participantRows: Row[] = [];
  const quietIso = iso(QUIET_UNTIL);

  for (let k = 0; k < TICKETS; k++) {
    const i = order[k]!;
    const department = world.departments[plans.department[i]!]!;
    const plan: TicketPlan = {
      t0: plans.t0[i]!,
      dispatch: plans.dispatch[i]!,
      accept: plans.accept[i]!,
      department,
      handler: department.handlers[plans.handler[i]!]!,
      autoAssigned: (plans.flags[i]! & 2) !== 0,
    };
    const due = (plans.flags[i]! & 1) !== 0;
    const ticketId = uuidV7At(plan.t0, rng);
    const { current, history } = clocksOf(ticketId, plan, world, (at) => uuidV7At(at, rng));

    // What the sweep at NOW must fire: exactly the due tickets' milestones.
    if (due) {
      const want: Partial<Record<SlaEventType, number>> = {};
      for (const d of current) {
        const clock = department.clocks[d.target as Target];
        for (const firing of fireDue(d, clock.basis, NOW).firings) {
          const type = EVENT_TYPE_OF[firing.kind];
          want[type] = (want[type] ?? 0) + 1;
          expectedEvents[type]++;
          expectedFirings++;
        }
      }
      if (Object.keys(want).length === 0) throw new Error(`due ticket ${ticketId} has nothing due at ${NOW_ISO}`);
      expected[ticketId] = want;
    } else if (current.some((d) => d.nextFireAt !== null && d.nextFireAt <= quietIso)) {
      throw new Error(`ticket ${ticketId} is not meant to be due but has a milestone before ${quietIso}`);
    }

    // The timeline: created, dispatched, maybe assigned and accepted, and the sla.* events fired before P.
    const creator = rng.pick(world.agents);
    const channel = CHANNEL_WEIGHTS.pick(rng);
    const lifecycle: EventDraft[] = [
      { type: 'ticket.created', actor: creator, at: plan.t0, status: 'submitted', department: null, assignee: null, data: { channel } },
      { type: 'ticket.dispatched', actor: creator, at: plan.dispatch, status: 'pending', department: department.id, assignee: null, data: { manual: true } },
    ];
    const accepted = !Number.isNaN(plan.accept);
    if (department.mode !== 'none' && (accepted || plan.autoAssigned)) {
      lifecycle.push({ type: 'ticket.assigned', actor: null, at: plan.dispatch, status: 'pending', department: department.id, assignee: plan.handler, data: { automatic: department.mode } });
    }
    if (accepted) {
      lifecycle.push({ type: 'ticket.accepted', actor: plan.handler, at: plan.accept, status: 'in_progress', department: department.id, assignee: plan.handler, data: {} });
    }
    const stateAt = (at: number) => lifecycle.findLast((e) => e.at <= at) ?? lifecycle[0]!;
    const slaEvents: EventDraft[] = history.map(({ deadline, firing }) => {
      // The sweeper runs every 10 seconds: it recorded the firing at its next run.
      const at = Math.ceil(Date.parse(firing.dueAt) / 10_000) * 10_000;
      const state = stateAt(at);
      const plan = planFiring(deadline, firing, { status: state.status, departmentId: state.department, difficultCaseDepartmentId: world.difficultCaseDepartmentId });
      return { type: plan.eventType, actor: null, at, status: state.status, department: state.department, assignee: state.assignee, data: plan.data };
    });
    slaEvents.sort((a, b) => a.at - b.at);
    const timeline: EventDraft[] = [];
    for (let a = 0, b = 0; a < lifecycle.length || b < slaEvents.length; ) {
      if (b >= slaEvents.length || (a < lifecycle.length && lifecycle[a]!.at <= slaEvents[b]!.at)) timeline.push(lifecycle[a++]!);
      else timeline.push(slaEvents[b++]!);
    }
    let before: EventDraft | null = null;
    for (const [index, e] of timeline.entries()) {
      eventRows.push([
        uuidV7At(e.at, rng),
        ticketId,
        index + 1,
        e.type,
        e.actor,
        iso(e.at),
        before?.status ?? null,
        e.status,
        before?.department ?? null,
        e.department,
        before?.assignee ?? null,
        e.assignee,
        null,
        JSON.stringify(e.data),
      ]);
      before = e;
    }
    events += timeline.length;
    historySlaEvents += slaEvents.length;

    for (const d of current) {
      deadlineRows.push([
        d.id,
        d.ticketId,
        d.target,
        d.policyId,
        d.calendarId,
        d.departmentId,
        JSON.stringify(d.spec),
        d.status,
        d.budgetMs,
        d.consumedMs,
        d.runningSince,
        d.startedAt,
        d.dueAt,
        d.completedAt,
        d.warnedAt,
        d.breachedAt,
        d.warningsFired,
        d.escalationsFired,
        d.extensions,
        d.nextFireAt,
      ]);
      if (d.nextFireAt !== null) deadlinesWithNextFire++;
    }
    deadlines += current.length;

    const last = lifecycle[lifecycle.length - 1]!;
    const { slaDueAt, slaState } = summarise(current);
    const category = CATEGORY_WEIGHTS.pick(rng);
    const itemCode = SERVICE_ITEM_WEIGHTS.pick(rng);
    const priority = world.priorities.get(PRIORITY_WEIGHTS.pick(rng))!;
    const desc = description(rng, category);
    const day = dayOf(plan.t0);
    const sequence = (counters.get(day) ?? 0) + 1;
    counters.set(day, sequence);
    ticketRows.push([
      ticketId,
      formatTicketNumber(day, sequence),
      titleOf(desc),
      desc,
      last.status,
      world.categories.get(category)!,
      world.serviceItems.get(itemCode)!,
      priority.id,
      priority.rank,
      channel,
      // No customers: the sweeper never reads them, and the application encrypts their numbers at start-up.
      null,
      department.id,
      last.assignee,
      creator,
      JSON.stringify(formFields(rng, itemCode)),
      null,
      0,
      null,
      timeline.length,
      iso(plan.t0),
      iso(timeline[timeline.length - 1]!.at),
      null,
      slaDueAt,
      slaState,
    ]);
    byStatus[last.status] = (byStatus[last.status] ?? 0) + 1;
    bySlaState[slaState ?? '(none)'] = (bySlaState[slaState ?? '(none)'] ?? 0) + 1;
    participantRows.push([ticketId, creator]);
    participants++;
    if (accepted) {
      participantRows.push([ticketId, plan.handler]);
      participants++;
    }

    if (ticketRows.length >= 10_000 || k === TICKETS - 1) {
      await sink.flush([
        [TABLES.tickets, ticketRows],
        [TABLES.deadlines, deadlineRows],
        [TABLES.events, eventRows],
        [TABLES.participants, participantRows],
      ]);
      ticketRows = [];
      deadlineRows = [];
      eventRows = [];
      participantRows = [];
      onProgress(k + 1);
    }
  }
  await sink.upsertCounters(counters);
  return { expected, expectedEvents, expectedFirings, byStatus, bySlaState, deadlines, deadlinesWithNextFire, events, historySlaEvents, participants };
}

// ---------------------------------------------------------------------------------------------
// Seeding

const PG_DATA_KEY = randomBytes(32).toString('base64');

function appConfig(dataDir: string, sqliteFile: string | null): AppConfig {
  const env: Record<string, string> = {
    GONGDAN_DATA_DIR: dataDir,
    GONGDAN_ADMIN_PASSWORD: newSecret(12),
    GONGDAN_DEMO_PASSWORD: newSecret(12),
    GONGDAN_SCRYPT_LOG_N: '12',
    LOG_LEVEL: 'silent',
    DATABASE_URL: DATABASE_URL ?? `sqlite:${sqliteFile}`,
    // PostgreSQL needs the data key given (SQLite keeps its key file in the data directory); a schema lives one run.
    ...(DATABASE_URL && { GONGDAN_DATA_KEY: PG_DATA_KEY }),
  };
  return parseConfig(env);
}

/** Migrations, the demo organisation and the benchmark's policy through the application; then the bulk rows. */
async function seedDatabase(config: AppConfig, schema: string | undefined): Promise<Omit<SeedFile, 'database'>> {
  const started = performance.now();
  log(`migrating and seeding the demo organisation (${config.database.kind})`);
  // The organisation exists well before the oldest ticket.
  const running = await startApp(config, new ManualClock(new Date(P - 60 * DAY)));
  let world: World;
  const rng = new Rng(20261124);
  const staffRows: Row[] = [];
  const memberRows: Row[] = [];
  try {
    // Inactive, so that no new ticket matches it; the seeded clocks name it, as clocks of a retired policy would.
    await createSlaPolicy(running.ctx, {
      name: '基准 · 工作日时限（两级升级）',
      active: false,
      calendar: 'workdays_cn',
      targets: {
        step: {
          minutes: 240,
          byDepartment: { refunds: 480 },
          warnAt: { percent: [75] },
          notify: ['assignee', 'supervisors'],
          escalation: [
            { afterMinutes: 30, actions: [{ type: 'notify', recipients: ['assignee', 'supervisors'] }] },
            { afterMinutes: 60, actions: [{ type: 'notify', recipients: [{ departmentSupervisors: 'difficult_cases' }] }] },
          ],
        },
        handling: {
          minutes: 960,
          warnAt: { percent: [75] },
          notify: ['assignee', 'supervisors'],
          escalation: [
            { afterMinutes: 0, actions: [{ type: 'notify', recipients: ['assignee', 'supervisors'] }] },
            { afterMinutes: 120, actions: [{ type: 'notify', recipients: [{ departmentSupervisors: 'difficult_cases' }, { user: 'admin' }] }] },
          ],
        },
        resolution: {
          minutes: 2880,
          businessTime: false,
          warnAt: { percent: [75] },
          notify: ['assignee', 'supervisors'],
          escalation: [
            { afterMinutes: 60, actions: [{ type: 'notify', recipients: ['supervisors'] }] },
            { afterMinutes: 240, actions: [{ type: 'notify', recipients: [{ user: 'admin' }] }] },
          ],
        },
      },
    });
    const reference = await loadReferenceData(running.ctx);
    const snapshot = await running.ctx.uow.read((repos) => repos.reference());
    const policy = snapshot.slaPolicies.find((p) => p.name === '基准 · 工作日时限（两级升级）');
    if (!policy) throw new Error('the benchmark policy was not saved');
    const calendar = snapshot.calendars.compile(policy.calendarId);
    if (!isBusinessTime(calendar, P) || !isBusinessTime(calendar, NOW)) throw new Error(`${new Date(P).toISOString()} is not working time on the demo calendar`);

    // Staff of a call centre this size: agents, and handlers and a supervisor in every department.
    const staffSince = P - 400 * DAY;
    const addUser = (username: string, role: string, departmentIds: string[]) => {
      const id = uuidV7At(staffSince + staffRows.length * MINUTE, rng);
      const at = new Date(staffSince).toISOString();
      staffRows.push([id, username, chineseName(rng), 'disabled', role, 1, 1, at, at]);
      for (const departmentId of departmentIds) memberRows.push([departmentId, id]);
      return id;
    };
    const callCentre = reference.departments.get('call_center')!.id;
    const agents = [reference.users.get('agent')!.id];
    for (let i = 1; i <= EXTRA_AGENTS; i++) agents.push(addUser(`bench_agent_${String(i).padStart(2, '0')}`, 'agent', [callCentre]));
    const departments: Department[] = DEPARTMENT_WEIGHTS.map(([code]) => {
      const found = snapshot.departments.find(code);
      if (!found) throw new Error(`the demo department ${code} is missing`);
      const handlers = code === 'refunds' ? [reference.users.get('handler')!.id] : [];
      for (let i = 1; i <= HANDLERS_PER_DEPARTMENT; i++) handlers.push(addUser(`bench_${code}_h${i}`, 'handler', [found.id]));
      addUser(`bench_${code}_sup`, 'supervisor', [found.id]);
      const world = { policy, calendars: snapshot.calendars };
      return {
        id: found.id,
        code,
        mode: found.assignmentMode,
        handlers,
        clocks: { step: clockConfig(world, 'step', found), handling: clockConfig(world, 'handling', found), resolution: clockConfig(world, 'resolution', found) },
      };
    });
    world = {
      policy,
      departments,
      departmentWeights: new Weighted(DEPARTMENT_WEIGHTS.map(([, weight], index) => [index, weight] as const)),
      agents,
      difficultCaseDepartmentId: snapshot.settings.difficultCaseDepartmentId,
      timeZone: config.timeZone,
      priorities: reference.priorities,
      categories: reference.categories,
      serviceItems: new Map([...reference.serviceItems].map(([code, item]) => [code, item.id])),
    };
  } finally {
    await running.close();
  }

  log(`  organisation seeded in ${fmt((performance.now() - started) / 1000)} s`);
  log(`planning ${fmt(TICKETS, 0)} tickets, ${fmt(DUE, 0)} due between ${new Date(P).toISOString()} and ${NOW_ISO}`);
  const planBegan = performance.now();
  const planned = planTickets(world, rng);
  log(`  planned in ${fmt((performance.now() - planBegan) / 1000)} s (${fmt(planned.dueResamples, 0)} due and ${fmt(planned.quietResamples, 0)} other resamples)`);

  const sink: RowSink = config.database.kind === 'sqlite' ? new SqliteSink(config.database.file) : new PostgresSink(config.database.url, schema!);
  let written: Awaited<ReturnType<typeof writeTickets>>;
  try {
    await sink.flush([
      [TABLES.users, staffRows],
      [TABLES.members, memberRows],
    ]);
    let lastReport = performance.now();
    written = await writeTickets(sink, world, planned.plans, rng, (done) => {
      if (performance.now() - lastReport > 10_000 || done === TICKETS) {
        lastReport = performance.now();
        log(`  ${fmt(done, 0)} / ${fmt(TICKETS, 0)} tickets written`);
      }
    });
    await sink.finish();
    if (sink instanceof PostgresSink) {
      // Autovacuum would analyse tables this size within minutes of the load.
      const client = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
      await client.connect();
      await client.query('ANALYZE ticket_deadlines, notifications, outbox');
      await client.end();
    }
  } finally {
    await sink.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = TICKETS + written.deadlines + written.events + written.participants + staffRows.length + memberRows.length;
  const { expected, ...stats } = written;
  log(`seeded ${fmt(TICKETS, 0)} tickets, ${fmt(written.deadlines, 0)} clocks, ${fmt(written.events, 0)} events in ${fmt(seconds)} s (${fmt(rows / seconds, 0)} rows/s)`);
  return {
    tickets: TICKETS,
    due: DUE,
    previousSweep: new Date(P).toISOString(),
    sweepAt: NOW_ISO,
    seededAt: new Date().toISOString(),
    seed: {
      tickets: TICKETS,
      due: DUE,
      ...stats,
      staff: staffRows.length,
      dueResamples: planned.dueResamples,
      quietResamples: planned.quietResamples,
      seconds,
      rowsPerSecond: rows / seconds,
    },
    expected,
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring

interface StatementStats {
  count: number;
  totalMs: number;
}

/** Times every statement better-sqlite3 runs, by SQL text (patches the shared Statement prototype; undo with the returned function). */
function instrumentSqlite(stats: Map<string, StatementStats>): () => void {
  const probe = new SQLite(':memory:');
  const prototype = Object.getPrototypeOf(probe.prepare('select 1')) as Record<'run' | 'all' | 'get', (...a: unknown[]) => unknown>;
  probe.close();
  const originals = { run: prototype.run, all: prototype.all, get: prototype.get };
  for (const method of ['run', 'all', 'get'] as const) {
    const original = originals[method];
    prototype[method] = function timed(this: SQLite.Statement, ...a: unknown[]) {
      const start = performance.now();
      try {
        return original.apply(this, a);
      } finally {
        const entry = stats.get(this.source) ?? { count: 0, totalMs: 0 };
        entry.count++;
        entry.totalMs += performance.now() - start;
        stats.set(this.source, entry);
      }
    };
  }
  return () => Object.assign(prototype, originals);
}

/** Counts and times statements on PostgreSQL, from compilation to result (pool waits included). */
class QueryCounter implements KyselyPlugin {
  private readonly started = new WeakMap<object, { sql: string; at: number }>();

  constructor(
    private readonly stats: Map<string, StatementStats>,
    private readonly compile: (node: RootOperationNode, queryId: PluginTransformQueryArgs['queryId']) => string,
  ) {}

  transformQuery(a: PluginTransformQueryArgs): RootOperationNode {
    this.started.set(a.queryId, { sql: this.compile(a.node, a.queryId), at: performance.now() });
    return a.node;
  }

  async transformResult(a: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const start = this.started.get(a.queryId);
    if (start) {
      const entry = this.stats.get(start.sql) ?? { count: 0, totalMs: 0 };
      entry.count++;
      entry.totalMs += performance.now() - start.at;
      this.stats.set(start.sql, entry);
    }
    return a.result;
  }
}

/** The exact statement the repository runs to find due tickets, and its plan. */
async function explainDueQuery(running: RunningApp): Promise<{ sql: string; plan: string[] }> {
  const db = running.database.db;
  const executor = db.getExecutor();
  let captured: CompiledQuery | undefined;
  const capture: KyselyPlugin = {
    transformQuery: (a) => {
      captured = executor.compileQuery(a.node, a.queryId);
      return a.node;
    },
    transformResult: async (a) => a.result,
  };
  await new DeadlinesRepository({ db: db.withPlugin(capture), dialect: running.database.dialect }).ticketsDue(NOW_ISO, 500);
  if (!captured) throw new Error('the due query was not captured');
  const prefix = running.database.dialect === 'sqlite' ? 'EXPLAIN QUERY PLAN ' : 'EXPLAIN (ANALYZE, BUFFERS) ';
  const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(prefix + captured.sql, [...captured.parameters]));
  const plan = result.rows.map((row) => String(row.detail ?? row['QUERY PLAN'] ?? JSON.stringify(row)));
  return { sql: captured.sql, plan };
}

async function timeDueQuery(ctx: UseCaseContext): Promise<{ firstMs: number; warmMedianMs: number; rows: number; countDueMs: number; dueMilestones: number }> {
  const once = async () => {
    const began = performance.now();
    const ids = await ctx.uow.read((repos) => repos.deadlines.ticketsDue(NOW_ISO, 500));
    return { ms: performance.now() - began, rows: ids.length };
  };
  const first = await once();
  const warm: number[] = [];
  for (let i = 0; i < 21; i++) warm.push((await once()).ms);
  const began = performance.now();
  const dueMilestones = await ctx.uow.read((repos) => repos.deadlines.countDue(NOW_ISO));
  return { firstMs: first.ms, warmMedianMs: median(warm), rows: first.rows, countDueMs: performance.now() - began, dueMilestones };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

interface Verification {
  ok: boolean;
  problems: string[];
  ticketsWithSlaEvents: number;
  eventsByType: Record<string, number>;
  notifications: number;
  outboxMessages: number;
  dueAfter: number;
}

async function verify(db: Kysely<DB>, seeded: SeedFile, result: SweepResult, second: SweepResult): Promise<Verification> {
  const problems: string[] = [];
  const rows = await db
    .selectFrom('ticket_events')
    .select(['ticket_id', 'type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('at', '=', NOW_ISO)
    .groupBy(['ticket_id', 'type'])
    .execute();
  const actual = new Map<string, Partial<Record<string, number>>>();
  const eventsByType: Record<string, number> = {};
  for (const row of rows) {
    const counts = actual.get(row.ticket_id) ?? {};
    counts[row.type] = Number(row.n);
    actual.set(row.ticket_id, counts);
    eventsByType[row.type] = (eventsByType[row.type] ?? 0) + Number(row.n);
  }
  const expected = seeded.expected;
  for (const [ticketId, want] of Object.entries(expected)) {
    const got = actual.get(ticketId);
    const same = got && SLA_EVENT_TYPES.every((t) => (got[t] ?? 0) === (want[t] ?? 0)) && Object.keys(got).every((t) => (SLA_EVENT_TYPES as readonly string[]).includes(t));
    if (!same && problems.length < 10) problems.push(`ticket ${ticketId}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got ?? {})}`);
    if (!same && problems.length === 10) problems.push('…');
  }
  for (const ticketId of actual.keys()) {
    if (!(ticketId in expected) && problems.length < 10) problems.push(`ticket ${ticketId} was not due but got ${JSON.stringify(actual.get(ticketId))}`);
  }
  for (const type of SLA_EVENT_TYPES) {
    if ((eventsByType[type] ?? 0) !== seeded.seed.expectedEvents[type]) problems.push(`${type}: expected ${seeded.seed.expectedEvents[type]}, written ${eventsByType[type] ?? 0}`);
  }
  if (actual.size !== seeded.due) problems.push(`${actual.size} tickets got events; ${seeded.due} were due`);
  if (result.tickets !== seeded.due) problems.push(`the sweep reported ${result.tickets} tickets; ${seeded.due} were due`);
  if (result.firings !== seeded.seed.expectedFirings) problems.push(`the sweep reported ${result.firings} firings; ${seeded.seed.expectedFirings} were expected`);
  if (second.tickets !== 0 || second.firings !== 0) problems.push(`the second sweep fired ${second.firings} milestones on ${second.tickets} tickets`);
  for (const [name, sweep] of [['sweep', result], ['second sweep', second]] as const) {
    const first = sweep.failures[0];
    if (first) problems.push(`the ${name} failed on ${sweep.failures.length} tickets, first ${first.ticketId}: ${first.error instanceof Error ? first.error.message : String(first.error)}`);
  }
  const dueAfter = await new DeadlinesRepository({ db, dialect: seeded.database.kind }).countDue(NOW_ISO);
  if (dueAfter !== 0) problems.push(`${dueAfter} milestones are still due after the sweep`);
  const notifications = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('created_at', '=', NOW_ISO).executeTakeFirstOrThrow();
  const outbox = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('created_at', '=', NOW_ISO).executeTakeFirstOrThrow();
  return {
    ok: problems.length === 0,
    problems,
    ticketsWithSlaEvents: actual.size,
    eventsByType,
    notifications: Number(notifications.n),
    outboxMessages: Number(outbox.n),
    dueAfter,
  };
}

function machine() {
  const cpus = os.cpus();
  const memory = new SQLite(':memory:');
  const sqliteVersion = (memory.prepare('select sqlite_version() as v').get() as { v: string }).v;
  memory.close();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite: sqliteVersion,
  };
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function fileBytes(file: string): number {
  return ['', '-wal'].reduce((sum, suffix) => sum + (existsSync(file + suffix) ? statSync(file + suffix).size : 0), 0);
}

async function main(): Promise<void> {
  if (args.help) {
    process.stdout.write(HELP);
    return;
  }
  mkdirSync(benchRoot, { recursive: true });
  const startedAt = new Date().toISOString();
  const dataDir = path.resolve(args['data-dir'] ?? path.join(benchRoot, `sla-${TICKETS}`));
  const seedFile = path.join(dataDir, 'seed.json');
  const seedDb = path.join(dataDir, 'seed.sqlite');
  const sweepDb = path.join(dataDir, 'sweep.sqlite');

  let seeded: SeedFile;
  let schema: string | undefined;
  if (args.reuse && existsSync(seedFile) && existsSync(seedDb)) {
    seeded = JSON.parse(readFileSync(seedFile, 'utf8')) as SeedFile;
    if (seeded.tickets !== TICKETS || seeded.due !== DUE || seeded.sweepAt !== NOW_ISO) {
      throw new Error(`${dataDir} holds ${seeded.tickets} tickets with ${seeded.due} due at ${seeded.sweepAt}, not ${TICKETS} with ${DUE} at ${NOW_ISO}; drop --reuse`);
    }
    log(`reusing the ${fmt(seeded.tickets, 0)}-ticket database in ${dataDir} (seeded ${seeded.seededAt})`);
  } else if (DATABASE_URL) {
    const config = appConfig(dataDir, null);
    if (config.database.kind !== 'postgres') throw new Error('--database-url must be a postgres:// URL');
    schema = `gongdan_sla_${Date.now().toString(36)}`;
    await adminQuery(config.database.url, `create schema ${schema}`);
    config.database = { ...config.database, schema };
    seeded = { ...(await seedDatabase(config, schema)), database: { kind: 'postgres', schema } };
  } else {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    seeded = { ...(await seedDatabase(appConfig(dataDir, seedDb), undefined)), database: { kind: 'sqlite', file: seedDb } };
    writeFileSync(seedFile, JSON.stringify(seeded));
  }

  // The sweep changes the database: on SQLite it runs on a copy, so the seeded file can be reused.
  let config: AppConfig;
  if (seeded.database.kind === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(sweepDb + suffix, { force: true });
    if (existsSync(`${seedDb}-wal`)) {
      // Everything must be in the main file before it is copied.
      const db = new SQLite(seedDb);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    }
    const began = performance.now();
    copyFileSync(seedDb, sweepDb);
    log(`copied the seeded database (${fmt(statSync(sweepDb).size / 2 ** 20, 0)} MiB) in ${fmt((performance.now() - began) / 1000)} s`);
    config = appConfig(dataDir, sweepDb);
  } else {
    config = appConfig(dataDir, null);
    if (config.database.kind === 'postgres') config.database = { ...config.database, schema: seeded.database.schema };
  }

  const clock = new ManualClock(new Date(NOW));
  const running = await startApp(config, clock);
  let explain: Awaited<ReturnType<typeof explainDueQuery>>;
  let dueQuery: Awaited<ReturnType<typeof timeDueQuery>>;
  let result: SweepResult;
  let second: SweepResult;
  let secondMs: number;
  let wallMs: number;
  let cpuMs: number;
  let profileFile: string | undefined;
  let verification: Verification;
  const statements = new Map<string, StatementStats>();
  let databaseBytes: number;
  let serverVersion: string | undefined;
  try {
    explain = await explainDueQuery(running);
    log(`due query plan: ${explain.plan.join(' | ')}`);
    dueQuery = await timeDueQuery(running.ctx);
    if (dueQuery.dueMilestones === 0) throw new Error('nothing is due: was this database swept already?');
    log(`sweeping at ${NOW_ISO}: ${fmt(dueQuery.dueMilestones, 0)} milestones due`);

    let session: Session | undefined;
    if (args.profile) {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
    }
    let undo = () => {};
    if (args['count-queries']) {
      if (running.database.dialect === 'sqlite') undo = instrumentSqlite(statements);
      else {
        const original = running.database.db;
        const executor = original.getExecutor();
        running.database.db = original.withPlugin(new QueryCounter(statements, (node, queryId) => executor.compileQuery(node, queryId).sql));
        undo = () => {
          running.database.db = original;
        };
      }
    }
    const cpuBefore = process.cpuUsage();
    const began = performance.now();
    result = await fireDueDeadlines(running.ctx);
    wallMs = performance.now() - began;
    const cpu = process.cpuUsage(cpuBefore);
    cpuMs = (cpu.user + cpu.system) / 1000;
    undo();
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      const dir = path.join(benchRoot, 'profiles');
      mkdirSync(dir, { recursive: true });
      profileFile = path.join(dir, `sla-sweep-${seeded.database.kind}-${TICKETS}-${Date.now()}.cpuprofile`);
      writeFileSync(profileFile, JSON.stringify(profile));
    }
    log(`swept: ${fmt(result.firings, 0)} milestones on ${fmt(result.tickets, 0)} tickets in ${fmt(wallMs / 1000, 2)} s`);

    const secondBegan = performance.now();
    second = await fireDueDeadlines(running.ctx);
    secondMs = performance.now() - secondBegan;
    verification = await verify(running.database.db, seeded, result, second);
  } finally {
    await running.close();
  }

  if (seeded.database.kind === 'sqlite') {
    databaseBytes = fileBytes(sweepDb);
    if (!args.keep) for (const suffix of ['', '-wal', '-shm']) rmSync(sweepDb + suffix, { force: true });
  } else {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    const size = await client.query<{ bytes: string | null }>(
      `select sum(pg_total_relation_size(c.oid))::text as bytes from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind = 'r'`,
      [seeded.database.schema],
    );
    databaseBytes = Number(size.rows[0]?.bytes ?? 0);
    serverVersion = (await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]?.v;
    await client.end();
    if (!args.keep) await adminQuery(DATABASE_URL!, `drop schema ${seeded.database.schema} cascade`);
  }

  const events = Object.values(verification.eventsByType).reduce((a, b) => a + b, 0);
  const totalStatements = [...statements.values()].reduce((sum, s) => sum + s.count, 0);
  const results = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { ...machine(), ...(serverVersion && { postgres: serverVersion }) },
    options: { tickets: TICKETS, due: DUE, reused: args.reuse && seeded.seededAt < startedAt },
    database: {
      dialect: seeded.database.kind,
      ...(seeded.database.kind === 'sqlite' ? { file: path.relative(repoRoot, sweepDb) } : { schema: seeded.database.schema }),
      sizeBytes: databaseBytes,
    },
    previousSweep: seeded.previousSweep,
    sweepAt: seeded.sweepAt,
    seed: seeded.seed,
    dueQuery: {
      sql: explain.sql,
      plan: explain.plan,
      rows: dueQuery.rows,
      firstMs: round(dueQuery.firstMs),
      warmMedianMs: round(dueQuery.warmMedianMs),
      countDueMs: round(dueQuery.countDueMs),
      dueMilestones: dueQuery.dueMilestones,
    },
    sweep: {
      wallSeconds: round(wallMs / 1000),
      cpuSeconds: round(cpuMs / 1000),
      tickets: result.tickets,
      firings: result.firings,
      failures: result.failures.length,
      ticketsPerSecond: Math.round(result.tickets / (wallMs / 1000)),
      firingsPerSecond: Math.round(result.firings / (wallMs / 1000)),
      eventsWritten: events,
      eventsByType: verification.eventsByType,
      notificationsWritten: verification.notifications,
      outboxMessages: verification.outboxMessages,
      profile: profileFile && path.relative(repoRoot, profileFile),
    },
    secondSweep: { tickets: second.tickets, firings: second.firings, failures: second.failures.length, ms: round(secondMs) },
    verification: { ok: verification.ok, problems: verification.problems, ticketsWithSlaEvents: verification.ticketsWithSlaEvents, dueAfter: verification.dueAfter },
    statements: args['count-queries']
      ? {
          perTicket: round(totalStatements / Math.max(1, result.tickets), 2),
          top: [...statements]
            .sort((a, b) => b[1].totalMs - a[1].totalMs)
            .slice(0, 25)
            .map(([text, s]) => ({ sql: text, count: s.count, totalMs: round(s.totalMs), perTicket: round(s.count / Math.max(1, result.tickets), 2) })),
        }
      : undefined,
  };
  mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
  writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);

  const m = results.machine;
  const s = seeded.seed;
  const out: string[] = [''];
  const engine = seeded.database.kind === 'sqlite' ? `SQLite ${m.sqlite}` : `PostgreSQL ${serverVersion ?? '?'} (same machine)`;
  out.push(`Time-limit sweeper: ${fmt(TICKETS, 0)} open tickets, ${fmt(DUE, 0)} due in one minute; ${m.cpu}, ${m.cores} cores, Node ${m.node}, ${engine}`);
  out.push(
    `Seed: ${fmt(s.deadlines, 0)} clocks (${fmt(s.deadlinesWithNextFire, 0)} with a next milestone), ${fmt(s.events, 0)} events (${fmt(s.historySlaEvents, 0)} sla.* fired earlier), ` +
      `${fmt(s.participants, 0)} participants in ${fmt(s.seconds)} s; database ${fmt(databaseBytes / 2 ** 20, 0)} MiB`,
  );
  out.push(`Tickets: ${Object.entries(s.byStatus).map(([k, v]) => `${k} ${fmt(v, 0)}`).join(', ')}; SLA state: ${Object.entries(s.bySlaState).map(([k, v]) => `${k} ${fmt(v, 0)}`).join(', ')}`);
  out.push(`Due query: ${explain.sql}`);
  for (const line of explain.plan) out.push(`  plan: ${line}`);
  out.push('');
  out.push(
    table(
      ['measurement', 'value'],
      [
        ['sweep wall time', `${fmt(wallMs / 1000, 2)} s`],
        ['sweep CPU time (this process)', `${fmt(cpuMs / 1000, 2)} s`],
        ['tickets fired', fmt(result.tickets, 0)],
        ['milestones fired', fmt(result.firings, 0)],
        ['tickets per second', fmt(result.tickets / (wallMs / 1000), 0)],
        ['events written', `${fmt(events, 0)} (${SLA_EVENT_TYPES.map((t) => `${t} ${fmt(verification.eventsByType[t] ?? 0, 0)}`).join(', ')})`],
        ['notifications written', fmt(verification.notifications, 0)],
        ['outbox messages written', fmt(verification.outboxMessages, 0)],
        ['due query, first (500 rows)', `${fmt(dueQuery.firstMs, 2)} ms`],
        ['due query, warm median', `${fmt(dueQuery.warmMedianMs, 2)} ms`],
        [`count due (${fmt(dueQuery.dueMilestones, 0)})`, `${fmt(dueQuery.countDueMs, 2)} ms`],
        ['second sweep', `${second.tickets} tickets, ${second.firings} firings in ${fmt(secondMs, 1)} ms`],
        ['verification', verification.ok ? 'ok: exactly the due tickets got exactly the expected events' : `FAILED (${verification.problems.length} problems)`],
      ],
    ),
  );
  for (const problem of verification.problems) out.push(`  ${problem}`);
  if (results.statements) {
    out.push('');
    out.push(`Statements per ticket: ${results.statements.perTicket}`);
    for (const q of results.statements.top.slice(0, 15)) out.push(`  ${fmt(q.perTicket, 2).padStart(6)} x ${fmt(q.totalMs, 0).padStart(6)} ms  ${q.sql.slice(0, 150)}`);
  }
  if (profileFile) out.push(`\nCPU profile of the sweep: ${path.relative(process.cwd(), profileFile)}`);
  process.stdout.write(`${out.join('\n')}\n`);
  log(`results written to ${path.relative(process.cwd(), path.resolve(args.out))}`);
  if (!verification.ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
