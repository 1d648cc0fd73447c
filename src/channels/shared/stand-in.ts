import http from 'node:http';
import type { AddressInfo } from 'node:net';

// For tests: a local HTTP server that answers as a provider's API does (Telegram's Bot API, VK's
// API, Meta's Graph API), because those cannot be reached from the test machine. It records every
// request so a test can say exactly what reached the "provider" and how often.

export type StandInRequest = {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  json: any;
  form: URLSearchParams | null;
};
export type StandInAnswer = { status?: number; json?: unknown; bytes?: Buffer; type?: string };
export type StandIn = {
  url: string;
  requests: StandInRequest[];
  calls(path: string | RegExp): StandInRequest[];
  close(): Promise<void>;
};

export async function startStandIn(
  answer: (req: StandInRequest) => StandInAnswer | Promise<StandInAnswer>,
): Promise<StandIn> {
  const requests: StandInRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const type = String(req.headers['content-type'] ?? '');
      const text = body.toString('utf8');
      const recorded: StandInRequest = {
        method: req.method ?? 'GET',
        path: (req.url ?? '/').split('?')[0]!,
        headers: req.headers,
        body,
        json: type.includes('application/json') && text ? JSON.parse(text) : null,
        form: type.includes('application/x-www-form-urlencoded') ? new URLSearchParams(text) : null,
      };
      requests.push(recorded);
      try {
        const a = await answer(recorded);
        res.writeHead(a.status ?? 200, {
          'content-type': a.type ?? (a.bytes ? 'application/octet-stream' : 'application/json'),
        });
        res.end(a.bytes ?? JSON.stringify(a.json ?? {}));
      } catch (err) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(err));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    calls: (path) =>
      requests.filter((r) => (typeof path === 'string' ? r.path === path : path.test(r.path))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
