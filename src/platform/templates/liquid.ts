import { Liquid, type Template as Parsed } from 'liquidjs';

// The one Liquid engine every text with variables renders through — messaging's templates,
// dunning's reminders, automation's texts — sandboxed (src/modules/messaging/DESIGN.md «Sandbox»):
// - only own properties of the plain data we pass are reachable (`ownPropertyOnly`): no
//   `constructor`, `__proto__` or prototype walk; the scope is built of null-prototype copies;
// - no file system: partials come from an empty in-memory map, and the tags that load them
//   (`include`, `render`, `layout`, `block`) are removed, so such a template does not even parse;
// - unknown filters are errors (`strictFilters`); the variable roots a caller offers are the only
//   ones a template may read (checked by static analysis before any render);
// - parse size, render time and memory are bounded by Liquid itself, the output's size by us.
// It lives in the platform (not in messaging) so that modules before messaging in the module order
// (money's dunning) render through the same engine; it knows no business words: each caller names
// its roots and brings its data.

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

function parse(text: string): Parsed[] {
  try {
    return engine.parse(text);
  } catch (err) {
    throw new TemplateProblem(message(err));
  }
}

function rootsOf(parsed: Parsed[]): string[] {
  try {
    return engine.globalVariableSegmentsSync(parsed).map((s) => String(s[0]));
  } catch (err) {
    throw new TemplateProblem(message(err));
  }
}

// The variable roots a text reads that are not among `roots`, in order, once each (loop and
// `assign` locals are the template's own). Throws TemplateProblem when the text does not parse.
export function unknownRoots(text: string, roots: readonly string[]): string[] {
  return [...new Set(rootsOf(parse(text)).filter((r) => !roots.includes(r)))];
}

// Parses a text and checks every variable it reads starts with one of `roots`. Throws TemplateProblem.
export function parseTemplate(text: string, roots: readonly string[]): Parsed[] {
  const parsed = parse(text);
  for (const root of rootsOf(parsed))
    if (!roots.includes(root))
      throw new TemplateProblem(`unknown variable "${root}": use ${roots.join(', ')}`);
  return parsed;
}

type Scalar = string | number | boolean | null;
export type RenderValue = Scalar | { [k: string]: Scalar };
export type RenderData = Record<string, RenderValue>;

export type RenderOptions = {
  // The roots the text may read (anything else is refused before rendering).
  roots: readonly string[];
  // When given, a bare `{{ a.b }}` whose path is not known is kept as written rather than refused
  // (automation and dunning show an unknown name to the author as they typed it).
  known?: (path: string) => boolean;
};

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g;

function keepUnknown(text: string, known: (path: string) => boolean): string {
  return text.replace(PLACEHOLDER, (whole, path: string) =>
    known(path) ? whole : `{% raw %}${whole}{% endraw %}`,
  );
}

// Plain data only: null-prototype copies, so even a lapse in the engine finds no prototype.
function scopeOf(data: RenderData): Record<string, unknown> {
  const scope: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(data))
    scope[k] = v && typeof v === 'object' ? Object.assign(Object.create(null), v) : v;
  return scope;
}

function bounded(out: unknown): string {
  const text = String(out);
  if (text.length > OUTPUT_MAX)
    throw new TemplateProblem(`the text comes out longer than ${OUTPUT_MAX} characters`);
  return text;
}

// Parses and checks a text as renderTemplate would (bare unknown names kept when `known` is given).
export function checkTemplate(text: string, opts: RenderOptions): void {
  prepare(text, opts);
}

function prepare(text: string, opts: RenderOptions): Parsed[] {
  return parseTemplate(opts.known ? keepUnknown(text, opts.known) : text, opts.roots);
}

// Renders within the time and memory limits; the result's size is bounded too.
export async function renderTemplate(
  text: string,
  data: RenderData,
  opts: RenderOptions,
): Promise<string> {
  const parsed = prepare(text, opts);
  try {
    return bounded(await engine.render(parsed, scopeOf(data)));
  } catch (err) {
    if (err instanceof TemplateProblem) throw err;
    throw new TemplateProblem(message(err));
  }
}

// The same, synchronously (for callers that fill texts inside pure code).
export function renderTemplateSync(text: string, data: RenderData, opts: RenderOptions): string {
  const parsed = prepare(text, opts);
  try {
    return bounded(engine.renderSync(parsed, scopeOf(data)));
  } catch (err) {
    if (err instanceof TemplateProblem) throw err;
    throw new TemplateProblem(message(err));
  }
}
