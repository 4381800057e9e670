import type { PhaseResult } from './load.js';

/** Renders rows as a fixed-width text table with a header rule. */
export function table(header: string[], rows: Array<Array<string | number>>): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function fmt(value: number, digits = 1): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function phaseRow(name: string, phase: PhaseResult | undefined): Array<string | number> {
  if (!phase) return [name, '-', '-', '-', '-', '-', '-', '-', '-'];
  return [
    name,
    phase.mode === 'sequential' ? '1 (seq)' : String(phase.connections),
    fmt(phase.requests, 0),
    fmt(phase.requestsPerSecond, 0),
    fmt(phase.latencyMs.p50, 2),
    fmt(phase.latencyMs.p99, 2),
    fmt(phase.latencyMs.max, 1),
    String(phase.non2xx + phase.errors),
    phase.cpu ? `${fmt(phase.cpu.serverPercent, 0)}/${fmt(phase.cpu.loadGeneratorPercent, 0)}/${fmt(phase.cpu.otherPercent, 0)}` : '-',
  ];
}

/** The last column: percent of the machine used by the server / the load generator / everything else. */
export const PHASE_HEADER = ['phase', 'conns', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'non-2xx+err', 'cpu% srv/gen/other'];
