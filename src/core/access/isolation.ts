import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client';

/**
 * One row of the isolation matrix: a request for a resource of organisation A, made by a user of
 * organisation B, that must be refused (403 or 404; an HTML page may also redirect away with 303).
 */
export type IsolationRow = {
  /** The route pattern as registered, e.g. '/organisaties/:id/bewerken'. */
  route: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The concrete URL for organisation A's resource. */
  url: string;
  /** Form fields (HTML routes; CSRF is added by the matrix) or a JSON body (API routes). */
  form?: Record<string, string>;
  json?: unknown;
  /** The demo account (local part of its e-mail) of organisation B that must be refused. */
  as: string;
  /** Accepted answers; default [403, 404]. */
  expect?: number[];
};

export type IsolationEnv = { app: FastifyInstance; db: Db };

/** A module's matrix rows; it may create organisation A's example resources first. */
export type IsolationRows = (env: IsolationEnv) => Promise<IsolationRow[]>;

/**
 * A non-public route that shows or changes only the caller's own data (e.g. /account), so there is
 * no other organisation's resource to try; declared with the reason, reviewed like a row.
 */
export type SelfScopedRoute = { method: IsolationRow['method']; route: string; reason: string };
