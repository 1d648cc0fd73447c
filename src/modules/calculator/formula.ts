import jsep from 'jsep';

// Formulas of a calculator: parsed by jsep (a parser only: it never runs anything) into a tree that
// this file checks and evaluates itself. Nothing reaches JavaScript's eval or Function, no property
// is ever read from an object (member access, `this`, arrays and strings are refused when the
// formula is saved), names are looked up in a Map (so `constructor` or `__proto__` are just unknown
// names), and every intermediate result must be a finite number within ±1e12.

export const FORMULA_MAX_LENGTH = 500;
export const FORMULA_MAX_DEPTH = 12;
export const FORMULA_MAX_NODES = 200;
const LIMIT = 1e12;

export class FormulaError extends Error {}

type Node = jsep.Expression;
export type Formula = { source: string; tree: Node };

const BINARY = new Set(['+', '-', '*', '/', '%', '<', '<=', '>', '>=', '==', '!=', '&&', '||']);
const UNARY = new Set(['-', '+', '!']);
// name → [min args, max args]
const FUNCTIONS = new Map<string, [number, number]>([
  ['min', [1, 20]],
  ['max', [1, 20]],
  ['round', [1, 2]],
  ['ceil', [1, 1]],
  ['floor', [1, 1]],
  ['if', [3, 3]],
  ['abs', [1, 1]],
]);
export const formulaFunctions = [...FUNCTIONS.keys()];

/**
 * Parse and check a formula against the names it may use. Throws FormulaError with a reason a
 * person can act on (the caller names the field).
 */
export function parseFormula(source: string, names: ReadonlySet<string>): Formula {
  if (source.length > FORMULA_MAX_LENGTH)
    throw new FormulaError(`at most ${FORMULA_MAX_LENGTH} characters`);
  if (!source.trim()) throw new FormulaError('empty formula');
  let tree: Node;
  try {
    tree = jsep(source);
  } catch (err) {
    throw new FormulaError(`cannot read the formula: ${(err as Error).message}`);
  }
  let nodes = 0;
  const check = (n: Node, depth: number): void => {
    nodes += 1;
    if (nodes > FORMULA_MAX_NODES) throw new FormulaError(`at most ${FORMULA_MAX_NODES} terms`);
    if (depth > FORMULA_MAX_DEPTH)
      throw new FormulaError(`nested more than ${FORMULA_MAX_DEPTH} levels deep`);
    switch (n.type) {
      case 'Literal': {
        const v = (n as jsep.Literal).value;
        if (typeof v === 'boolean') return;
        if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > LIMIT)
          throw new FormulaError(`only numbers up to ${LIMIT} are allowed: ${String(n.raw)}`);
        return;
      }
      case 'Identifier': {
        const name = (n as jsep.Identifier).name;
        if (!names.has(name)) throw new FormulaError(`unknown name: ${name}`);
        return;
      }
      case 'BinaryExpression': {
        const b = n as jsep.BinaryExpression;
        if (!BINARY.has(b.operator)) throw new FormulaError(`operator not allowed: ${b.operator}`);
        check(b.left, depth + 1);
        check(b.right, depth + 1);
        return;
      }
      case 'UnaryExpression': {
        const u = n as jsep.UnaryExpression;
        if (!UNARY.has(u.operator)) throw new FormulaError(`operator not allowed: ${u.operator}`);
        check(u.argument, depth + 1);
        return;
      }
      case 'CallExpression': {
        const c = n as jsep.CallExpression;
        const name = c.callee.type === 'Identifier' ? (c.callee as jsep.Identifier).name : '';
        const arity = FUNCTIONS.get(name);
        if (!arity)
          throw new FormulaError(`unknown function; allowed: ${formulaFunctions.join(', ')}`);
        if (c.arguments.length < arity[0] || c.arguments.length > arity[1])
          throw new FormulaError(`${name} takes ${arity[0]}–${arity[1]} arguments`);
        for (const a of c.arguments) check(a, depth + 1);
        return;
      }
      default:
        throw new FormulaError(`not allowed in a formula: ${n.type}`);
    }
  };
  check(tree, 1);
  return { source, tree };
}

const bounded = (v: number): number => {
  if (!Number.isFinite(v) || Math.abs(v) > LIMIT)
    throw new FormulaError(`a result is out of range (±${LIMIT})`);
  return v;
};
const num = (v: number | boolean) => (typeof v === 'boolean' ? (v ? 1 : 0) : v);
const truthy = (v: number | boolean) => num(v) !== 0;

function roundTo(x: number, digits: number): number {
  const d = Math.max(0, Math.min(6, Math.trunc(digits)));
  const f = 10 ** d;
  return (Math.sign(x) * Math.round(Math.abs(x) * f)) / f;
}

/** Evaluate a checked formula. Names missing from `vars` count as 0. Throws FormulaError. */
export function evaluateFormula(f: Formula, vars: ReadonlyMap<string, number>): number {
  const ev = (n: Node): number | boolean => {
    switch (n.type) {
      case 'Literal':
        return (n as jsep.Literal).value as number | boolean;
      case 'Identifier':
        return vars.get((n as jsep.Identifier).name) ?? 0;
      case 'UnaryExpression': {
        const u = n as jsep.UnaryExpression;
        const a = ev(u.argument);
        return u.operator === '!' ? !truthy(a) : u.operator === '-' ? -num(a) : num(a);
      }
      case 'BinaryExpression': {
        const b = n as jsep.BinaryExpression;
        if (b.operator === '&&') return truthy(ev(b.left)) && truthy(ev(b.right));
        if (b.operator === '||') return truthy(ev(b.left)) || truthy(ev(b.right));
        const l = num(ev(b.left));
        const r = num(ev(b.right));
        switch (b.operator) {
          case '+':
            return bounded(l + r);
          case '-':
            return bounded(l - r);
          case '*':
            return bounded(l * r);
          case '/':
            if (r === 0) throw new FormulaError('division by zero');
            return bounded(l / r);
          case '%':
            if (r === 0) throw new FormulaError('division by zero');
            return bounded(l % r);
          case '<':
            return l < r;
          case '<=':
            return l <= r;
          case '>':
            return l > r;
          case '>=':
            return l >= r;
          case '==':
            return l === r;
          case '!=':
            return l !== r;
        }
        throw new FormulaError(`operator not allowed: ${b.operator}`);
      }
      case 'CallExpression': {
        const c = n as jsep.CallExpression;
        const name = (c.callee as jsep.Identifier).name;
        if (name === 'if')
          return truthy(ev(c.arguments[0]!)) ? ev(c.arguments[1]!) : ev(c.arguments[2]!);
        const args = c.arguments.map((a) => num(ev(a)));
        switch (name) {
          case 'min':
            return Math.min(...args);
          case 'max':
            return Math.max(...args);
          case 'round':
            return roundTo(args[0]!, args[1] ?? 0);
          case 'ceil':
            return Math.ceil(args[0]!);
          case 'floor':
            return Math.floor(args[0]!);
          case 'abs':
            return Math.abs(args[0]!);
        }
        throw new FormulaError(`unknown function: ${name}`);
      }
    }
    throw new FormulaError(`not allowed in a formula: ${n.type}`);
  };
  return bounded(num(ev(f.tree)));
}
