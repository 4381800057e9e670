import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROLES } from '../../src/auth/domain/actor.js';
import {
  emailProblem,
  idNumberProblem,
  maskIdentity,
  maskPhone,
  nameKey,
  normaliseEmail,
  normaliseIdNumber,
  normalisePhone,
  normaliseTags,
  phoneProblem,
} from '../../src/customers/domain/customer.js';
import { mayDeleteCustomers, mayEditCustomers, mayMergeCustomers, mayReadAuditLog, mayUnmask, seesInFull } from '../../src/customers/domain/privacy.js';

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
      '013800138000',
      '+86 (0)138 0013 8000',
    ]) {
      assert.equal(normalisePhone(written), '13800138000', written);
    }
  });

  it('keeps a landline’s area code and digits', () => {
    assert.equal(normalisePhone('010-12345678'), '01012345678');
    assert.equal(normalisePhone('(021) 6123 4567'), '02161234567');
    assert.equal(normalisePhone('+86 10 1234 5678'), '01012345678');
    assert.equal(normalisePhone('+86 755 8888 6666'), '075588886666');
  });

  it('gives a local landline number written without area code the default one', () => {
    assert.equal(normalisePhone('12345678', '010'), '01012345678');
    assert.equal(normalisePhone('1234-5678', '010'), '01012345678');
    assert.equal(normalisePhone('6123 4567', '021'), '02161234567');
    assert.equal(normalisePhone('8888666', '0755'), '07558888666', 'seven-digit local numbers too');
    assert.equal(normalisePhone('010-12345678', '010'), '01012345678', 'an area code given stays');
    assert.equal(normalisePhone('021-61234567', '010'), '02161234567', 'another city’s number stays in its city');
  });

  it('leaves mobiles, service numbers and numbers with a country code alone when adding the area code', () => {
    assert.equal(normalisePhone('13800138000', '010'), '13800138000');
    assert.equal(normalisePhone('95598', '010'), '95598');
    assert.equal(normalisePhone('10086', '010'), '10086');
    assert.equal(normalisePhone('400-820-8820', '010'), '4008208820');
    assert.equal(normalisePhone('+86 21 6123 4567', '010'), '02161234567');
  });

  it('does not strip 86 from a number that merely starts with it', () => {
    assert.equal(normalisePhone('86123456'), '86123456');
  });

  it('reduces a string without digits to nothing', () => {
    assert.equal(normalisePhone('n/a'), '');
  });

  it('refuses letters and numbers too short or too long for a line', () => {
    assert.equal(phoneProblem('+86 138 0013 8000', '13800138000'), null);
    assert.match(phoneProblem('138-CALL-ME', '138')!, /digits/);
    assert.match(phoneProblem('12', '12')!, /3 to 20 digits/);
    assert.match(phoneProblem('1'.repeat(21), '1'.repeat(21))!, /3 to 20 digits/);
  });

  it('reads what a Chinese input method types in full width as the ASCII digits and punctuation', () => {
    for (const [written, line] of [
      ['（０１０）６６００－１００２', '01066001002'],
      ['１３８\u30000013\u30008000', '13800138000'],
      ['＋８６ １３８ ００１３ ８０００', '13800138000'],
    ] as const) {
      assert.equal(normalisePhone(written), line, written);
      assert.equal(phoneProblem(written, normalisePhone(written)), null, written);
    }
  });
});

