import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findPolicy, targetMinutes, type PolicyFacts, type PolicyMatch, type SlaPolicy, type TargetSpec } from '../../src/sla/domain/sla-policy.js';
import { DEFAULT_NOTIFY, DEFAULT_WARN_AT, policyIssues, policyUserIds } from '../../src/sla/domain/sla-policy-rules.js';

const spec = (minutes: number, extra: Partial<TargetSpec> = {}): TargetSpec => ({
  minutes,
  businessTime: true,
  warnAt: structuredClone(DEFAULT_WARN_AT),
  notify: structuredClone(DEFAULT_NOTIFY),
  pauseWhileWaiting: true,
  escalation: [],
  byDepartment: {},
  ...extra,
});

let created = Date.parse('2026-01-01T00:00:00Z');
/** A policy named `name`; each one is a minute younger than the one before unless told otherwise. */
function policy(name: string, match: Partial<PolicyMatch>, extra: Partial<SlaPolicy> = {}): SlaPolicy {
  created += 60_000;
  return {
    id: name,
    name,
    active: true,
    match: { categoryIds: [], serviceItemIds: [], priorityIds: [], channels: [], customerTiers: [], ...match },
    calendarId: null,
    targets: { resolution: spec(60) },
    extensions: { maxPerDeadline: 2, maxMinutes: 1440 },
    createdAt: new Date(created).toISOString(),
    ...extra,
  };
}

/** A refund about an international flight change (under 机票 → 商城售后), phoned in by a VIP. */
const facts: PolicyFacts = {
  categoryId: 'cat-refund',
  serviceItemPath: ['item-intl-change', 'item-flights-change', 'item-flights', 'item-after-sales'],
  priorityId: 'prio-high',
  channel: 'phone',
  customerTier: 'vip',
};

const pick = (policies: SlaPolicy[], f: PolicyFacts = facts) => findPolicy(policies, f)?.name ?? null;

describe('findPolicy', () => {
  it('answers null when nothing matches, when there are no policies, and when only inactive ones match', () => {
    assert.equal(pick([policy('inquiries', { categoryIds: ['cat-inquiry'] })]), null);
    assert.equal(pick([]), null);
    assert.equal(pick([policy('off', {}, { active: false })]), null);
  });

  it('lets a policy with no criteria match every ticket, as the fallback', () => {
    assert.equal(pick([policy('everything', {})]), 'everything');
    assert.equal(pick([policy('everything', {})], { ...facts, customerTier: null }), 'everything');
  });

  it('requires every named criterion to match; any value of a list matches', () => {
    const p = policy('refund by phone', { categoryIds: ['cat-inquiry', 'cat-refund'], channels: ['email', 'phone'] });
    assert.equal(pick([p]), 'refund by phone');
    assert.equal(pick([p], { ...facts, channel: 'wechat' }), null);
    assert.equal(pick([p], { ...facts, categoryId: 'cat-complaint' }), null);
    const tiers = policy('gold', { customerTiers: ['gold'] });
    assert.equal(pick([tiers]), null);
    assert.equal(pick([tiers], { ...facts, customerTier: null }), null, 'a ticket without a customer tier matches no tier list');
  });

  it('matches a service item by its whole branch of the catalog tree', () => {
    assert.equal(pick([policy('after-sales', { serviceItemIds: ['item-after-sales'] })]), 'after-sales');
    assert.equal(pick([policy('hotels', { serviceItemIds: ['item-hotels'] })]), null);
  });

  it('prefers the policy naming more criteria, whatever the criteria', () => {
    const policies = [
      policy('service item', { serviceItemIds: ['item-intl-change'] }),
      policy('priority and channel', { priorityIds: ['prio-high'], channels: ['phone'] }),
      policy('everything', {}),
    ];
    assert.equal(pick(policies), 'priority and channel');
    assert.equal(pick(policies, { ...facts, channel: 'email' }), 'service item');
    assert.equal(pick(policies, { ...facts, channel: 'email', serviceItemPath: ['item-hotels'] }), 'everything');
  });

  it('breaks an equal count by serviceItem > category > customerTier > priority > channel', () => {
    const order = [
      policy('channel', { channels: ['phone'] }),
      policy('priority', { priorityIds: ['prio-high'] }),
      policy('customerTier', { customerTiers: ['vip'] }),
      policy('category', { categoryIds: ['cat-refund'] }),
      policy('serviceItem', { serviceItemIds: ['item-after-sales'] }),
    ];
    // Whatever the list order, the stronger criterion wins; removing the winner hands it to the next.
    for (let n = order.length; n > 0; n--) {
      const candidates = order.slice(0, n);
      assert.equal(pick(candidates), order[n - 1]!.name);
      assert.equal(pick([...candidates].reverse()), order[n - 1]!.name);
    }
    // With two criteria each: the pair holding the strongest criterion wins.
    const pairs = [
      policy('tier+priority', { customerTiers: ['vip'], priorityIds: ['prio-high'] }),
      policy('category+channel', { categoryIds: ['cat-refund'], channels: ['phone'] }),
    ];
    assert.equal(pick(pairs), 'category+channel');
    assert.equal(pick([...pairs].reverse()), 'category+channel');
  });

  it('prefers the deeper service item: the one nearer the ticket\'s own item', () => {
    const policies = [
      policy('after-sales', { serviceItemIds: ['item-after-sales'] }),
      policy('flight changes', { serviceItemIds: ['item-flights-change'] }),
      policy('flights', { serviceItemIds: ['item-flights'] }),
    ];
    assert.equal(pick(policies), 'flight changes');
    assert.equal(pick([...policies].reverse()), 'flight changes');
    assert.equal(pick([...policies, policy('the item itself', { serviceItemIds: ['item-intl-change'] })]), 'the item itself');
    // A list naming the item and an unrelated one counts the item that matched.
    assert.equal(pick([policies[0]!, policy('list', { serviceItemIds: ['item-hotels', 'item-flights'] })]), 'list');
    // More criteria still beat a deeper item.
    assert.equal(pick([...policies, policy('shallow + channel', { serviceItemIds: ['item-after-sales'], channels: ['phone'] })]), 'shallow + channel');
  });

  it('takes the oldest of equally specific policies, whatever the list order', () => {
    const older = policy('older', { categoryIds: ['cat-refund'] }, { createdAt: '2026-03-01T00:00:00.000Z' });
    const newer = policy('newer', { categoryIds: ['cat-refund'] }, { createdAt: '2026-03-02T00:00:00.000Z' });
    assert.equal(pick([newer, older]), 'older');
    assert.equal(pick([older, newer]), 'older');
  });

  it('ignores inactive policies however specific', () => {
    const policies = [
      policy('specific but off', { categoryIds: ['cat-refund'], serviceItemIds: ['item-intl-change'], channels: ['phone'] }, { active: false }),
      policy('general', {}),
    ];
    assert.equal(pick(policies), 'general');
  });
});

