import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/core/db/client';
import { migrate } from '../src/core/db/migrate';
import { outbox } from '../src/core/jobs/schema';
import { backoffSeconds, processOutbox, startOutboxWorker } from '../src/core/jobs/worker';
import type { Logger } from '../src/core/log';
import { enqueueMail } from '../src/core/mail/mail';
import { createMailSender } from '../src/core/mail/transport';
import { createTestDatabase } from './helpers';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const received: string[] = [];
let smtp: SMTPServer;
let smtpPort: number;

beforeAll(async () => {
  database = await createTestDatabase();
  await migrate(database);
  smtp = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      let data = '';
      stream.on('data', (chunk) => {
        data += chunk;
      });
      stream.on('end', () => {
        received.push(data);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await database?.close();
});

describe('the outbox worker', () => {
  it('keeps mails in the outbox with backoff while SMTP is unreachable, then delivers them', async () => {
    const { db } = database;
    await enqueueMail(db, { to: 'officer@mechelen.example', subject: 'Bevestiging', text: 'Hallo' });
    const unreachable = createMailSender({
      smtpUrl: 'smtp://127.0.0.1:1',
      from: 'rk@example.be',
      dataDir: '/tmp',
    });

    const now = new Date();
    expect(await processOutbox(db, { mail: unreachable }, 20, now)).toBe(1);
    const [failed] = await db.select().from(outbox);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed!.lastError).toBeTruthy();
    expect(failed!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(
      now.getTime() + backoffSeconds(1) * 1000 - 1000,
    );

    // Not due yet: nothing happens.
    expect(await processOutbox(db, { mail: unreachable }, 20, now)).toBe(0);

    const later = new Date(now.getTime() + 60 * 60_000);
    const working = createMailSender({
      smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
      from: 'rk@example.be',
      dataDir: '/tmp',
    });
    expect(await processOutbox(db, { mail: working }, 20, later)).toBe(1);
    const [sent] = await db.select().from(outbox).where(eq(outbox.id, failed!.id));
    expect(sent).toMatchObject({ status: 'done', attempts: 2 });
    expect(received.some((m) => m.includes('Subject: Bevestiging'))).toBe(true);
  });

  it('grows the wait between attempts and caps it at an hour', () => {
    expect(backoffSeconds(1)).toBe(30);
    expect(backoffSeconds(2)).toBe(60);
    expect(backoffSeconds(20)).toBe(3600);
  });

  it('logs a round that fails and keeps going with the next one', async () => {
    const errors: unknown[] = [];
    const log = { error: (details: unknown) => errors.push(details) } as unknown as Logger;
    let rounds = 0;
    const failing = {
      transaction: async () => {
        rounds += 1;
        throw new Error('connection refused');
      },
    } as unknown as Db;
    const mail = createMailSender({ smtpUrl: undefined, from: 'rk@example.be', dataDir: '/tmp' });
    const stop = startOutboxWorker(failing, { mail }, log, 10);
    await expect.poll(() => rounds, { timeout: 2_000 }).toBeGreaterThanOrEqual(2);
    await stop();
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(String((errors[0] as { err: Error }).err.message)).toBe('connection refused');
  });
});
