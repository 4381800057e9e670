import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalisePhone } from '../../src/customers/domain/customer.js';

describe('normalisePhone', () => {
  it('finds the same mobile customer however the number was written', () => {
    for (const written of [
      '13800138000',
      '+86 138 0013 8000',
      '8613800138000',
      '+8613800138000',
      '138-0013-8000',
      '0086 13800138000',
      '(138) 0013 8000',
    ]) {
      assert.equal(normalisePhone(written), '13800138000', written);
    }
  });

  it('keeps a landline’s area code and digits', () => {
    assert.equal(normalisePhone('010-12345678'), '01012345678');
    assert.equal(normalisePhone('(021) 6123 4567'), '02161234567');
  });

  it('does not strip 86 from a number that merely starts with it', () => {
    assert.equal(normalisePhone('86123456'), '86123456');
  });

  it('reduces a string without digits to nothing', () => {
    assert.equal(normalisePhone('n/a'), '');
  });
});
