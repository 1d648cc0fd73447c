import path from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  VORONKA_DATA_DIR: z.string().default('./data'),
  VORONKA_SECRET: z.string().min(32).optional(),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  VORONKA_WORKER: z.enum(['on', 'off']).default('on'),
  // Behind a reverse proxy: how many proxy hops to trust for the client IP (X-Forwarded-For).
  VORONKA_TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  // The e-mail intake's SMTP listener: a port, or 'off'. STARTTLS is offered only with both files.
  VORONKA_SMTP_PORT: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .union([z.literal('off'), z.coerce.number().int().min(0).max(65535)], {
        error: "a port number or 'off'",
      })
      .default(2525),
  ),
  VORONKA_SMTP_TLS_KEY: z.string().min(1).optional(),
  VORONKA_SMTP_TLS_CERT: z.string().min(1).optional(),
  // Channels' IMAP/SMTP hosts on private or loopback addresses (an on-premises mail server).
  VORONKA_MAIL_PRIVATE_HOSTS: z.enum(['allow', 'deny']).default('deny'),
  // /metrics: with a token, only `Authorization: Bearer <token>`; without one, only from this host.
  VORONKA_METRICS_TOKEN: z.string().min(16).optional(),
  // Outgoing system mail (password reset letters): smtp://user:password@host:587 (STARTTLS when the
  // server offers it) or smtps://…:465. Unset: password reset by e-mail is off (503).
  VORONKA_MAIL_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^smtps?:\/\/[^/\s]+/, 'smtp://… or smtps://…')
      .optional(),
  ),
  // The From of system mail; default: Voronka <no-reply@the PUBLIC_URL's host>.
  VORONKA_MAIL_FROM: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(3).optional()),
  // New workspaces (sign-ups) one address may create per hour.
  VORONKA_SIGN_UPS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
  // The domains whose addresses workspaces may take as e-mail intake addresses (comma-separated);
  // by default the host name of PUBLIC_URL.
  VORONKA_MAIL_DOMAINS: z.string().optional(),
  // Bounds on what an uploaded file or an e-mail may unpack into (docs/security.md, "File limits").
  VORONKA_FILE_MAX_UNCOMPRESSED_MB: z.coerce.number().int().min(1).max(4096).default(100),
  VORONKA_FILE_MAX_ENTRIES: z.coerce.number().int().min(1).max(100_000).default(1000),
  VORONKA_FILE_MAX_RATIO: z.coerce.number().int().min(2).max(100_000).default(200),
  VORONKA_IMPORT_MAX_ROWS: z.coerce.number().int().min(1).max(10_000_000).default(100_000),
  VORONKA_IMPORT_MAX_COLUMNS: z.coerce.number().int().min(1).max(16_384).default(200),
  VORONKA_IMPORT_MAX_CELLS: z.coerce.number().int().min(1).max(100_000_000).default(2_000_000),
  VORONKA_EMAIL_MAX_MB: z.coerce.number().int().min(1).max(1024).default(25),
  VORONKA_EMAIL_MAX_ATTACHMENTS: z.coerce.number().int().min(0).max(10_000).default(100),
  // How long a web process may reuse who a request is (src/platform/auth/principal-cache.ts); every
  // change is announced to all processes at once, this is only the safety net. 0: read every time.
  VORONKA_PRINCIPAL_CACHE_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  // Requests one workspace may make per window in each API process (429 beyond); 0: no limit.
  VORONKA_RATE_LIMIT: z.coerce.number().int().min(0).max(10_000_000).default(600),
  VORONKA_RATE_LIMIT_WINDOW_S: z.coerce.number().int().min(1).max(3600).default(10),
  NODE_ENV: z.string().default('development'),
});

const MiB = 1024 * 1024;
const DOMAIN =
  /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  secret: string | undefined;
  publicUrl: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  runWorker: boolean;
  secureCookies: boolean;
  trustProxyHops: number;
  // null: no SMTP listener in this process.
  smtpPort: number | null;
  smtpTls: { keyFile: string; certFile: string } | null;
  mailPrivateHosts: boolean;
  metricsToken: string | undefined;
  // Outgoing system mail; null: none configured.
  systemMail: { url: string; from: string } | null;
  signUpsPerHour: number;
  // Lower-case domains an intake address may be in.
  mailDomains: string[];
  fileLimits: FileLimits;
  principalCacheMs: number;
  workspaceLimit: { max: number; windowSeconds: number };
};

