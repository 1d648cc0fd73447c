import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

// One lint set-up. Beyond style, it enforces the architecture's one-way imports:
// contract → platform → modules → channels → app/main, and web → contract only.
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
// The composition roots (src/app.ts, main.ts, worker.ts), however deep the importer sits.
const roots = ['../', '../../', '../../../'].flatMap((up) =>
  ['app.js', 'main.js', 'worker.js', 'boot.js', 'runtime.js'].map((f) => up + f),
);

// The module order (docs/architecture.md "Module map"): a module may import only the modules before
// it (through their service.js), so a back edge fails lint. What a later module must tell an earlier
// one goes through a registry the earlier one owns (clients/client-links.ts, transfer/registry.ts,
// pipeline/stage-changes.ts, activities' timeline sources, the leads port).
const moduleOrder = [
  'workspaces',
  'fields',
  'transfer',
  'clients',
  'pipeline',
  'activities',
  'print',
  'catalog',
  'leads',
  'inbox',
  // Documents are e-mailed through the inbox's outgoing mail.
  'documents',
  // Payments against invoices, bank statements, receivables.
  'money',
  'forms',
  'routing',
  // Meetings, calls and tasks in time; working hours from routing's availability.
  'calendar',
  'search',
  // Public self-booking: busy time and the host's event through calendar, hours through routing.
  'booking',
  // Service cost calculators: catalog prices, documents' money, forms' intake for the widget.
  'calculator',
  // Templates, quick replies, segments and campaigns: records through clients' and pipeline's
  // services, mail out through the inbox's SMTP path.
  'messaging',
  // Call lists (обзвон) worked in call mode; calls themselves are activities' (DESIGN.md).
  'calls',
  // Reports over the facts of the modules before it; sales plans; win-back (DESIGN.md).
  'analytics',
  // Rules over every module's events: acts through their services (DESIGN.md).
  'automation',
  // Personal data (152-FZ): reads every module through their services (DESIGN.md).
  'privacy',
];
const serviceOnly = [
  '../*/tables.js',
  '../*/rules.js',
  '../*/routes.js',
  '../*/jobs.js',
  '../*/!(service).js',
];
const notChannels = {
  group: ['**/channels/**', ...roots],
  message: 'modules never import channels or the app',
};
// Known back edges, each to be removed by the work named: clients/contact-lookup.ts reads deal
// titles for recordNames (the intake statement takes the file over).
const backEdges = { 'src/modules/clients/contact-lookup.ts': ['pipeline'] };
const moduleRules = moduleOrder.flatMap((m, i) => {
  const before = moduleOrder.slice(0, i);
  const later = moduleOrder.slice(i + 1);
  const order = (allowed = []) => ({
    group: later.filter((x) => !allowed.includes(x)).map((x) => `../${x}/*`),
    message: `module order (eslint.config.js moduleOrder): ${m} may import only ${before.join(', ') || 'no module'}`,
  });
  const service = (extra = []) => ({
    group: [...serviceOnly, ...extra],
    message: 'another module is reached only through its service.js',
  });
  // A module's tables may name an earlier module's tables in foreign keys.
  const tableRefs = before.map((b) => `!../${b}/tables.js`);
  const exempt = Object.entries(backEdges).filter(([f]) => f.startsWith(`src/modules/${m}/`));
  return [
    {
      files: [`src/modules/${m}/**`],
      rules: restrict([notChannels, service(), ...(later.length ? [order()] : [])]),
    },
    {
      files: [`src/modules/${m}/tables.ts`],
      rules: restrict([notChannels, service(tableRefs), ...(later.length ? [order()] : [])]),
    },
    ...exempt.map(([file, allowed]) => ({
      files: [file],
      rules: restrict([
        notChannels,
        service(allowed.map((a) => `!../${a}/tables.js`)),
        order(allowed),
      ]),
    })),
  ];
});

// Size (STYLE: a file is read in one sitting, a function on one screen). Counted without blank lines
// and comments. Code: 400 lines a file, 80 a function — a use case, a route group or a table module
// fits; past that it holds two ideas. Components: 150 a function (JSX is tall, not dense).
// Tests: 600 lines a file (a suite per use case), no function limit (describe blocks are lists).
const size = (fileMax, fnMax) => ({
  'max-lines': ['error', { max: fileMax, skipBlankLines: true, skipComments: true }],
  ...(fnMax
    ? {
        'max-lines-per-function': [
          'error',
          { max: fnMax, skipBlankLines: true, skipComments: true },
        ],
      }
    : {}),
});
// Files written before the limits: the renovation (issue 12) emptied this list. Never add to it.
const oversized = [];

