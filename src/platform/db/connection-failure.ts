/** Errors that mean the PostgreSQL server or database cannot be used at all, with what to check. */
const CAUSES: Record<string, string> = {
  ECONNREFUSED: 'nothing answers at that host and port: is the server running?',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved just now',
  ETIMEDOUT: 'the server did not answer in time',
  EHOSTUNREACH: 'the host cannot be reached',
  '3D000': 'the database does not exist: create it first (createdb), or name another',
  '28P01': 'the password was refused',
  '28000': 'the server refused this user',
};

/**
 * The operator's explanation when a start could not reach PostgreSQL (null for any other
 * error): which URL (without its password) and what to check, instead of a stack trace.
 */
export function describeConnectionFailure(error: unknown, databaseUrl: string | undefined): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (!databaseUrl || typeof code !== 'string' || !(code in CAUSES)) return null;
  let shown = databaseUrl;
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    shown = url.toString();
  } catch {
    // The configuration check already refused a URL that does not parse.
  }
  return `Cannot use the PostgreSQL database of DATABASE_URL (${shown}): ${CAUSES[code]} (${code}: ${(error as Error).message}).`;
}
