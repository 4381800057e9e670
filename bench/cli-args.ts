/** Command-line helpers shared by the benchmark scripts. */

/** A usage error: say what is wrong, without a stack trace. */
export function fail(message: string, hint = 'Run with --help for the options.'): never {
  process.stderr.write(`${message}\n${hint}\n`);
  process.exit(2);
}

/** An option that must be a positive whole number. */
export function positiveInt(name: string, value: string | undefined, hint?: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) fail(`--${name} must be a positive integer, not ${value}`, hint);
  return n;
}
