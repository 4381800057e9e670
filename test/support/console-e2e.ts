import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { ensureConsoleBuilt } from '../../src/console/build-console.js';
import { ADMIN_PASSWORD, DEMO_PASSWORD, startTestApp, type DemoUser, type TestApp } from './test-app.js';

/**
 * End-to-end tests of the web console: the real server on a temporary SQLite database, the
 * built console (built here once per run when web/dist is missing or stale, with the same
 * stamp check as `npm start`), and Debian's chromium driven by playwright-core.
 */

export const CHROMIUM = process.env.GONGDAN_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS_DIR = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
export const VIEWPORT = { width: 1440, height: 900 };

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Whether the browser tests can run here. Without chromium they are skipped with a loud
 * message, unless GONGDAN_E2E=required (as in .ci/run), where the missing browser fails them.
 */
export function e2eSkipReason(): string | false {
  if (existsSync(CHROMIUM)) return false;
  const message = `${CHROMIUM} is missing: install it with \`apt-get install -y chromium fonts-noto-cjk\` to run the web console's end-to-end tests.`;
  if (process.env.GONGDAN_E2E === 'required') throw new Error(`GONGDAN_E2E=required, but ${message}`);
  const bar = '!'.repeat(100);
  console.error(`\n${bar}\n!! SKIPPING the web console's end-to-end tests: ${message}\n!! (Set GONGDAN_E2E=required to make this a failure.)\n${bar}\n`);
  return message;
}

export interface ConsoleHarness {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  /**
   * A fresh browser context (cookies, storage) at 1440×900, with the page's clock set to the
   * server's (`serverClock: false` leaves the real one, for timing measurements).
   */
  newPage(options?: NewPageOptions): Promise<{ context: BrowserContext; page: Page }>;
  /**
   * Runs `work` on a fresh page and closes it after. The test fails if the page threw or logged an
   * error; refused requests ("Failed to load resource": a 401 before sign-in, a 404, a 409) are
   * the tests' own to check.
   */
  withPage(work: (page: Page) => Promise<void>, options?: NewPageOptions): Promise<void>;
  close(): Promise<void>;
}

export interface NewPageOptions {
  locale?: string;
  serverClock?: boolean;
  /** The browser's zone (default Asia/Shanghai, the organisation's). */
  timezoneId?: string;
}

/** Collects what a page throws or logs as an error, for the test to assert there is none. */
export function pageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console error: ${message.text()}`);
  });
  return problems;
}

export async function startConsoleHarness(): Promise<ConsoleHarness> {
  await ensureConsoleBuilt({ log: (line) => console.log(`# ${line}`) });
  const t = await startTestApp('sqlite', {
    // Many sign-ins in a minute from one address: the tests are not what the rate limit is for.
    GONGDAN_LOGIN_RATE_LIMIT: '1000',
    // The server's clock is the test's manual clock, in the past; the browser expires cookies by
    // the real one. A long session keeps the cookie's expiry in the real future.
    GONGDAN_SESSION_TTL_HOURS: String(24 * 365 * 50),
  });
  let browser: Browser | undefined;
  try {
    const address = await t.running.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.running.app.server.address() as AddressInfo).port;
    const baseUrl = address.startsWith('http') ? `http://127.0.0.1:${port}` : address;
    // launch() gives every browser a fresh temporary profile (user-data-dir) and removes it on close.
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const opened = browser;
    const newPage = async ({ locale = 'zh-CN', serverClock = true, timezoneId = 'Asia/Shanghai' }: NewPageOptions = {}) => {
      // Without motion, as a user who asks for less of it: a button still moving (a dialog zooming
      // in, a field's message folding away above it) was clicked where it had been, and nothing
      // happened. That was the browser tests' one recurring failure in CI, in a different test each time.
      const context = await opened.newContext({ baseURL: baseUrl, viewport: VIEWPORT, locale, timezoneId, reducedMotion: 'reduce' });
      // The server runs on the test's manual clock; countdowns in the page count from the same instant.
      if (serverClock) await context.clock.setFixedTime(t.clock.now());
      const page = await context.newPage();
      return { context, page };
    };
    return {
      t,
      baseUrl,
      browser: opened,
      newPage,
      withPage: async (work, options) => {
        const { context, page } = await newPage(options);
        const problems = pageProblems(page);
        const network = watchNetwork(page);
        try {
          await work(page);
          assert.deepEqual(problems, [], 'the page logs no errors');
        } catch (error) {
          await describeFailure(page, problems, network);
          throw error;
        } finally {
          await context.close();
        }
      },
      close: async () => {
        await opened.close();
        await t.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await t.close();
    throw error;
  }
}

