import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Config } from './platform/config.js';
import { openDatabase, type Database } from './platform/db/client.js';
import { migrateDatabase } from './platform/db/migrate.js';
import { rowsOf } from './platform/db/rls.js';
import { inSystemWorkspace } from './platform/context.js';
import * as workspaces from './modules/workspaces/service.js';

export async function openMigrated(config: Config): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(database);
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}

export type DemoCredentials = {
  url: string;
  slug: string;
  email: string;
  password: string;
  people: workspaces.DemoSignIn[];
};

// The very first start on an empty embedded folder makes a demo workspace to look around in.
// PostgreSQL is never seeded unless asked (voronka seed --demo).
export async function seedFirstStart(
  config: Config,
  database: Database,
): Promise<DemoCredentials | null> {
  if (database.kind !== 'pglite') return null;
  const [row] = rowsOf<{ n: number }>(
    await database.db.execute(sql`select count(*)::int as n from workspaces`),
  );
  if (row && row.n > 0) return null;
  const password = randomBytes(9).toString('base64url');
  const email = 'owner@demo.voronka.local';
  const created = await workspaces.createWorkspaceWithOwner(database.db, {
    companyName: 'Демо: ООО «Воронка»',
    ownerName: 'Владелец демо',
    email,
    password,
    existingUser: 'attach',
  });
  // The demo department's people sign in with the same password as the owner.
  const seeded = await seedDemoInto(database, created.workspaceId, { password });
  const demo = {
    url: config.publicUrl,
    slug: created.slug,
    email,
    password,
    people: seeded.people,
  };
  fs.writeFileSync(
    demoFile(config),
    JSON.stringify({ slug: demo.slug, email, password, people: demo.people }),
    { mode: 0o600 },
  );
  return demo;
}

// The demo sign-in is kept in the data folder (readable by the operator only, like the secret key
// beside it) and printed at every start while it still opens the account: a restart must not lose
// it. Once the owner changes the password it is forgotten.
const demoFile = (config: Config) => path.join(config.dataDir, 'demo-sign-in.json');

export async function currentDemoSignIn(
  config: Config,
  database: Database,
): Promise<DemoCredentials | null> {
  if (database.kind !== 'pglite' || !fs.existsSync(demoFile(config))) return null;
  try {
    const saved = JSON.parse(fs.readFileSync(demoFile(config), 'utf8')) as {
      slug: string;
      email: string;
      password: string;
      people?: workspaces.DemoSignIn[];
    };
    const user = await workspaces.findUserByEmail(database.db, saved.email);
    if (user && (await workspaces.verifyPassword(user.passwordHash, saved.password)))
      return { url: config.publicUrl, ...saved, people: saved.people ?? [] };
  } catch {
    // unreadable: forgotten below
  }
  fs.rmSync(demoFile(config), { force: true });
  return null;
}

// `voronka user password` on the demo owner: the start block shows the new password from then on.
export function rememberDemoSignIn(config: Config, email: string, password: string): void {
  if (!fs.existsSync(demoFile(config))) return;
  const saved = JSON.parse(fs.readFileSync(demoFile(config), 'utf8')) as { email: string };
  // The department kept the old password: it is no longer "the same" as the owner's.
  if (saved.email.toLowerCase() === email.toLowerCase())
    fs.writeFileSync(demoFile(config), JSON.stringify({ ...saved, password, people: [] }), {
      mode: 0o600,
    });
}

export type DemoSeeded = {
  teams: number;
  users: number;
  companies: number;
  contacts: number;
  leads: number;
  conversations: number;
  deals: number;
  tasks: number;
  people: workspaces.DemoSignIn[];
};

// Teams and people, then the client base they work with (companies, contacts, deals, tasks and the
// timeline) and the requests of the last two weeks, in one transaction. Running it again adds
// nothing: people are matched by e-mail and the client base is added once per workspace.
export async function seedDemoInto(
  database: Database,
  workspaceId: string,
  opts: { password?: string } = {},
): Promise<DemoSeeded> {
  // Loaded here so that the CLI's other commands do not load the demo and the modules it seeds.
  const [crm, leads, routing, inbox] = await Promise.all([
    import('./demo/crm.js'),
    import('./demo/leads.js'),
    import('./demo/routing.js'),
    import('./demo/inbox.js'),
  ]);
  return inSystemWorkspace(database.db, workspaceId, async (ctx) => {
    const people = await workspaces.seedDemo(ctx, 'demo.voronka.local', opts.password);
    // Rules and deadlines first: the demo's new requests are routed by them when the worker starts.
    await routing.seedRoutingDemo(ctx, people.members);
    const base = await crm.seedCrmDemo(ctx, people.members);
    const requests = base ? await leads.seedLeadsDemo(ctx, people.members, base) : null;
    // The channels they came by and a conversation behind each; the assignments they were answered under.
    const conversations = requests ? await inbox.seedInboxDemo(ctx, requests.leads) : null;
    if (requests) await routing.seedRoutingHistory(ctx, requests.leads);
    return {
      teams: people.teams,
      users: people.users,
      companies: base?.companies ?? 0,
      contacts: base?.contacts ?? 0,
      leads: requests?.count ?? 0,
      conversations: conversations?.conversations ?? 0,
      deals: base?.deals ?? 0,
      tasks: base?.tasks ?? 0,
      people: people.people,
    };
  });
}
