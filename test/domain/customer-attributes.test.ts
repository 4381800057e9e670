import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyAttributeChanges, definitionIssues, type AttributeDefinition } from '../../src/customers/domain/attributes.js';

const at = '2026-11-23T00:00:00.000Z';
const def = (key: string, type: AttributeDefinition['type'], extra: Partial<AttributeDefinition> = {}): AttributeDefinition => ({
  id: key,
  key,
  label: key,
  labelEn: null,
  type,
  options: [],
  required: false,
  position: 0,
  active: true,
  createdAt: at,
  updatedAt: at,
  ...extra,
});

const definitions = [
  def('industry', 'select', { options: ['telecom', 'retail'], required: true }),
  def('employees', 'number'),
  def('contract_until', 'date'),
  def('note', 'text'),
  def('key_account', 'boolean'),
  def('old_field', 'text', { active: false }),
];

describe('custom attribute values', () => {
  it('accepts values of every type and trims text', () => {
    const { attributes, issues } = applyAttributeChanges(
      definitions,
      {},
      { industry: 'telecom', employees: 1200, contract_until: '2027-02-28', note: '  大客户  ', key_account: true },
      { requireAll: true },
    );
    assert.deepEqual(issues, []);
    assert.deepEqual(attributes, { industry: 'telecom', employees: 1200, contract_until: '2027-02-28', note: '大客户', key_account: true });
  });

  it('names each wrong value by its field', () => {
    const { issues } = applyAttributeChanges(
      definitions,
      {},
      { industry: 'banking', employees: '1200', contract_until: '2027-02-30', note: '   ', key_account: 'yes', unknown: 1, old_field: 'x' },
      { requireAll: false },
    );
    const byField = Object.fromEntries(issues.map((i) => [i.field, i.message]));
    assert.match(byField['attributes.industry']!, /one of "telecom", "retail"/);
    assert.match(byField['attributes.employees']!, /number/);
    assert.match(byField['attributes.contract_until']!, /YYYY-MM-DD/);
    assert.match(byField['attributes.note']!, /text/);
    assert.match(byField['attributes.key_account']!, /true or false/);
    assert.match(byField['attributes.unknown']!, /not a defined/);
    assert.match(byField['attributes.old_field']!, /not a defined/, 'a deleted attribute takes no new values');
  });

  it('requires required attributes when asked, and lets null remove a value', () => {
    assert.deepEqual(applyAttributeChanges(definitions, {}, {}, { requireAll: true }).issues, [{ field: 'attributes.industry', code: 'required', message: 'is required' }]);
    assert.deepEqual(applyAttributeChanges(definitions, {}, {}, { requireAll: false }).issues, []);
    const removed = applyAttributeChanges(definitions, { industry: 'retail', employees: 5 }, { employees: null }, { requireAll: true });
    assert.deepEqual(removed, { attributes: { industry: 'retail' }, issues: [] });
    assert.deepEqual(applyAttributeChanges(definitions, { industry: 'retail' }, { industry: null }, { requireAll: true }).issues, [
      { field: 'attributes.industry', code: 'required', message: 'is required' },
    ]);
  });

  it('keeps values of deactivated attributes that are not written', () => {
    const { attributes } = applyAttributeChanges(definitions, { industry: 'retail', old_field: 'kept' }, { employees: 3 }, { requireAll: true });
    assert.deepEqual(attributes, { industry: 'retail', old_field: 'kept', employees: 3 });
  });
});

describe('custom attribute definitions', () => {
  it('needs options for a select and only for a select, without repeats', () => {
    assert.deepEqual(definitionIssues('select', ['a', 'b']), []);
    assert.match(definitionIssues('select', [])[0]!.message, /at least one option/);
    assert.deepEqual(definitionIssues('select', ['a', 'a']), [{ field: 'options.1', code: 'duplicate', message: 'repeats "a"' }]);
    assert.match(definitionIssues('text', ['a'])[0]!.message, /only a select/);
    assert.deepEqual(definitionIssues('number', []), []);
  });
});
