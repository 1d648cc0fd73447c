import type { ApiError } from '../../lib/api';

// A problem's message by its full field path ("definition.inputs.2.visibleIf"): the builder puts
// each under the control that wrote it (zod's errors[] and the domain's one field alike).
export function errorsByPath(...errs: (ApiError | null | undefined)[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errs) {
    if (!e) continue;
    for (const x of e.errors) out[x.field] ??= x.reason;
    if (e.field) out[e.field] ??= e.detail;
  }
  return out;
}
