import nodemailer from 'nodemailer';
import { PermanentJobError } from '../../platform/jobs/jobs.js';
import type * as inbox from '../../modules/inbox/service.js';
import { checkMailHost, MailHostRefused } from './mail-host.js';

// Replies out by SMTP through the team's own mail server, in the client's thread. Channel
// settings: smtpHost, smtpPort (587), smtpSecure (default: port 465), smtpUser, fromAddress,
// fromName; secret smtpPassword. The Message-ID is derived from our message id, so a resend after a
// crash carries the same id (the receiving side can collapse it) and a client's reply to it threads
// back into the conversation (it is stored as the outbound message's external id).

type Settings = Record<string, unknown>;
const str = (s: Settings, key: string) =>
  typeof s[key] === 'string' && (s[key] as string).trim() ? (s[key] as string).trim() : null;
const num = (s: Settings, key: string) =>
  typeof s[key] === 'number'
    ? (s[key] as number)
    : typeof s[key] === 'string' && /^\d+$/.test(s[key] as string)
      ? Number(s[key])
      : null;
const bool = (s: Settings, key: string) =>
  typeof s[key] === 'boolean'
    ? (s[key] as boolean)
    : s[key] === 'true'
      ? true
      : s[key] === 'false'
        ? false
        : null;
const isMessageId = (id: string | null | undefined): id is string =>
  !!id && /^<[^<>\s]+>$/.test(id);
const noBreaks = (s: string) => s.replace(/[\r\n]+/g, ' ').trim();

export type SmtpAccount = {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
};

export function smtpAccount(
  channel: Pick<inbox.OpenChannel, 'settings' | 'secrets'>,
): SmtpAccount | null {
  const host = str(channel.settings, 'smtpHost');
  if (!host) return null;
  const port = num(channel.settings, 'smtpPort') ?? 587;
  return {
    host,
    port,
    secure: bool(channel.settings, 'smtpSecure') ?? port === 465,
    user: str(channel.settings, 'smtpUser'),
    password: channel.secrets.smtpPassword ?? null,
  };
}

// The channel's DKIM key, when it has one: every letter it sends is signed (nodemailer's signer).
export function dkimOf(channel: Pick<inbox.OpenChannel, 'settings' | 'secrets'>) {
  const domainName = str(channel.settings, 'dkimDomain');
  const keySelector = str(channel.settings, 'dkimSelector');
  const privateKey = channel.secrets.dkimPrivateKey;
  return domainName && keySelector && privateKey
    ? { domainName, keySelector, privateKey }
    : undefined;
}

// "Re: " once, whatever the client's mailer prefixed (Re, RE, Ответ, AW, SV, Fwd kept as is).
export function replySubject(subject: string | null): string {
  const s = noBreaks(subject ?? '');
  if (!s) return 'Re:';
  return /^(re|ответ|aw|sv)\s*(\[\d+\])?\s*:/i.test(s) ? s : `Re: ${s}`;
}

export const sendEmail: inbox.Sender = async (channel, conversation, message) => {
  const account = smtpAccount(channel);
  const from = str(channel.settings, 'fromAddress') ?? str(channel.settings, 'intakeAddress');
  if (!account || !from)
    throw new PermanentJobError(
      'the mailbox has no SMTP server or From address: set them in the channel settings',
    );
  const to = conversation.clientAddress?.includes('@') ? conversation.clientAddress : null;
  if (!to) throw new PermanentJobError('the conversation has no e-mail address to reply to');
  const domain = from.split('@')[1] ?? 'voronka.local';
  const messageId = `<voronka.${message.id}@${domain}>`;
  const parent = isMessageId(message.inReplyTo) ? message.inReplyTo : null;
  const references = [...new Set([conversation.threadKey, parent].filter(isMessageId))];
  const intake = str(channel.settings, 'intakeAddress');
  const host = await checkMailHost(account.host).catch((err) => {
    throw err instanceof MailHostRefused ? new PermanentJobError(err.message) : err;
  });
  const transport = nodemailer.createTransport({
    host: host.address,
    port: account.port,
    secure: account.secure,
    tls: { servername: host.servername },
    auth: account.user ? { user: account.user, pass: account.password ?? '' } : undefined,
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    dkim: dkimOf(channel),
  });
  try {
    await transport.sendMail({
      from: { name: noBreaks(str(channel.settings, 'fromName') ?? ''), address: from },
      to,
      // Replies come back to the intake when the From is another mailbox (e.g. a no-reply sender).
      replyTo: intake && intake.toLowerCase() !== from.toLowerCase() ? intake : undefined,
      subject: message.subject ? noBreaks(message.subject) : replySubject(conversation.subject),
      text: message.text ?? '',
      messageId,
      inReplyTo: parent ?? undefined,
      references: references.length ? references : undefined,
      headers: message.headers,
      attachments: message.attachments.map((a) => ({
        filename: a.name,
        content: a.content,
        contentType: a.type,
      })),
    });
  } catch (err) {
    const code = (err as { responseCode?: number }).responseCode;
    // The server refused for good (unknown recipient, bad credentials, policy): no retry helps.
    if (code && code >= 500)
      throw new PermanentJobError(`SMTP ${code}: ${String((err as Error).message).slice(0, 500)}`);
    throw err;
  } finally {
    transport.close();
  }
  return { externalId: messageId };
};
