import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { channels } from '../../modules/inbox/tables.js';
import * as workspaces from '../../modules/workspaces/service.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { findIntakeChannel } from './inbound.js';

// Migration 0012 on a database that already holds one intake address in several channels (what
// the old code allowed): the index is dropped to recreate that state, then the migration's own
// statements run, read from its file.

const migration = fs.readFileSync(
  path.join(
    path.dirname(fileURLToPath(import.meta.url)),
    '../../../migrations/0015_intake_address_owner.sql',
  ),
  'utf8',
);

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

describe('migration 0012: one channel per intake address', () => {
  it('keeps the oldest channel, switches the others off with a reason, and the intake delivers only to the oldest', async () => {
    const db = env.database.db;
    const ws = [];
    for (const name of ['Первая', 'Вторая', 'Третья']) {
      ws.push(
        (
          await workspaces.createWorkspaceWithOwner(db, {
            companyName: `ООО «${name}»`,
            ownerName: 'Владелец',
            email: `${newId()}@example.org`,
            password: 'a-long-password-1',
            existingUser: 'reject',
          })
        ).workspaceId,
      );
    }
    await db.execute(sql`drop index channels_intake_address_uq`);
    const add = async (
      workspaceId: string,
      address: string,
      createdAt: string,
      id = newId(),
      kind: 'email' | 'web' = 'email',
    ) => {
      await db.insert(channels).values({
        workspaceId,
        id,
        kind,
        name: 'Почта',
        settings: { intakeAddress: address },
        publicKey: newId(),
        createdAt: new Date(createdAt),
      });
      return id;
    };
    // Two created at the same instant: the smaller id is the older.
    const [idA, idC] = [newId(), newId()].sort();
    const oldest = await add(ws[0]!, 'Sales@crm.example.ru', '2025-01-01T00:00:00Z', idA);
    const later = await add(ws[1]!, ' sales@crm.example.ru ', '2025-02-01T00:00:00Z');
    const sameInstant = await add(ws[2]!, 'sales@crm.example.ru', '2025-01-01T00:00:00Z', idC);
    const other = await add(ws[1]!, 'zakaz@crm.example.ru', '2025-03-01T00:00:00Z');
    const web = await add(ws[2]!, 'sales@crm.example.ru', '2024-01-01T00:00:00Z', newId(), 'web');

    for (const statement of migration.split('--> statement-breakpoint').slice(1))
      await db.execute(sql.raw(statement));

    const row = async (id: string) =>
      (await db.select().from(channels).where(eq(channels.id, id)))[0]!;
    expect(await row(oldest)).toMatchObject({
      enabled: true,
      disabledReason: null,
      settings: { intakeAddress: 'Sales@crm.example.ru' },
    });
    for (const id of [later, sameInstant]) {
      const r = await row(id);
      expect(r.enabled).toBe(false);
      expect(r.disabledReason).toMatch(
        /^intake address sales@crm\.example\.ru belongs to an older channel$/,
      );
      expect(r.settings.intakeAddress).toBeUndefined();
      expect(String(r.settings.intakeAddressReleased).trim()).toBe('sales@crm.example.ru');
    }
    expect(await row(other)).toMatchObject({
      enabled: true,
      settings: { intakeAddress: 'zakaz@crm.example.ru' },
    });
    expect((await row(web)).enabled).toBe(true);
    expect(await findIntakeChannel(db, 'SALES@crm.example.ru')).toEqual({
      workspaceId: ws[0],
      id: oldest,
    });
    // The index is back: a second channel with the address cannot be written, not even directly.
    await expect(add(ws[1]!, 'sales@crm.example.ru', '2025-04-01T00:00:00Z')).rejects.toThrow();
  });
});
