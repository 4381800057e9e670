import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;

/**
 * How many scrypt computations run at once, and who goes next. Each one at the default cost
 * takes 128 MiB and a thread of libuv's pool (4 threads unless UV_THREADPOOL_SIZE says more),
 * which file reads (the console's files), DNS lookups and compression share. Unbounded, a flood
 * of sign-ins filled the pool and queued there, first come first served: a real sign-in waited
 * behind every attempt of the flood. Here at most `limit` run; the others wait in one queue per
 * lane (a sign-in's client address), and a freed slot goes to the lanes in turn, so a client
 * sending many waits mostly for its own.
 */
class ScryptGate {
  private limit = 2;
  private running = 0;
  /** Waiting computations by lane; the Map's order is the turn order (a served lane moves to the back). */
  private readonly lanes = new Map<string, Array<() => void>>();

  setLimit(limit: number): void {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`scrypt concurrency must be a whole number of at least 1, not ${limit}`);
    this.limit = limit;
    while (this.running < this.limit) {
      const next = this.takeNext();
      if (!next) break;
      this.running++;
      next();
    }
  }

  async run<T>(lane: string, work: () => Promise<T>, admit?: () => Promise<void>): Promise<T> {
    if (this.running < this.limit && this.lanes.size === 0) this.running++;
    // The slot is handed over by `release`, so `running` already counts this computation.
    else await new Promise<void>((resolve) => this.enqueue(lane, resolve));
    try {
      await admit?.();
      return await work();
    } finally {
      this.release();
    }
  }

  /** Computations running and waiting now, for tests and diagnosis. */
  load(): { running: number; waiting: number } {
    let waiting = 0;
    for (const queue of this.lanes.values()) waiting += queue.length;
    return { running: this.running, waiting };
  }

  private enqueue(lane: string, start: () => void): void {
    const queue = this.lanes.get(lane);
    if (queue) queue.push(start);
    else this.lanes.set(lane, [start]);
  }

  private release(): void {
    const next = this.running <= this.limit ? this.takeNext() : null;
    if (next) next();
    else this.running--;
  }

  private takeNext(): (() => void) | null {
    const first = this.lanes.entries().next();
    if (first.done) return null;
    const [lane, queue] = first.value;
    const next = queue.shift()!;
    this.lanes.delete(lane);
    if (queue.length > 0) this.lanes.set(lane, queue);
    return next;
  }
}

const gate = new ScryptGate();

/** Sets how many scrypt computations may run at once in this process (GONGDAN_SCRYPT_CONCURRENCY). */
export function setScryptConcurrency(limit: number): void {
  gate.setLimit(limit);
}

/** How many scrypt computations are running and waiting in this process. */
export function scryptLoad(): { running: number; waiting: number } {
  return gate.load();
}

/** Options of a hash or a check: `lane` names whose turn it is (a sign-in's client address); calls without one share a lane. */
export interface ScryptOptions {
  lane?: string;
  /** Called when the computation gets its turn, before it starts; what it throws refuses the computation (a rate limit counting attempts as they are checked). */
  admit?: () => Promise<void>;
  /** Called, still in the turn, when a checked password matches (the rate limit takes the attempt back). */
  matched?: () => Promise<void>;
}

function derive(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/**
 * Hashes a password with scrypt, a memory-hard function. The cost is stored in the hash
 * (`scrypt$logN$r$p$salt$key`) so it can be raised later without breaking existing hashes.
 */
export async function hashPassword(password: string, logN: number, options: ScryptOptions = {}): Promise<string> {
  const salt = randomBytes(16);
  const key = await gate.run(options.lane ?? '', () => derive(password, salt, logN, 8, 1), options.admit);
  return ['scrypt', logN, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash in constant time. */
export async function verifyPassword(password: string, stored: string, options: ScryptOptions = {}): Promise<boolean> {
  const [scheme, logN, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !logN || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const check = async () => {
    const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(logN), Number(r), Number(p));
    const matches = actual.length === expected.length && timingSafeEqual(actual, expected);
    if (matches) await options.matched?.();
    return matches;
  };
  return gate.run(options.lane ?? '', check, options.admit);
}
