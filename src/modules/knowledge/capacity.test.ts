import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../../test/helpers';
import type { Membership, Principal } from '../../core/access/principal';
import { memberships, organisations, users } from '../../core/access/schema';
import { loadPrincipal } from '../../core/auth/principal-loader';
import { ServiceContext } from '../../core/context';
import { outbox } from '../../core/jobs/schema';
import { referenceModule } from '../reference';
import { knowledgeModule } from '.';
import { registrations } from './schema';
import { cancelRegistration, createEvent, registerForEvent } from './service';

let platform: TestPlatform;
let organiser: Principal;
const ctxFor = (p: Principal) => new ServiceContext(platform.database.db, platform.config, p);

beforeAll(async () => {
  platform = await createTestPlatform({}, [referenceModule, knowledgeModule]);
  const db = platform.database.db;
  const [agii] = await db
    .select({ userId: users.id })
    .from(users)
    .where(eq(users.email, 'medewerker.agii@demo.regiekamer.be'));
  organiser = (await loadPrincipal(db, agii!.userId, null))!;
});
afterAll(async () => platform?.close());

/** 200 officers, each of a different local government, as principals. */
async function officers(n: number): Promise<Principal[]> {
  const db = platform.database.db;
  const orgs = await db
    .select()
    .from(organisations)
    .where(eq(organisations.type, 'local_government'))
    .orderBy(asc(organisations.name))
    .limit(n);
  const created = await db
    .insert(users)
    .values(orgs.map((_o, i) => ({ email: `last${i}@test.example`, name: `Deelnemer ${i}` })))
    .returning();
  const ms = await db
    .insert(memberships)
    .values(created.map((u, i) => ({ userId: u.id, organisationId: orgs[i]!.id, role: 'local_officer' })))
    .returning();
  return created.map((u, i) => {
    const org = orgs[i]!;
    const m: Membership = {
      id: ms[i]!.id,
      role: 'local_officer',
      organisationId: org.id,
      organisationName: org.name,
      organisationType: 'local_government',
      agencyCode: null,
      municipalityNis: org.municipalityNis,
      networkCode: null,
    };
    return { userId: u.id, name: u.name, email: u.email, memberships: [m], active: m };
  });
}

describe('capacity under load', () => {
  it('200 simultaneous registrations for 50 places: exactly 50 registered, 150 waitlisted in arrival order', async () => {
    const db = platform.database.db;
    const event = await createEvent(ctxFor(organiser), {
      title: 'Netwerkmoment onder druk',
      description: 'Een populair netwerkmoment.',
      type: 'netwerkmoment',
      themes: ['nederlands'],
      audienceKind: 'all_local_governments',
      startDate: '2099-05-12',
      startTime: '09:30',
      endTime: '12:00',
      location: 'Brussel',
      capacity: '50',
      waitlistEnabled: 'ja',
    });
    const people = await officers(200);
    const started = Date.now();
    const results = await Promise.allSettled(
      people.map((p) => registerForEvent(ctxFor(p), event.id, { participants: p.userId })),
    );
    const elapsed = Date.now() - started;
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);

    const rows = await db
      .select({ userId: registrations.userId, status: registrations.status, arrival: registrations.arrival })
      .from(registrations)
      .where(eq(registrations.eventId, event.id))
      .orderBy(asc(registrations.arrival));
    expect(rows).toHaveLength(200);
    const registered = rows.filter((r) => r.status === 'registered');
    const waitlisted = rows.filter((r) => r.status === 'waitlisted');
    expect(registered).toHaveLength(50);
    expect(waitlisted).toHaveLength(150);
    // Arrival order: the first 50 to get the lock got the places, everybody after them waits.
    expect(rows.slice(0, 50).every((r) => r.status === 'registered')).toBe(true);
    expect(rows.slice(50).every((r) => r.status === 'waitlisted')).toBe(true);
    // Each caller was told the status that was stored.
    const told = new Map(
      results.flatMap((r) =>
        r.status === 'fulfilled' ? r.value.map((v) => [v.userId, v.status] as const) : [],
      ),
    );
    for (const row of rows) expect(told.get(row.userId)).toBe(row.status);
    console.info(`${platform.database.kind}: 200 registrations in ${elapsed} ms`);

    // A place frees: the first on the waitlist (lowest arrival) moves up and gets an e-mail.
    const leaver = people.find((p) => p.userId === registered[7]!.userId)!;
    const [leaverRegistration] = await db
      .select({ id: registrations.id })
      .from(registrations)
      .where(and(eq(registrations.eventId, event.id), eq(registrations.userId, leaver.userId)));
    const { promoted } = await cancelRegistration(ctxFor(leaver), leaverRegistration!.id);
    expect(promoted).toHaveLength(1);
    const [first] = await db
      .select({ status: registrations.status, userId: registrations.userId })
      .from(registrations)
      .where(eq(registrations.arrival, waitlisted[0]!.arrival));
    expect(first!.status).toBe('registered');
    const [second] = await db
      .select({ status: registrations.status })
      .from(registrations)
      .where(eq(registrations.arrival, waitlisted[1]!.arrival));
    expect(second!.status).toBe('waitlisted');
    const firstEmail = people.find((p) => p.userId === first!.userId)!.email;
    const mails = await db.select().from(outbox).where(eq(outbox.kind, 'mail'));
    const promotedMail = mails
      .map(
        (m) =>
          m.payload as { to: string; subject: string; attachments?: { filename: string; content: string }[] },
      )
      .find((m) => m.to === firstEmail && m.subject.startsWith('Er is een plaats vrij'));
    expect(promotedMail?.attachments?.[0]?.filename).toBe('evenement.ics');
    expect(promotedMail?.attachments?.[0]?.content).toContain('BEGIN:VEVENT');

    // Still 50 places taken.
    const after = await db
      .select({ userId: registrations.userId })
      .from(registrations)
      .where(and(eq(registrations.eventId, event.id), inArray(registrations.status, ['registered'])));
    expect(after).toHaveLength(50);
  }, 120_000);
});
