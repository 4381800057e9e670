import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import { forbidden, invalidField } from '../../platform/errors.js';
import type { AuditAction, AuditSubjectType } from '../domain/audit.js';
import { mayReadAuditLog } from '../domain/privacy.js';
import type { AuditEntryView } from '../persistence/audit-log-repository.js';

export interface AuditLogRequest {
  subjectType?: AuditSubjectType;
  subjectId?: string;
  actions?: AuditAction[];
  /** User id or username. */
  actor?: string;
  limit: number;
  after?: readonly [string, string];
}

export interface AuditPage {
  items: AuditEntryView[];
  /** [at, id] of the last entry when more follow. */
  next: readonly [string, string] | null;
}

/** The audit trail, newest first: admins and auditors only. */
export async function readAuditLog(ctx: UseCaseContext, actor: Actor, request: AuditLogRequest): Promise<AuditPage> {
  if (!mayReadAuditLog(actor.role)) throw forbidden('action_forbidden', `A user with the role ${actor.role} may not read the audit trail.`);
  return ctx.uow.read(async (repos) => {
    const { actor: actorRef, ...query } = request;
    const user = actorRef ? await repos.users.findByRef(actorRef) : null;
    if (actorRef && !user) throw invalidField('actor', 'unknown_reference', 'no such user', 'invalid_reference');
    const { items, more } = await repos.audit.list({ ...query, ...(user && { actorId: user.id }) });
    const last = items.at(-1);
    return { items, next: more && last ? [last.at, last.id] : null };
  });
}
