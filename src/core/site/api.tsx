import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problem, problemSchema } from '../http/problem';
import type { ViewContext } from '../views/context';
import { Layout } from '../views/layout';

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['pglite', 'postgresql']),
  databaseReachable: z.boolean(),
  version: z.string(),
});

const healthProblemSchema = problemSchema.extend({
  database: z.enum(['pglite', 'postgresql']),
  databaseReachable: z.boolean(),
  version: z.string(),
});

type OpenApiDoc = {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, { summary?: string; tags?: string[]; description?: string }>>;
};

function ApiDocsPage({ ctx, doc }: { ctx: ViewContext; doc: OpenApiDoc }) {
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), ...op })),
  );
  const tags = [...new Set(operations.map((o) => o.tags?.[0] ?? 'Algemeen'))].sort();
  return (
    <Layout
      ctx={ctx}
      title="API en open data"
      breadcrumbs={[{ href: '/', label: 'Start' }, { label: 'API en open data' }]}
    >
      <h1>API en open data</h1>
      <p class="lead">{doc.info.description}</p>
      <p>
        De volledige beschrijving staat in <a href="/api/v1/openapi.json">openapi.json</a> (OpenAPI 3, versie{' '}
        {doc.info.version}). Meld u aan met uw sessie, of stuur een persoonlijke API-sleutel mee als{' '}
        <code>Authorization: Bearer …</code>. U maakt een sleutel aan op{' '}
        <a href="/account#tokens">Mijn account</a>. Fouten krijgt u als <code>application/problem+json</code>.
      </p>
      {tags.map((tag) => (
        <div class="api-group">
          <h2>{tag}</h2>
          <dl class="api-list">
            {operations
              .filter((o) => (o.tags?.[0] ?? 'Algemeen') === tag)
              .map((o) => (
                <div class="api-list__item">
                  <dt>
                    <code class="api-method">{o.method}</code> <code>{o.path}</code>
                  </dt>
                  <dd>{o.summary ?? ''}</dd>
                </div>
              ))}
          </dl>
        </div>
      ))}
    </Layout>
  );
}

export async function apiRoutes(app: FastifyInstance, version: string): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/health',
    {
      config: { public: true },
      schema: {
        summary: 'Health of the platform and its database',
        tags: ['Platform'],
        response: { 200: healthSchema, 503: healthProblemSchema },
      },
    },
    async (_request, reply) => {
      const reachable = await app.database.ping().then(
        () => true,
        () => false,
      );
      if (!reachable) {
        // An outage is an error like any other API error: problem+json, with the health fields added.
        return reply
          .code(503)
          .type('application/problem+json')
          .send({
            ...problem(503, 'De databank is niet bereikbaar. Probeer het over enkele ogenblikken opnieuw.'),
            database: app.database.kind,
            databaseReachable: false,
            version,
          });
      }
      return reply.send({ status: 'ok', database: app.database.kind, databaseReachable: true, version });
    },
  );

  app.get('/api/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  app.get('/api/docs', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
    reply.render(<ApiDocsPage ctx={reply.view()} doc={app.swagger() as unknown as OpenApiDoc} />),
  );
}
