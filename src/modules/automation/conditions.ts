import type {
  AutomationCheck,
  AutomationCondition,
  AutomationConditions,
  Deal,
} from '@voronka/contract';

// What a rule's conditions and texts read: the deal and the names around it. Pure: no database.
export type Facts = {
  deal: Deal;
  stageName: string;
  ruleName: string;
};

export function valueAt(facts: Facts, path: string): unknown {
  const [root, field, key] = path.split('.');
  if (root !== 'deal' || !field) return undefined;
  if (field === 'custom') return key ? facts.deal.custom[key] : undefined;
  return (facts.deal as Record<string, unknown>)[field];
}

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

const asNumber = (v: unknown): number | null => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
};

const lower = (v: unknown) => String(v ?? '').toLocaleLowerCase('ru');

function compare(actual: unknown, op: AutomationCondition['op'], expected: unknown): boolean {
  switch (op) {
    case 'empty':
      return isEmpty(actual);
    case 'not_empty':
      return !isEmpty(actual);
    case 'contains':
      return Array.isArray(actual)
        ? actual.some((a) => lower(a) === lower(expected))
        : lower(actual).includes(lower(expected));
    case 'eq':
    case 'ne': {
      const same = Array.isArray(actual)
        ? actual.some((a) => lower(a) === lower(expected))
        : asNumber(actual) !== null && asNumber(expected) !== null
          ? asNumber(actual) === asNumber(expected)
          : lower(actual) === lower(expected);
      return op === 'eq' ? same : !same;
    }
    default: {
      // Numbers compare as numbers, dates (YYYY-MM-DD, ISO instants) as strings of one shape.
      const a = asNumber(actual);
      const e = asNumber(expected);
      const [x, y] = a !== null && e !== null ? [a, e] : [String(actual ?? ''), String(expected)];
      if (actual === null || actual === undefined) return false;
      if (op === 'gt') return x > y;
      if (op === 'gte') return x >= y;
      if (op === 'lt') return x < y;
      return x <= y;
    }
  }
}

export function check(facts: Facts, c: AutomationCondition): AutomationCheck {
  const actual = valueAt(facts, c.path);
  return {
    path: c.path,
    op: c.op,
    expected: c.value ?? null,
    actual: actual ?? null,
    held: compare(actual, c.op, c.value),
  };
}

// Every condition is checked (the run log shows each with the value seen), then combined.
export function evaluate(
  facts: Facts,
  conditions: AutomationConditions,
): { held: boolean; checks: AutomationCheck[] } {
  const checks: AutomationCheck[] = [];
  const results = conditions.items.map((item) => {
    if ('mode' in item) {
      const inner = item.items.map((c) => check(facts, c));
      checks.push(...inner);
      const held = inner.map((c) => c.held);
      return item.mode === 'all' ? held.every(Boolean) : held.some(Boolean);
    }
    const one = check(facts, item);
    checks.push(one);
    return one.held;
  });
  const held =
    conditions.mode === 'all'
      ? results.every(Boolean)
      : results.length === 0 || results.some(Boolean);
  return { held, checks };
}

const amount = (kopecks: number, currency: string) =>
  `${new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 }).format(kopecks / 100)} ${currency === 'RUB' ? '₽' : currency}`;

// {{deal.title}} and friends: substitution over a fixed list, never code. An unknown name is left
// as written so the author sees it in the run log.
export function fill(text: string, facts: Facts): string {
  const vars: Record<string, string> = {
    'deal.title': facts.deal.title,
    'deal.amount': amount(facts.deal.amount, facts.deal.currency),
    'company.name': facts.deal.companyName ?? '',
    'stage.name': facts.stageName,
    'rule.name': facts.ruleName,
  };
  return text.replace(/\{\{\s*([a-z.]+)\s*\}\}/g, (all, name: string) => vars[name] ?? all);
}
