import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config';
import { oidcRoutes } from './core/auth/oidc-routes';
import { authPlugin } from './core/auth/plugin';
import { authRoutes } from './core/auth/routes';
import type { Database } from './core/db/client';
import { pageCachePlugin } from './core/http/page-cache';
import { FLASH_COOKIE, frameworkErrorHandler, httpPlugin } from './core/http/plugin';
import type { RouteRecord } from './core/http/types';
import { createLogger, type Logger } from './core/log';
import type { ModuleManifest } from './core/module';
import { apiRoutes } from './core/site/api';
import { siteRoutes } from './core/site/routes';
import { modules } from './modules';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
export const version = packageJson.version;

export type BuildOptions = {
  config: Config;
  database: Database;
  manifests?: ModuleManifest[];
  /** The process's logger (see core/log); false for none (tests); by default one at the configured level. */
  logger?: Logger | false;
};

/** Builds the platform: core plugins first, then every module's manifest. */
export async function buildApp({
  config,
  database,
  manifests = modules,
  logger = createLogger(config.logLevel),
}: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    bodyLimit: 1024 * 1024,
    trustProxy: config.env === 'production',
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    frameworkErrors: frameworkErrorHandler(config),
  });

  app.decorate('config', config);
  app.decorate('database', database);
  app.decorate('db', database.db);
  app.decorate('manifests', manifests);
  // Every route as registered, for the isolation matrix (test/isolation.test.ts); before any route.
  app.decorate('routeList', [] as RouteRecord[]);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      app.routeList.push({ method, url: route.url, config: route.config });
    }
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.baseUrl.startsWith('https:') ? [] : null,
      },
    },
    strictTransportSecurity: config.baseUrl.startsWith('https:')
      ? { maxAge: 31536000, includeSubDomains: true }
      : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      signed: true,
      secure: config.baseUrl.startsWith('https:'),
    },
    getToken: (request) => {
      const body = request.body as Record<string, unknown> | undefined;
      const query = request.query as Record<string, unknown> | undefined;
      const header = request.headers['x-csrf-token'];
      return String(body?._csrf ?? query?._csrf ?? (typeof header === 'string' ? header : '') ?? '');
    },
  });
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  await app.register(multipart, { limits: { fileSize: 25 * 1024 * 1024, files: 1, fields: 50 } });
  await app.register(rateLimit, { global: false });
  // Stylesheets and icons are for everyone, signed in or not.
  await app.register(async (assets) => {
    assets.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), public: true };
    });
    await assets.register(fastifyStatic, {
      root: fileURLToPath(new URL('../public', import.meta.url)),
      prefix: '/static/',
      maxAge: config.env === 'production' ? '1d' : 0,
    });
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Regiekamer API',
        version,
        description:
          'De API van Regiekamer: referentiegegevens, open data en de gegevens van uw eigen organisatie, met dezelfde rechten als in de toepassing.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Persoonlijke API-sleutel' },
          session: { type: 'apiKey', in: 'cookie', name: 'rk_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    // The document describes the JSON API; the HTML pages and forms are not part of it.
    transform: (input) =>
      input.url.startsWith('/api/')
        ? jsonSchemaTransform(input)
        : { schema: { ...input.schema, hide: true }, url: input.url },
  });

  await app.register(httpPlugin);
  await app.register(authPlugin);
  await app.register(pageCachePlugin, { seconds: config.pageCacheSeconds, flashCookie: FLASH_COOKIE });

  await app.register(siteRoutes);
  await app.register(authRoutes);
  await app.register(oidcRoutes);
  await app.register((instance) => apiRoutes(instance, version));
  for (const manifest of manifests) await app.register(manifest.routes);

  return app;
}
