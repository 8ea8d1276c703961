import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A value as PostgreSQL's COPY text format wants it. */
function cell(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v))
    return escapeText(`{${v.map((x) => `"${String(x).replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  if (typeof v === 'object') return escapeText(JSON.stringify(v));
  return escapeText(String(v));
}

function escapeText(s: string): string {
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : s;
}

export const copyLine = (row: readonly unknown[]): string => `${row.map(cell).join('\t')}\n`;

/** Bulk writer over either database: COPY FROM STDIN on PostgreSQL, COPY FROM '/dev/blob' on PGlite. */
export interface Bulk {
  kind: 'pglite' | 'postgresql';
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  exec(text: string): Promise<void>;
  /** Copies rows into `table (columns)`; returns the number of rows. */
  copy(table: string, columns: readonly string[], rows: Iterable<readonly unknown[]>): Promise<number>;
  close(): Promise<void>;
}

const PGLITE_CHUNK = 100_000;
const PG_CHUNK = 2_000;

export async function openBulk(options: { url?: string; pgliteDir?: string }): Promise<Bulk> {
  if (options.url) {
    const client = new pg.Client({ connectionString: options.url });
    await client.connect();
    // The generator writes consistent rows: skip the per-row foreign-key triggers while loading.
    await client.query('SET session_replication_role = replica');
    return {
      kind: 'postgresql',
      query: async <T>(text: string, params: unknown[] = []) =>
        (await client.query(text, params)).rows as T[],
      exec: async (text) => {
        await client.query(text);
      },
      copy: async (table, columns, rows) => {
        const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
        const done = new Promise<void>((resolve, reject) => {
          stream.on('finish', () => resolve());
          stream.on('error', reject);
        });
        let n = 0;
        let buffer: string[] = [];
        for (const row of rows) {
          buffer.push(copyLine(row));
          n++;
          if (buffer.length >= PG_CHUNK) {
            const ok = stream.write(buffer.join(''));
            buffer = [];
            if (!ok) await new Promise((r) => stream.once('drain', r));
          }
        }
        if (buffer.length) stream.write(buffer.join(''));
        stream.end();
        await done;
        return n;
      },
      close: () => client.end(),
    };
  }
  const db = new PGlite(options.pgliteDir);
  await db.waitReady;
  await db.exec('SET session_replication_role = replica');
  return {
    kind: 'pglite',
    query: async <T>(text: string, params: unknown[] = []) => (await db.query<T>(text, params)).rows,
    exec: async (text) => {
      await db.exec(text);
    },
    copy: async (table, columns, rows) => {
      let n = 0;
      let buffer: string[] = [];
      const flush = async () => {
        if (!buffer.length) return;
        await db.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], {
          blob: new Blob([buffer.join('')]),
        });
        buffer = [];
      };
      for (const row of rows) {
        buffer.push(copyLine(row));
        n++;
        if (buffer.length >= PGLITE_CHUNK) await flush();
      }
      await flush();
      return n;
    },
    close: () => db.close(),
  };
}