describe('targetMinutes', () => {
  it('uses a department\'s own step limit when it has one', () => {
    const step = spec(240, { byDepartment: { refunds: 60 } });
    assert.equal(targetMinutes(step, 'refunds'), 60);
    assert.equal(targetMinutes(step, 'hotels'), 240);
    assert.equal(targetMinutes(step, null), 240);
  });
});

describe('policyIssues', () => {
  it('accepts a consistent policy', () => {
    assert.deepEqual(policyIssues({ step: spec(240, { byDepartment: { d: 60 }, warnAt: { percent: [50, 90], minutesBefore: [30] } }) }), []);
  });

  it('requires at least one target', () => {
    assert.deepEqual(policyIssues({}).map((i) => [i.code, i.field]), [['target_required', 'targets']]);
  });

  it('allows per-department limits only on the step target', () => {
    const issues = policyIssues({ step: spec(60, { byDepartment: { d: 30 } }), handling: spec(60, { byDepartment: { d: 30 } }) });
    assert.deepEqual(issues.map((i) => [i.code, i.field]), [['step_only', 'targets.handling.byDepartment']]);
  });

  it('keeps every minutes-before warning strictly inside the target, and no warning twice', () => {
    const issues = policyIssues({ reply: spec(60, { warnAt: { percent: [75, 75], minutesBefore: [10, 60, 90, 10] } }) });
    assert.deepEqual(issues.map((i) => [i.code, i.field]), [
      ['warning_not_before_due', 'targets.reply.warnAt.minutesBefore.1'],
      ['warning_not_before_due', 'targets.reply.warnAt.minutesBefore.2'],
      ['duplicate_warning', 'targets.reply.warnAt.percent.1'],
      ['duplicate_warning', 'targets.reply.warnAt.minutesBefore.3'],
    ]);
  });
});

describe('policyUserIds', () => {
  it('collects the users of recipients and reassignments once each', () => {
    const targets = {
      step: spec(60, {
        notify: [{ kind: 'user', userId: 'u1' }, { kind: 'assignee' }],
        escalation: [
          { afterMinutes: 0, actions: [{ type: 'notify', recipients: [{ kind: 'user', userId: 'u2' }, { kind: 'user', userId: 'u1' }] }] },
          { afterMinutes: 30, actions: [{ type: 'reassign', departmentId: 'd', userId: 'u3' }, { type: 'reassign', departmentId: 'd', userId: null }] },
        ],
      }),
    };
    assert.deepEqual(policyUserIds({ targets }).sort(), ['u1', 'u2', 'u3']);
  });
});
