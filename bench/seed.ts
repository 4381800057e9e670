import type { UseCaseContext } from '../src/app/context.js';
import { ancestry } from '../src/catalog/domain/catalog.js';
import { findRoute, type RoutingRule } from '../src/routing/domain/routing-rules.js';
import { formatTicketNumber, ticketNumberDay } from '../src/tickets/domain/ticket-number.js';
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
  mobileNumber,
  pickNote,
  pickReason,
  pickResult,
  titleOf,
  uuidV7At,
} from './fixtures.js';
import type { Row, RowSink, TableSpec } from './sink.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** The demo organisation as seeded by the application, read back by code. */
export interface ReferenceData {
  categories: Map<string, string>;
  priorities: Map<string, { id: string; rank: number }>;
  serviceItems: Map<string, { id: string; needsReply: boolean }>;
  serviceItemParents: Map<string, string | null>;
  departments: Map<string, { id: string; mode: string }>;
  rules: RoutingRule[];
  users: Map<string, { id: string; role: string }>;
}

export async function loadReferenceData(ctx: UseCaseContext): Promise<ReferenceData> {
  return ctx.uow.read(async (repos) => {
    const categories = await repos.catalog.listCategories(true);
    const priorities = await repos.catalog.listPriorities(true);
    const items = await repos.catalog.listServiceItems(true);
    const departments = await repos.departments.list(true);
    const users = await repos.users.list({});
    return {
      categories: new Map(categories.map((c) => [c.code, c.id])),
      priorities: new Map(priorities.map((p) => [p.code, { id: p.id, rank: p.rank }])),
      serviceItems: new Map(items.map((s) => [s.code, { id: s.id, needsReply: s.needsReply }])),
      serviceItemParents: new Map(items.map((s) => [s.id, s.parentId])),
      departments: new Map(departments.map((d) => [d.code, { id: d.id, mode: d.assignmentMode }])),
      rules: await repos.routing.list(true),
      users: new Map(users.map((u) => [u.username, { id: u.id, role: u.role }])),
    };
  });
}

