import net from 'node:net';

// A TCP port free on 127.0.0.1 right now, for a server a test or a benchmark starts (the OS picks it;
// the short window before the server binds it is accepted for tests).
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
