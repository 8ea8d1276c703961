import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openDatabase, preparePlatform } from '../src/platform';
import { Client, demo } from './helpers';

const dataDir = mkdtempSync(join(tmpdir(), 'rk-persist-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The embedded database keeps everything across a clean restart. */
describe('embedded database on disk', () => {
  it('keeps data after a restart and does not seed twice', async () => {
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, DEMO: '1', LOG_LEVEL: 'silent' });

    const first = await openDatabase(config);
    await preparePlatform(first, config);
    const app1 = await buildApp({ config, database: first, logger: false });
    const client = await new Client(app1).login(demo('mechelen'));
    const org = (await app1.inject('/api/v1/organisations?q=Lokaal%20bestuur%20Mechelen')).json().items[0];
    const saved = await client.post(
      `/organisaties/${org.id}/bewerken`,
      { email: 'nieuw@mechelen.be' },
      { from: `/organisaties/${org.id}/bewerken` },
    );
    expect(saved.statusCode).toBe(303);
    await app1.close();
    await first.close();

    const second = await openDatabase(config);
    await preparePlatform(second, config);
    const app2 = await buildApp({ config, database: second, logger: false });
    const after = (await app2.inject('/api/v1/organisations?q=Lokaal%20bestuur%20Mechelen')).json();
    expect(after.items[0].email).toBe('nieuw@mechelen.be');
    expect(after.total).toBe(1);
    expect((await app2.inject('/api/v1/health')).json()).toMatchObject({ database: 'pglite' });
    await app2.close();
    await second.close();
  });
});
