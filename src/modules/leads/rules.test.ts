import { describe, expect, it } from 'vitest';
import { canConvertLead, canMoveLead } from './rules.js';
import type { LeadStatus } from './tables.js';

const all: LeadStatus[] = ['new', 'in_work', 'qualified', 'converted', 'junk'];

describe('lead status moves', () => {
  it('walks forward new → in work → qualified', () => {
    expect(canMoveLead('new', 'in_work')).toBe(true);
    expect(canMoveLead('in_work', 'qualified')).toBe(true);
  });

  it('marks junk from any open status', () => {
    for (const from of ['new', 'in_work', 'qualified'] as const)
      expect(canMoveLead(from, 'junk')).toBe(true);
  });

  it('never reaches converted by hand', () => {
    for (const from of all) expect(canMoveLead(from, 'converted')).toBe(false);
  });

  it('never leaves converted', () => {
    for (const to of all) expect(canMoveLead('converted', to)).toBe(false);
  });

  it('reopens junk only as new', () => {
    expect(canMoveLead('junk', 'new')).toBe(true);
    expect(canMoveLead('junk', 'qualified')).toBe(false);
    expect(canMoveLead('junk', 'in_work')).toBe(false);
  });

  it('lets a qualified lead go back to work but not to new', () => {
    expect(canMoveLead('qualified', 'in_work')).toBe(true);
    expect(canMoveLead('qualified', 'new')).toBe(false);
  });

  it('treats staying in an open status as allowed', () => {
    expect(canMoveLead('in_work', 'in_work')).toBe(true);
  });

  it('converts open leads only', () => {
    expect(all.filter(canConvertLead)).toEqual(['new', 'in_work', 'qualified']);
  });
});
