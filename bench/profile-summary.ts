/**
 * Summarises a V8 .cpuprofile (from `npm run bench -- --profile`): where the server's CPU time
 * went, by function and by package or source file, and the inclusive time of chosen functions.
 *
 *   node --import tsx bench/profile-summary.ts .bench/profiles/CPU....cpuprofile [functionName ...]
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [file, ...inclusiveOf] = process.argv.slice(2);
if (!file) {
  console.error('usage: profile-summary.ts <file.cpuprofile> [functionName ...]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const selfUs = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i]!;
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const totalUs = profile.endTime - profile.startTime;

function where(frame: CallFrame): string {
  const url = frame.url;
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return url;
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1);
  const bench = url.indexOf('/bench/');
  return bench >= 0 ? url.slice(bench + 1) : url;
}

const selfByFunction = new Map<string, number>();
const selfByWhere = new Map<string, number>();
for (const [id, us] of selfUs) {
  const frame = byId.get(id)!.callFrame;
  const key = `${frame.functionName || '(anonymous)'}  ${where(frame)}:${frame.lineNumber + 1}`;
  selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + us);
  selfByWhere.set(where(frame), (selfByWhere.get(where(frame)) ?? 0) + us);
}

const pct = (us: number) => `${((us / totalUs) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms`;
const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);

console.log(`profile: ${(totalUs / 1e6).toFixed(2)} s`);
console.log('\nself time by package / source file');
for (const [key, us] of top(selfByWhere, 30)) console.log(`${pct(us)}  ${key}`);
console.log('\nself time by function');
for (const [key, us] of top(selfByFunction, 40)) console.log(`${pct(us)}  ${key}`);

if (inclusiveOf.length > 0) {
  console.log('\ninclusive time (samples with the function anywhere on the stack)');
  for (const name of inclusiveOf) {
    let us = 0;
    for (const [id, sampleUs] of selfUs) {
      for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
        if (byId.get(node)!.callFrame.functionName === name) {
          us += sampleUs;
          break;
        }
      }
    }
    console.log(`${pct(us)}  ${name}`);
  }
}
