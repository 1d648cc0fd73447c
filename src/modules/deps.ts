import type { Config } from '../platform/config.js';
import type { Sealer } from '../platform/crypto.js';
import type { Db } from '../platform/db/types.js';
import type { EventBus } from '../platform/realtime/bus.js';

// What app.ts hands every module's routes: the parts of the process's runtime (src/runtime.ts)
// a route may use.
export type ModuleDeps = { db: Db; sealer: Sealer; config: Config; events: EventBus };
