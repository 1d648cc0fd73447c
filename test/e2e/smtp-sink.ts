import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// A local SMTP server standing in for a team's mail server: what the app sends lands here, parsed.
// (127.0.0.1 is allowed by VORONKA_MAIL_PRIVATE_HOSTS=allow in playwright.config.ts.)
export type Sink = {
  port: number;
  mails: { mail: ParsedMail; rcpt: string[] }[];
  close: () => Promise<void>;
};

export function startSink(): Promise<Sink> {
  const mails: Sink['mails'] = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      simpleParser(stream).then((mail) => {
        mails.push({ mail, rcpt: session.envelope.rcptTo.map((r) => r.address) });
        cb();
      }, cb);
    },
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.server.address() as { port: number }).port,
        mails,
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    ),
  );
}
