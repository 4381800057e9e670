import http from 'node:http';
import autocannon from 'autocannon';
import type { CpuShare } from './cpu.js';

export interface LatencyStats {
  /** Milliseconds, with sub-millisecond precision (autocannon's own histogram rounds to whole ms). */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export interface PhaseResult {
  mode: 'concurrent' | 'sequential';
  connections: number;
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  latencyMs: LatencyStats;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** The body of the first non-2xx response, to say why. */
  firstFailure?: string;
  /** Who used the CPUs meanwhile (Linux only). */
  cpu?: CpuShare | null;
}

export function latencyStats(samples: Float64Array | number[]): LatencyStats {
  if (samples.length === 0) return { p50: 0, p90: 0, p99: 0, max: 0, mean: 0 };
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  let sum = 0;
  for (const v of sorted) sum += v;
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return { p50: round(at(0.5)), p90: round(at(0.9)), p99: round(at(0.99)), max: round(sorted[sorted.length - 1]!), mean: round(sum / sorted.length) };
}

/** A growable list of latencies that does not box every number. */
class Samples {
  private data = new Float64Array(1 << 16);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

export interface CannonOptions {
  baseUrl: string;
  connections: number;
  seconds: number;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** Called before every request: the path, and for POST the body. */
  next: () => { path: string; body?: string };
}

/** Runs autocannon and records every response's time (not just the rounded histogram). */
export function cannon(options: CannonOptions): Promise<PhaseResult> {
  const samples = new Samples();
  const statusCodes: Record<string, number> = {};
  let firstFailure: string | undefined;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.baseUrl,
        connections: options.connections,
        duration: options.seconds,
        pipelining: 1,
        timeout: 30,
        method: options.method,
        headers: options.headers,
        requests: [
          {
            setupRequest: (request) => {
              const { path, body } = options.next();
              return body === undefined ? { ...request, path } : { ...request, path, body };
            },
            onResponse: (status, body) => {
              if ((status < 200 || status > 299) && firstFailure === undefined) firstFailure = `${status} ${body.slice(0, 1000)}`;
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const requests = samples.length;
        resolve({
          mode: 'concurrent',
          connections: options.connections,
          requests,
          seconds: result.duration,
          requestsPerSecond: Math.round((requests / result.duration) * 10) / 10,
          latencyMs: latencyStats(samples.view()),
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes,
          ...(firstFailure !== undefined && { firstFailure }),
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      samples.push(responseTime);
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    });
  });
}

export interface SequentialOptions {
  baseUrl: string;
  headers: Record<string, string>;
  /** Runs at least this long… */
  seconds: number;
  /** …and until at least this many samples were taken (capped at `maxSeconds`). */
  minSamples: number;
  maxSeconds?: number;
  nextPath: () => string;
}

/** One request at a time on one keep-alive connection: latency without queueing behind other clients. */
export async function sequential(options: SequentialOptions): Promise<PhaseResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(options.baseUrl);
  const samples = new Samples();
  const statusCodes: Record<string, number> = {};
  let non2xx = 0;
  let errors = 0;
  let firstFailure: string | undefined;
  const started = performance.now();
  const maxMs = (options.maxSeconds ?? 120) * 1000;
  try {
    for (;;) {
      const elapsed = performance.now() - started;
      if ((elapsed >= options.seconds * 1000 && samples.length >= options.minSamples) || elapsed >= maxMs) break;
      const path = options.nextPath();
      const t0 = performance.now();
      try {
        const { status, body } = await get(agent, url, path, options.headers);
        samples.push(performance.now() - t0);
        statusCodes[status] = (statusCodes[status] ?? 0) + 1;
        if (status < 200 || status > 299) {
          non2xx++;
          firstFailure ??= `${status} ${body.slice(0, 1000)}`;
        }
      } catch (error) {
        errors++;
        firstFailure ??= String(error);
        if (errors > 100) throw error;
      }
    }
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    mode: 'sequential',
    connections: 1,
    requests: samples.length,
    seconds: Math.round(seconds * 100) / 100,
    requestsPerSecond: Math.round((samples.length / seconds) * 10) / 10,
    latencyMs: latencyStats(samples.view()),
    non2xx,
    errors,
    timeouts: 0,
    statusCodes,
    ...(firstFailure !== undefined && { firstFailure }),
  };
}

function get(agent: http.Agent, url: URL, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ agent, host: url.hostname, port: url.port, path, method: 'GET', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** A JSON request on a throwaway connection, for setup calls. */
export async function requestJson(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: { ...headers, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON; keep the text
  }
  return { status: response.status, json };
}