describe('emails, ID numbers, tags and names', () => {
  it('matches emails whatever their case and refuses what is not one', () => {
    assert.equal(normaliseEmail('  Zhang.San@Example.COM '), 'zhang.san@example.com');
    assert.equal(emailProblem('zhang.san@example.com'), null);
    for (const bad of ['zhang', 'a@b', '@example.com', 'a b@example.com']) assert.ok(emailProblem(bad), bad);
  });

  it('checks resident ID numbers, including the check character', () => {
    assert.equal(normaliseIdNumber('11010519491231002x'), '11010519491231002X');
    assert.equal(normaliseIdNumber(' 1101 0519 4912 3100 2X '), '11010519491231002X');
    assert.equal(idNumberProblem('11010519491231002X'), null);
    assert.equal(idNumberProblem('110101199003078515'), null);
    assert.equal(idNumberProblem('110105491231002'), null, 'the old 15-digit numbers');
    assert.match(idNumberProblem('110101199003078516')!, /check character/);
    assert.match(idNumberProblem('11010119900307851')!, /18 characters/);
    assert.match(idNumberProblem('ABC')!, /18 characters/);
  });

  it('collapses repeated tags and compares names without case', () => {
    assert.deepEqual(normaliseTags([' VIP', 'VIP', '投诉多', '', '投诉多 ']), ['VIP', '投诉多']);
    assert.equal(nameKey('Zhang San'), nameKey('ZHANG san'));
    assert.equal(nameKey('ＡＢＣ'), 'abc', 'full-width letters as typed on a Chinese keyboard');
  });
});

describe('masking', () => {
  it('masks phone numbers the way call centres print them', () => {
    assert.equal(maskPhone('13800138000'), '138****8000');
    assert.equal(maskPhone('01012345678'), '010****5678');
    assert.equal(maskPhone('075588886666'), '075*****6666');
    assert.equal(maskPhone('12345678'), '12***678');
    assert.equal(maskPhone('95598'), '***98');
    assert.equal(maskPhone('110'), '***');
  });

  it('masks emails, ID numbers and external ids, never showing the whole value', () => {
    assert.equal(maskIdentity('email', 'zhang.san@example.com'), 'z***@example.com');
    assert.equal(maskIdentity('id_card', '11010519491231002X'), '110***********002X');
    assert.equal(maskIdentity('external', 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o'), 'oU****6o');
    assert.equal(maskIdentity('external', 'A123'), '****');
    for (const [kind, value] of [
      ['phone', '13800138000'],
      ['email', 'a@example.com'],
      ['id_card', '110101199003078515'],
      ['external', 'ACC-0001'],
    ] as const) {
      assert.notEqual(maskIdentity(kind, value), value, `${kind} ${value}`);
    }
  });
});

describe('who sees personal data', () => {
  it('shows phone numbers, emails and external ids in full to admin, supervisor and agent only', () => {
    for (const role of ROLES) {
      const full = role === 'admin' || role === 'supervisor' || role === 'agent';
      for (const kind of ['phone', 'email', 'external'] as const) assert.equal(seesInFull(role, kind), full, `${role} ${kind}`);
      assert.equal(seesInFull(role, 'id_card'), false, `${role} never sees ID numbers unmasked in reads`);
    }
  });

  it('lets a handler unmask phone numbers and emails, the call centre everything, an auditor nothing', () => {
    const expected = {
      admin: ['phone', 'email', 'external', 'id_card'],
      supervisor: ['phone', 'email', 'external', 'id_card'],
      agent: ['phone', 'email', 'external', 'id_card'],
      handler: ['phone', 'email'],
      auditor: [],
    } as const;
    for (const role of ROLES) {
      for (const kind of ['phone', 'email', 'external', 'id_card'] as const) {
        assert.equal(mayUnmask(role, kind), (expected[role] as readonly string[]).includes(kind), `${role} ${kind}`);
      }
    }
  });

  it('keeps editing with the call centre, merging with supervisors, deleting and the audit trail with admins', () => {
    assert.deepEqual(ROLES.filter(mayEditCustomers), ['admin', 'supervisor', 'agent']);
    assert.deepEqual(ROLES.filter(mayMergeCustomers), ['admin', 'supervisor']);
    assert.deepEqual(ROLES.filter(mayDeleteCustomers), ['admin']);
    assert.deepEqual(ROLES.filter(mayReadAuditLog), ['admin', 'auditor']);
  });
});
