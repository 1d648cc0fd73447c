import {
  documentMoney,
  quantityMilli,
  unitOf,
  type CalcInput,
  type CalcValues,
  type CalculatorDefinition,
  type Estimate,
  type EstimateLine,
  type LineInput,
} from '@voronka/contract';
import { evaluateFormula, FormulaError, parseFormula, type Formula } from './formula.js';

// A calculator's definition checked once (every formula parsed against the names it may use), and
// its evaluation: the visitor's values → an itemised estimate priced from the catalog, with the
// money computed by the same documentMoney the deal card and documents use. Pure: the caller
// hands in the catalog items the definition names.

export type CatalogItem = {
  name: string;
  okei: string;
  vatRate: number | null;
  priceKopecks: number;
  costKopecks: number | null;
};
export type FieldProblem = { field: string; reason: string };

export class DefinitionError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}
export class ValuesError extends Error {
  constructor(readonly errors: FieldProblem[]) {
    super(`${errors[0]!.field}: ${errors[0]!.reason}`);
  }
}

export type Compiled = {
  def: CalculatorDefinition;
  formulas: Map<string, Formula>; // by the field path they were written in
};

/** The names formulas may use: every input's key and, for choices, `<key>_<option>` flags. */
export function formulaNames(def: CalculatorDefinition): Set<string> {
  const names = new Set<string>();
  for (const input of def.inputs) {
    names.add(input.key);
    for (const o of input.options ?? []) names.add(`${input.key}_${o.value}`);
  }
  return names;
}

/** Check a definition: unique keys, known sections, bounds, options, every formula. */
export function compileDefinition(def: CalculatorDefinition): Compiled {
  const names = formulaNames(def);
  const formulas = new Map<string, Formula>();
  const parse = (path: string, src: string | undefined) => {
    if (src === undefined) return;
    try {
      formulas.set(path, parseFormula(src, names));
    } catch (err) {
      if (err instanceof FormulaError) throw new DefinitionError(path, err.message);
      throw err;
    }
  };
  const sections = new Set(def.sections.map((s) => s.key));
  if (sections.size !== def.sections.length)
    throw new DefinitionError('definition.sections', 'section keys must be unique');
  const seen = new Set<string>();
  def.inputs.forEach((input, i) => {
    const at = `definition.inputs.${i}`;
    if (seen.has(input.key)) throw new DefinitionError(`${at}.key`, 'input keys must be unique');
    seen.add(input.key);
    if (input.section && !sections.has(input.section))
      throw new DefinitionError(`${at}.section`, 'no such section');
    if (input.min !== undefined && input.max !== undefined && input.min > input.max)
      throw new DefinitionError(`${at}.min`, 'min is above max');
    const choice = input.type === 'select' || input.type === 'multiselect';
    if (choice && !input.options?.length)
      throw new DefinitionError(`${at}.options`, 'a choice needs options');
    if (!choice && input.options?.length)
      throw new DefinitionError(`${at}.options`, 'only a choice has options');
    if (input.type === 'range' && (input.min === undefined || input.max === undefined))
      throw new DefinitionError(`${at}.max`, 'a range needs min and max');
    if ((input.productId || input.quantity) && (choice || input.type === 'date'))
      throw new DefinitionError(`${at}.productId`, 'bind the options of a choice instead');
    const values = new Set<string>();
    input.options?.forEach((o, j) => {
      if (values.has(o.value))
        throw new DefinitionError(`${at}.options.${j}.value`, 'option values must be unique');
      values.add(o.value);
      parse(`${at}.options.${j}.quantity`, o.quantity);
    });
    parse(`${at}.quantity`, input.quantity);
    parse(`${at}.visibleIf`, input.visibleIf);
  });
  def.lines.forEach((line, i) => {
    parse(`definition.lines.${i}.quantity`, line.quantity);
    parse(`definition.lines.${i}.when`, line.when);
  });
  return { def, formulas };
}

