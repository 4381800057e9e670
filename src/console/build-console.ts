import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { consoleBuildState, DIST_DIR, sourceHash, STAMP_FILE, WEB_DIR, type BuildStamp, type BuildState } from './console-files.js';

/**
 * Builds the web console (Vite, in a child process) into web/dist, precompresses its assets and
 * writes the stamp that says which sources it was built from. `gongdan serve` and the e2e tests
 * call `ensureConsoleBuilt`, which builds only when the stamp does not match the sources; a
 * lock file keeps two processes (parallel test files, two starts) from building at once.
 */

const LOCK_FILE = path.join(WEB_DIR, '.build-lock');
const LOCK_WAIT_MS = 5 * 60_000;
/** Text assets above this size also get .br and .gz files, which the server sends to browsers that accept them. */
const COMPRESS_MIN_BYTES = 1024;
const COMPRESSIBLE = /\.(js|css|svg|json|html)$/;

export interface BuildOptions {
  /** Print Vite's output as it builds (the `build-console` command); otherwise shown only if the build fails. */
  verbose?: boolean;
  log?: (line: string) => void;
}

export interface EnsureResult {
  state: BuildState;
  built: boolean;
  ms: number;
}

/** Builds the console unless web/dist is current. */
export async function ensureConsoleBuilt(options: BuildOptions = {}): Promise<EnsureResult> {
  const started = performance.now();
  const before = consoleBuildState();
  if (before === 'current') return { state: before, built: false, ms: performance.now() - started };
  const release = await acquireLock(options.log);
  try {
    // Another process may have built it while this one waited for the lock.
    if (consoleBuildState() === 'current') return { state: before, built: false, ms: performance.now() - started };
    options.log?.(before === 'missing' ? 'Building the web console (first start; this takes a few seconds)…' : 'The web console sources changed; rebuilding it…');
    await runBuild(options);
    return { state: before, built: true, ms: performance.now() - started };
  } finally {
    release();
  }
}

/** Builds the console now, whatever the stamp says (`npm run build:web`). */
export async function buildConsole(options: BuildOptions = {}): Promise<void> {
  const release = await acquireLock(options.log);
  try {
    await runBuild(options);
  } finally {
    release();
  }
}

async function runBuild(options: BuildOptions): Promise<void> {
  const sources = sourceHash();
  // Without a stamp the build counts as unfinished until the very end.
  rmSync(STAMP_FILE, { force: true });
  await runVite(options.verbose ?? false);
  precompress(path.join(DIST_DIR, 'assets'));
  const stamp: BuildStamp = { sources, builtAt: new Date().toISOString() };
  writeFileSync(STAMP_FILE, `${JSON.stringify(stamp, null, 2)}\n`);
}

function viteBin(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('vite/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  return path.join(path.dirname(manifest), bin.vite!);
}

function runVite(verbose: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [viteBin(), 'build', WEB_DIR, ...(verbose ? [] : ['--logLevel', 'warn'])], {
      cwd: WEB_DIR,
      stdio: verbose ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`Building the web console failed (vite build ${signal ?? `exited with ${code}`}).${output ? `\n${output.trim()}` : ''}`));
    });
  });
}

function precompress(dir: string): void {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!COMPRESSIBLE.test(name) || statSync(file).size < COMPRESS_MIN_BYTES) continue;
    const content = readFileSync(file);
    writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
    writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 10, [zlib.BROTLI_PARAM_SIZE_HINT]: content.length } }));
  }
}

/** An exclusive lock file holding the owner's pid; a lock whose process is gone is taken over. */
async function acquireLock(log?: (line: string) => void): Promise<() => void> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let told = false;
  for (;;) {
    try {
      const fd = openSync(LOCK_FILE, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(LOCK_FILE, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (!lockOwnerAlive()) {
      rmSync(LOCK_FILE, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${LOCK_FILE}: another process has been building the web console for minutes.`);
    if (!told) log?.('Waiting for another process that is building the web console…');
    told = true;
    await sleep(250);
  }
}

function lockOwnerAlive(): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(LOCK_FILE, 'utf8'));
    // An empty file: its owner is between creating and writing it (or died right there).
    if (!pid) return Date.now() - statSync(LOCK_FILE).mtimeMs < 10_000;
  } catch {
    return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