interface NetworkLog {
  /** requests sent and not yet answered, with when they left */
  pending: Map<Request, number>;
  /** answers the page got, in order: `status method path (ms)` */
  answered: string[];
}

/** Records the page's API requests, so that a failure can tell a request that never came back from a click that did nothing. */
function watchNetwork(page: Page): NetworkLog {
  const log: NetworkLog = { pending: new Map(), answered: [] };
  const isApi = (request: Request) => new URL(request.url()).pathname.startsWith('/api/');
  page.on('request', (request) => {
    if (isApi(request)) log.pending.set(request, Date.now());
  });
  const settle = (request: Request, outcome: string) => {
    const sent = log.pending.get(request);
    if (sent === undefined) return;
    log.pending.delete(request);
    const url = new URL(request.url());
    log.answered.push(`${outcome} ${request.method()} ${url.pathname}${url.search} (${Date.now() - sent} ms)`);
  };
  // The status from the response event: asking a finished request for its response fails once the page has closed.
  const statuses = new WeakMap<Request, number>();
  page.on('response', (response) => statuses.set(response.request(), response.status()));
  page.on('requestfinished', (request) => settle(request, String(statuses.get(request) ?? '?')));
  page.on('requestfailed', (request) => settle(request, `failed: ${request.failure()?.errorText ?? '?'}`));
  return log;
}

/**
 * What the page showed when a browser test failed: its address, open dialogs (with whether their
 * buttons were busy) and their validation messages, what it logged, its last API answers and the
 * requests still unanswered. A rare timeout in CI can then be read from the log (a dialog that
 * did not close after 保存 has happened three times there, never locally).
 */
async function describeFailure(page: Page, problems: readonly string[], network: NetworkLog): Promise<void> {
  try {
    const dialogs = await page.getByRole('dialog').allInnerTexts();
    const busy = await page.getByRole('dialog').locator('.ant-btn-loading').allInnerTexts();
    const errors = await page.locator('.ant-form-item-explain-error, .ant-message-notice, .ant-notification-notice').allInnerTexts();
    const now = Date.now();
    const lines = [
      `page: ${page.url()}`,
      ...dialogs.map((text) => `dialog: ${text}`),
      ...busy.map((text) => `busy button: ${text}`),
      ...errors.map((text) => `message: ${text}`),
      ...problems.map((p) => `logged: ${p}`),
      ...network.answered.slice(-12).map((line) => `answered: ${line}`),
      ...[...network.pending].map(([request, sent]) => `unanswered after ${now - sent} ms: ${request.method()} ${request.url()}`),
    ];
    console.log(lines.map((line) => `${line.replace(/\s+/g, ' ').slice(0, 500)}`).join('\n'));
  } catch {
    // The page may be gone; the test's own error says enough then.
  }
}

export function passwordOf(user: DemoUser): string {
  return user === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD;
}

/** Signs in through the sign-in page and waits for the ticket list. */
export async function signIn(page: Page, user: DemoUser, next?: string): Promise<void> {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  await page.getByLabel(/用户名|Username/).fill(user);
  await page.getByLabel(/密码|Password/).fill(passwordOf(user));
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The texts of the side menu's entries, in order. */
export async function menuEntries(page: Page): Promise<string[]> {
  const items = page.getByTestId('side-menu').getByRole('menuitem');
  await items.first().waitFor();
  return (await items.allInnerTexts()).map((text) => text.trim());
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  // Let fonts finish loading and animations settle, so the picture shows what a person sees.
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, name), fullPage: false });
}

/**
 * Waits until a JavaScript condition holds in the page, polled through page.evaluate
 * (page.waitForFunction evaluates strings, which the console's content security policy forbids).
 */
export async function waitUntil(page: Page, condition: string): Promise<void> {
  for (let tries = 0; !(await page.evaluate<boolean>(condition)); tries++) {
    assert.ok(tries < 300, `waited 30 s for ${condition}`);
    await page.waitForTimeout(100);
  }
}
