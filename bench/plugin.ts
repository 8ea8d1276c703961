import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Baseline routes for `npm run bench`, registered only by bench/server.ts (never in production):
 * - GET /__bench/static: a fixed small page (the framework's ceiling);
 * - GET /__bench/sql/:name: replays the SQL that a real page ran, returns its rows as JSON, renders
 *   nothing (the database's ceiling). The runner first calls the real page once with the header
 *   `x-bench-capture: <name>`; every query of that request is recorded with its parameters, grouped
 *   as the page ran them (queries started while another was running form one parallel group);
 * - GET /__bench/explain/:name: the plans of those queries (EXPLAIN ANALYZE, BUFFERS), for `--explain`.
 */

type Query = { text: string; values: unknown[] };
type Capture = { groups: Query[][]; inFlight: number };

const captures = new Map<string, Query[][]>();
const storage = new AsyncLocalStorage<Capture>();
const TRANSACTION = /^\s*(begin|commit|rollback|savepoint|release)\b/i;

type QueryFn = (...args: unknown[]) => Promise<unknown>;

/** The driver client under Drizzle: a pg Pool or a PGlite instance; both have query(text, values). */
function driverOf(app: FastifyInstance): { query: QueryFn } {
  const client = (app.db as unknown as { $client?: { query: QueryFn } }).$client;
  if (!client) throw new Error('bench: the Drizzle instance exposes no $client');
  return client;
}

function normalise(args: unknown[]): Query {
  const [first, second] = args;
  if (typeof first === 'string') return { text: first, values: Array.isArray(second) ? second : [] };
  const config = first as { text: string; values?: unknown[] };
  return { text: config.text, values: Array.isArray(second) ? second : (config.values ?? []) };
}

export const benchPlugin = fp(async (app: FastifyInstance) => {
  const client = driverOf(app);
  const original = client.query.bind(client) as QueryFn;
  client.query = async (...args: unknown[]) => {
    const capture = storage.getStore();
    if (!capture) return original(...args);
    const q = normalise(args);
    if (!TRANSACTION.test(q.text)) {
      if (capture.inFlight === 0 || capture.groups.length === 0) capture.groups.push([]);
      capture.groups[capture.groups.length - 1]!.push(q);
    }
    capture.inFlight++;
    try {
      return await original(...args);
    } finally {
      capture.inFlight--;
    }
  };

  // Before Fastify sees the request, so that the session and principal look-ups are captured too.
  app.server.prependListener('request', (req) => {
    const name = req.headers['x-bench-capture'];
    if (typeof name !== 'string') {
      storage.enterWith(undefined as unknown as Capture);
      return;
    }
    const capture: Capture = { groups: [], inFlight: 0 };
    req.once('close', () => captures.set(name, capture.groups));
    storage.enterWith(capture);
  });

  app.get('/__bench/static', { config: { public: true } }, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .send(
        '<!doctype html><html lang="nl"><head><title>Bench</title></head><body><p>Vaste pagina.</p></body></html>',
      ),
  );

  app.get('/__bench/captures', { config: { public: true } }, async () =>
    Object.fromEntries([...captures].map(([name, groups]) => [name, groups])),
  );

  app.get<{ Params: { name: string } }>(
    '/__bench/sql/:name',
    { config: { public: true } },
    async (request, reply) => {
      const groups = captures.get(request.params.name);
      if (!groups) return reply.code(404).send({ error: 'not captured' });
      const results: unknown[] = [];
      for (const group of groups) {
        const rows = await Promise.all(
          group.map(async (q) => ((await original(q.text, q.values)) as { rows: unknown[] }).rows),
        );
        results.push(...rows);
      }
      return reply.send(results);
    },
  );

  app.get<{ Params: { name: string } }>(
    '/__bench/explain/:name',
    { config: { public: true } },
    async (request, reply) => {
      const groups = captures.get(request.params.name);
      if (!groups) return reply.code(404).send({ error: 'not captured' });
      const plans: Array<{ text: string; values: unknown[]; plan: string }> = [];
      for (const q of groups.flat()) {
        const result = (await original(`explain (analyze, buffers) ${q.text}`, q.values)) as {
          rows: Array<Record<string, string>>;
        };
        plans.push({ ...q, plan: result.rows.map((r) => Object.values(r)[0]).join('\n') });
      }
      return reply.send(plans);
    },
  );
});