/** Every catalog item a definition names (inputs, options, formula lines). */
export function productIdsOf(def: CalculatorDefinition): string[] {
  const ids = new Set<string>();
  for (const input of def.inputs) {
    if (input.productId) ids.add(input.productId);
    for (const o of input.options ?? []) if (o.productId) ids.add(o.productId);
  }
  for (const l of def.lines) ids.add(l.productId);
  return [...ids];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY = 86_400_000;

type Read = { value: number; chosen: Set<string> };

// One input's value, checked against its definition; missing → its default (or min, or nothing).
function readValue(input: CalcInput, raw: unknown, today: number): Read | FieldProblem {
  const field = `values.${input.key}`;
  const given = raw ?? input.default;
  const none: Read = { value: 0, chosen: new Set() };
  switch (input.type) {
    case 'number':
    case 'range': {
      const v = given ?? input.min;
      if (v === undefined || v === '') return input.required ? { field, reason: 'required' } : none;
      if (typeof v !== 'number' || !Number.isFinite(v)) return { field, reason: 'a number' };
      if (input.min !== undefined && v < input.min)
        return { field, reason: `at least ${input.min}` };
      if (input.max !== undefined && v > input.max)
        return { field, reason: `at most ${input.max}` };
      if (Math.abs(v) > 1e9) return { field, reason: 'out of range' };
      return { value: v, chosen: new Set() };
    }
    case 'checkbox':
      if (given !== undefined && typeof given !== 'boolean')
        return { field, reason: 'true or false' };
      if (input.required && given !== true) return { field, reason: 'must be checked' };
      return { value: given === true ? 1 : 0, chosen: new Set() };
    case 'select':
    case 'multiselect': {
      const list =
        given === undefined || given === '' ? [] : Array.isArray(given) ? given : [given];
      if (input.type === 'select' && list.length > 1) return { field, reason: 'one option' };
      const options = new Set((input.options ?? []).map((o) => o.value));
      for (const v of list)
        if (typeof v !== 'string' || !options.has(v))
          return { field, reason: `one of: ${[...options].join(', ')}` };
      if (input.required && !list.length) return { field, reason: 'required' };
      return { value: list.length, chosen: new Set(list as string[]) };
    }
    case 'date': {
      if (given === undefined || given === '')
        return input.required ? { field, reason: 'required' } : none;
      if (typeof given !== 'string' || !DATE.test(given) || Number.isNaN(Date.parse(given)))
        return { field, reason: 'a date YYYY-MM-DD' };
      // Formulas see a date as days from today (a rush surcharge: if(date < 3, 1, 0)).
      return { value: Math.round((Date.parse(given) - today) / DAY), chosen: new Set() };
    }
  }
}

// A formula's quantity → the decimal string money takes, rounded by the definition's rule.
function quantityOf(q: number, rounding: CalculatorDefinition['rounding'], field: string): string {
  if (q < 0) throw new ValuesError([{ field, reason: 'the quantity came out negative' }]);
  const r = rounding === 'up' ? Math.ceil(q - 1e-9) : rounding === 'nearest' ? Math.round(q) : q;
  const s = (Math.round(r * 1000) / 1000).toFixed(3).replace(/\.?0+$/, '');
  try {
    quantityMilli(s);
  } catch {
    throw new ValuesError([{ field, reason: 'the quantity is out of range' }]);
  }
  return s;
}

const MINIMUM_NAME = 'Доплата до минимального заказа';

type State = {
  read: Map<string, Read>;
  visible: string[];
  run: (path: string) => number;
};

// The values read against their inputs, the formulas' names set, and which inputs show.
function readValues(compiled: Compiled, rawValues: CalcValues, today: number): State {
  const { def, formulas } = compiled;
  const known = new Set(def.inputs.map((i) => i.key));
  const errors: FieldProblem[] = [];
  for (const key of Object.keys(rawValues))
    if (!known.has(key)) errors.push({ field: `values.${key}`, reason: 'no such input' });
  const read = new Map<string, Read>();
  for (const input of def.inputs) {
    const given = Object.hasOwn(rawValues, input.key) ? rawValues[input.key] : undefined;
    const r = readValue(input, given, today);
    if ('reason' in r) errors.push(r);
    else read.set(input.key, r);
  }
  const vars = new Map<string, number>();
  const setVars = (input: CalcInput, r: Read | undefined) => {
    vars.set(input.key, r?.value ?? 0);
    for (const o of input.options ?? [])
      vars.set(`${input.key}_${o.value}`, r?.chosen.has(o.value) ? 1 : 0);
  };
  def.inputs.forEach((input) => setVars(input, read.get(input.key)));
  const run = (path: string) => {
    try {
      return evaluateFormula(formulas.get(path)!, vars);
    } catch (err) {
      if (err instanceof FormulaError)
        throw new ValuesError([{ field: path, reason: err.message }]);
      throw err;
    }
  };
  // Visibility in the inputs' order; a hidden input counts as empty for everything after it, and
  // what was wrong with its value does not matter.
  const visible: string[] = [];
  def.inputs.forEach((input, i) => {
    const shown = input.visibleIf === undefined || run(`definition.inputs.${i}.visibleIf`) !== 0;
    if (shown) visible.push(input.key);
    else setVars(input, undefined);
  });
  const problems = errors.filter((e) => {
    const key = e.field.slice('values.'.length);
    return !known.has(key) || visible.includes(key);
  });
  if (problems.length) throw new ValuesError(problems);
  return { read, visible, run };
}

type Picked = { productId: string; quantity: string; source: string };

// The catalog items the visible inputs, their chosen options and the formula lines order.
function pickLines(
  def: CalculatorDefinition,
  state: State,
  catalog: ReadonlyMap<string, CatalogItem>,
): Picked[] {
  const { read, visible, run } = state;
  const picked: Picked[] = [];
  const add = (productId: string | undefined, q: number, source: string, field: string) => {
    if (!productId || !catalog.has(productId)) return;
    const quantity = quantityOf(q, def.rounding, field);
    if (quantity !== '0') picked.push({ productId, quantity, source });
  };
  def.inputs.forEach((input, i) => {
    if (!visible.includes(input.key)) return;
    const at = `definition.inputs.${i}`;
    const field = `values.${input.key}`;
    const r = read.get(input.key)!;
    if (input.productId)
      add(input.productId, input.quantity ? run(`${at}.quantity`) : r.value, input.key, field);
    input.options?.forEach((o, j) => {
      if (!r.chosen.has(o.value)) return;
      add(o.productId, o.quantity ? run(`${at}.options.${j}.quantity`) : 1, input.key, field);
    });
  });
  def.lines.forEach((line, i) => {
    const at = `definition.lines.${i}`;
    if (line.when !== undefined && run(`${at}.when`) === 0) return;
    add(line.productId, run(`${at}.quantity`), `line:${i}`, `${at}.quantity`);
  });
  return picked;
}

type Priced = Omit<EstimateLine, 'totalKopecks' | 'vatKopecks'>;

function pricedLine(p: Picked, item: CatalogItem): Priced {
  return {
    productId: p.productId,
    name: item.name,
    okei: item.okei,
    unit: unitOf(item.okei)?.symbol ?? item.okei,
    quantity: p.quantity,
    priceKopecks: item.priceKopecks,
    vatRate: item.vatRate,
    source: p.source,
    // quantity × cost, rounded half up to the kopeck (as the deal lines' cost).
    costKopecks:
      item.costKopecks === null
        ? null
        : Number((quantityMilli(p.quantity) * BigInt(item.costKopecks) * 2n + 1000n) / 2000n),
  };
}

// Below the minimum order: one top-up line makes the total reach it (VAT as the first line's).
function minimumTopUp(def: CalculatorDefinition, lines: Priced[], total: number): Priced {
  const rate = lines[0]!.vatRate;
  const gap = def.minimumOrderKopecks - total;
  const price = def.vatMode === 'on_top' && rate ? Math.ceil((gap * 100) / (100 + rate)) : gap;
  return {
    productId: null,
    name: MINIMUM_NAME,
    okei: '796',
    unit: unitOf('796')?.symbol ?? 'шт',
    quantity: '1',
    priceKopecks: price,
    vatRate: rate,
    source: 'minimum',
    costKopecks: 0,
  };
}

/**
 * Evaluate a compiled calculator for the values. Throws ValuesError naming `values.<key>` for a
 * value outside its input's bounds, or the formula's field when it fails (division by zero…).
 * Lines whose item is missing from `catalog` (deactivated) are left out.
 */
export function evaluate(
  compiled: Compiled,
  rawValues: CalcValues,
  catalog: ReadonlyMap<string, CatalogItem>,
  opts: { withCost: boolean; today?: number },
): Estimate {
  const { def } = compiled;
  const today = opts.today ?? Date.parse(new Date().toISOString().slice(0, 10));
  const state = readValues(compiled, rawValues, today);
  const lines = pickLines(def, state, catalog).map((p) => pricedLine(p, catalog.get(p.productId)!));
  const moneyOf = () => documentMoney(lines as LineInput[], def.vatMode);
  let money = moneyOf();
  let minimumApplied = false;
  if (lines.length && money.totalKopecks < def.minimumOrderKopecks) {
    lines.push(minimumTopUp(def, lines, money.totalKopecks));
    money = moneyOf();
    minimumApplied = true;
  }
  const cost = lines.reduce<number | null>(
    (acc, l) => (acc === null || l.costKopecks == null ? null : acc + l.costKopecks),
    0,
  );
  const margin = cost === null || !lines.length ? null : money.netKopecks - cost;
  return {
    vatMode: def.vatMode,
    lines: lines.map(({ costKopecks, ...rest }, i) => ({
      ...rest,
      totalKopecks: money.lines[i]!.totalKopecks,
      vatKopecks: money.lines[i]!.vatKopecks,
      ...(opts.withCost ? { costKopecks } : {}),
    })),
    visible: state.visible,
    totals: {
      netKopecks: money.netKopecks,
      vatKopecks: money.vatKopecks,
      totalKopecks: money.totalKopecks,
      vatByRate: money.vatByRate,
      ...(opts.withCost ? { costKopecks: cost, marginKopecks: margin } : {}),
    },
    minimumOrderKopecks: def.minimumOrderKopecks,
    minimumApplied,
  };
}
