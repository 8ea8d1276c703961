import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';

/**
 * A short-lived cache of public pages as anonymous visitors see them (a "micro-cache"): a route opts in with
 * `sharedPublicRoute` (`config: { public: true, pageCache: true }`), and for `PAGE_CACHE_SECONDS` every
 * anonymous visitor of the same URL gets the same answer without a database round or a render. Signed-in users, API-token callers
 * and anyone with a flash message always get a fresh page, so whoever changes data sees the change at once;
 * visitors see it at most that many seconds later (docs/decisions/0005-public-page-cache.md).
 *
 * Concurrent misses of one URL wait for the first render instead of each running the same queries.
 */

type Entry = { body: string; contentType: string; storedAt: number };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Anonymous answers of this public route may be shared between visitors for a few seconds. */
    pageCache?: boolean;
  }
  interface FastifyInstance {
    pageCache: { clear(): void; size(): number };
  }
}

/** A page with a CSRF token belongs to one visitor; it must never be handed to another. */
const PERSONAL = 'name="_csrf"';
const MAX_BYTES = 32 * 1024 * 1024;

export type PageCacheOptions = { seconds: number; flashCookie: string };

/** Route options of a public route whose anonymous answers may be shared (spread into the route's options). */
export const sharedPublicRoute = { config: { public: true, pageCache: true } } as const;

export const pageCachePlugin = fp(async (app: FastifyInstance, options: PageCacheOptions) => {
  const ttl = options.seconds * 1000;
  const cache = new LRUCache<string, Entry>({
    max: 5_000,
    maxSize: MAX_BYTES,
    sizeCalculation: (entry, key) => entry.body.length + key.length,
    ttl: Math.max(ttl, 1),
  });
  /** Renders in progress, per URL: later visitors wait for them. */
  const pending = new Map<string, Promise<void>>();
  app.decorate('pageCache', { clear: () => cache.clear(), size: () => cache.size });
  if (ttl <= 0) return;

  const cacheable = (request: FastifyRequest) =>
    request.method === 'GET' &&
    !request.principal &&
    !request.viaApiToken &&
    request.cookies[options.flashCookie] === undefined;

  const send = (reply: FastifyReply, entry: Entry) =>
    reply
      .header('content-type', entry.contentType)
      .header('age', String(Math.floor((Date.now() - entry.storedAt) / 1000)))
      .header('x-page-cache', 'hit')
      .send(entry.body);

  // After the session is resolved (onRequest), before validation and the handler.
  const lookUp = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!cacheable(request)) return;
    const key = request.url;
    let hit = cache.get(key);
    const inFlight = pending.get(key);
    if (!hit && inFlight) {
      await inFlight;
      hit = cache.get(key);
    }
    if (hit) return send(reply, hit);
    let done = () => {};
    pending.set(
      key,
      new Promise<void>((resolve) => {
        done = resolve;
      }),
    );
    request.pageCacheRelease = () => {
      if (pending.get(key)) pending.delete(key);
      done();
    };
    reply.header('x-page-cache', 'miss');
  };

  const store = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!request.pageCacheRelease) return payload;
    const contentType = String(reply.getHeader('content-type') ?? '');
    if (reply.statusCode === 200 && typeof payload === 'string' && !payload.includes(PERSONAL)) {
      cache.set(request.url, { body: payload, contentType, storedAt: Date.now() });
    }
    request.pageCacheRelease();
    request.pageCacheRelease = undefined;
    return payload;
  };

  // A request that fails before onSend (a dropped connection) must not keep others waiting.
  const release = async (request: FastifyRequest) => {
    request.pageCacheRelease?.();
  };

  // Only on the routes that opt in: every other request pays nothing for the cache.
  const hooks = <T>(existing: T | T[] | undefined, hook: T): T[] =>
    existing === undefined ? [hook] : [...(Array.isArray(existing) ? existing : [existing]), hook];
  app.addHook('onRoute', (route) => {
    if (route.config?.pageCache !== true) return;
    route.preValidation = hooks(route.preValidation, lookUp as never);
    route.onSend = hooks(route.onSend, store as never);
    route.onResponse = hooks(route.onResponse, release as never);
  });
});

declare module 'fastify' {
  interface FastifyRequest {
    pageCacheRelease?: (() => void) | undefined;
  }
}
