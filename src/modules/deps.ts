import type { Config } from '../platform/config.js';
import type { Sealer } from '../platform/crypto.js';
import type { Db } from '../platform/db/types.js';

// What app.ts hands every module's routes.
export type ModuleDeps = { db: Db; sealer: Sealer; config: Config };
