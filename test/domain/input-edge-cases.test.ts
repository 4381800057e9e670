import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateFieldValues, type FieldDefinition } from '../../src/catalog/domain/service-item-form.js';
import { changedFields, type Ticket } from '../../src/tickets/domain/ticket.js';
import { parseConfig } from '../../src/platform/config.js';
import { normalisePhone } from '../../src/customers/domain/customer.js';

const f = (key: string, type: FieldDefinition['type']): FieldDefinition => ({ key, label: key, type, required: true });

describe('edge cases in form values, configuration and phone numbers', () => {
  it('money accepts ordinary two-decimal amounts such as 19.99, 0.29 and 1.15', () => {
    for (const amount of [19.99, '19.99', 0.29, 1.15, 4.35]) {
      assert.deepEqual(validateFieldValues([f('amount', 'money')], { amount }).errors, [], String(amount));
    }
  });

  it('datetime refuses a day that does not exist instead of rolling it over', () => {
    const { errors } = validateFieldValues([f('at', 'datetime')], { at: '2026-02-30T10:00:00+08:00' });
    assert.equal(errors.length, 1); 
  });

  it('number refuses hexadecimal and binary strings', () => {
    assert.equal(validateFieldValues([f('n', 'number')], { n: '0x10' }).errors.length, 1); 
    assert.equal(validateFieldValues([f('n', 'number')], { n: '0b11' }).errors.length, 1); 
  });

  it('phone refuses a value with no digits at all', () => {
    assert.equal(validateFieldValues([f('p', 'phone')], { p: '-----' }).errors.length, 1); 
  });

  it('changedFields does not report form fields whose only difference is key order (jsonb reorders keys)', () => {
    const before = { fields: { orderNo: 'JD-1', amount: 5 } } as unknown as Ticket;
    const after = { fields: { amount: 5, orderNo: 'JD-1' } } as unknown as Ticket;
    assert.deepEqual(changedFields(before, after, ['fields']), {});
  });

  it('parseConfig treats a blank PORT as unset instead of listening on a random port 0', () => {
    assert.equal(parseConfig({ PORT: ' ' }).port, 3000);
  });

  it('parseConfig refuses DATABASE_URL=sqlite: with no file instead of using the working directory as the file', () => {
    assert.throws(() => parseConfig({ DATABASE_URL: 'sqlite:' }));
  });

  it('normalisePhone treats +86 before a landline like the domestic 0-prefixed form', () => {
    assert.equal(normalisePhone('+86 755 1234 5678'), normalisePhone('0755-1234-5678')); 
    assert.equal(normalisePhone('+86 10 1234 5678'), normalisePhone('010-1234-5678')); 
  });
});
