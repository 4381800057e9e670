import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the web console lives and whether its build is current. The build is current when
 * web/dist/.build-stamp holds the hash of everything it was built from: every file under web/
 * (but dist/), the server's pure domain modules (src/<module>/domain/: the console imports
 * statuses, roles and labels from there) and package-lock.json. Hashing ~150 small files takes
 * milliseconds, so every `npm start` can check; only a change rebuilds.
 */

export const REPO_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_DIR = path.join(REPO_DIR, 'web');
export const DIST_DIR = path.join(WEB_DIR, 'dist');
export const STAMP_FILE = path.join(DIST_DIR, '.build-stamp');
const LOCKFILE = path.join(REPO_DIR, 'package-lock.json');

/** Not inputs of the build: its output, installed packages, and the build's own lock. */
const IGNORED = new Set(['dist', 'node_modules', '.build-lock']);

export interface BuildStamp {
  /** sha256 of the sources and the lockfile */
  sources: string;
  builtAt: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !IGNORED.has(entry.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(full);
      return entry.isFile() ? [full] : [];
    })
    .sort();
}

function domainFiles(): string[] {
  const src = path.join(REPO_DIR, 'src');
  return readdirSync(src, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(src, entry.name, 'domain')))
    .flatMap((entry) => sourceFiles(path.join(src, entry.name, 'domain')));
}

/** The hash a build of the current sources carries. */
export function sourceHash(webDir = WEB_DIR, lockfile = LOCKFILE): string {
  const hash = createHash('sha256');
  const files = [...sourceFiles(webDir), ...domainFiles()];
  if (existsSync(lockfile)) files.push(lockfile);
  for (const file of files) {
    // Names relative to the repository, so a checkout elsewhere hashes the same.
    hash.update(path.relative(REPO_DIR, file).split(path.sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function readStamp(stampFile = STAMP_FILE): BuildStamp | null {
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as Partial<BuildStamp>;
    return typeof stamp.sources === 'string' && typeof stamp.builtAt === 'string' ? (stamp as BuildStamp) : null;
  } catch {
    return null;
  }
}

export type BuildState = 'current' | 'missing' | 'stale';

/** `missing`: never built (or a build did not finish); `stale`: built from other sources. */
export function consoleBuildState(): BuildState {
  if (!existsSync(path.join(DIST_DIR, 'index.html'))) return 'missing';
  const stamp = readStamp();
  if (!stamp) return 'missing';
  return stamp.sources === sourceHash() ? 'current' : 'stale';
}
