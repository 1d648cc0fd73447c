import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../../modules/clients/tables.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { signUp, type Browser } from '../../test/client.js';
import { newId } from '../ids.js';
import { inWorkspace } from './tenancy.js';
import { listTextFilter } from './text-search.js';

// The list filter reads matching ids outside the row-security policy (PostgreSQL cannot use an index
// for ILIKE/@@ under it), so it must keep to the workspace and visibility it is given, and give the
// same rows whichever way it answers: by ids (few matches) or by the plain condition (many).
let env: TestEnv;
let a: Browser;
let b: Browser;
beforeAll(async () => {
  env = await createTestApp();
  [a, b] = [await signUp(env.app), await signUp(env.app)];
});
afterAll(() => env?.close());

const ws = (x: Browser) => x.info.me!.workspace.id;
async function addContacts(w: string, names: string[], ownerId: string | null = null) {
  await inWorkspace(env.database.db, w, async (tx) => {
    for (const name of names)
      await tx.execute(
        sql`insert into contacts (workspace_id, id, full_name, owner_id) values (${w}, ${newId()}, ${name}, ${ownerId})`,
      );
  });
}
const namesMatching = (
  w: string,
  word: string,
  bound: number,
  visible?: (owner: typeof contacts.ownerId) => ReturnType<typeof eq>,
) =>
  inWorkspace(env.database.db, w, async (tx) => {
    const match = sql`(${contacts.fullName} ilike ${`%${word}%`} or ${contacts.search} @@ plainto_tsquery('russian', ${word}))`;
    const g = {
      table: contacts,
      id: contacts.id,
      workspace: eq(contacts.workspaceId, w),
      visible: visible?.(contacts.ownerId),
    };
    const filter = await listTextFilter(tx, g, match, bound);
    const rows = await tx
      .select({ name: contacts.fullName })
      .from(contacts)
      .where(and(g.workspace, g.visible, filter))
      .orderBy(contacts.fullName);
    return rows.map((r) => r.name);
  });

describe('a list filter on words', () => {
  it('finds the same records by ids (few matches) and by the plain condition (more than the bound)', async () => {
    await addContacts(ws(a), ['Зюзина Ольга', 'Зюзин Пётр', 'Петров Иван']);
    expect(await namesMatching(ws(a), 'Зюзин', 10)).toEqual(['Зюзин Пётр', 'Зюзина Ольга']);
    expect(await namesMatching(ws(a), 'Зюзин', 1)).toEqual(['Зюзин Пётр', 'Зюзина Ольга']);
    expect(await namesMatching(ws(a), 'Никого', 10)).toEqual([]);
  });

  it("never reads another workspace's records, nor ones the member may not see", async () => {
    await addContacts(ws(b), ['Зюзин Чужой']);
    expect(await namesMatching(ws(a), 'Зюзин', 10)).not.toContain('Зюзин Чужой');
    const me = a.info.me!.member.id;
    await addContacts(ws(a), ['Зюзин Мой'], me);
    expect(await namesMatching(ws(a), 'Зюзин', 10, (owner) => eq(owner, me))).toEqual([
      'Зюзин Мой',
    ]);
  });
});
