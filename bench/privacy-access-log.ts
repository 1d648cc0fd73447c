// What the access log of personal data costs a card view (src/modules/privacy/access-log.ts): the
// contact card read alone vs. the same read plus its log row, each in its own workspace
// transaction as a request does it, N times in turn; and a 1,000-row exported page's one insert.
// Run: npx tsx bench/privacy-access-log.ts [pglite|postgres] — prints the median and p95 per read.
import { inWorkspace } from '../src/platform/db/tenancy.js';
import { systemActor, type Ctx } from '../src/platform/context.js';
import * as clients from '../src/modules/clients/service.js';
import { recordAccess } from '../src/modules/privacy/access-log.js';
import { withBenchApp, type BenchTarget } from './bench-app.js';

const target = (process.argv[2] ?? 'pglite') as BenchTarget;
const N = 400;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)]!.toFixed(3)} ms, p95 ${s[Math.floor(s.length * 0.95)]!.toFixed(3)} ms`;
};

await withBenchApp(target, async (app, database) => {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-up',
    payload: {
      name: 'Анна Иванова',
      email: `bench.${Date.now()}@example.ru`,
      password: 'correct-horse-battery',
      companyName: 'ООО «Ромашка»',
    },
  });
  const me = JSON.parse(res.body);
  const workspaceId: string = me.me.workspace.id;
  const member = { ...systemActor, kind: 'user' as const, memberId: me.me.member.id };
  const run = <T>(fn: (ctx: Ctx) => Promise<T>) =>
    inWorkspace(database.db, workspaceId, (tx) =>
      fn({ tx, workspaceId, actor: member, ip: '203.0.113.1', requestId: null }),
    );
  const contact = await run((ctx) =>
    clients.createContact(ctx, { firstName: 'Зинаида', lastName: 'Кукушкина' }),
  );
  const plain: number[] = [];
  const logged: number[] = [];
  for (let i = 0; i < N + 50; i++) {
    let t = performance.now();
    await run((ctx) => clients.getContact(ctx, contact.id));
    if (i >= 50) plain.push(performance.now() - t);
    t = performance.now();
    await run(async (ctx) => {
      const c = await clients.getContact(ctx, contact.id);
      await recordAccess(ctx, [{ entity: 'contacts', recordId: c.id }], 'view');
    });
    if (i >= 50) logged.push(performance.now() - t);
  }
  const page: number[] = [];
  const ids = Array.from({ length: 1000 }, () => ({
    entity: 'contacts' as const,
    recordId: contact.id,
  }));
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await run((ctx) => recordAccess(ctx, ids, 'export'));
    page.push(performance.now() - t);
  }
  console.log(`${target}: card read alone:        ${stats(plain)}`);
  console.log(`${target}: card read + log row:    ${stats(logged)}`);
  console.log(`${target}: 1,000-row page logged: ${stats(page)}`);
});
