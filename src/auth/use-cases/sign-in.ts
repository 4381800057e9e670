import type { UseCaseContext } from '../../app/context.js';
import type { User } from '../../org/persistence/users-repository.js';
import { AppError } from '../../platform/errors.js';
import { hashPassword, verifyPassword, type ScryptOptions } from '../../platform/security/passwords.js';
import { hashSecret, newSecret } from '../../platform/security/secrets.js';

export interface SignedIn {
  user: User;
  sessionToken: string;
  csrfToken: string;
  expiresAt: string;
}

const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'The username or password is wrong.');

// Verifying against a real hash when the user does not exist keeps the response time the same, so
// timing does not reveal which usernames exist.
let decoyHash: Promise<string> | null = null;

/**
 * Checks a username and password and opens a session; the session token goes into an HttpOnly
 * cookie. `client.lane` (the client's address) is whose turn the password check waits for when
 * many run at once (platform/security/passwords.ts), so a client sending many waits for its own;
 * `client.admit` may refuse the attempt when its turn comes (the per-address limit).
 */
export async function signIn(ctx: UseCaseContext, username: string, password: string, ttlMs: number, client: ScryptOptions = {}): Promise<SignedIn> {
  const credentials = await ctx.uow.read((repos) => repos.users.findCredentials(username));
  if (!credentials) {
    decoyHash ??= hashPassword(newSecret(), ctx.scryptLogN);
    await verifyPassword(password, await decoyHash, client);
    throw invalidCredentials();
  }
  const valid = await verifyPassword(password, credentials.passwordHash, client);
  if (!valid || !credentials.user.active) throw invalidCredentials();
  const now = ctx.clock.now();
  const sessionToken = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await ctx.uow.write(async (repos) => {
    await repos.credentials.deleteExpiredSessions(now.toISOString());
    await repos.credentials.insertSession({
      id: hashSecret(sessionToken),
      userId: credentials.user.id,
      csrfToken,
      createdAt: now.toISOString(),
      expiresAt,
    });
  });
  return { user: credentials.user, sessionToken, csrfToken, expiresAt };
}

export async function signOut(ctx: UseCaseContext, sessionToken: string): Promise<void> {
  await ctx.uow.write((repos) => repos.credentials.deleteSession(hashSecret(sessionToken)));
}
