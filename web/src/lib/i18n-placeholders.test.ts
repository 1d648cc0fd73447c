import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import ru from './locales/ru.json';

// A string that shows "{{n}}" to a reader is a bug of one of two kinds: the two languages ask for
// different variables, or a call site passes other variables than the string asks for. Both are
// checked here over every locale string and every literal t('key', { … }) call in the app.

type Tree = { [k: string]: string | Tree };
type Lng = 'ru' | 'en';

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else Object.assign(out, flatten(v, key));
  }
  return out;
}
function merge(target: Tree, source: Tree): Tree {
  for (const [k, v] of Object.entries(source)) {
    const existing = target[k];
    if (typeof v === 'object' && typeof existing === 'object') merge(existing, v);
    else target[k] = v;
  }
  return target;
}

// The app's strings as i18n sees them: the base files with every feature's files merged in.
const featureFiles = import.meta.glob<{ default: Tree }>('../features/*/locales/*.json', {
  eager: true,
});
function strings(lng: Lng, base: Tree): Record<string, string> {
  const tree = structuredClone(base);
  for (const [path, mod] of Object.entries(featureFiles))
    if (path.endsWith(`/${lng}.json`)) merge(tree, mod.default);
  return flatten(tree);
}
export const catalog: Record<Lng, Record<string, string>> = {
  ru: strings('ru', ru as Tree),
  en: strings('en', en as Tree),
};

const pluralSuffix = /_(zero|one|two|few|many|other)$/;
// {{name}} and {{name, format}}; $t(...) nestings are not variables.
export function placeholders(s: string): string[] {
  return [
    ...new Set(
      [...s.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!.split('.')[0]!),
    ),
  ].sort();
}

// All strings of one key in one language: the key itself and its plural forms.
function forms(lng: Lng, key: string): string[] {
  const flat = catalog[lng];
  return Object.keys(flat)
    .filter((k) => k === key || (pluralSuffix.test(k) && k.replace(pluralSuffix, '') === key))
    .map((k) => flat[k]!);
}

describe('placeholders in the locale strings', () => {
  it('are the same in Russian and English for every key', () => {
    const bases = new Set(
      [...Object.keys(catalog.ru), ...Object.keys(catalog.en)].map((k) =>
        k.replace(pluralSuffix, ''),
      ),
    );
    const differ: string[] = [];
    for (const base of bases) {
      const ru = [...new Set(forms('ru', base).flatMap(placeholders))].sort();
      const en = [...new Set(forms('en', base).flatMap(placeholders))].sort();
      // A plural form may leave out {{count}} ("одну заявку"), so count is compared only when both use it.
      const strip = (xs: string[], other: string[]) =>
        xs.filter((x) => x !== 'count' || other.includes('count'));
      if (strip(ru, en).join() !== strip(en, ru).join())
        differ.push(`${base}: ru {${ru.join(',')}} en {${en.join(',')}}`);
    }
    expect(differ).toEqual([]);
  });
});

// Every t('literal key', { … }) / t(`prefix.${x}`, { … }) call in the web app's source.
type Call = { file: string; line: number; key: string | RegExp; passed: string[] | null };
const sources = import.meta.glob<string>(
  ['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx'],
  { eager: true, query: '?raw', import: 'default' },
);

function escapeRe(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
function keyOf(arg: ts.Expression): string | RegExp | null {
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return arg.text;
  // A template with a fixed namespace (`routingSettings.priority.sources.${x}`) stands for every key it can be.
  if (ts.isTemplateExpression(arg) && arg.head.text.includes('.')) {
    const parts = [
      escapeRe(arg.head.text),
      ...arg.templateSpans.map((s) => `[\\w-]+${escapeRe(s.literal.text)}`),
    ];
    return new RegExp(`^${parts.join('')}$`);
  }
  return null;
}
// The variables an options object passes; null when it cannot be known (a spread, a variable).
function passedOf(arg: ts.Expression | undefined): string[] | null {
  if (!arg) return [];
  if (!ts.isObjectLiteralExpression(arg)) return null;
  const out: string[] = [];
  for (const p of arg.properties) {
    if (ts.isSpreadAssignment(p)) return null;
    if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) out.push(p.name.text);
  }
  return out;
}
export function callsIn(file: string, text: string): Call[] {
  const sf = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const calls: Call[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isT =
        (ts.isIdentifier(callee) && callee.text === 't') ||
        (ts.isPropertyAccessExpression(callee) &&
          callee.name.text === 't' &&
          ts.isIdentifier(callee.expression) &&
          callee.expression.text === 'i18n');
      const key = isT && node.arguments[0] ? keyOf(node.arguments[0]) : null;
      if (key !== null)
        calls.push({
          file,
          line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1,
          key,
          passed: passedOf(node.arguments[1]),
        });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return calls;
}

// What a call leaves as a raw {{…}}: variables the strings it may show ask for but the call does not pass.
export function missingVariables(call: Call): string[] {
  if (call.passed === null) return [];
  const out = new Set<string>();
  for (const lng of ['ru', 'en'] as const) {
    // A template key stands for the plain keys it matches (a plural key is always called by name, with its count).
    const keys =
      typeof call.key === 'string'
        ? [call.key]
        : Object.keys(catalog[lng]).filter(
            (k) => !pluralSuffix.test(k) && (call.key as RegExp).test(k),
          );
    for (const key of keys)
      for (const s of forms(lng, key))
        for (const v of placeholders(s))
          if (!call.passed.includes(v)) out.add(`${lng}:${key}:{{${v}}}`);
  }
  return [...out].sort();
}

describe('placeholders at the call sites', () => {
  const calls = Object.entries(sources).flatMap(([file, text]) => callsIn(file, text));

  it('finds the calls it checks', () => {
    expect(calls.length).toBeGreaterThan(500);
  });

  it('every t() call passes each variable its strings ask for (no raw {{n}} on screen)', () => {
    const raw = calls.flatMap((c) => missingVariables(c).map((m) => `${c.file}:${c.line} ${m}`));
    expect(raw).toEqual([]);
  });

  it('catches the Routing → Priority "{{n}}" kind of bug: a call that passes another name than the string asks for', () => {
    const [call] = callsIn('x.tsx', "t('routingSettings.priority.fitted', { at: when, n: 3 })");
    expect(missingVariables(call!)).toEqual([
      'en:routingSettings.priority.fitted:{{count}}',
      'ru:routingSettings.priority.fitted:{{count}}',
    ]);
  });
});

// One wording per status: a member who cannot take a request is "away" in the queue, the start page,
// the dry run and the routing explanations alike (only the first letter's case may differ).
describe('one wording per status', () => {
  it.each(['ru', 'en'] as const)(
    'names why a member cannot take a request the same everywhere (%s)',
    (lng) => {
      const flat = catalog[lng];
      const statuses = Object.keys(flat)
        .filter((k) => k.startsWith('routingSettings.ineligible.'))
        .map((k) => k.split('.').pop()!);
      expect(statuses.length).toBeGreaterThan(4);
      for (const s of statuses)
        expect(flat[`queue.ineligible.${s}`]?.toLowerCase(), s).toBe(
          flat[`routingSettings.ineligible.${s}`]!.toLowerCase(),
        );
    },
  );
});
