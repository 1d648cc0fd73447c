import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

// One lint set-up. Beyond style, it enforces the architecture's one-way imports:
// contract → platform → modules → channels → app/main, and web → contract only.
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
// The composition roots (src/app.ts, main.ts, worker.ts), however deep the importer sits.
const roots = ['../', '../../', '../../../'].flatMap((up) =>
  ['app.js', 'main.js', 'worker.js', 'boot.js'].map((f) => up + f),
);

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'migrations/**',
      'test-results/**',
      'playwright-report/**',
      '.tmp/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: ['tsconfig.json', 'web/tsconfig.json'] }),
      ],
      'import-x/ignore': ['node_modules'],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['contract/**'],
    rules: restrict([
      {
        group: ['**/src/**', '../../*', 'drizzle-orm*', 'fastify*', 'react*'],
        message: 'contract depends on zod only',
      },
    ]),
  },
  {
    files: ['src/platform/**'],
    ignores: ['src/platform/**/*.test.ts'],
    rules: restrict([
      {
        group: ['**/modules/**', '**/channels/**', ...roots],
        message: 'platform has no business words: it never imports modules, channels or the app',
      },
    ]),
  },
  {
    files: ['src/modules/**'],
    rules: restrict([
      { group: ['**/channels/**', ...roots], message: 'modules never import channels or the app' },
      {
        group: [
          '../*/tables.js',
          '../*/rules.js',
          '../*/routes.js',
          '../*/jobs.js',
          '../*/!(service).js',
        ],
        message: 'another module is reached only through its service.js',
      },
    ]),
  },
  {
    files: ['src/channels/**'],
    rules: restrict([
      {
        group: [...roots, '**/modules/*/!(service).js'],
        message: 'channels call module services only',
      },
    ]),
  },
  {
    files: ['web/**'],
    rules: restrict([
      {
        group: [
          '**/src/platform/**',
          '**/src/modules/**',
          '../../src/*',
          'drizzle-orm*',
          'fastify*',
        ],
        message: 'the web app talks to the server only through the API and @voronka/contract',
      },
    ]),
  },
);
