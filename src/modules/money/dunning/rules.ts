import { DUNNING_VARIABLES, type DunningStep, type DunningVariable } from '@voronka/contract';

import {
  renderTemplateSync,
  TemplateProblem,
  unknownRoots,
} from '../../../platform/templates/liquid.js';

// The dunning ladder's pure logic: the step templates (Liquid through the platform's one sandboxed
// engine, the same as messaging's templates: a `{{name}}` from a fixed list of the invoice's facts,
// nothing evaluated, no prototype reachable), the ladder's own checks, and which steps are due for
// an invoice on a day.

export type TemplateVars = Record<DunningVariable, string>;

const KNOWN = new Set<string>(DUNNING_VARIABLES);
const options = { roots: DUNNING_VARIABLES, known: (path: string) => KNOWN.has(path) };

// The names a text reads that are not dunning's variables. Throws TemplateProblem on bad Liquid.
export function unknownVariables(template: string): string[] {
  return unknownRoots(template, DUNNING_VARIABLES);
}

// Why a step's text cannot be saved (bad Liquid, or a name that is not a variable), or null.
export function textProblem(template: string): string | null {
  try {
    const [unknown] = unknownVariables(template);
    return unknown
      ? `unknown variable {{${unknown}}}; known: ${DUNNING_VARIABLES.join(', ')}`
      : null;
  } catch (err) {
    if (err instanceof TemplateProblem) return err.message;
    throw err;
  }
}

// A bare `{{name}}` that is not a variable is left as written (the check refuses it at save).
export function fillTemplate(template: string, vars: TemplateVars): string {
  return renderTemplateSync(template, vars, options);
}

export type StepProblem = { field: string; reason: string };

// What zod cannot see: two steps on the same day, a channel twice, a variable that does not exist.
export function stepProblems(steps: DunningStep[]): StepProblem[] {
  const problems: StepProblem[] = [];
  const seen = new Set<number>();
  steps.forEach((s, i) => {
    if (seen.has(s.offsetDays))
      problems.push({
        field: `steps.${i}.offsetDays`,
        reason: `another step is already ${s.offsetDays} days from the due date`,
      });
    seen.add(s.offsetDays);
    if (new Set(s.channels).size !== s.channels.length)
      problems.push({ field: `steps.${i}.channels`, reason: 'a channel is named twice' });
    for (const key of ['subject', 'text'] as const) {
      const reason = textProblem(s[key]);
      if (reason) problems.push({ field: `steps.${i}.${key}`, reason });
    }
  });
  return problems;
}

const DAY = 86_400_000;
const dayNumber = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);

// The steps whose day (due date + offset) has come by `today` (a YYYY-MM-DD): the latest of them
// fires; the earlier ones, missed (a ladder set up after the invoice was long overdue, a worker
// that was down for days), are recorded as skipped rather than sent all at once.
export function dueSteps(
  steps: DunningStep[],
  dueDate: string,
  today: string,
): { fire: DunningStep | null; skip: DunningStep[] } {
  const late = dayNumber(today) - dayNumber(dueDate);
  const due = steps.filter((s) => s.offsetDays <= late).sort((a, b) => a.offsetDays - b.offsetDays);
  return { fire: due.at(-1) ?? null, skip: due.slice(0, -1) };
}

export const rub = (kopecks: number) => {
  const sign = kopecks < 0 ? '−' : '';
  const abs = Math.abs(kopecks);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${sign}${whole},${String(abs % 100).padStart(2, '0')}\u00a0₽`;
};

export const ruDate = (iso: string) => iso.split('-').reverse().join('.');

export function daysLate(dueDate: string, today: string): number {
  return Math.max(0, dayNumber(today) - dayNumber(dueDate));
}