/** The bulk-loaded tables, columns in the order rows are built. */
export const T = {
  users: {
    name: 'users',
    columns: [
      ['id', 'text'],
      ['username', 'text'],
      ['display_name', 'text'],
      ['password_hash', 'text'],
      ['role', 'text'],
      ['active', 'integer'],
      ['on_duty', 'integer'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
  },
  members: { name: 'department_members', columns: [['department_id', 'text'], ['user_id', 'text']] },
  customers: {
    name: 'customers',
    columns: [
      ['id', 'text'],
      ['name', 'text'],
      ['phone', 'text'],
      ['tier', 'text'],
      ['type', 'text'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
  },
  tickets: {
    name: 'tickets',
    columns: [
      ['id', 'text'],
      ['number', 'text'],
      ['title', 'text'],
      ['description', 'text'],
      ['status', 'text'],
      ['category_id', 'text'],
      ['service_item_id', 'text'],
      ['priority_id', 'text'],
      ['priority_rank', 'integer'],
      ['channel', 'text'],
      ['customer_id', 'text'],
      ['department_id', 'text'],
      ['assignee_id', 'text'],
      ['created_by', 'text'],
      ['fields', 'jsonb'],
      ['result', 'text'],
      ['needs_triage', 'integer'],
      ['merged_into_id', 'text'],
      ['version', 'integer'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
      ['closed_at', 'timestamptz'],
    ],
  },
  events: {
    name: 'ticket_events',
    columns: [
      ['id', 'text'],
      ['ticket_id', 'text'],
      ['seq', 'integer'],
      ['type', 'text'],
      ['actor_id', 'text'],
      ['at', 'timestamptz'],
      ['from_status', 'text'],
      ['to_status', 'text'],
      ['from_department_id', 'text'],
      ['to_department_id', 'text'],
      ['from_assignee_id', 'text'],
      ['to_assignee_id', 'text'],
      ['content', 'text'],
      ['data', 'jsonb'],
    ],
  },
  participants: { name: 'ticket_participants', columns: [['ticket_id', 'text'], ['user_id', 'text']] },
} as const satisfies Record<string, TableSpec>;

export interface SeedOptions {
  tickets: number;
  days: number;
  now: number;
  timeZone: string;
  batchSize?: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedStats {
  tickets: number;
  events: number;
  participants: number;
  customers: number;
  extraUsers: number;
  seconds: number;
  ticketsPerSecond: number;
  rowsPerSecond: number;
  byStatus: Record<string, number>;
  byDepartment: Record<string, number>;
  /** Random seeded ticket ids, for the timeline phase. */
  sampleTicketIds: string[];
  /** Phone numbers of seeded customers, so that HTTP creates find existing callers. */
  customerPhones: string[];
}

/** Staff a call centre of this size has besides the demo users: agents on the phones, handlers in every department. */
const EXTRA_AGENTS = 24;
const HANDLERS_PER_DEPARTMENT = 6;

const HOUR_WEIGHTS = new Weighted<number>(
  [1, 1, 1, 1, 1, 1, 2, 3, 6, 10, 10, 10, 7, 8, 10, 10, 10, 10, 7, 5, 5, 5, 2, 2].map((w, hour) => [hour, w] as const),
);

const MANUAL_DISPATCH = new Weighted<string>([
  ['difficult_cases', 30],
  ['internal_control', 20],
  ['refunds', 20],
  ['external_partners', 10],
  ['exceptions', 10],
  ['promotions', 10],
]);

const UNCLASSIFIED = new Set(['email', 'web', 'app', 'wechat', 'chat']);
const ON_SPOT_CATEGORIES = new Set(['inquiry', 'other', 'suggestion']);

interface EventDraft {
  type: string;
  actor: string | null;
  at: number;
  content: string | null;
  data: Record<string, unknown>;
  status: string;
  department: string | null;
  assignee: string | null;
  closedAt?: number | null;
  result?: string;
}

/**
 * Seeds `tickets` tickets spread over the last `days` days (daytime-heavy), each with the timeline
 * its lifecycle produced (created → dispatched → assigned/accepted → resolved → replied/closed, or
 * answered on the spot, cancelled, returned, waiting), cut off at `now` so that recent tickets are
 * still open. Participants, customers, extra staff and the day counters come with them.
 */
export async function seedTickets(sink: RowSink, ref: ReferenceData, options: SeedOptions): Promise<SeedStats> {
  const started = performance.now();
  const rng = new Rng(options.seed ?? 20261123);
  const now = options.now;
  const start = now - options.days * DAY;
  const batchSize = options.batchSize ?? 10_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const staffSince = start - 400 * DAY;

  // Staff: agents in the call centre, handlers and a supervisor in every other department.
  const userRows: Row[] = [];
  const memberRows: Row[] = [];
  const agents: string[] = [ref.users.get('agent')!.id];
  const handlersOf = new Map<string, string[]>();
  for (const [code, dept] of ref.departments) if (code !== 'call_center') handlersOf.set(dept.id, []);
  for (const username of ['handler', 'supervisor']) {
    const user = ref.users.get(username);
    if (!user) continue;
    for (const code of username === 'handler' ? ['refunds'] : ['refunds', 'difficult_cases']) {
      handlersOf.get(ref.departments.get(code)!.id)?.push(user.id);
    }
  }
  const addUser = (username: string, role: string, departmentIds: string[]) => {
    const id = uuidV7At(staffSince + userRows.length * MINUTE, rng);
    userRows.push([id, username, chineseName(rng), 'disabled', role, 1, 1, iso(staffSince), iso(staffSince)]);
    for (const departmentId of departmentIds) memberRows.push([departmentId, id]);
    return id;
  };
  const callCentre = ref.departments.get('call_center')!.id;
  for (let i = 1; i <= EXTRA_AGENTS; i++) agents.push(addUser(`bench_agent_${String(i).padStart(2, '0')}`, 'agent', [callCentre]));
  for (const [code, dept] of ref.departments) {
    if (code === 'call_center') continue;
    for (let i = 1; i <= HANDLERS_PER_DEPARTMENT; i++) handlersOf.get(dept.id)!.push(addUser(`bench_${code}_h${i}`, 'handler', [dept.id]));
    addUser(`bench_${code}_sup`, 'supervisor', [dept.id]);
  }
  const departmentById = new Map([...ref.departments.values()].map((d) => [d.id, d]));
  const departmentCode = new Map([...ref.departments].map(([code, d]) => [d.id, code]));
  const roundRobin = new Map<string, number>();

  // Customers: a quarter as many as tickets, so callers come back.
  const customerCount = Math.max(2_000, Math.round(options.tickets / 4));
  const customerIds: string[] = new Array<string>(customerCount);
  const customerPhones: string[] = [];
  let customerRows: Row[] = [];
  for (let k = 0; k < customerCount; k++) {
    const createdAt = start - rng.int(1, 365) * DAY;
    const id = uuidV7At(createdAt, rng);
    const phone = mobileNumber(k);
    customerIds[k] = id;
    if (customerPhones.length < 20_000) customerPhones.push(phone);
    const tier = rng.chance(0.05) ? 'vip' : rng.chance(0.1) ? 'gold' : null;
    customerRows.push([id, chineseName(rng), phone, tier, rng.chance(0.05) ? 'enterprise' : 'individual', iso(createdAt), iso(createdAt)]);
    if (customerRows.length >= 50_000) {
      await sink.flush([[T.customers, customerRows]]);
      customerRows = [];
    }
  }
  await sink.flush([
    [T.users, userRows],
    [T.members, memberRows],
    [T.customers, customerRows],
  ]);

  // Creation instants: uniform over the days, daytime-heavy in the organisation's time zone.
  const offset = zoneOffsetMs(now, options.timeZone);
  const firstLocalMidnight = Math.floor((start + offset) / DAY) * DAY - offset;
  const wholeDays = Math.ceil((now - firstLocalMidnight) / DAY);
  const times = new Float64Array(options.tickets);
  for (let i = 0; i < options.tickets; i++) {
    let t: number;
    do {
      t = firstLocalMidnight + rng.int(0, wholeDays - 1) * DAY + HOUR_WEIGHTS.pick(rng) * HOUR + Math.floor(rng.next() * HOUR);
    } while (t < start || t > now - 1_000);
    times[i] = t;
  }
  times.sort();

  const id = (code: string, map: Map<string, string>) => map.get(code)!;
  const categories = ref.categories;
  const counters = new Map<string, number>();
  const dayCache = new Map<number, string>();
  const dayOf = (ms: number) => {
    const key = Math.floor(ms / (15 * MINUTE));
    let day = dayCache.get(key);
    if (!day) dayCache.set(key, (day = ticketNumberDay(new Date(ms), options.timeZone)));
    return day;
  };
  const byStatus: Record<string, number> = {};
  const byDepartment: Record<string, number> = {};
  const sample: string[] = [];
  const SAMPLE_SIZE = 20_000;
  let ticketRows: Row[] = [];
  let eventRows: Row[] = [];
  let participantRows: Row[] = [];
  let totalEvents = 0;
  let totalParticipants = 0;

  for (let i = 0; i < options.tickets; i++) {
    const t0 = times[i]!;
    const channel = CHANNEL_WEIGHTS.pick(rng);
    const needsTriage = UNCLASSIFIED.has(channel) && rng.chance(0.1);
    const category = needsTriage ? 'other' : CATEGORY_WEIGHTS.pick(rng);
    const itemCode = needsTriage ? 'other' : SERVICE_ITEM_WEIGHTS.pick(rng);
    const priorityCode = needsTriage ? 'medium' : PRIORITY_WEIGHTS.pick(rng);
    const item = ref.serviceItems.get(itemCode)!;
    const priority = ref.priorities.get(priorityCode)!;
    const desc = description(rng, category);
    const title = titleOf(desc);
    const creator = rng.pick(agents);
    const ticketId = uuidV7At(t0, rng);
    const categoryId = id(category, categories);
    const rule = findRoute(ref.rules, {
      categoryId,
      serviceItemPath: ancestry(item.id, ref.serviceItemParents),
      priorityId: priority.id,
      channel,
      customerTier: null,
      text: `${title}\n${desc}`,
    });

    const events = lifecycle(rng, {
      t0,
      now,
      creator,
      channel,
      rule,
      onSpot: !rule && ON_SPOT_CATEGORIES.has(category) && rng.chance(0.5),
      needsReply: item.needsReply,
      agents,
      handlersOf,
      departmentById,
      roundRobin,
      manualDepartment: () => ref.departments.get(MANUAL_DISPATCH.pick(rng))!.id,
    });
    const last = events[events.length - 1]!;
    const day = dayOf(t0);
    const sequence = (counters.get(day) ?? 0) + 1;
    counters.set(day, sequence);
    const closedAt = events.reduce<number | null>((value, e) => (e.closedAt !== undefined ? e.closedAt : value), null);
    const result = events.reduce<string | null>((value, e) => e.result ?? value, null);
    ticketRows.push([
      ticketId,
      formatTicketNumber(day, sequence),
      title,
      desc,
      last.status,
      categoryId,
      item.id,
      priority.id,
      priority.rank,
      channel,
      rng.chance(0.9) ? customerIds[rng.int(0, customerCount - 1)]! : null,
      last.department,
      last.assignee,
      creator,
      JSON.stringify(formFields(rng, itemCode)),
      result,
      needsTriage ? 1 : 0,
      null,
      events.length,
      iso(t0),
      iso(last.at),
      closedAt === null ? null : iso(closedAt),
    ]);
    const participants = new Set<string>();
    let before: EventDraft | null = null;
    for (const [index, e] of events.entries()) {
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
        e.content,
        JSON.stringify(e.data),
      ]);
      if (e.actor) participants.add(e.actor);
      before = e;
    }
    for (const userId of participants) participantRows.push([ticketId, userId]);
    totalEvents += events.length;
    totalParticipants += participants.size;
    byStatus[last.status] = (byStatus[last.status] ?? 0) + 1;
    const deptKey = last.department ? departmentCode.get(last.department)! : '(none)';
    byDepartment[deptKey] = (byDepartment[deptKey] ?? 0) + 1;
    if (sample.length < SAMPLE_SIZE) sample.push(ticketId);
    else if (rng.next() < SAMPLE_SIZE / (i + 1)) sample[rng.int(0, SAMPLE_SIZE - 1)] = ticketId;

    if (ticketRows.length >= batchSize || i === options.tickets - 1) {
      await sink.flush([
        [T.tickets, ticketRows],
        [T.events, eventRows],
        [T.participants, participantRows],
      ]);
      ticketRows = [];
      eventRows = [];
      participantRows = [];
      options.onProgress?.(i + 1, options.tickets);
    }
  }
  await sink.upsertCounters(counters);
  await sink.finish();

  const seconds = (performance.now() - started) / 1000;
  const rows = options.tickets + totalEvents + totalParticipants + customerCount + userRows.length;
  return {
    tickets: options.tickets,
    events: totalEvents,
    participants: totalParticipants,
    customers: customerCount,
    extraUsers: userRows.length,
    seconds,
    ticketsPerSecond: options.tickets / seconds,
    rowsPerSecond: rows / seconds,
    byStatus,
    byDepartment,
    sampleTicketIds: sample,
    customerPhones,
  };
}

interface LifecycleInput {
  t0: number;
  now: number;
  creator: string;
  channel: string;
  rule: RoutingRule | null;
  onSpot: boolean;
  needsReply: boolean;
  agents: readonly string[];
  handlersOf: ReadonlyMap<string, readonly string[]>;
  departmentById: ReadonlyMap<string, { id: string; mode: string }>;
  roundRobin: Map<string, number>;
  manualDepartment: () => string;
}

const MAX_EVENTS = 6;
const MIN_EVENTS = 3;

/** The timeline one ticket went through, up to `now`: between 3 and 6 events. */
function lifecycle(rng: Rng, input: LifecycleInput): EventDraft[] {
  const { t0, now, creator } = input;
  const events: EventDraft[] = [];
  let state = { status: 'submitted', department: null as string | null, assignee: null as string | null };
  let t = t0;
  let stopped = false;
  /** Records a step at `at` unless that lies in the future; returns false once the timeline has reached now. */
  const step = (at: number, type: string, actor: string | null, change: Partial<typeof state>, extra: Partial<EventDraft> = {}) => {
    if (stopped || at > now) {
      stopped = true;
      return false;
    }
    t = at;
    state = { ...state, ...change };
    events.push({ type, actor, at, content: null, data: {}, ...state, ...extra });
    return true;
  };

  step(t0, 'ticket.created', creator, {}, { data: { channel: input.channel } });
  if (input.onSpot) {
    step(t0, 'ticket.closed', creator, { status: 'closed' }, { content: pickResult(rng), data: { answeredOnSpot: true }, closedAt: t0 });
    events[1]!.result = events[1]!.content!;
  } else {
    const dispatched = input.rule
      ? step(t0, 'ticket.dispatched', null, { status: 'pending', department: input.rule.departmentId }, {
          data: { manual: false, ruleId: input.rule.id, ruleName: input.rule.name },
        })
      : step(t0 + rng.exp(20 * MINUTE), 'ticket.dispatched', creator, { status: 'pending', department: input.manualDepartment() }, {
          data: { manual: true },
        });
    const department = state.department;
    const members = department ? (input.handlersOf.get(department) ?? []) : [];
    const mode = department ? (input.departmentById.get(department)?.mode ?? 'none') : 'none';
    const path = rng.next();
    if (dispatched && path < 0.03) {
      // Cancelled soon after: the customer sorted it out.
      step(t + rng.exp(2 * HOUR), 'ticket.cancelled', creator, { status: 'cancelled' }, { content: pickReason(rng), closedAt: 0 });
    } else if (dispatched && members.length > 0) {
      if (mode !== 'none') {
        const turn = (input.roundRobin.get(department!) ?? 0) + 1;
        input.roundRobin.set(department!, turn);
        step(t, 'ticket.assigned', null, { assignee: members[turn % members.length]! }, { data: { automatic: mode } });
      }
      const handler = state.assignee ?? rng.pick(members);
      // Most tickets are taken within hours; a few sit in the queue for weeks.
      const wait = rng.chance(0.06) ? rng.exp(15 * DAY) : rng.exp(3 * HOUR);
      if (path < 0.06) {
        step(t + wait, 'ticket.returned', handler, { status: 'returned', department: null, assignee: null }, { content: pickReason(rng) });
        step(t + rng.exp(DAY), 'ticket.cancelled', rng.pick(input.agents), { status: 'cancelled' }, { content: pickReason(rng), closedAt: 0 });
      } else if (step(t + wait, 'ticket.accepted', handler, { status: 'in_progress', assignee: handler })) {
        if (path < 0.12) {
          step(t + rng.exp(2 * HOUR), 'ticket.waiting', handler, { status: 'waiting' }, { content: pickReason(rng) });
          step(t + rng.exp(3 * DAY), 'ticket.cancelled', rng.pick(input.agents), { status: 'cancelled' }, { content: pickReason(rng), closedAt: 0 });
        } else {
          const result = pickResult(rng);
          step(t + rng.exp(20 * HOUR), 'ticket.resolved', handler, { status: 'handled' }, { content: result, result });
          if (input.needsReply) {
            const agent = rng.pick(input.agents);
            const twoSteps = events.length < MAX_EVENTS - 1 && rng.chance(0.15);
            const replied = step(t + rng.exp(6 * HOUR), 'ticket.replied', agent, { status: twoSteps ? 'replied' : 'closed' }, {
              content: pickResult(rng),
              data: { channel: 'phone', objection: twoSteps ? null : false },
              ...(twoSteps ? {} : { closedAt: 0 }),
            });
            if (replied && twoSteps) step(t + rng.exp(2 * DAY), 'ticket.closed', agent, { status: 'closed' }, { closedAt: 0 });
          } else {
            step(t + rng.exp(4 * HOUR), 'ticket.closed', handler, { status: 'closed' }, { closedAt: 0 });
          }
        }
      }
    }
  }
  // closedAt: 0 marks "closed at this event's time".
  for (const e of events) if (e.closedAt === 0) e.closedAt = e.at;

  // Notes while the ticket is worked on (or a follow-up after), so that every timeline has 3 to 6 entries.
  const wanted = Math.min(MAX_EVENTS, Math.max(MIN_EVENTS, events.length + (rng.chance(0.3) ? 1 : 0)));
  while (events.length < wanted) {
    const last = events[events.length - 1]!;
    const room = Math.max(1, Math.min(now - last.at, 2 * HOUR));
    const at = Math.min(now, last.at + Math.floor(rng.next() * room));
    const actor = last.assignee ?? creator;
    const { type: _type, actor: _actor, content: _content, data: _data, closedAt: _closedAt, result: _result, ...keep } = last;
    events.push({ ...keep, type: 'ticket.note_added', actor, at, content: pickNote(rng), data: { internal: true } });
  }
  return events;
}

/** The offset of a time zone from UTC at an instant, in milliseconds. */
function zoneOffsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return local - Math.floor(at / 1000) * 1000;
}
