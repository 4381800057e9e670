import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findRoute, planOrder, type RoutingConditions, type RoutingFacts, type RoutingRule } from '../../src/routing/domain/routing-rules.js';

let nextId = 1;
function rule(departmentId: string, conditions: RoutingConditions, extra: Partial<RoutingRule> = {}): RoutingRule {
  const id = `r${nextId++}`;
  return { id, name: id, position: nextId, active: true, conditions, departmentId, ...extra };
}

/** A refund request about a flight (机票 under 商城售后), phoned in by a VIP customer. */
const facts: RoutingFacts = {
  categoryId: 'cat-refund',
  serviceItemPath: ['item-flight-refund', 'item-flights', 'item-after-sales'],
  priorityId: 'prio-high',
  channel: 'phone',
  customerTier: 'vip',
  text: '申请退款 Order ABC-123: please REFUND the ticket',
};

const routeOf = (rules: RoutingRule[], f: RoutingFacts = facts) => findRoute(rules, f)?.departmentId ?? null;

describe('findRoute', () => {
  it('returns null when no rule matches, and when there are no rules', () => {
    assert.equal(routeOf([rule('inquiries', { categoryIds: ['cat-inquiry'] })]), null);
    assert.equal(routeOf([]), null);
  });

  it('lets a rule with no conditions (or only empty lists) match anything, as a catch-all', () => {
    assert.equal(routeOf([rule('catch-all', {})]), 'catch-all');
    assert.equal(
      routeOf([rule('catch-all', { categoryIds: [], serviceItemIds: [], priorityIds: [], channels: [], customerTiers: [], keywords: [] })]),
      'catch-all',
    );
  });

  it('tries rules by position, not by list order: the lowest matching position wins', () => {
    const rules = [
      rule('catch-all', {}, { position: 100 }),
      rule('refunds', { categoryIds: ['cat-refund'] }, { position: 10 }),
      rule('vip', { customerTiers: ['vip'] }, { position: 20 }),
    ];
    assert.equal(routeOf(rules), 'refunds');
    assert.equal(routeOf(rules, { ...facts, categoryId: 'cat-inquiry' }), 'vip');
    assert.equal(routeOf(rules, { ...facts, categoryId: 'cat-inquiry', customerTier: null }), 'catch-all');
  });

  it('skips inactive rules even when they come first', () => {
    const rules = [rule('old', {}, { position: 1, active: false }), rule('new', {}, { position: 2 })];
    assert.equal(routeOf(rules), 'new');
    assert.equal(routeOf([rule('old', {}, { active: false })]), null);
  });

  it('does not reorder the caller’s rule list', () => {
    const rules = [rule('b', {}, { position: 2 }), rule('a', {}, { position: 1 })];
    findRoute(rules, facts);
    assert.deepEqual(rules.map((r) => r.departmentId), ['b', 'a']);
  });

  it('matches each condition kind when any listed value matches, and fails it otherwise', () => {
    const kinds: Array<[string, RoutingConditions, RoutingConditions]> = [
      ['category', { categoryIds: ['cat-complaint', 'cat-refund'] }, { categoryIds: ['cat-complaint'] }],
      ['priority', { priorityIds: ['prio-urgent', 'prio-high'] }, { priorityIds: ['prio-low'] }],
      ['channel', { channels: ['email', 'phone'] }, { channels: ['wechat'] }],
      ['customer tier', { customerTiers: ['gold', 'vip'] }, { customerTiers: ['gold'] }],
      ['service item', { serviceItemIds: ['item-flight-refund'] }, { serviceItemIds: ['item-hotels'] }],
      ['keyword', { keywords: ['投诉', '退款'] }, { keywords: ['投诉'] }],
    ];
    for (const [kind, hit, miss] of kinds) {
      assert.equal(routeOf([rule('d', hit)]), 'd', `${kind} should match`);
      assert.equal(routeOf([rule('d', miss)]), null, `${kind} should not match`);
    }
  });

  it('requires every condition of a rule to match', () => {
    assert.equal(routeOf([rule('d', { categoryIds: ['cat-refund'], channels: ['phone'] })]), 'd');
    assert.equal(routeOf([rule('d', { categoryIds: ['cat-refund'], channels: ['email'] })]), null);
  });

  it('matches a service item rule for the item itself and any item below it, but not a sibling or a child', () => {
    assert.equal(routeOf([rule('d', { serviceItemIds: ['item-flights'] })]), 'd');
    assert.equal(routeOf([rule('d', { serviceItemIds: ['item-after-sales'] })]), 'd');
    const atBranch = { ...facts, serviceItemPath: ['item-flights', 'item-after-sales'] };
    assert.equal(routeOf([rule('d', { serviceItemIds: ['item-flight-refund'] })], atBranch), null);
    assert.equal(routeOf([rule('d', { serviceItemIds: ['item-hotels'] })], atBranch), null);
  });

  it('never matches a tier rule for a ticket without a customer tier', () => {
    assert.equal(routeOf([rule('d', { customerTiers: ['vip'] })], { ...facts, customerTier: null }), null);
  });

  it('matches keywords case-insensitively anywhere in the text, including Chinese substrings', () => {
    assert.equal(routeOf([rule('d', { keywords: ['refund'] })]), 'd');
    assert.equal(routeOf([rule('d', { keywords: ['REFUND'] })], { ...facts, text: 'refund please' }), 'd');
    assert.equal(routeOf([rule('d', { keywords: ['abc-123'] })]), 'd');
    assert.equal(routeOf([rule('d', { keywords: ['退款'] })], { ...facts, text: '申请退款' }), 'd');
    assert.equal(routeOf([rule('d', { keywords: ['退货'] })], { ...facts, text: '申请退款' }), null);
  });
});

describe('planOrder', () => {
  const rules = [rule('a', {}, { id: 'x', position: 10 }), rule('b', {}, { id: 'y', position: 20 }), rule('c', {}, { id: 'z', position: 25 })];

  it('numbers the rules 10, 20, 30 … in the order given and lists only the positions that change', () => {
    assert.deepEqual(planOrder(rules, ['y', 'x', 'z']), { ok: true, changes: [{ id: 'y', position: 10 }, { id: 'x', position: 20 }, { id: 'z', position: 30 }] });
    assert.deepEqual(planOrder(rules, ['x', 'y', 'z']), { ok: true, changes: [{ id: 'z', position: 30 }] });
  });

  it('refuses an order that misses a rule, names an unknown one or names one twice, saying which', () => {
    assert.deepEqual(planOrder(rules, ['x', 'y']), { ok: false, duplicated: [], unknown: [], missing: ['z'] });
    assert.deepEqual(planOrder(rules, ['x', 'y', 'z', 'gone']), { ok: false, duplicated: [], unknown: ['gone'], missing: [] });
    assert.deepEqual(planOrder(rules, ['x', 'y', 'z', 'x']), { ok: false, duplicated: ['x'], unknown: [], missing: [] });
  });
});
