import { sql, type SqlBool } from 'kysely';
import { readJson, writeJson } from '../../platform/db/database.js';
import type { DbContext } from '../../platform/db/unit-of-work.js';
import { isAuditAction, type AuditAction, type AuditEntry, type AuditSubjectType } from '../domain/audit.js';

/** An entry as the audit trail shows it: with the actor's username and name. */
export interface AuditEntryView extends AuditEntry {
  actor: { id: string; username: string; displayName: string } | null;
  /** The record is gone (a deleted customer): the entry stays, with nothing to open. */
  subjectDeleted: boolean;
}

export interface AuditListQuery {
  subjectType?: AuditSubjectType;
  subjectId?: string;
  actions?: AuditAction[];
  actorId?: string;
  limit: number;
  /** [at, id] of the last entry of the previous page; the list runs newest first. */
  after?: readonly [string, string];
}

/** The audit trail: insert-only. */
export class AuditLogRepository {
  constructor(private readonly ctx: DbContext) {}

  async record(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    // Large merges move thousands of tickets; keep each statement well under the bind limits.
    for (let i = 0; i < entries.length; i += 500) {
      await this.ctx.db
        .insertInto('audit_log')
        .values(
          entries.slice(i, i + 500).map((e) => ({
            id: e.id,
            actor_id: e.actorId,
            action: e.action,
            subject_type: e.subjectType,
            subject_id: e.subjectId,
            data: writeJson(e.data),
            at: e.at,
          })),
        )
        .execute();
    }
  }

  async list(query: AuditListQuery): Promise<{ items: AuditEntryView[]; more: boolean }> {
    let q = this.ctx.db
      .selectFrom('audit_log as l')
      .leftJoin('users as u', 'u.id', 'l.actor_id')
      .leftJoin('customers as c', (join) => join.onRef('c.id', '=', 'l.subject_id').on('l.subject_type', '=', 'customer'))
      .select(['l.id', 'l.actor_id', 'l.action', 'l.subject_type', 'l.subject_id', 'l.data', 'l.at', 'u.username', 'u.display_name', 'c.deleted_at']);
    if (query.subjectType) q = q.where('l.subject_type', '=', query.subjectType);
    if (query.subjectId) q = q.where('l.subject_id', '=', query.subjectId);
    if (query.actions?.length) q = q.where('l.action', 'in', query.actions);
    if (query.actorId) q = q.where('l.actor_id', '=', query.actorId);
    if (query.after) {
      const [at, id] = query.after;
      q = q.where(sql<SqlBool>`(${sql.ref('l.at')}, ${sql.ref('l.id')}) < (${at}, ${id})`);
    }
    const rows = await q.orderBy('l.at', 'desc').orderBy('l.id', 'desc').limit(query.limit + 1).execute();
    return {
      items: rows.slice(0, query.limit).map((r) => {
        if (!isAuditAction(r.action)) throw new Error(`Unknown audit action in the database: ${JSON.stringify(r.action)}`);
        return {
          id: r.id,
          actorId: r.actor_id,
          actor: r.actor_id && r.username ? { id: r.actor_id, username: r.username, displayName: r.display_name! } : null,
          action: r.action,
          subjectType: r.subject_type as AuditSubjectType,
          subjectId: r.subject_id,
          subjectDeleted: r.deleted_at !== null,
          data: readJson<Record<string, unknown>>(r.data, {}),
          at: r.at,
        };
      }),
      more: rows.length > query.limit,
    };
  }
}
