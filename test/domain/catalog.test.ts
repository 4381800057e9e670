import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ancestry, wouldCreateCycle } from '../../src/catalog/domain/catalog.js';

/** 商城售后 after-sales → 退款 refunds → 机票退款 flight refunds; 酒店 hotels is a second root. */
const parentOf = new Map<string, string | null>([
  ['after-sales', null],
  ['refunds', 'after-sales'],
  ['flight-refunds', 'refunds'],
  ['hotels', null],
]);

describe('ancestry', () => {
  it('lists an item and its ancestors up to the root, nearest first', () => {
    assert.deepEqual(ancestry('flight-refunds', parentOf), ['flight-refunds', 'refunds', 'after-sales']);
    assert.deepEqual(ancestry('refunds', parentOf), ['refunds', 'after-sales']);
  });

  it('is just the item for a root, or for an item it does not know', () => {
    assert.deepEqual(ancestry('hotels', parentOf), ['hotels']);
    assert.deepEqual(ancestry('unknown', parentOf), ['unknown']);
  });

  it('stops instead of looping forever when the stored tree already has a cycle', () => {
    const broken = new Map<string, string | null>([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
    ]);
    assert.deepEqual(ancestry('a', broken), ['a', 'b', 'c']);
  });
});

describe('wouldCreateCycle', () => {
  it('refuses making an item its own parent', () => {
    assert.equal(wouldCreateCycle('refunds', 'refunds', parentOf), true);
  });

  it('refuses moving an item under one of its descendants', () => {
    assert.equal(wouldCreateCycle('after-sales', 'flight-refunds', parentOf), true);
    assert.equal(wouldCreateCycle('refunds', 'flight-refunds', parentOf), true);
  });

  it('allows moving an item under a sibling branch, another root or its own ancestor', () => {
    assert.equal(wouldCreateCycle('flight-refunds', 'hotels', parentOf), false);
    assert.equal(wouldCreateCycle('hotels', 'flight-refunds', parentOf), false);
    assert.equal(wouldCreateCycle('flight-refunds', 'after-sales', parentOf), false);
  });
});
