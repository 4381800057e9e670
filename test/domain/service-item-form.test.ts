import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateFieldValues, type FieldDefinition, type FieldType } from '../../src/catalog/domain/service-item-form.js';

function field(key: string, type: FieldType, extra: Partial<FieldDefinition> = {}): FieldDefinition {
  return { key, label: key, type, required: false, ...extra };
}

/** Validates one value against one optional field and returns either the normalised value or the error message. */
function check(definition: FieldDefinition, value: unknown): { value?: unknown; error?: string } {
  const { values, errors } = validateFieldValues([definition], { [definition.key]: value });
  if (errors.length > 0) {
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.field, `fields.${definition.key}`);
    return { error: errors[0]!.message };
  }
  return { value: values[definition.key] };
}

const accepts = (d: FieldDefinition, input: unknown, normalised: unknown) =>
  assert.deepEqual(check(d, input), { value: normalised }, `${d.type} ${JSON.stringify(input)}`);
const refuses = (d: FieldDefinition, input: unknown, message: RegExp) => {
  const result = check(d, input);
  assert.ok(result.error !== undefined, `${d.type} ${JSON.stringify(input)} should be refused, got ${JSON.stringify(result)}`);
  assert.match(result.error, message);
};

describe('validateFieldValues: presence', () => {
  const required = field('orderNo', 'order_number', { required: true, label: '订单号' });

  it('reports a required field that is missing, null, empty or blank, by its label', () => {
    for (const values of [{}, { orderNo: null }, { orderNo: '' }, { orderNo: '   ' }]) {
      const { errors } = validateFieldValues([required], values);
      assert.deepEqual(errors, [{ field: 'fields.orderNo', code: 'required', message: '订单号 is required' }], JSON.stringify(values));
    }
  });

  it('leaves an optional field out of the values when it is missing or blank', () => {
    assert.deepEqual(validateFieldValues([field('note', 'text')], { note: '  ' }), { values: {}, errors: [] });
    assert.deepEqual(validateFieldValues([field('note', 'text')], {}), { values: {}, errors: [] });
  });

  it('reports keys the form does not have', () => {
    const { errors } = validateFieldValues([field('note', 'text')], { note: 'ok', flightNo: 'MU5101' });
    assert.deepEqual(errors, [{ field: 'fields.flightNo', code: 'unknown_field', message: 'is not a field of this service item' }]);
  });

  it('reports every problem at once, each under fields.<key>', () => {
    const form = [
      field('orderNo', 'order_number', { required: true }),
      field('amount', 'money'),
      field('email', 'email'),
      field('reason', 'select', { options: [{ value: 'damaged', label: '破损' }] }),
    ];
    const { values, errors } = validateFieldValues(form, { amount: -1, email: 'nope', reason: 'late', extra: 1 });
    assert.deepEqual(errors.map((e) => e.field).sort(), [
      'fields.amount', 'fields.email', 'fields.extra', 'fields.orderNo', 'fields.reason',
    ]);
    assert.deepEqual(values, {});
  });

  it('returns the normalised values of a valid form', () => {
    const form = [
      field('orderNo', 'order_number', { required: true }),
      field('amount', 'money', { required: true }),
      field('contact', 'email'),
    ];
    assert.deepEqual(validateFieldValues(form, { orderNo: ' JD-2026-0001 ', amount: '128.5', contact: 'Li.Wei@Example.COM' }), {
      values: { orderNo: 'JD-2026-0001', amount: 128.5, contact: 'li.wei@example.com' },
      errors: [],
    });
  });
});

describe('validateFieldValues: number and money', () => {
  const count = field('count', 'number', { min: 1, max: 10 });
  const amount = field('amount', 'money', { max: 5000 });

  it('accepts numbers and numeric strings as numbers', () => {
    accepts(count, 3, 3);
    accepts(count, '7', 7);
    accepts(count, ' 2.5 ', 2.5);
    accepts(field('n', 'number'), -4, -4);
  });

  it('refuses what is not a finite number', () => {
    for (const bad of ['abc', '12元', true, [], {}, 'Infinity', Number.NaN]) refuses(count, bad, /must be a number/);
  });

  it('enforces min and max, inclusive', () => {
    accepts(count, 1, 1);
    accepts(count, 10, 10);
    refuses(count, 0, /must be at least 1/);
    refuses(count, 11, /must be at most 10/);
    refuses(amount, 5000.01, /must be at most 5000/);
  });

  it('accepts money with up to two decimals and refuses more, or a negative amount', () => {
    accepts(amount, 0, 0);
    accepts(amount, 12.5, 12.5);
    accepts(amount, '100.01', 100.01);
    accepts(amount, '20', 20);
    refuses(amount, 12.345, /at most two decimals/);
    refuses(amount, -0.5, /at least 0/);
  });
});

