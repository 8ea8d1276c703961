import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

export type TemplateStore = { dir: string; runId: string };

declare module 'vitest' {
  export interface ProvidedContext {
    testTemplates: TemplateStore;
  }
}

/**
 * Gives the test files of one run a place to share prepared databases (see test/templates.ts) and removes
 * them when the run ends, so a template never outlives the code that made it.
 */
export default function setup(project: TestProject) {
  const store: TemplateStore = {
    dir: mkdtempSync(join(tmpdir(), 'regiekamer-templates-')),
    runId: randomBytes(4).toString('hex'),
  };
  project.provide('testTemplates', store);
  return async () => {
    rmSync(store.dir, { recursive: true, force: true });
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) return;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(
        'select datname from pg_database where datname like $1',
        [`rk_tmpl_${store.runId}_%`],
      );
      for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
    } finally {
      await admin.end();
    }
  };
}
