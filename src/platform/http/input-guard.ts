import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem.js';

// Control characters (NUL above all: PostgreSQL text cannot hold it) and prototype-polluting keys
// are refused for every route at once, before any schema or handler sees the body.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// No route takes structures deeper than a few levels; 5,000 nested arrays in 10 KB made every JSON
// route answer 500. The walk stops at this depth, before going further, and refuses the body.
export const MAX_INPUT_DEPTH = 32;

export function findBadInput(
  value: unknown,
  path: string[] = [],
): { field: string; reason: string } | null {
  if (path.length > MAX_INPUT_DEPTH)
    return { field: path[0] ?? 'body', reason: `nested deeper than ${MAX_INPUT_DEPTH} levels` };
  if (typeof value === 'string')
    return CONTROL.test(value)
      ? { field: path.join('.') || 'body', reason: 'contains control characters' }
      : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findBadInput(value[i], [...path, String(i)]);
      if (bad) return bad;
    }
    return null;
  }
  // A binary body (an uploaded CSV/XLSX) is not a structure of fields: its cells are read and checked
  // by whoever parses it. Walking it here would make one string per byte (hundreds of MB for a 12 MB file).
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return null;
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key) || CONTROL.test(key))
        return { field: [...path, key].join('.'), reason: 'key not allowed' };
      const bad = findBadInput((value as Record<string, unknown>)[key], [...path, key]);
      if (bad) return bad;
    }
  }
  return null;
}

export function installInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (req, reply) => {
    const bad = findBadInput(req.body) ?? findBadInput(req.query) ?? findBadInput(req.params);
    if (bad)
      return sendProblem(reply, 'request.invalid', `${bad.field}: ${bad.reason}`, {
        field: bad.field,
        errors: [bad],
      });
  });
}
