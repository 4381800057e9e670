#!/usr/bin/env node
// Runs every test file under test/ with Node's test runner (TypeScript through tsx), in UTC.
// With TEST_DATABASE_URL, database tests also run on PostgreSQL, each test app in its own schema;
// the schemas of this run are dropped once all test processes have finished.
//
// The browser tests (test/e2e) run after the others, two files at a time, so that chromium does
// not compete with the database suites for the machine. A browser test file that fails is run
// once more, on a fresh server and browser, and the run says so in its last lines: a timing
// flake on a loaded machine then costs a rerun, while a real defect fails both runs.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return findTests(full);
    return name.endsWith('.test.ts') ? [full] : [];
  });
}

async function dropSchemas(url, prefix) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('select nspname from pg_namespace where starts_with(nspname, $1)', [prefix]);
    for (const { nspname } of rows) await client.query(`drop schema "${nspname}" cascade`);
  } finally {
    await client.end();
  }
}

const filters = process.argv.slice(2);
const files = findTests('test').filter((file) => filters.length === 0 || filters.some((f) => file.includes(f))).sort();
if (files.length === 0) {
  console.error(`No test files match ${filters.join(' ')}`);
  process.exit(1);
}
const schemaPrefix = `t${process.pid}_`;
const env = { ...process.env, TZ: 'UTC', GONGDAN_TEST_SCHEMA_PREFIX: schemaPrefix };
const testArgs = (concurrency, list) => ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...list];
const isBrowserTest = (file) => file.split(path.sep).includes('e2e');

/** A browser test file that runs longer than this is stopped (they take one to two minutes). */
const BROWSER_FILE_LIMIT_MS = 10 * 60_000;

/**
 * One browser test file in its own process; its output is printed whole when it ends, so two
 * files' lines never interleave. A file that hangs is stopped, with its browser, and what it
 * printed until then is shown: buffered output would otherwise be lost with the whole CI run.
 */
function runBuffered(file) {
  return new Promise((resolve) => {
    // Its own process group: stopping it takes the test runner's children and chromium along.
    const child = spawn(process.execPath, testArgs(1, [file]), { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    const limit = setTimeout(() => {
      chunks.push(Buffer.from(`\n# ${file} did not finish within ${BROWSER_FILE_LIMIT_MS / 60_000} minutes: stopped\n`));
      process.kill(-child.pid, 'SIGKILL');
    }, BROWSER_FILE_LIMIT_MS);
    child.on('close', (code) => {
      clearTimeout(limit);
      process.stdout.write(Buffer.concat(chunks));
      resolve(code === 0);
    });
  });
}

/** Runs the browser test files `width` at a time; a file that fails gets one more run. */
async function runBrowserTests(list, width) {
  const queue = [...list];
  const retried = [];
  const failed = [];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      if (await runBuffered(file)) continue;
      console.log(`\n# ${file} failed; running it once more on a fresh server and browser\n`);
      if (await runBuffered(file)) retried.push(file);
      else failed.push(file);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return { retried, failed };
}

const others = files.filter((file) => !isBrowserTest(file));
const browser = files.filter(isBrowserTest);
let ok = true;
try {
  if (others.length > 0) ok = spawnSync(process.execPath, testArgs(2, others), { stdio: 'inherit', env }).status === 0;
  if (browser.length > 0) {
    const { retried, failed } = await runBrowserTests(browser, 2);
    for (const file of retried) console.log(`# FLAKY: ${file} failed once and passed when run again (its first run's failure is above)`);
    for (const file of failed) console.log(`# FAILED: ${file} failed twice`);
    ok = ok && failed.length === 0;
  }
} finally {
  if (process.env.TEST_DATABASE_URL) await dropSchemas(process.env.TEST_DATABASE_URL, schemaPrefix);
}
process.exit(ok ? 0 : 1);
