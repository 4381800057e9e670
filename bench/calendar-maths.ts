// Microbenchmark of the time-limit maths: node --import tsx bench/calendar-maths.ts (npm run bench:calendar)
// Shanghai office calendar (09:00–12:00, 13:30–18:00 Mon–Fri, Chinese holidays 2025–2026),
// starts spread over 2026 at ms precision, durations 30 min to 5 business days.
// Then whole deadlines, as the application computes them: startDeadline (the due time and the
// next warning instant of a new clock) and fireDue (what the sweeper does to a clock whose
// warning fell due), with warnings at 75% and a two-level escalation chain.
import os from 'node:os';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  compileCalendar,
  type BusinessCalendar,
  type CalendarDefinition,
} from '../src/sla/domain/business-calendar.js';
import { chineseHolidays } from '../src/sla/domain/chinese-holidays.js';
import { fireDue, startDeadline, type Deadline, type DeadlineSpec, type NewDeadline } from '../src/sla/domain/deadline.js';

const OPS = 1_000_000;
const ROUNDS = 9;
const COLD_ROUNDS = 20;
const COLD_OPS = 10_000;

const hours: Array<[string, string]> = [
  ['09:00', '12:00'],
  ['13:30', '18:00'],
];
const china = [chineseHolidays(2025)!, chineseHolidays(2026)!];
const definition: CalendarDefinition = {
  timeZone: 'Asia/Shanghai',
  week: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [], sun: [] },
  holidays: china.flatMap((y) => y.holidays),
  workdays: china.flatMap((y) => y.workdays),
};

