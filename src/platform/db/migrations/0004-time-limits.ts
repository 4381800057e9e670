import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from '../column-types.js';
import { newId } from '../../ids.js';

/**
 * Time limits (时限): business calendars, policies, the deadlines each ticket runs against,
 * extension requests and in-app notifications. A 24×7 calendar always exists.
 */
export const timeLimitsMigration = (t: ColumnTypes): Migration => ({ up: (db) => up(db, t) });

async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('calendars')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('week', t.json, (c) => c.notNull())
    .addColumn('holidays', t.json, (c) => c.notNull())
    .addColumn('workdays', t.json, (c) => c.notNull())
    .addColumn('always_open', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  const at = new Date().toISOString();
  const allDay = [['00:00', '24:00']];
  const week = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, allDay]));
  const json = (value: unknown) => JSON.stringify(value);
  await db
    .insertInto('calendars' as never)
    .values({
      id: newId(),
      code: '24x7',
      name: '全天候 24×7',
      time_zone: 'Asia/Shanghai',
      week: json(week),
      holidays: json([]),
      workdays: json([]),
      always_open: 1,
      active: 1,
      created_at: at,
      updated_at: at,
    } as never)
    .execute();

  await db.schema.alterTable('departments').addColumn('calendar_id', 'text', (c) => c.references('calendars.id')).execute();

  await db.schema
    .createTable('sla_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('match', t.json, (c) => c.notNull())
    .addColumn('calendar_id', 'text', (c) => c.references('calendars.id'))
    .addColumn('targets', t.json, (c) => c.notNull())
    .addColumn('extensions', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  // One row per clock a ticket ran: a transfer closes the step row and opens a new one, so the
  // rows double as the record of how long each step took.
  await db.schema
    .createTable('ticket_deadlines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.references('sla_policies.id'))
    .addColumn('calendar_id', 'text', (c) => c.references('calendars.id'))
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('spec', t.json, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('budget_ms', 'bigint', (c) => c.notNull())
    .addColumn('consumed_ms', 'bigint', (c) => c.notNull())
    .addColumn('running_since', t.timestamp)
    .addColumn('started_at', t.timestamp, (c) => c.notNull())
    .addColumn('due_at', t.timestamp)
    .addColumn('completed_at', t.timestamp)
    .addColumn('warned_at', t.timestamp)
    .addColumn('breached_at', t.timestamp)
    .addColumn('warnings_fired', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalations_fired', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extensions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_fire_at', t.timestamp)
    .execute();
  await db.schema.createIndex('ticket_deadlines_ticket').on('ticket_deadlines').columns(['ticket_id', 'target']).execute();
  // The sweeper reads only the few rows falling due, whatever the number of open tickets.
  await db.schema.createIndex('ticket_deadlines_next_fire').on('ticket_deadlines').columns(['next_fire_at']).execute();

  await db.schema.alterTable('tickets').addColumn('sla_due_at', t.timestamp).execute();
  await db.schema.alterTable('tickets').addColumn('sla_state', 'text').execute();
  await db.schema.createIndex('tickets_sla_due').on('tickets').columns(['sla_due_at', 'id']).execute();
  await db.schema.createIndex('tickets_queue_due').on('tickets').columns(['department_id', 'status', 'sla_due_at', 'id']).execute();

  await db.schema
    .createTable('extension_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('deadline_id', 'text', (c) => c.notNull().references('ticket_deadlines.id'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('previous_due_at', t.timestamp)
    .addColumn('requested_until', t.timestamp, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', t.timestamp)
    .addColumn('decision_reason', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('extension_requests_ticket').on('extension_requests').columns(['ticket_id', 'created_at']).execute();
  await db.schema
    .createIndex('extension_requests_pending')
    .on('extension_requests')
    .columns(['status', 'department_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('read_at', t.timestamp)
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('notifications_unread').on('notifications').columns(['user_id', 'read_at']).execute();
}
