/**
 * The web console's weight and speed: `npm run bench:console`.
 *
 * 1. Builds the console if web/dist is stale (the same stamp check as `npm start`) and reports
 *    the initial JavaScript a first visit downloads (gzip), from Vite's manifest.
 * 2. With Debian's chromium present (skip with --size-only): starts the real server on a
 *    temporary SQLite database with 300 tickets, then measures, in fresh browser contexts (cold
 *    cache, signed in), the first load of the ticket list until its rows show, the opening of a
 *    ticket page from the list (a second after the list has settled) until its timeline shows, and a later load of the list with the
 *    code cached (the third visit, when chromium also keeps it compiled). Medians and worst of
 *    --runs (default 7).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ensureConsoleBuilt } from '../src/console/build-console.js';
import { describeBundle, measureBundle } from '../src/console/bundle-size.js';
import { CHROMIUM, passwordOf, startConsoleHarness } from '../test/support/console-e2e.js';
import { fail, positiveInt } from './cli-args.js';

const USAGE = `Usage: npm run bench:console -- [options]

  --size-only   only build (if stale) and report the bundle; no browser
  --runs N      browser runs per measurement (default 7)
  --help        this text
`;

const { values: args } = (() => {
  try {
    return parseArgs({
      options: { 'size-only': { type: 'boolean', default: false }, runs: { type: 'string', default: '7' }, help: { type: 'boolean', default: false } },
      strict: true,
    });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const sizeOnly = args['size-only'];
const runs = positiveInt('runs', args.runs);
const TICKETS = 300;

const built = await ensureConsoleBuilt({ log: (line) => console.log(line) });
if (built.built) console.log(`Built in ${(built.ms / 1000).toFixed(1)} s.`);
console.log('\nBundle (web/dist):');
console.log(describeBundle(measureBundle()));

if (sizeOnly) process.exit(0);
if (!existsSync(CHROMIUM)) {
  console.log(`\n${CHROMIUM} is missing (apt-get install -y chromium fonts-noto-cjk): no load times measured.`);
  process.exit(0);
}

const h = await startConsoleHarness();
try {
  const agent = h.t.as('agent');
  const titles = ['退货后一直没有退款', '宽带无法上网，光猫红灯闪烁', '机票改签手续费咨询', '手机充值未到账', '鲜花未按时送达'];
  for (let i = 0; i < TICKETS; i++) {
    const response = await agent.post('/api/v1/tickets', {
      title: `${titles[i % titles.length]} #${i + 1}`,
      description: '客户来电反映问题，请尽快处理并回复客户。',
      category: 'inquiry',
      serviceItem: 'other',
      priority: ['urgent', 'high', 'medium', 'low'][i % 4],
      customer: { name: `客户${i + 1}`, phone: `1390000${String(i).padStart(4, '0')}` },
    });
    if (response.status !== 201) throw new Error(`creating ticket ${i}: ${response.status} ${JSON.stringify(response.body)}`);
  }

  const firstLoad: number[] = [];
  const repeatLoad: number[] = [];
  const ticketOpen: number[] = [];
  for (let run = 0; run < runs; run++) {
    const { context, page } = await h.newPage({ serverClock: false });
    try {
      const login = await context.request.post('/api/v1/auth/login', { data: { username: 'admin', password: passwordOf('admin') } });
      if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
      let started = performance.now();
      await page.goto('/tickets');
      await page.getByTestId('ticket-link').first().waitFor();
      firstLoad.push(performance.now() - started);

      // A person reads the list before opening a ticket: the click comes once the page is idle
      // (the main pages' code fetched in the background) and a second has passed.
      // A string: the server's TypeScript settings have no DOM types.
      await page.evaluate('new Promise((resolve) => requestIdleCallback(() => resolve(undefined), { timeout: 5000 }))');
      await page.waitForTimeout(1_000);
      started = performance.now();
      await page.locator('.ant-table-row').nth(3).click();
      await page.getByTestId('timeline-event').first().waitFor();
      ticketOpen.push(performance.now() - started);

      // An agent's every later morning: the code is in the browser's cache, and from the third
      // load on chromium also keeps it compiled (V8's code cache).
      for (let visit = 0; visit < 2; visit++) {
        await page.goto('/tickets');
        await page.getByTestId('ticket-link').first().waitFor();
      }
      started = performance.now();
      await page.goto('/tickets');
      await page.getByTestId('ticket-link').first().waitFor();
      repeatLoad.push(performance.now() - started);
    } finally {
      await context.close();
    }
  }
  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `median ${Math.round(sorted[Math.floor(sorted.length / 2)]!)} ms, worst ${Math.round(sorted.at(-1)!)} ms`;
  };
  console.log(`\nIn chromium (${runs} runs, each a fresh context with an empty cache, ${TICKETS} tickets, 1440×900):`);
  console.log(`  first load of /tickets until its rows show: ${stats(firstLoad)}`);
  console.log(`  a later load of /tickets (code cached) until its rows show: ${stats(repeatLoad)}`);
  console.log(`  ticket page opened from the list until its timeline shows: ${stats(ticketOpen)}`);
} finally {
  await h.close();
}
