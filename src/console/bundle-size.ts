import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST_DIR } from './console-files.js';

/** One entry of Vite's build manifest (web/dist/.vite/manifest.json). */
interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export interface BundleSize {
  /** The JavaScript a first visit downloads before any page: the entry and its static imports. */
  initialJs: { files: string[]; bytes: number; gzipBytes: number };
  initialCss: { files: string[]; bytes: number; gzipBytes: number };
  /** Every JavaScript file of the build, pages included. */
  allJs: { files: number; bytes: number; gzipBytes: number };
  /** Per lazily loaded page: its own chunk and the chunks it imports that the first visit did not load. */
  pages: Array<{ name: string; gzipBytes: number }>;
}

/** Measures the built console from Vite's manifest; gzip at level 9, as the server sends it precompressed. */
export function measureBundle(distDir = DIST_DIR): BundleSize {
  const manifestFile = path.join(distDir, '.vite', 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`No build manifest at ${manifestFile}; build the console first (npm run build:web).`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
  const sizes = new Map<string, { bytes: number; gzipBytes: number }>();
  const size = (file: string) => {
    let known = sizes.get(file);
    if (!known) {
      const content = readFileSync(path.join(distDir, file));
      known = { bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
      sizes.set(file, known);
    }
    return known;
  };
  /** A chunk and everything it imports statically (what the browser fetches for it at once). */
  const closure = (key: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(key)) return seen;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) closure(imported, seen);
    return seen;
  };
  const sum = (files: string[]) => files.reduce((total, file) => ({ bytes: total.bytes + size(file).bytes, gzipBytes: total.gzipBytes + size(file).gzipBytes }), { bytes: 0, gzipBytes: 0 });

  const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entryKey) throw new Error('The build manifest names no entry chunk.');
  const initialKeys = closure(entryKey);
  const initialFiles = [...initialKeys].map((key) => manifest[key]!.file);
  const cssFiles = [...new Set([...initialKeys].flatMap((key) => manifest[key]!.css ?? []))];
  const allJsFiles = [...new Set(Object.values(manifest).map((chunk) => chunk.file).filter((file) => file.endsWith('.js')))];
  const pages = Object.entries(manifest)
    .filter(([, chunk]) => chunk.isDynamicEntry)
    .map(([key]) => {
      const own = [...closure(key)].filter((k) => !initialKeys.has(k)).map((k) => manifest[k]!.file);
      return { name: path.basename(key).replace(/\.[jt]sx?$/, ''), gzipBytes: sum(own).gzipBytes };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    initialJs: { files: initialFiles, ...sum(initialFiles) },
    initialCss: { files: cssFiles, ...sum(cssFiles) },
    allJs: { files: allJsFiles.length, ...sum(allJsFiles) },
    pages,
  };
}

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export function describeBundle(size: BundleSize): string {
  const lines = [
    `initial JavaScript: ${kib(size.initialJs.gzipBytes)} gzip (${kib(size.initialJs.bytes)} raw, ${size.initialJs.files.length} files)`,
    `initial CSS: ${kib(size.initialCss.gzipBytes)} gzip`,
    `all JavaScript: ${kib(size.allJs.gzipBytes)} gzip in ${size.allJs.files} files`,
    ...size.pages.map((page) => `  page ${page.name}: +${kib(page.gzipBytes)} gzip`),
  ];
  return lines.join('\n');
}