// The web app talks to the server only through the API and @voronka/contract.
const webServer = [
  {
    group: ['**/src/platform/**', '**/src/modules/**', '../../src/*', 'drizzle-orm*', 'fastify*'],
    message: 'the web app talks to the server only through the API and @voronka/contract',
  },
];
// Features other features use through their index.ts (docs/architecture.md, "The web app"). The
// rest still reference each other's files in both directions (companies ↔ contacts, inbox ↔ leads,
// deals ↔ pipelines, records ↔ the record pages, channels ↔ inbox): a barrel there would be an import
// cycle, so each joins this list once its cycle is broken.
const publicFeatures = [
  'custom-fields',
  'export',
  'forms',
  'import',
  'message-templates',
  'privacy',
  'queue',
  'security',
  'sla-report',
  'tasks',
  'teams',
  'timeline',
  'views',
];

// Which features a feature may import, each with the reason; anything else it needs lives in
// web/src/lib or web/src/ui. A feature missing here imports no other feature. Tests may compose
// features freely. A new feature adds its line (with reasons) here.
const featureImports = {
  privacy: {
    records: 'the card section of the consent log',
    teams: 'member pickers of the hand-over',
  },
  audit: { teams: 'team names in the audit filters' },
  calls: { teams: 'manager pickers and names in the journal' },
  automations: { teams: 'member pickers for tasks and notices' },
  auth: { security: 'sign-in sets up two-factor with the security page' },
  calendar: {
    teams: 'member pickers and attendees',
    inbox: 'the server event stream (reminders)',
  },
  catalog: { deals: 'deal lines belong to a deal', import: 'the product import dialog' },
  channels: { forms: 'a web-form channel picks its form', inbox: 'the channel icons' },
  companies: {
    contacts: 'a company card lists and adds its contacts',
    deals: 'the deals of a company',
    dunning: 'the dunning section of the company card',
    export: 'the export buttons',
    import: 'the import dialog',
    receivables: 'the client’s balance, credit limit and reconciliation act on the card',
    records: 'the shared record list and card',
    teams: 'owner and team pickers',
  },
  contacts: {
    calls: 'the call button beside a phone',
    companies: 'a contact belongs to a company',
    deals: 'the deals of a contact',
    export: 'the export buttons',
    import: 'the import dialog',
    privacy: 'the consent log on the card',
    records: 'the shared record list and card',
    teams: 'owner and team pickers',
  },
  deals: {
    calculators: 'the calculator on the deal card (its lines, a КП)',
    discounts: 'the deal card’s discount approval',
    calls: 'the call button beside a contact',
    automations: 'the automation buttons on the deal card',
    catalog: 'the lines of a deal',
    documents: 'documents made from a deal',
    export: 'the export buttons',
    pipelines: 'the board view and stages',
    records: 'the shared record list and card',
    teams: 'owner and team pickers',
    timeline: 'the activity of a deal',
  },
  documents: { receivables: 'the credit-limit warning on a draft invoice' },
  discounts: { teams: 'member names' },
  calculators: { documents: 'a КП drafted from the deal the estimate was applied to' },
  duplicates: { companies: 'merging companies', contacts: 'merging contacts' },
  dunning: { records: 'the company card section frame' },
  forms: { 'custom-fields': 'form fields map to custom fields' },
  home: {
    analytics: 'the key figures of the day and week',
    inbox: 'the requests waiting for me',
    queue: 'the queue card',
    'sla-report': 'the response-time card',
    tasks: 'my tasks',
  },
  inbox: {
    calls: 'the call button on the client card',
    contacts: 'the client card of a conversation',
    leads: 'converting the request of a conversation',
    'message-templates': 'quick replies ("/" in the reply box)',
    'routing-settings': 'routing labels and priority reasons',
    teams: 'assignee pickers',
  },
  leads: {
    calls: 'the call button beside the request’s phone',
    'custom-fields': 'custom fields of a request',
    export: 'the export buttons',
    inbox: 'the routing card of a request',
    records: 'the shared list filters',
    teams: 'assignee pickers',
    views: 'saved views',
  },
  'legal-entities': { documents: 'the legal entities documents are issued by' },
  'meeting-types': { teams: 'hosts and teams to book with' },
  notifications: { inbox: 'routing notices open the inbox', teams: 'member names' },
  'pipeline-settings': { pipelines: 'the pipelines being edited' },
  pipelines: { deals: 'the board shows and edits deals', export: 'the export buttons' },
  queue: { inbox: 'live updates from the server events' },
  records: {
    'custom-fields': 'custom columns and filters',
    tasks: 'the tasks of a record',
    timeline: 'the activity of a record',
    views: 'saved views',
  },
  security: { calls: 'the PBX extension on one’s own settings page' },
  'routing-settings': {
    channels: 'rule conditions on channels',
    forms: 'rule conditions on forms',
    teams: 'teams and members to route to',
  },
  telephony: { inbox: 'live call events', leads: 'a call creates a request' },
  timeline: { 'routing-settings': 'routing labels in the history' },
  users: { teams: 'the teams of a user' },
};
const featureRules = (allowed) => {
  const names = Object.keys(allowed);
  return {
    regex: names.length ? `^\\.\\./(?!(${names.join('|')})(/|$))[\\w-]+` : '^\\.\\./[\\w-]+',
    message:
      'a feature imports only web/src/lib, web/src/ui, contract and the features listed for it in featureImports (eslint.config.js)',
  };
};

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
  ...moduleRules,
  {
    // The demo seeds through the services, as bench/ measures through them.
    files: ['src/demo/**'],
    // Still writing their module's tables: seed doors in their services to come once the routing
    // and intake changes to those tables have landed.
    ignores: [
      'src/demo/**/*.test.ts',
      'src/demo/inbox.ts',
      'src/demo/leads.ts',
      'src/demo/routing.ts',
    ],
    rules: restrict([
      {
        group: [...roots, '../channels/**', '../modules/*/*', '!../modules/*/service.js'],
        message: 'the demo calls module services only',
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
  { files: ['web/**'], rules: restrict(webServer) },
  {
    files: ['web/src/lib/**', 'web/src/ui/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: restrict([
      ...webServer,
      {
        group: ['**/features/**', '**/shell/**'],
        message: 'lib and ui are the kernel: they never import a feature or the shell',
      },
    ]),
  },
  {
    files: ['web/src/features/**'],
    rules: restrict([
      ...webServer,
      { group: ['**/shell/**'], message: 'a feature never imports the shell' },
      {
        regex: `^\\.\\./(${publicFeatures.join('|')})/`,
        message:
          "another feature is reached only through its index.ts ('../teams', not '../teams/use-teams')",
      },
    ]),
  },
  // The same, plus: only the features listed for it in featureImports.
  ...readdirSync(new URL('./web/src/features', import.meta.url)).map((feature) => ({
    files: [`web/src/features/${feature}/**`],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: restrict([
      ...webServer,
      { group: ['**/shell/**'], message: 'a feature never imports the shell' },
      {
        regex: `^\\.\\./(${publicFeatures.join('|')})/`,
        message:
          "another feature is reached only through its index.ts ('../teams', not '../teams/use-teams')",
      },
      featureRules(featureImports[feature] ?? {}),
    ]),
  })),
  // The widget's parts are scripts served one after another inside one function (web-form
  // routes.ts): a part's top-level names are used by the parts after it.
  {
    files: ['src/channels/web-form/widget/*.js'],
    languageOptions: { sourceType: 'script' },
    rules: { '@typescript-eslint/no-unused-vars': ['error', { vars: 'local' }] },
  },
  {
    files: ['**/*.ts', '**/*.js'],
    ignores: ['**/*.test.ts', '**/*.spec.ts', 'test/api/*-world.ts', ...oversized],
    rules: size(400, 80),
  },
  { files: ['**/*.tsx'], ignores: ['**/*.test.tsx', ...oversized], rules: size(400, 150) },
  {
    // A suite's world builder (test/api/*-world.ts) is part of its test: one long arrange step.
    files: ['**/*.test.ts', '**/*.test.tsx', '**/*.spec.ts', 'test/api/*-world.ts'],
    ignores: oversized,
    rules: size(600),
  },
);
