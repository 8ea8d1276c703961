import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestPlatform, loggedIn, type TestPlatform } from '../../../test/helpers';
import type { IsolationRow } from '../../core/access/isolation';
import { referenceModule } from '../reference';
import { knowledgeModule } from '.';
import { knowledgeIsolation, knowledgeSelfScoped } from './isolation';
import {
  events,
  learningNetworkMembers,
  learningNetworkResources,
  practices,
  registrations,
  tools,
} from './schema';

let platform: TestPlatform;
let rows: IsolationRow[];
const clients = new Map<string, Client>();
async function as(local: string): Promise<Client> {
  if (!clients.has(local)) clients.set(local, await loggedIn(platform.app, local));
  return clients.get(local)!;
}

beforeAll(async () => {
  platform = await createTestPlatform({}, [referenceModule, knowledgeModule]);
  rows = await knowledgeIsolation({ app: platform.app, db: platform.database.db });
});
afterAll(async () => platform?.close());

const prefixes = [
  '/agenda',
  '/inschrijvingen',
  '/mijn-inschrijvingen',
  '/lerende-netwerken',
  '/goede-praktijken',
  '/tools',
  '/api/v1/events',
  '/api/v1/me/registrations',
  '/api/v1/registrations',
  '/api/v1/good-practices',
  '/api/v1/tools',
];

describe('isolation matrix of the knowledge module', () => {
  it('has rows (or a self-scoped reason) for every non-public route', () => {
    const routes = platform.app.routeList.filter(
      (r) =>
        ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) &&
        prefixes.some((p) => r.url === p || r.url.startsWith(`${p}/`) || r.url.startsWith(`${p}.`)) &&
        !r.config?.public,
    );
    expect(routes.length).toBeGreaterThan(20);
    const covered = new Set([
      ...rows.map((r) => `${r.method} ${r.route}`),
      ...knowledgeSelfScoped.map((r) => `${r.method} ${r.route}`),
    ]);
    const missing = routes.map((r) => `${r.method} ${r.url}`).filter((r) => !covered.has(r));
    expect(missing).toEqual([]);
  });

  it('refuses every row', async () => {
    const failures: string[] = [];
    for (const row of rows) {
      const client = await as(row.as);
      let status: number;
      if (row.json !== undefined || row.url.startsWith('/api/')) {
        const csrf = await client.csrf('/account');
        const res = await client.request({
          method: row.method,
          url: row.url,
          headers: {
            'x-csrf-token': csrf,
            ...(row.json !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(row.json !== undefined ? { payload: JSON.stringify(row.json) } : {}),
        });
        status = res.statusCode;
      } else if (row.method === 'GET') {
        status = (await client.get(row.url)).statusCode;
      } else {
        status = (await client.post(row.url, row.form ?? {}, { from: '/account' })).statusCode;
      }
      const expected = row.expect ?? [403, 404];
      if (!expected.includes(status))
        failures.push(`${row.as} ${row.method} ${row.url}: ${status}, expected ${expected.join('/')}`);
    }
    expect(failures).toEqual([]);
  });

  it('left organisation A’s data unchanged', async () => {
    const db = platform.database.db;
    const [event] = await db.select().from(events).where(like(events.title, 'Isolatie:%'));
    expect(event!.cancelledAt).toBeNull();
    expect(event!.title).toBe('Isolatie: evenement van AgII');
    const [registration] = await db.select().from(registrations).where(eq(registrations.eventId, event!.id));
    expect(registration!.status).toBe('registered');
    const [practice] = await db.select().from(practices).where(like(practices.title, 'Isolatie:%'));
    expect(practice!.status).toBe('submitted');
    const members = await db.select().from(learningNetworkMembers);
    expect(members.length).toBeGreaterThan(0);
    const [resource] = await db
      .select()
      .from(learningNetworkResources)
      .where(eq(learningNetworkResources.title, 'Document van Mechelen'));
    expect(resource).toBeDefined();
    const [tool] = await db.select().from(tools).where(like(tools.title, 'Isolatie:%'));
    expect(tool!.title).toBe('Isolatie: tool van AgII');
  });
});
