import nodemailer from 'nodemailer';
import type { Config } from '../config.js';

// The installation's own outgoing mail (password reset letters), through the SMTP server the
// operator names in VORONKA_MAIL_URL. Not the channels' mail: those send through each team's
// own mailbox settings (channels/email/outbound.ts).
export type SystemMail = { to: string; subject: string; text: string };
export type SystemMailer = { send(mail: SystemMail): Promise<void>; close(): void };

export function createSystemMailer(config: Pick<Config, 'systemMail'>): SystemMailer | null {
  if (!config.systemMail) return null;
  const { url, from } = config.systemMail;
  const transport = nodemailer.createTransport(url, { from });
  return {
    async send(mail) {
      await transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}
