import { existsSync, readFileSync } from 'node:fs';

/**
 * Who used the machine's CPUs during a measurement (Linux, from /proc): the benchmark's own
 * processes versus everything else. A benchmark that shared its cores with a test run or a
 * compiler measured that contention, not the application; the report says so.
 */
export interface CpuShare {
  /** Percent of the whole machine (all cores) used by the server process. */
  serverPercent: number;
  /** Percent of the whole machine used by the load generator (this process). */
  loadGeneratorPercent: number;
  /** Percent of the whole machine used by every other process. */
  otherPercent: number;
  /** Percent of the machine's time the hypervisor gave to other guests. */
  stealPercent: number;
}

interface Snapshot {
  total: number;
  busy: number;
  steal: number;
  processes: number[];
}

const available = existsSync('/proc/stat');

function readSnapshot(pids: readonly number[]): Snapshot | null {
  if (!available) return null;
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const [, ...fields] = line.trim().split(/\s+/);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields.map(Number);
    const total = user + nice + system + idle + iowait + irq + softirq + steal;
    return { total, busy: total - idle - iowait - steal, steal, processes: pids.map(processTicks) };
  } catch {
    return null;
  }
}

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may contain spaces and is wrapped in parentheses.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[11]) + Number(rest[12]);
  } catch {
    return 0;
  }
}

/** Starts measuring; call the returned function to get the shares since then (null off Linux). */
export function cpuShare(serverPid: number | undefined): () => CpuShare | null {
  const pids = [serverPid ?? -1, process.pid];
  const before = readSnapshot(pids);
  return () => {
    const after = readSnapshot(pids);
    if (!before || !after) return null;
    const total = after.total - before.total;
    if (total <= 0) return null;
    const server = after.processes[0]! - before.processes[0]!;
    const self = after.processes[1]! - before.processes[1]!;
    const busy = after.busy - before.busy;
    const pct = (ticks: number) => Math.round((Math.max(0, ticks) / total) * 1000) / 10;
    return {
      serverPercent: pct(server),
      loadGeneratorPercent: pct(self),
      otherPercent: pct(busy - server - self),
      stealPercent: pct(after.steal - before.steal),
    };
  };
}

/**
 * Waits until the server is quiet (below 2.5% of the machine: the previous phase's outbox
 * backlog and checkpoints are done) and, when `maxOtherPercent` is given, other processes leave
 * the machine nearly idle, over a 2-second sample; for at most `timeoutSeconds`. Returns the
 * seconds waited, or null on timeout.
 */
export async function waitForQuiet(
  serverPid: number | undefined,
  maxOtherPercent: number | null,
  timeoutSeconds: number,
  onWait: (share: CpuShare) => void,
): Promise<number | null> {
  if (!available) return 0;
  const started = performance.now();
  for (;;) {
    const stop = cpuShare(serverPid);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const share = stop();
    if (!share) return 0;
    const quiet = share.serverPercent < 2.5 && (maxOtherPercent === null || share.otherPercent < maxOtherPercent);
    if (quiet) return Math.round((performance.now() - started) / 100) / 10;
    if (performance.now() - started > timeoutSeconds * 1000) return null;
    onWait(share);
  }
}
