import type { Sealer } from '../../platform/crypto.js';

// The process's sealer (src/runtime.ts sets it): rules' webhook secrets are sealed at rest.
let current: Sealer | null = null;

export function useAutomationSealer(s: Sealer): void {
  current = s;
}

export function sealer(): Sealer {
  if (!current) throw new Error('automation: no sealer installed (src/runtime.ts)');
  return current;
}
