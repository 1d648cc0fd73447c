import { entities } from '@voronka/contract';
import { describe, expect, it } from 'vitest';
import {
  canAssignRole,
  completePermissions,
  defaultPermissions,
  slugBase,
  trialDaysLeft,
  trialEndFrom,
} from './rules.js';

const at = (iso: string) => new Date(iso);

describe('trial', () => {
  it('ends seven days after sign-up', () => {
    expect(trialEndFrom(at('2026-11-27T10:00:00Z')).toISOString()).toBe('2026-12-04T10:00:00.000Z');
  });
  it('counts a started day as a day left', () => {
    const ends = at('2026-12-04T10:00:00Z');
    expect(trialDaysLeft(ends, at('2026-11-27T10:00:00Z'))).toBe(7);
    expect(trialDaysLeft(ends, at('2026-12-03T04:00:00Z'))).toBe(2);
    expect(trialDaysLeft(ends, at('2026-12-04T09:59:00Z'))).toBe(1);
  });
  it('never counts below zero once ended', () => {
    expect(trialDaysLeft(at('2026-12-04T10:00:00Z'), at('2027-01-01T00:00:00Z'))).toBe(0);
  });
});

describe('default permission matrix', () => {
  it('gives the owner every right on every entity', () => {
    const m = defaultPermissions('owner');
    for (const e of entities)
      expect(m[e]).toEqual({
        read: true,
        create: true,
        update: true,
        delete: true,
        export: true,
        visibility: 'all',
      });
  });
  it("keeps the assistant from deleting and exporting, as the brief's assistant", () => {
    const m = defaultPermissions('assistant');
    for (const e of ['companies', 'contacts', 'deals'] as const)
      expect(m[e]).toMatchObject({ read: true, delete: false, export: false });
  });
  it('lets a manager see only their own clients and a head their team', () => {
    expect(defaultPermissions('manager').deals.visibility).toBe('own');
    expect(defaultPermissions('head').deals.visibility).toBe('team');
  });
  it('reserves editing the matrix to the owner', () => {
    expect(defaultPermissions('admin').roles.update).toBe(false);
  });
  it("fills entities missing from a stored matrix with the role's defaults", () => {
    const stored = { audit: defaultPermissions('owner').audit };
    const full = completePermissions('manager', stored);
    expect(full.audit.read).toBe(true);
    expect(full.deals).toEqual(defaultPermissions('manager').deals);
  });
});

describe('owner role assignment', () => {
  it('is for owners only', () => {
    expect(canAssignRole('owner', 'manager', 'owner')).toBe(true);
    expect(canAssignRole('admin', 'manager', 'owner')).toBe(false);
    expect(canAssignRole('admin', 'owner', 'manager')).toBe(false);
    expect(canAssignRole('admin', 'manager', 'head')).toBe(true);
  });
});

describe('workspace slug', () => {
  it('transliterates Russian company names', () => {
    expect(slugBase('ООО «Ромашка»')).toBe('ooo-romashka');
    expect(slugBase('Щука и Ёж')).toBe('shuka-i-yozh');
  });
  it('falls back when nothing is left', () => {
    expect(slugBase('«»')).toBe('workspace');
  });
});
