import { execFileSync } from 'node:child_process';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowPrivateMailHosts } from '../../src/channels/email/mail-host.js';
import { createEmailChannel } from '../../src/channels/email/test-helpers.js';
import { startJobRunner } from '../../src/platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../src/test/app.js';
import { expectProblem, signUp, type Browser } from '../../src/test/client.js';
import { drainAndStop } from '../../src/test/drain.js';
import { documentSend } from '../../src/modules/documents/service.js';
import { dealWorld, lines, ok, upload } from '../../src/modules/documents/test-helpers.js';

// Real rendering (the print module: pdfmake layouts, docxtemplater) read back with poppler's
// pdftotext, and a real SMTP exchange with a local smtp-server standing in for the team's mail
// server. These need the print module (branch h/render) merged: with the stand-in service they
// answer 503.

const pdfText = (pdf: Buffer) =>
  execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString();

const received: ParsedMail[] = [];
let sink: SMTPServer;
let sinkPort = 0;
let env: TestEnv;
let owner: Browser;

beforeAll(async () => {
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, cb) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        cb();
      }, cb);
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', () => resolve()));
  sinkPort = (sink.server.address() as { port: number }).port;
  env = await createTestApp();
  // The sink listens on 127.0.0.1: this process may send to a private host (set after the runtime).
  allowPrivateMailHosts(true);
  owner = await signUp(env.app);
});
afterAll(async () => {
  allowPrivateMailHosts(false);
  await new Promise<void>((resolve) => (sink ? sink.close(() => resolve()) : resolve()));
  await env?.close();
});

const fetchPdf = async (url: string, cookie?: string) => {
  const res = await env.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  return { status: res.statusCode, type: res.headers['content-type'], body: res.rawPayload };
};

async function issuedInvoice() {
  const { entity, deal } = await dealWorld(owner);
  const doc = await ok(
    await owner.call('POST', '/api/v1/documents', {
      dealId: deal.id,
      type: 'invoice',
      legalEntityId: entity.id,
      lines,
    }),
    201,
  );
  const preview = await fetchPdf(`/api/v1/documents/${doc.id}/pdf`, owner.cookie);
  const issued = await ok(
    await owner.call('POST', `/api/v1/documents/${doc.id}/status`, { status: 'issued' }),
  );
  return { doc: issued, deal, preview };
}

describe('PDF', () => {
  it('previews a draft and renders the issued invoice with its number and total', async () => {
    const { doc, preview } = await issuedInvoice();
    expect(preview.status).toBe(200);
    expect(preview.type).toBe('application/pdf');
    const res = await fetchPdf(`/api/v1/documents/${doc.id}/pdf`, owner.cookie);
    expect(res.status).toBe(200);
    const text = pdfText(res.body);
    expect(text).toContain(`№ ${doc.number}`);
    // 2 × 5 000 + 1.5 × 3 000 = 14 500,00 ₽ with VAT inside.
    expect(text.replace(/\s/g, '')).toContain('14500,00');
    expect(text).toContain('Лютик');
  });
});

describe('sending', () => {
  it('e-mails the PDF with a signed expiring link, once, and logs it on the deal', async () => {
    await createEmailChannel(owner, {
      smtpHost: '127.0.0.1',
      smtpPort: sinkPort,
      smtpSecure: false,
      fromAddress: 'sales@romashka.ru',
      fromName: 'Ромашка',
    });
    const { doc, deal } = await issuedInvoice();
    const queued = await owner.call('POST', `/api/v1/documents/${doc.id}/send`, {
      to: 'buh@lyutik.ru',
    });
    expect(queued.status).toBe(202);
    const runJobs = () => drainAndStop(startJobRunner(env.database.db, [documentSend]));
    expect(await runJobs()).toBe(1);
    expect(await runJobs()).toBe(0);
    const mail = received.at(-1)!;
    expect(received).toHaveLength(1);
    expect(mail.to).toMatchObject({ value: [{ address: 'buh@lyutik.ru' }] });
    expect(mail.subject).toContain(`Счёт на оплату № ${doc.number}`);
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf')!;
    expect(pdfText(pdf.content)).toContain(`№ ${doc.number}`);
    const link = /(\/api\/public\/documents\/\S+)/.exec(mail.text ?? '')![1]!;
    const byLink = await fetchPdf(link);
    expect(byLink.status).toBe(200);
    expect(byLink.type).toBe('application/pdf');
    // A link altered or made for another document is refused.
    const tampered = link.replace(/token=(.{5})/, 'token=AAAAA');
    expect((await fetchPdf(tampered)).status).toBe(403);
    const timeline = await ok(await owner.call('GET', `/api/v1/timeline?dealId=${deal.id}`));
    expect(timeline.items.filter((i: { kind: string }) => i.kind === 'email')).toHaveLength(1);
    expect((await ok(await owner.call('GET', `/api/v1/documents/${doc.id}`))).status).toBe('sent');
  });

  it('refuses to send a draft', async () => {
    const { entity, company } = await dealWorld(owner);
    const draft = await ok(
      await owner.call('POST', '/api/v1/documents', {
        type: 'act',
        legalEntityId: entity.id,
        companyId: company.id,
        lines,
      }),
      201,
    );
    expectProblem(
      await owner.call('POST', `/api/v1/documents/${draft.id}/send`, { to: 'a@b.ru' }),
      409,
      'document.invalid_transition',
      'status',
    );
  });
});

describe('DOCX templates', () => {
  const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  const post = (body: Buffer) =>
    upload(env.app, owner, 'POST', '/api/v1/document-templates?name=Договор', DOCX, body);

  it('refuses a 50 MB file and a broken one, naming the field, and stores nothing', async () => {
    expectProblem(await post(Buffer.alloc(50 * 1024 * 1024, 1)), 413, 'file.too_large', 'file');
    const broken = await post(Buffer.from('PK\u0003\u0004 not really a zip'));
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
    expect(broken.body.field).toBeTruthy();
    expect((await owner.call('GET', '/api/v1/document-templates')).body.items).toEqual([]);
  });
});