/** mulberry32: the same mix on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(2026);
const yearStart = Date.parse('2026-01-01T00:00:00+08:00');
const yearMs = Date.parse('2027-01-01T00:00:00+08:00') - yearStart;
const starts = new Float64Array(OPS);
const minutes = new Float64Array(OPS);
const ends = new Float64Array(OPS);
for (let i = 0; i < OPS; i++) {
  starts[i] = yearStart + Math.floor(next() * yearMs);
  minutes[i] = 30 + Math.floor(next() * (5 * 450 - 30 + 1));
  ends[i] = starts[i]! + Math.floor(next() * 14 * 86_400_000);
}

let sink = 0;
function runAdd(cal: BusinessCalendar, count: number): number {
  const began = process.hrtime.bigint();
  for (let i = 0; i < count; i++) sink += addBusinessMinutes(cal, starts[i]!, minutes[i]!);
  return Number(process.hrtime.bigint() - began) / 1e9;
}
function runBetween(cal: BusinessCalendar, count: number): number {
  const began = process.hrtime.bigint();
  for (let i = 0; i < count; i++) sink += businessMinutesBetween(cal, starts[i]!, ends[i]!);
  return Number(process.hrtime.bigint() - began) / 1e9;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const perSecond = (ops: number, seconds: number) => `${(ops / seconds / 1e6).toFixed(2)} M/s`;

function warm(name: string, run: (cal: BusinessCalendar, count: number) => number): void {
  const cal = compileCalendar(definition);
  run(cal, OPS); // JIT and cache warm-up
  const rates = Array.from({ length: ROUNDS }, () => OPS / run(cal, OPS));
  console.log(`${name.padEnd(24)} warm: median ${perSecond(median(rates), 1)} (min ${perSecond(Math.min(...rates), 1)}, max ${perSecond(Math.max(...rates), 1)}) over ${ROUNDS} rounds of ${OPS.toLocaleString('en')}`);
}

function cold(name: string, run: (cal: BusinessCalendar, count: number) => number): void {
  // A fresh calendar each round: its first questions pay for filling the cache (two 52-week spans here).
  const times = Array.from({ length: COLD_ROUNDS }, () => {
    const began = process.hrtime.bigint();
    const cal = compileCalendar(definition);
    run(cal, COLD_OPS);
    return Number(process.hrtime.bigint() - began) / 1e9;
  });
  const seconds = median(times);
  console.log(`${name.padEnd(24)} cold: ${perSecond(COLD_OPS, seconds)} for the first ${COLD_OPS.toLocaleString('en')} on a new calendar (${(seconds * 1e3).toFixed(2)} ms including compile and cache fill)`);
}

console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, one core`);
warm('addBusinessMinutes', runAdd);
warm('businessMinutesBetween', runBetween);
cold('addBusinessMinutes', runAdd);
cold('businessMinutesBetween', runBetween);

// Whole deadlines. A round is sized to take about half a second, whatever the speed.
const DEADLINES = 200_000;
const spec: DeadlineSpec = {
  warnAt: { percent: [75], minutesBefore: [] },
  notify: [{ kind: 'assignee' }, { kind: 'supervisors' }],
  pauseWhileWaiting: true,
  escalation: [
    { afterMinutes: 30, actions: [{ type: 'notify', recipients: [{ kind: 'assignee' }, { kind: 'supervisors' }] }] },
    { afterMinutes: 60, actions: [{ type: 'notify', recipients: [{ kind: 'departmentSupervisors', departmentId: 'd-difficult' }] }] },
  ],
};
const inputs: NewDeadline[] = Array.from({ length: DEADLINES }, (_, i) => ({
  id: `deadline-${i}`,
  ticketId: `ticket-${i}`,
  target: 'handling',
  policyId: 'policy',
  calendarId: 'workdays_cn',
  departmentId: null,
  spec,
  budgetMs: minutes[i]! * 60_000,
}));
const deadlineCalendar = compileCalendar(definition);
const started: Deadline[] = inputs.map((input, i) => startDeadline(input, deadlineCalendar, starts[i]!));
// The sweeper looks a minute after the warning fell due: one milestone fires.
const sweptAt = started.map((d) => Date.parse(d.nextFireAt!) + 60_000);

function runStart(cal: BusinessCalendar, from: number, count: number): void {
  for (let k = 0; k < count; k++) {
    const i = (from + k) % DEADLINES;
    sink += startDeadline(inputs[i]!, cal, starts[i]!).budgetMs;
  }
}
function runFire(cal: BusinessCalendar, from: number, count: number): void {
  for (let k = 0; k < count; k++) {
    const i = (from + k) % DEADLINES;
    sink += fireDue(started[i]!, cal, sweptAt[i]!).firings.length;
  }
}
// What is measured computes what it should: a schedule, and one warning a minute after it fell due.
for (let i = 0; i < 1000; i++) {
  const d = started[i]!;
  if (d.nextFireAt === null || d.dueAt === null) throw new Error(`deadline ${i} has no schedule`);
  const fired = fireDue(d, deadlineCalendar, sweptAt[i]!);
  if (fired.firings.length !== 1 || fired.firings[0]!.kind !== 'warning') throw new Error(`deadline ${i}: expected one warning to fire`);
}

function warmDeadlines(name: string, run: (cal: BusinessCalendar, from: number, count: number) => void): number {
  const cal = compileCalendar(definition);
  let began = process.hrtime.bigint();
  run(cal, 0, 20_000); // JIT and cache warm-up, and a first estimate of the speed
  const estimate = 20_000 / (Number(process.hrtime.bigint() - began) / 1e9);
  const ops = Math.max(10_000, Math.min(DEADLINES, Math.round(estimate / 2)));
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    began = process.hrtime.bigint();
    run(cal, round * ops, ops);
    rates.push(ops / (Number(process.hrtime.bigint() - began) / 1e9));
  }
  const m = median(rates);
  const k = (rate: number) => `${Math.round(rate / 1000).toLocaleString('en')} k/s`;
  console.log(`${name.padEnd(24)} warm: median ${k(m)} (min ${k(Math.min(...rates))}, max ${k(Math.max(...rates))}) over ${ROUNDS} rounds of ${ops.toLocaleString('en')}`);
  return m;
}

console.log('deadlines (business calendar, warnings at 75%, two escalation levels):');
const startRate = warmDeadlines('startDeadline', runStart);
const fireRate = warmDeadlines('fireDue (1 milestone)', runFire);
console.log(
  `deadlines per second: ${Math.round(startRate).toLocaleString('en')} started, ${Math.round(fireRate).toLocaleString('en')} fired ` +
    '(target: 500,000 deadlines per second)',
);
const fillBegan = process.hrtime.bigint();
const fresh = compileCalendar(definition);
addBusinessMinutes(fresh, yearStart, 1);
console.log(`one 52-week cache span filled in ${(Number(process.hrtime.bigint() - fillBegan) / 1e6).toFixed(2)} ms (Intl offsets + conversion)`);
if (Number.isNaN(sink)) console.log('unreachable');
