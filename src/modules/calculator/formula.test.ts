import { describe, expect, it } from 'vitest';
import { evaluateFormula, FormulaError, parseFormula } from './formula.js';

const names = new Set(['area', 'rooms', 'urgent']);
const run = (src: string, vars: Record<string, number> = {}) =>
  evaluateFormula(parseFormula(src, names), new Map(Object.entries(vars)));
const refused = (src: string, reason: RegExp) =>
  expect(() => parseFormula(src, names)).toThrow(reason);

describe('formulas', () => {
  it('computes arithmetic, comparisons and the allowed functions', () => {
    expect(run('area * 2 + rooms', { area: 40, rooms: 3 })).toBe(83);
    expect(run('if(urgent, area * 1.5, area)', { area: 10, urgent: 1 })).toBe(15);
    expect(run('if(urgent, area * 1.5, area)', { area: 10, urgent: 0 })).toBe(10);
    expect(run('max(min(area, 100), 20)', { area: 5 })).toBe(20);
    expect(run('ceil(area / 3)', { area: 10 })).toBe(4);
    expect(run('floor(area / 3)', { area: 10 })).toBe(3);
    expect(run('round(2.345, 2)')).toBe(2.35);
    expect(run('round(2.5)')).toBe(3);
    expect(run('area > 10 && rooms <= 2', { area: 11, rooms: 2 })).toBe(1);
    expect(run('!urgent')).toBe(1);
  });

  it('refuses what is not arithmetic over known names', () => {
    refused('constructor', /unknown name: constructor/);
    refused('__proto__', /unknown name/);
    refused('area.constructor', /MemberExpression/);
    refused('area["constructor"]', /MemberExpression/);
    refused('this', /ThisExpression/);
    refused('"text"', /only numbers/);
    refused('[1, 2]', /ArrayExpression/);
    refused('area ? 1 : 2', /not allowed|cannot read/);
    refused('2 ** 999', /operator not allowed: \*\*/);
    refused('2 ^ 3', /operator not allowed/);
    refused('area = 1', /not allowed|cannot read/);
    refused('eval(1)', /unknown function/);
    refused('Function(1)', /unknown function/);
    refused('1e400', /only numbers/);
    refused('area, rooms', /Compound/);
  });

  it('bounds size and depth', () => {
    refused('1+'.repeat(300) + '1', /at most 500 characters/);
    refused('min('.repeat(13) + '1' + ')'.repeat(13), /nested more than 12/);
    refused('1' + '+1'.repeat(150), /nested|terms/);
  });

  it('fails on division by zero and on results out of range, not with Infinity', () => {
    expect(() => run('area / rooms', { area: 1, rooms: 0 })).toThrow(FormulaError);
    expect(() => run('area * area * area', { area: 1e9 })).toThrow(/out of range/);
  });
});
