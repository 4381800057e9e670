import type { UseCaseContext } from '../../app/context.js';
import { notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { hashSecret, newSecret } from '../../platform/security/secrets.js';
import type { ApiTokenRecord } from '../persistence/credentials-repository.js';
import { API_TOKEN_PREFIX } from './authenticate.js';

/** Creates a personal API token; the secret is returned this once and only its hash is kept. */
export async function createApiToken(
  ctx: UseCaseContext,
  userId: string,
  name: string,
): Promise<ApiTokenRecord & { token: string }> {
  const token = `${API_TOKEN_PREFIX}${newSecret()}`;
  const record: ApiTokenRecord = {
    id: newId(),
    userId,
    name,
    prefix: token.slice(0, 10),
    createdAt: ctx.clock.now().toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await ctx.uow.write((repos) => repos.credentials.insertToken({ ...record, tokenHash: hashSecret(token) }));
  return { ...record, token };
}

export function listApiTokens(ctx: UseCaseContext, userId: string): Promise<ApiTokenRecord[]> {
  return ctx.uow.read((repos) => repos.credentials.listTokens(userId));
}

export async function revokeApiToken(ctx: UseCaseContext, userId: string, tokenId: string): Promise<void> {
  const revoked = await ctx.uow.write((repos) => repos.credentials.revokeToken(tokenId, userId, ctx.clock.now().toISOString()));
  if (!revoked) throw notFound('API token', tokenId);
}