describe('validateFieldValues: date and datetime', () => {
  const day = field('flightDate', 'date');
  const at = field('visitAt', 'datetime');

  it('accepts a calendar date as YYYY-MM-DD, including 29 February in a leap year', () => {
    accepts(day, '2026-11-23', '2026-11-23');
    accepts(day, '2028-02-29', '2028-02-29');
  });

  it('refuses dates that do not exist or are not written as YYYY-MM-DD', () => {
    for (const bad of ['2026-02-30', '2026-02-29', '2026-13-01', '2026-04-31', '2026/11/23', '23-11-2026', '2026-11-23T00:00:00Z', 20261123]) {
      refuses(day, bad, /YYYY-MM-DD/);
    }
  });

  it('normalises a date and time with an offset to UTC', () => {
    accepts(at, '2026-11-23T10:00:00+08:00', '2026-11-23T02:00:00.000Z');
    accepts(at, '2026-11-23T10:00Z', '2026-11-23T10:00:00.000Z');
    accepts(at, '2026-11-23T10:00:00.250-05:00', '2026-11-23T15:00:00.250Z');
  });

  it('refuses a date and time without an offset, or that is not ISO 8601', () => {
    for (const bad of ['2026-11-23T10:00:00', '2026-11-23 10:00:00+08:00', '2026-11-23', 'tomorrow', '2026-11-23T25:00:00Z', 1700000000000]) {
      refuses(at, bad, /with an offset/);
    }
  });
});

describe('validateFieldValues: select', () => {
  const reason = field('reason', 'select', {
    options: [
      { value: 'damaged', label: '商品破损' },
      { value: 'late', label: '延误' },
    ],
  });

  it('accepts one of the option values and refuses anything else, listing the options', () => {
    accepts(reason, 'late', 'late');
    refuses(reason, 'lost', /must be one of: damaged, late/);
    refuses(reason, '延误', /must be one of/);
    refuses(reason, 'LATE', /must be one of/);
  });
});

describe('validateFieldValues: text-like fields', () => {
  it('trims text and enforces maxLength, with a default of 500 for text', () => {
    accepts(field('t', 'text'), '  屏幕碎了  ', '屏幕碎了');
    accepts(field('t', 'text', { maxLength: 4 }), '屏幕碎了', '屏幕碎了');
    refuses(field('t', 'text', { maxLength: 4 }), '屏幕碎了。', /at most 4 characters/);
    accepts(field('t', 'text'), 'x'.repeat(500), 'x'.repeat(500));
    refuses(field('t', 'text'), 'x'.repeat(501), /at most 500 characters/);
    accepts(field('t', 'textarea'), 'x'.repeat(5000), 'x'.repeat(5000));
  });

  it('refuses text that is neither a string nor a number', () => {
    refuses(field('t', 'text'), { a: 1 }, /must be text/);
    refuses(field('t', 'text'), true, /must be text/);
  });

  it('accepts phone numbers written with spaces, +, - and brackets, and refuses letters', () => {
    const phone = field('phone', 'phone');
    accepts(phone, '+86 138 0013 8000', '+86 138 0013 8000');
    accepts(phone, '(010) 1234-5678', '(010) 1234-5678');
    accepts(phone, 13800138000, '13800138000');
    refuses(phone, '138-CALL-ME', /must be a phone number/);
    refuses(phone, '1234', /must be a phone number/);
  });

  it('lower-cases and trims an email address and refuses one without a domain', () => {
    const email = field('email', 'email');
    accepts(email, ' Zhang.San@Example.CN ', 'zhang.san@example.cn');
    refuses(email, 'zhang.san@example', /must be an email address/);
    refuses(email, 'zhang san@example.cn', /must be an email address/);
  });

  it('accepts order numbers of 3 to 64 letters, digits, - and _, starting with a letter or digit', () => {
    const order = field('orderNo', 'order_number');
    accepts(order, 'JD_2026-0001', 'JD_2026-0001');
    accepts(order, 'A12', 'A12');
    refuses(order, 'A1', /must be an order number/);
    refuses(order, '-JD2026', /must be an order number/);
    refuses(order, 'JD 2026', /must be an order number/);
    refuses(order, '订单123', /must be an order number/);
    refuses(order, 'A'.repeat(65), /at most 64 characters/);
  });
});
