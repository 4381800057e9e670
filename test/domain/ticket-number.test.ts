import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTicketNumber, isTicketNumber, ticketNumberDay } from '../../src/tickets/domain/ticket-number.js';

describe('ticketNumberDay', () => {
  it('uses the calendar day in Asia/Shanghai (UTC+8), not the UTC day', () => {
    assert.equal(ticketNumberDay(new Date('2026-11-22T16:30:00Z'), 'Asia/Shanghai'), '20261123');
    assert.equal(ticketNumberDay(new Date('2026-11-22T16:00:00Z'), 'Asia/Shanghai'), '20261123');
    assert.equal(ticketNumberDay(new Date('2026-11-22T15:59:59.999Z'), 'Asia/Shanghai'), '20261122');
  });

  it('rolls over the year at Shanghai midnight', () => {
    assert.equal(ticketNumberDay(new Date('2026-12-31T16:00:00Z'), 'Asia/Shanghai'), '20270101');
  });

  it('follows whichever zone it is given', () => {
    const at = new Date('2026-11-22T16:30:00Z');
    assert.equal(ticketNumberDay(at, 'UTC'), '20261122');
    assert.equal(ticketNumberDay(at, 'America/Los_Angeles'), '20261122');
    assert.equal(ticketNumberDay(new Date('2026-11-23T07:59:00Z'), 'America/Los_Angeles'), '20261122');
    assert.equal(ticketNumberDay(new Date('2026-11-23T08:00:00Z'), 'America/Los_Angeles'), '20261123');
  });
});

describe('formatTicketNumber', () => {
  it('pads the daily sequence to six digits', () => {
    assert.equal(formatTicketNumber('20261122', 1), 'GD-20261122-000001');
    assert.equal(formatTicketNumber('20261122', 123), 'GD-20261122-000123');
    assert.equal(formatTicketNumber('20261122', 999999), 'GD-20261122-999999');
  });

  it('keeps every digit of a sequence beyond six digits', () => {
    assert.equal(formatTicketNumber('20261122', 1234567), 'GD-20261122-1234567');
  });
});

describe('isTicketNumber', () => {
  it('recognises numbers the system formats, in either case', () => {
    assert.equal(isTicketNumber(formatTicketNumber('20261122', 42)), true);
    assert.equal(isTicketNumber(formatTicketNumber('20261122', 1234567)), true);
    assert.equal(isTicketNumber('gd-20261122-000042'), true);
  });

  it('rejects internal ids and malformed numbers', () => {
    for (const ref of [
      '0192f3a4-7b1c-7d2e-8f00-123456789abc',
      'GD-2026112-000042',
      'GD-20261122-42',
      'GD20261122000042',
      ' GD-20261122-000042',
      'GD-20261122-000042x',
      'XX-20261122-000042',
    ]) {
      assert.equal(isTicketNumber(ref), false, ref);
    }
  });
});
