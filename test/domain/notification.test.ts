import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NOTIFICATION_KINDS, isNotificationKind, newNotifications } from '../../src/notifications/domain/notification.js';

const AT = '2026-11-23T02:00:00.000Z';
const T1 = { id: 't1', number: 'GD-20261123-000001', title: '宽带无法上网' };

function counter(): () => string {
  let next = 0;
  return () => `n${++next}`;
}

describe('newNotifications', () => {
  it('gives each recipient one unread notification with the same content', () => {
    const list = newNotifications(['u-handler', 'u-supervisor'], { ticket: T1, kind: 'sla.warning', data: { target: 'resolution' } }, AT, counter());
    assert.deepEqual(list, [
      { id: 'n1', userId: 'u-handler', ticket: T1, kind: 'sla.warning', data: { target: 'resolution' }, createdAt: AT, readAt: null },
      { id: 'n2', userId: 'u-supervisor', ticket: T1, kind: 'sla.warning', data: { target: 'resolution' }, createdAt: AT, readAt: null },
    ]);
  });

  it('notifies a person named twice (as assignee and as supervisor) once, in the order first named', () => {
    const list = newNotifications(['u-a', 'u-b', 'u-a', 'u-c', 'u-b'], { ticket: T1, kind: 'sla.breach', data: {} }, AT, counter());
    assert.deepEqual(list.map((n) => n.userId), ['u-a', 'u-b', 'u-c']);
    assert.deepEqual(list.map((n) => n.id), ['n1', 'n2', 'n3'], 'an id is taken only for a notification made');
  });

  it('drops vacant roles: null, undefined and empty ids', () => {
    const list = newNotifications([null, 'u-a', undefined, '', null], { ticket: null, kind: 'ticket.assigned', data: {} }, AT, counter());
    assert.deepEqual(list.map((n) => n.userId), ['u-a']);
    assert.equal(list[0]!.ticket, null);
  });

  it('makes nothing when nobody is named', () => {
    const ids = counter();
    assert.deepEqual(newNotifications([], { ticket: T1, kind: 'sla.escalation', data: {} }, AT, ids), []);
    assert.deepEqual(newNotifications([null, undefined], { ticket: T1, kind: 'sla.escalation', data: {} }, AT, ids), []);
    assert.equal(ids(), 'n1', 'the id factory was never called');
  });

  it('gives every notification its own copy of the data', () => {
    const data = { extension: { until: '2026-11-24T02:00:00.000Z' } };
    const [a, b] = newNotifications(['u-a', 'u-b'], { ticket: T1, kind: 'extension.requested', data }, AT, counter());
    (a!.data.extension as { until: string }).until = 'changed';
    assert.equal((b!.data.extension as { until: string }).until, '2026-11-24T02:00:00.000Z');
    assert.equal(data.extension.until, '2026-11-24T02:00:00.000Z');
  });
});

describe('NOTIFICATION_KINDS', () => {
  it('names the kinds the producers send, and nothing else', () => {
    assert.deepEqual([...NOTIFICATION_KINDS], [
      'sla.warning',
      'sla.breach',
      'sla.escalation',
      'ticket.assigned',
      'ticket.wait_ended',
      'extension.requested',
      'extension.decided',
    ]);
    assert.ok(NOTIFICATION_KINDS.every(isNotificationKind));
    assert.equal(isNotificationKind('ticket.closed'), false);
    assert.equal(isNotificationKind(''), false);
  });
});
