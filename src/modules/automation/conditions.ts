import type {
  AutomationCheck,
  AutomationCondition,
  AutomationConditions,
  Deal,
  Lead,
  Task,
} from '@voronka/contract';
import { DomainError } from '../../platform/errors.js';
import {
  checkTemplate,
  renderTemplateSync,
  TemplateProblem,
} from '../../platform/templates/liquid.js';

// What a rule's conditions and texts read: the record the event was about, the deal it belongs to
// (when there is one) and the names around them. Pure: no database.
export type InvoiceFacts = {
  id: string;
  number: string | null;
  totalKopecks: number;
  status: string;
  dueDate: string | null;
  ownerId: string | null;
  companyId: string | null;
  dealId: string | null;
  buyerName: string | null;
};
export type BookingFacts = {
  id: string;
  meetingTypeId: string;
  hostId: string;
  startsAt: string;
  status: string;
  name: string;
  phone: string;
  email: string;
  contactId: string | null;
  leadId: string | null;
};
export type EventFacts = Record<string, string | number | boolean | null>;
export type Facts = {
  ruleName: string;
  deal: Deal | null;
  stageName: string;
  lead?: Lead | null;
  task?: Task | null;
  invoice?: InvoiceFacts | null;
  booking?: BookingFacts | null;
  event?: EventFacts;
};

export function valueAt(facts: Facts, path: string): unknown {
  const [root, field, key] = path.split('.');
  if (!field) return undefined;
  if (root === 'event') return facts.event?.[field];
  if (root === 'invoice' && field === 'amount') return facts.invoice?.totalKopecks;
  const record = (
    {
      deal: facts.deal,
      lead: facts.lead,
      task: facts.task,
      invoice: facts.invoice,
      booking: facts.booking,
    } as Record<string, unknown>
  )[root ?? ''] as Record<string, unknown> | null | undefined;
  if (!record) return undefined;
  if (field === 'custom')
    return key ? (record.custom as Record<string, unknown>)?.[key] : undefined;
  return record[field];
}

// Who "the owner" of the event's record is: the deal's owner, else the request's assignee, the
// task's owner, the invoice's owner, the booking's host.
export function ownerOf(facts: Facts): string | null {
  return (
    facts.deal?.ownerId ??
    facts.lead?.assigneeId ??
    facts.task?.ownerId ??
    facts.invoice?.ownerId ??
    facts.booking?.hostId ??
    null
  );
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

// {{deal.title}} and friends, rendered by messaging's sandboxed Liquid engine over a fixed list of
// names (never code, no prototype reachable). A bare name that is not on the list is left as
// written so the author sees it in the run log; a text that is not valid Liquid is refused.
const ROOTS = [
  'deal',
  'company',
  'client',
  'stage',
  'rule',
  'lead',
  'invoice',
  'task',
  'booking',
  'event',
] as const;

function textVars(facts: Facts): Record<string, string> {
  const d = facts.deal;
  const when = facts.booking
    ? new Intl.DateTimeFormat('ru-RU', {
        dateStyle: 'short',
        timeStyle: 'short',
        timeZone: 'Europe/Moscow',
      }).format(new Date(facts.booking.startsAt))
    : '';
  return {
    'deal.title': d?.title ?? '',
    'deal.amount': d ? amount(d.amount, d.currency) : '',
    'company.name': d?.companyName ?? facts.lead?.companyName ?? '',
    'client.name':
      d?.companyName ??
      facts.lead?.contactName ??
      facts.booking?.name ??
      facts.invoice?.buyerName ??
      '',
    'stage.name': facts.stageName,
    'rule.name': facts.ruleName,
    'lead.title': facts.lead?.title ?? '',
    'invoice.number': facts.invoice?.number ?? '',
    'invoice.amount': facts.invoice ? amount(facts.invoice.totalKopecks, 'RUB') : '',
    'task.title': facts.task?.title ?? '',
    'booking.start': when,
  };
}

const PATHS = new Set([
  'deal.title',
  'deal.amount',
  'company.name',
  'client.name',
  'stage.name',
  'rule.name',
  'lead.title',
  'invoice.number',
  'invoice.amount',
  'task.title',
  'booking.start',
]);
const known = (path: string) => PATHS.has(path) || /^event\.[A-Za-z_]\w*$/.test(path);

export function fill(text: string, facts: Facts): string {
  const vars = textVars(facts);
  const data: Record<string, Record<string, string>> = {};
  for (const root of ROOTS) data[root] = {};
  for (const [path, value] of Object.entries(vars)) {
    const [root, key] = path.split('.') as [string, string];
    data[root]![key] = value;
  }
  for (const [k, v] of Object.entries(facts.event ?? {}))
    data.event![k] = v === null || v === undefined ? '' : String(v).slice(0, 500);
  try {
    return renderTemplateSync(text, data, { roots: ROOTS, known });
  } catch (err) {
    if (err instanceof TemplateProblem)
      throw new DomainError('automation.invalid', `the text: ${err.message}`);
    throw err;
  }
}

// Why a text of a rule cannot be rendered (bad Liquid, a root that is not offered), or null.
export function textProblem(text: string): string | null {
  try {
    checkTemplate(text, { roots: ROOTS, known });
    return null;
  } catch (err) {
    if (err instanceof TemplateProblem) return err.message;
    throw err;
  }
}
