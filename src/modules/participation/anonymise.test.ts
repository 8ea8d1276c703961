import { and, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../../test/helpers';
import { auditLog } from '../../core/audit/schema';
import { createLogger } from '../../core/log';
import { referenceModule } from '../reference';
import { participationModule } from '.';
import { runDailyJobsInBackground } from './jobs';
import { anonymisedFields } from './rules';
import { participationActivities, participationHourEntries, participationTrajectories } from './schema';
import { anonymiseExpiredTrajectories } from './trajectories';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform({}, [referenceModule, participationModule]);
}, 300_000);
afterAll(async () => platform?.close());

const db = () => platform.database.db;
const t = participationTrajectories;
const DAY = 86_400_000;

describe('anonymisation of closed trajectories', () => {
  it('anonymises many trajectories in batches, with one audit record each, and leaves recent ones', async () => {
    const [model] = await db()
      .select({ org: t.counsellorOrganisationId, nis: t.municipalityNis })
      .from(t)
      .limit(1);
    const now = new Date();
    const old = new Date(now.getTime() - 800 * DAY);
    const many = 1_203; // three batches of 500: two full ones and a partial one
    const inserted = await db()
      .insert(t)
      .values(
        Array.from({ length: many + 1 }, (_, i) => ({
          code: `BATCH-${String(i).padStart(5, '0')}`,
          counsellorOrganisationId: model!.org,
          municipalityNis: model!.nis,
          startDate: '2022-01-10',
          obliged: i % 2 === 0,
          dutchLevel: 'A1',
          status: i % 3 === 0 ? 'stopped' : 'completed',
          note: 'vertrouwelijke notitie',
          // The last one closed ten days ago: still within the retention period
          closedAt: i === many ? new Date(now.getTime() - 10 * DAY) : old,
        })),
      )
      .returning({ id: t.id, code: t.code });
    const due = inserted.slice(0, many).map((r) => r.id);
    const recent = inserted[many]!;
    const [activity] = await db()
      .insert(participationActivities)
      .values({
        trajectoryId: due[7]!,
        title: 'Taalcafé',
        category: 'language_practice',
        contactName: 'Marie Peeters',
        contactEmail: 'marie@example.be',
      })
      .returning({ id: participationActivities.id });
    await db().insert(participationHourEntries).values({
      trajectoryId: due[7]!,
      activityId: activity!.id,
      date: '2022-02-01',
      minutes: 90,
      status: 'validated',
      confirmedByName: 'Marie Peeters',
      note: 'persoonlijke opmerking',
    });

    const count = await anonymiseExpiredTrajectories(db(), now, 730, 500);
    expect(count).toBeGreaterThanOrEqual(many);

    const rows = await db().select().from(t).where(inArray(t.id, due));
    expect(rows).toHaveLength(many);
    for (const row of rows) {
      expect(row.code).toBe(anonymisedFields(row.id).code);
      expect(row.note).toBeNull();
      expect(row.counsellorUserId).toBeNull();
      expect(row.anonymisedAt?.getTime()).toBe(now.getTime());
    }
    expect(await db().select().from(t).where(like(t.code, 'BATCH-%'))).toEqual([
      expect.objectContaining({ id: recent.id, code: recent.code, anonymisedAt: null }),
    ]);
    const [act] = await db()
      .select()
      .from(participationActivities)
      .where(eq(participationActivities.id, activity!.id));
    expect(act).toMatchObject({ contactName: 'Geanonimiseerd', contactEmail: 'geanonimiseerd@invalid' });
    const [hours] = await db()
      .select()
      .from(participationHourEntries)
      .where(eq(participationHourEntries.trajectoryId, due[7]!));
    expect(hours).toMatchObject({ confirmedByName: null, note: null, minutes: 90, status: 'validated' });

    const audits = await db()
      .select({ entityId: auditLog.entityId, owner: auditLog.ownerOrganisationId, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'trajectory.anonymised'), inArray(auditLog.entityId, due)));
    expect(audits).toHaveLength(many);
    expect(new Set(audits.map((a) => a.entityId)).size).toBe(many);
    expect(audits[0]).toMatchObject({ owner: model!.org, after: { retentionDays: 730 } });

    // Nothing left: a second run does nothing
    expect(await anonymiseExpiredTrajectories(db(), now, 730, 500)).toBe(0);
  });

  it('runs the daily jobs in the background once at a time', async () => {
    const log = createLogger('silent');
    const first = runDailyJobsInBackground(db(), platform.config, log);
    expect(runDailyJobsInBackground(db(), platform.config, log)).toBe(first);
    // Errors are logged, not thrown: a result means the run went through
    expect(await first).toEqual({ expired: expect.any(Number), reminded: expect.any(Number), anonymised: 0 });
  });
});
