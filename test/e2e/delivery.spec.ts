import { expect, test } from '@playwright/test';

// How the built web app is delivered: precompressed, hashed assets cached for good, the page itself
// revalidated (a new release is picked up at the next load).
test('the app is sent compressed, its hashed assets cached as immutable and the page revalidated', async ({
  request,
}) => {
  const page = await request.get('/', { headers: { 'accept-encoding': 'br, gzip' } });
  expect(page.status()).toBe(200);
  expect(page.headers()['cache-control']).toBe('no-cache');
  const html = await page.text();
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(script, 'the page names its hashed entry script').toBeTruthy();

  const br = await request.get(script!, { headers: { 'accept-encoding': 'br' } });
  expect(br.status()).toBe(200);
  expect(br.headers()['content-encoding']).toBe('br');
  expect(br.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  const gzip = await request.get(script!, { headers: { 'accept-encoding': 'gzip' } });
  expect(gzip.headers()['content-encoding']).toBe('gzip');
  // A client that accepts neither still gets the script, as it is.
  const plain = await request.get(script!, { headers: { 'accept-encoding': 'identity' } });
  expect(plain.headers()['content-encoding']).toBeUndefined();
  expect((await plain.body()).length).toBeGreaterThan(
    Number(br.headers()['content-length'] ?? (await br.body()).length),
  );
});
