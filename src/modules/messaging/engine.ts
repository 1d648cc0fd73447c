import { Liquid, type Template as Parsed } from 'liquidjs';
import { templateVariableRoots } from '@voronka/contract';

// The one Liquid engine every template renders through, sandboxed (DESIGN.md «Sandbox»):
// - only own properties of the plain data we pass are reachable (`ownPropertyOnly`): no
//   `constructor`, `__proto__` or prototype walk;
// - no file system: partials come from an empty in-memory map, and the tags that load them
//   (`include`, `render`, `layout`) are removed, so such a template does not even parse;
// - unknown filters are errors (`strictFilters`), unknown variable roots are refused at save;
// - parse size, render time and memory are bounded by Liquid itself, the output's size by us.

export const PARSE_LIMIT = 50_000;
export const RENDER_LIMIT_MS = 200;
export const MEMORY_LIMIT = 2_000_000;
export const OUTPUT_MAX = 100_000;

export class TemplateProblem extends Error {}

const rubFormat = new Intl.NumberFormat('ru-RU', {
  style: 'currency',
  currency: 'RUB',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

// Kopecks (an integer, as money travels everywhere in Voronka) → «42 000,00 ₽».
export function rub(kopecks: unknown): string {
  const n = typeof kopecks === 'number' ? kopecks : Number(kopecks);
  if (!Number.isFinite(n)) return '';
  return rubFormat.format(Math.round(n) / 100).replace(/\u00a0/g, ' ');
}

function makeEngine(): Liquid {
  const engine = new Liquid({
    ownPropertyOnly: true,
    strictFilters: true,
    strictVariables: false,
    templates: {},
    relativeReference: false,
    dynamicPartials: false,
    cache: false,
    parseLimit: PARSE_LIMIT,
    renderLimit: RENDER_LIMIT_MS,
    memoryLimit: MEMORY_LIMIT,
  });
  for (const tag of ['include', 'render', 'layout', 'block'])
    delete (engine.tags as Record<string, unknown>)[tag];
  engine.registerFilter('rub', rub);
  return engine;
}
const engine = makeEngine();

const message = (err: unknown) =>
  String((err as Error)?.message ?? err)
    .split('\n')[0]!
    .slice(0, 300);

// Parses a template's text and checks the variables it reads: each must start with one of the
// roots the context offers (loop and assigned locals are the template's own). Throws TemplateProblem.
export function parseTemplate(text: string): Parsed[] {
  let parsed: Parsed[];
  try {
    parsed = engine.parse(text);
  } catch (err) {
    throw new TemplateProblem(message(err));
  }
  let segments: unknown[][];
  try {
    segments = engine.globalVariableSegmentsSync(parsed);
  } catch (err) {
    throw new TemplateProblem(message(err));
  }
  for (const s of segments) {
    const root = String(s[0]);
    if (!(templateVariableRoots as readonly string[]).includes(root))
      throw new TemplateProblem(
        `unknown variable "${root}": use ${templateVariableRoots.join(', ')}`,
      );
  }
  return parsed;
}

export type RenderData = Record<string, Record<string, string | number | null>>;

// Renders with plain data (null-prototype copies, so even a lapse in the engine finds no
// prototype), within the time and memory limits; the result's size is bounded too.
export async function renderTemplate(text: string, data: RenderData): Promise<string> {
  const parsed = parseTemplate(text);
  const scope: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(data)) scope[k] = Object.assign(Object.create(null), v);
  let out: string;
  try {
    out = String(await engine.render(parsed, scope));
  } catch (err) {
    throw new TemplateProblem(message(err));
  }
  if (out.length > OUTPUT_MAX)
    throw new TemplateProblem(`the text comes out longer than ${OUTPUT_MAX} characters`);
  return out;
}
