import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.js';
import {
  assertRequisites,
  bikProblem,
  corrAccountProblem,
  innProblem,
  kppProblem,
  ogrnProblem,
  requisiteProblems,
  settlementAccountProblem,
  withAccountKey,
  withInnCheck,
  withOgrnCheck,
} from './requisites.js';

// Real published requisites: Sberbank, Yandex, Alfa-Bank, and banks' BIK + correspondent accounts.
const sber = {
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  bik: '044525225',
  corrAccount: '30101810400000000225',
};

describe('INN', () => {
  it.each(['7707083893', '7736207543', '7728168971'])('accepts the organisation INN %s', (inn) =>
    expect(innProblem(inn)).toBeNull(),
  );
  it.each(['500100732259', '773612345650'])('accepts the entrepreneur INN %s', (inn) =>
    expect(innProblem(inn)).toBeNull(),
  );
  it.each(['7707083894', '7736207540', '1234567890'])(
    'refuses the organisation INN %s with a wrong check digit',
    (inn) => expect(innProblem(inn)).toMatch(/check digit/),
  );
  it.each(['500100732258', '500100732249', '123456789012'])(
    'refuses the entrepreneur INN %s with a wrong check digit',
    (inn) => expect(innProblem(inn)).toMatch(/check digits/),
  );
  it.each(['770708389', '77070838931', '7707O83893', '', '77070838 3'])(
    'refuses %j for its shape',
    (inn) => expect(innProblem(inn)).toMatch(/10 digits/),
  );
});

describe('KPP', () => {
  it.each(['773601001', '770201001', '7736AB001'])('accepts %s', (kpp) =>
    expect(kppProblem(kpp)).toBeNull(),
  );
  it.each(['77360100', '7736010011', '7736ab001', 'A73601001', '773601 01'])('refuses %j', (kpp) =>
    expect(kppProblem(kpp)).toMatch(/9 characters/),
  );
});

describe('OGRN and OGRNIP', () => {
  it.each(['1027700132195', '1027700229193', '1027700067328'])('accepts the OGRN %s', (ogrn) =>
    expect(ogrnProblem(ogrn)).toBeNull(),
  );
  it('accepts a valid OGRNIP (15 digits, mod 13)', () =>
    expect(ogrnProblem('304500116000157')).toBeNull());
  it.each(['1027700132194', '1027700229190', '304500116000158'])(
    'refuses %s with a wrong check digit',
    (ogrn) => expect(ogrnProblem(ogrn)).toMatch(/check digit/),
  );
  it.each(['102770013219', '10277001321950', '1027700I32195'])('refuses %j for its shape', (ogrn) =>
    expect(ogrnProblem(ogrn)).toMatch(/13 digits/),
  );
});

describe('BIK and bank accounts', () => {
  it.each(['044525225', '044525974'])('accepts the BIK %s', (bik) =>
    expect(bikProblem(bik)).toBeNull(),
  );
  it.each(['04452522', '0445252250', '04452522X'])('refuses the BIK %j', (bik) =>
    expect(bikProblem(bik)).toMatch(/9 digits/),
  );

  it.each([
    ['044525225', '30101810400000000225'],
    ['044525593', '30101810200000000593'],
    ['044525187', '30101810700000000187'],
    ['044525974', '30101810145250000974'],
    ['044030653', '30101810500000000653'],
  ])('accepts the correspondent account of BIK %s', (bik, corr) =>
    expect(corrAccountProblem(corr, bik)).toBeNull(),
  );
  it('refuses a correspondent account of another bank', () =>
    expect(corrAccountProblem('30101810400000000225', '044030653')).toMatch(/control key/));
  it('refuses a correspondent account with one digit changed', () =>
    expect(corrAccountProblem('30101810400000000226', '044525225')).toMatch(/control key/));

  // Keys computed by hand with the 7-1-3 weights over BIK[-3:] + account.
  it.each(['40702810438000060473', '40702810200000000001'])(
    'accepts the settlement account %s at Sberbank',
    (acc) => expect(settlementAccountProblem(acc, '044525225')).toBeNull(),
  );
  it.each(['40702810938000060473', '40702810300000000001'])(
    'refuses the settlement account %s with a wrong key',
    (acc) => expect(settlementAccountProblem(acc, '044525225')).toMatch(/control key/),
  );
  it('checks only the shape of an account when no BIK is given', () => {
    expect(settlementAccountProblem('40702810938000060473')).toBeNull();
    expect(settlementAccountProblem('4070281093800006047')).toMatch(/20 digits/);
    expect(corrAccountProblem('3010181040000000022a', '044525225')).toMatch(/20 digits/);
  });
});

describe('a set of requisites', () => {
  it('passes a real company with its bank', () =>
    expect(requisiteProblems({ ...sber, settlementAccount: '40702810438000060473' })).toEqual([]));
  it('skips empty and missing fields', () =>
    expect(requisiteProblems({ inn: '', kpp: null })).toEqual([]));
  it('lists every problem in field order', () =>
    expect(
      requisiteProblems({
        ...sber,
        inn: '7707083894',
        settlementAccount: '40702810938000060473',
      }).map((p) => p.field),
    ).toEqual(['inn', 'settlementAccount']));
  it('throws a field error naming the first wrong field', () => {
    const err = (() => {
      try {
        assertRequisites({ ...sber, ogrn: '1027700132194' });
      } catch (e) {
        return e;
      }
    })() as DomainError;
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({
      code: 'company.invalid_requisite',
      field: 'ogrn',
      message: 'OGRN: check digit does not match',
    });
  });
});

describe('check-digit completion (generated requisites)', () => {
  it('completes the published requisites of Sberbank from their bodies', () => {
    expect(withInnCheck('770708389')).toBe('7707083893');
    expect(withInnCheck('5001007322')).toBe('500100732259');
    expect(withOgrnCheck('102770013219')).toBe('1027700132195');
    expect(withOgrnCheck('30450011600015')).toBe('304500116000157');
    expect(withAccountKey('30101810000000000225', '044525225', 'corrAccount')).toBe(
      '30101810400000000225',
    );
  });

  it('produces settlement accounts that pass against their BIK', () => {
    for (const bik of ['044525225', '046577674', '045004641']) {
      const account = withAccountKey('40702810000000012345', bik, 'settlementAccount');
      expect(requisiteProblems({ bik, settlementAccount: account })).toEqual([]);
    }
  });
});
