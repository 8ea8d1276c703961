import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';

/** A pino logger, typed as Fastify's so the same instance serves requests and background work. */
export type Logger = FastifyBaseLogger;

/**
 * The process's one logger (pino JSON lines): Fastify logs requests through it, and background work outside a
 * request (module start-up jobs) gets it too. Cookies and tokens never reach the log.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
  });
}
