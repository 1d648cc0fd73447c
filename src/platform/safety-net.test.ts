import { describe, expect, it } from 'vitest';
import { processErrorHandler } from './safety-net.js';

// The handlers `voronka start` and `voronka worker` install for errors nothing else caught, called
// directly (raising a real uncaught exception would end the test runner's own process).

function net() {
  const lines: { level: string; msg: string; err: unknown }[] = [];
  const exits: number[] = [];
  const log = {
    error: (o: object, msg: string) =>
      lines.push({ level: 'error', msg, err: (o as { err: unknown }).err }),
    fatal: (o: object, msg: string) =>
      lines.push({ level: 'fatal', msg, err: (o as { err: unknown }).err }),
  };
  return {
    lines,
    exits,
    handler: (kind: 'uncaught exception' | 'unhandled rejection') =>
      processErrorHandler(kind, log, (code) => exits.push(code)),
  };
}

describe('the process safety net', () => {
  it('keeps the process running when the database connection failed outside any request', () => {
    const n = net();
    n.handler('uncaught exception')(
      Object.assign(new Error('terminating connection due to administrator command'), {
        code: '57P01',
      }),
    );
    n.handler('unhandled rejection')(new Error('Connection terminated unexpectedly'));
    expect(n.exits).toEqual([]);
    expect(n.lines.map((l) => l.level)).toEqual(['error', 'error']);
  });

  it('logs anything else as fatal, with its stack, and exits with 1 for the supervisor to restart', () => {
    const n = net();
    n.handler('unhandled rejection')(
      new TypeError("Cannot read properties of undefined (reading 'id')"),
    );
    expect(n.exits).toEqual([1]);
    expect(n.lines).toHaveLength(1);
    expect(n.lines[0]).toMatchObject({
      level: 'fatal',
      err: { type: 'TypeError', stack: expect.stringContaining('safety-net.test.ts') },
    });
  });
});