export type FileLimits = {
  // Everything a ZIP-based file (XLSX, later DOCX) unpacks into, its entries, and each entry's
  // uncompressed:compressed ratio (entries over 1 MiB).
  maxUncompressedBytes: number;
  maxArchiveEntries: number;
  maxCompressionRatio: number;
  // What an imported table (CSV or XLSX) may hold: non-empty rows, columns, and cells in all.
  maxRows: number;
  maxColumns: number;
  maxCells: number;
  // An inbound e-mail: its size (SMTP answers 552 above it; IMAP keeps its head) and attachments kept.
  maxEmailBytes: number;
  maxEmailAttachments: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${issues}`);
  }
  const e = parsed.data;
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  const mailDomains = (e.VORONKA_MAIL_DOMAINS ?? new URL(publicUrl).hostname)
    .split(',')
    .map((d) => d.trim().toLowerCase().replace(/\.$/, ''))
    .filter(Boolean);
  const badDomain = mailDomains.find((d) => !DOMAIN.test(d));
  if (badDomain !== undefined || !mailDomains.length)
    throw new Error(
      `Invalid configuration: VORONKA_MAIL_DOMAINS: '${badDomain ?? ''}' is not a domain name`,
    );
  if (Boolean(e.VORONKA_SMTP_TLS_KEY) !== Boolean(e.VORONKA_SMTP_TLS_CERT)) {
    throw new Error(
      'Invalid configuration: VORONKA_SMTP_TLS_KEY and VORONKA_SMTP_TLS_CERT go together (STARTTLS needs both)',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.VORONKA_DATA_DIR),
    secret: e.VORONKA_SECRET,
    publicUrl: publicUrl.replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    runWorker: e.VORONKA_WORKER === 'on',
    secureCookies: publicUrl.startsWith('https://'),
    trustProxyHops: e.VORONKA_TRUST_PROXY,
    smtpPort: e.VORONKA_SMTP_PORT === 'off' ? null : e.VORONKA_SMTP_PORT,
    smtpTls:
      e.VORONKA_SMTP_TLS_KEY && e.VORONKA_SMTP_TLS_CERT
        ? {
            keyFile: path.resolve(e.VORONKA_SMTP_TLS_KEY),
            certFile: path.resolve(e.VORONKA_SMTP_TLS_CERT),
          }
        : null,
    mailPrivateHosts: e.VORONKA_MAIL_PRIVATE_HOSTS === 'allow',
    metricsToken: e.VORONKA_METRICS_TOKEN,
    systemMail: e.VORONKA_MAIL_URL
      ? {
          url: e.VORONKA_MAIL_URL,
          from: e.VORONKA_MAIL_FROM ?? `Voronka <no-reply@${new URL(publicUrl).hostname}>`,
        }
      : null,
    signUpsPerHour: e.VORONKA_SIGN_UPS_PER_HOUR,
    principalCacheMs: e.VORONKA_PRINCIPAL_CACHE_MS,
    workspaceLimit: { max: e.VORONKA_RATE_LIMIT, windowSeconds: e.VORONKA_RATE_LIMIT_WINDOW_S },
    mailDomains: [...new Set(mailDomains)],
    fileLimits: {
      maxUncompressedBytes: e.VORONKA_FILE_MAX_UNCOMPRESSED_MB * MiB,
      maxArchiveEntries: e.VORONKA_FILE_MAX_ENTRIES,
      maxCompressionRatio: e.VORONKA_FILE_MAX_RATIO,
      maxRows: e.VORONKA_IMPORT_MAX_ROWS,
      maxColumns: e.VORONKA_IMPORT_MAX_COLUMNS,
      maxCells: e.VORONKA_IMPORT_MAX_CELLS,
      maxEmailBytes: e.VORONKA_EMAIL_MAX_MB * MiB,
      maxEmailAttachments: e.VORONKA_EMAIL_MAX_ATTACHMENTS,
    },
  };
}
