import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'], {
    error: 'must be one of 1, 0, true, false, on, off, yes, no',
  })
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

const urlWithProtocols = (protocols: string[]) =>
  z.url({ error: 'must be a URL' }).refine((v) => protocols.some((p) => v.startsWith(`${p}:`)), {
    error: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
  });

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: urlWithProtocols(['postgres', 'postgresql']).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SESSION_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
  BASE_URL: urlWithProtocols(['http', 'https']).optional(),
  SMTP_URL: urlWithProtocols(['smtp', 'smtps']).optional(),
  MAIL_FROM: z.string().min(3).default('Regiekamer <no-reply@regiekamer.vlaanderen.be>'),
  OIDC_ISSUER: z.url({ error: 'must be a URL' }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  DEMO: booleanFlag.optional(),
  LOGIN_RATE_LIMIT: z.coerce
    .number({ error: 'must be a number of attempts' })
    .int()
    .min(1, { error: 'must be at least 1' })
    .max(10_000, { error: 'must be at most 10000' })
    .default(20),
  PARTICIPATION_RETENTION_DAYS: z.coerce
    .number({ error: 'must be a number of days' })
    .int()
    .min(30, { error: 'must be at least 30 days' })
    .max(3650, { error: 'must be at most 3650 days' })
    .default(730),
  PAGE_CACHE_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int()
    .min(0, { error: 'must be 0 (off) or more' })
    .max(300, { error: 'must be at most 300 seconds' })
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  sessionSecret: string;
  baseUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  oidc: { issuer: string; clientId: string; clientSecret: string } | undefined;
  demo: boolean;
  logLevel: string;
  /** Login attempts per minute from one address (failures are also throttled per account in the database). */
  loginRateLimit: number;
  /** Days after closing before a newcomer's trajectory is anonymised. */
  participationRetentionDays: number;
  /** How long anonymous visitors may share a public page (0: off; off by default in tests). */
  pageCacheSeconds: number;
  /** Start the outbox worker and other timers; off in tests that drive them by hand. */
  backgroundJobs: boolean;
};

export class ConfigError extends Error {}

function issuesToMessage(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`).join('\n');
}

function sessionSecretFor(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Parses the environment; throws a ConfigError naming each wrong variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) throw new ConfigError(`Invalid configuration:\n${issuesToMessage(parsed.error)}`);
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const dataDir = resolve(e.DATA_DIR);

  if (production && !e.SESSION_SECRET) {
    throw new ConfigError('Invalid configuration:\nSESSION_SECRET: required when NODE_ENV=production');
  }
  const oidcValues = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET];
  if (oidcValues.some(Boolean) && !oidcValues.every(Boolean)) {
    throw new ConfigError(
      'Invalid configuration:\nOIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET: set all three or none',
    );
  }

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    sessionSecret: e.SESSION_SECRET ?? sessionSecretFor(dataDir),
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET }
        : undefined,
    demo: e.DEMO ?? (!production && !e.DATABASE_URL),
    logLevel: e.LOG_LEVEL,
    participationRetentionDays: e.PARTICIPATION_RETENTION_DAYS,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    pageCacheSeconds: e.PAGE_CACHE_SECONDS ?? (e.NODE_ENV === 'test' ? 0 : 10),
    backgroundJobs: e.NODE_ENV !== 'test',
  };
}
