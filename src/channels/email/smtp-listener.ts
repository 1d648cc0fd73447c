import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

// Voronka's own MX-style SMTP listener. It answers for the intake addresses it knows (550 at RCPT
// for any other, so it is no open relay), takes no AUTH (senders are other mail servers), and
// answers 250 to DATA only after the message is committed: a crash or a database outage before
// that makes the sending server retry (451), and the retry is deduplicated by Message-ID.

export type SmtpIntake<R> = {
  // The channel an RCPT TO address delivers to, or null (550).
  findRecipient(address: string): Promise<R | null>;
  // Stores the message for each recipient; resolves once it is durable.
  accept(recipients: R[], raw: Buffer, mailFrom: string): Promise<void>;
};

export type SmtpListenerOptions<R> = {
  host: string;
  port: number;
  maxBytes: number;
  intake: SmtpIntake<R>;
  // STARTTLS only with a certificate; without one the command is not offered.
  tls?: { key: Buffer; cert: Buffer } | null;
  name?: string;
  log?: (msg: string, err?: unknown) => void;
};

export type SmtpListener = { port: number; close(): Promise<void> };

const smtpError = (responseCode: number, message: string) =>
  Object.assign(new Error(message), { responseCode });

export async function startSmtpListener<R>(opts: SmtpListenerOptions<R>): Promise<SmtpListener> {
  // Recipients resolved at RCPT, per mail transaction (smtp-server makes a new envelope for each).
  const resolved = new WeakMap<object, R[]>();
  const inFlight = new Set<Promise<unknown>>();
  const server = new SMTPServer({
    name: opts.name,
    banner: 'Voronka',
    size: opts.maxBytes,
    rejectOversized: true,
    authOptional: true,
    disabledCommands: opts.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(opts.tls ? { key: opts.tls.key, cert: opts.tls.cert } : {}),
    logger: false,
    maxClients: 50,
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    onRcptTo(address, session, callback) {
      opts.intake.findRecipient(address.address.trim()).then(
        (recipient) => {
          if (!recipient)
            return callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`));
          const list = resolved.get(session.envelope) ?? [];
          list.push(recipient);
          resolved.set(session.envelope, list);
          callback();
        },
        (err) => {
          opts.log?.('smtp: recipient lookup failed', err);
          callback(smtpError(451, '4.3.0 temporary failure, try again later'));
        },
      );
    },
    onData(stream, session, callback) {
      const task = receive(stream, session, resolved.get(session.envelope) ?? [], opts).then(
        () => callback(),
        (err: Error & { responseCode?: number }) => {
          if (!err.responseCode) opts.log?.('smtp: message not accepted', err);
          callback(
            err.responseCode ? err : smtpError(451, '4.3.0 temporary failure, try again later'),
          );
        },
      );
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
    },
  });
  server.on('error', (err) => opts.log?.('smtp: connection error', err));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : opts.port,
    // Stops taking connections, lets open sessions finish (421 after the grace period), and waits
    // for messages being committed, so the database can be closed after it.
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...inFlight]);
    },
  };
}

async function receive<R>(
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
  recipients: R[],
  opts: SmtpListenerOptions<R>,
) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Past the limit the rest is drained, not kept; smtp-server answers 552 itself.
    if (size <= opts.maxBytes) chunks.push(chunk);
  }
  if (stream.sizeExceeded) throw smtpError(552, '5.3.4 message exceeds the size limit');
  if (!recipients.length) throw smtpError(554, '5.5.1 no valid recipients');
  const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  await opts.intake.accept(recipients, Buffer.concat(chunks, size), mailFrom);
}
