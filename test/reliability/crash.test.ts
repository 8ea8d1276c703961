/**
 * Crash safety: the real server under concurrent writes is killed with SIGKILL at a random (seeded)
 * moment, restarted on the same database, and every write it acknowledged must still be there, with
 * nothing half-written (audit trail, budget ledger and capacity all consistent).
 *
 * PGlite (a data directory) by default; PostgreSQL (a fresh database) when TEST_DATABASE_URL is set.
 * RELIABILITY_SEED=<n> repeats a run; RELIABILITY_CRASH_ROUNDS (default 2) sets how many kills.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/client';
import { countingRegistrationStatuses } from '../../src/modules/knowledge/workflow';
import {
  demoDatabase,
  demoEmail,
  freePort,
  HttpSession,
  rows,
  type ServerProcess,
  seededRandom,
  seedFromEnv,
  sleep,
  startServer,
  tableChecksums,
} from './harness';

const adminUrl = process.env.TEST_DATABASE_URL;
const kind = adminUrl ? 'PostgreSQL' : 'PGlite';
const ROUNDS = Math.max(1, Number(process.env.RELIABILITY_CRASH_ROUNDS ?? 2));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** What the server acknowledged (2xx/303 with an identifier). */
type Acked = {
  registrations: Map<string, { status: string }>;
  cancelled: Set<string>;
  hours: Map<string, { minutes: number }>;
  oefenkansen: Map<string, { title: string }>;
  claims: Map<string, string>;
};

type Fixtures = {
  openEvents: string[];
  colleagueId: string;
  mechelenUserId: string;
  mechelenMembership: string;
  igsMembership: string;
  igsApplication: string;
  hourSlots: Array<{ trajectoryId: string; activityId: string; startDate: string }>;
  claims: Array<{ id: string; status: string }>;
};

/** What existed before the load, so "new" means written by this test, not by the demo seed. */
type Snapshot = {
  auditId: number;
  registrations: string[];
  hours: string[];
  oefenkansen: string[];
  claims: Array<{ id: string; status: string }>;
};

async function snapshot(database: Database): Promise<Snapshot> {
  const ids = async (table: string) =>
    (await rows<{ id: string }>(database, `select id from ${table}`)).map((r) => r.id);
  const [audit] = await rows<{ id: string | number | null }>(database, 'select max(id) as id from audit_log');
  return {
    auditId: Number(audit?.id ?? 0),
    registrations: await ids('knowledge_registrations'),
    hours: await ids('participation_hour_entries'),
    oefenkansen: await ids('oefenkansen'),
    claims: await rows<{ id: string; status: string }>(database, 'select id, status from call_claims'),
  };
}

const claimOrder = ['requested', 'programme_approved', 'finance_approved', 'paid'];
const nextClaimAction: Record<string, { action: string; as: 'programme' | 'finance'; to: string }> = {
  requested: { action: 'approve_programme', as: 'programme', to: 'programme_approved' },
  programme_approved: { action: 'approve_finance', as: 'finance', to: 'finance_approved' },
  finance_approved: { action: 'mark_paid', as: 'finance', to: 'paid' },
};

const list = (ids: Iterable<string>) => {
  const all = [...ids];
  for (const id of all) if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  return all.length ? `array[${all.map((id) => `'${id}'`).join(',')}]::uuid[]` : `array[]::uuid[]`;
};

async function readFixtures(database: Database): Promise<Fixtures> {
  const events = await rows<{ id: string }>(
    database,
    `select id from knowledge_events
      where audience_kind = 'all_local_governments' and cancelled_at is null
        and registration_closes_at > now() + interval '1 day'
        and (registration_opens_at is null or registration_opens_at < now())
        and not approval_required
      order by starts_at`,
  );
  const [colleague] = await rows<{ id: string }>(
    database,
    `select u.id from users u join memberships m on m.user_id = u.id join organisations o on o.id = m.organisation_id
      where o.municipality_nis = '12025' and o.type = 'local_government' and u.email <> '${demoEmail('mechelen')}'
      order by u.email limit 1`,
  );
  const memberships = await rows<{ id: string; type: string; user_id: string }>(
    database,
    `select m.id, o.type, m.user_id from memberships m join users u on u.id = m.user_id join organisations o on o.id = m.organisation_id
      where u.email = '${demoEmail('mechelen')}'`,
  );
  const [igsApplication] = await rows<{ id: string }>(
    database,
    `select a.id from call_applications a join organisations o on o.id = a.applicant_organisation_id
      where o.type = 'intermunicipal_partnership' and a.status = 'granted' limit 1`,
  );
  const hourSlots = await rows<{ trajectoryId: string; activityId: string; startDate: string }>(
    database,
    `select t.id as "trajectoryId", a.id as "activityId", t.start_date::text as "startDate"
       from participation_trajectories t
       join participation_activities a on a.trajectory_id = t.id
       join users u on u.id = t.counsellor_user_id
      where t.status = 'active' and u.email = '${demoEmail('trajectbegeleider.agii')}'
      order by t.code, a.created_at`,
  );
  const claims = await rows<{ id: string; status: string }>(
    database,
    `select id, status from call_claims where status in ('requested', 'programme_approved', 'finance_approved')
      order by number`,
  );
  return {
    openEvents: events.map((e) => e.id),
    colleagueId: colleague!.id,
    mechelenUserId: memberships[0]!.user_id,
    mechelenMembership: memberships.find((m) => m.type === 'local_government')!.id,
    igsMembership: memberships.find((m) => m.type === 'intermunicipal_partnership')!.id,
    igsApplication: igsApplication!.id,
    hourSlots,
    claims,
  };
}

/** Every acknowledged write is present, and nothing exists half-written. Returns what it counted. */
async function verify(database: Database, acked: Acked, before: Snapshot) {
  const newAudit = `a.id > ${before.auditId}`;
  const newReg = `not (r.id = any(${list(before.registrations)}))`;
  const newHour = `not (h.id = any(${list(before.hours)}))`;
  const newOefen = `not (o.id = any(${list(before.oefenkansen)}))`;
  const problems: string[] = [];
  const expectNone = async (what: string, sqlText: string) => {
    const found = await rows(database, sqlText);
    if (found.length) problems.push(`${what}: ${JSON.stringify(found.slice(0, 5))} (${found.length})`);
  };

  // 1. Acknowledged writes are all there.
  const regs = await rows<{ id: string; status: string }>(
    database,
    `select id, status from knowledge_registrations where id = any(${list(acked.registrations.keys())})`,
  );
  const regStatus = new Map(regs.map((r) => [r.id, r.status]));
  for (const id of acked.registrations.keys()) {
    if (!regStatus.has(id)) problems.push(`acknowledged registration ${id} is missing`);
  }
  for (const id of acked.cancelled) {
    if (regStatus.get(id) !== 'cancelled')
      problems.push(`acknowledged cancellation of ${id} is lost (${regStatus.get(id)})`);
  }
  const hours = await rows<{ id: string; minutes: number }>(
    database,
    `select id, minutes from participation_hour_entries where id = any(${list(acked.hours.keys())})`,
  );
  const hourMinutes = new Map(hours.map((h) => [h.id, Number(h.minutes)]));
  for (const [id, h] of acked.hours) {
    if (hourMinutes.get(id) !== h.minutes) problems.push(`acknowledged hour entry ${id} is missing`);
  }
  const oefen = await rows<{ id: string; title: string }>(
    database,
    `select id, title from oefenkansen where id = any(${list(acked.oefenkansen.keys())})`,
  );
  const oefenTitles = new Map(oefen.map((o) => [o.id, o.title]));
  for (const [id, o] of acked.oefenkansen) {
    if (oefenTitles.get(id) !== o.title) problems.push(`acknowledged oefenkans ${id} is missing`);
  }
  const claims = await rows<{ id: string; status: string }>(
    database,
    `select id, status from call_claims where id = any(${list(acked.claims.keys())})`,
  );
  for (const c of claims) {
    if (claimOrder.indexOf(c.status) < claimOrder.indexOf(acked.claims.get(c.id)!))
      problems.push(`claim ${c.id} is ${c.status}, but ${acked.claims.get(c.id)} was acknowledged`);
  }

  // 2. Nothing half-written: each row has its audit record from the same transaction, and back.
  await expectNone(
    'registration without its audit record',
    `select r.id from knowledge_registrations r where ${newReg} and not exists (
       select 1 from audit_log a where a.action = 'registration.created' and a.entity_id = r.id::text)`,
  );
  await expectNone(
    'audit record of a registration that does not exist',
    `select a.entity_id from audit_log a where a.action = 'registration.created' and ${newAudit}
       and not exists (select 1 from knowledge_registrations r where r.id::text = a.entity_id)`,
  );
  await expectNone(
    'cancelled registration without its audit record',
    `select r.id from knowledge_registrations r where r.status = 'cancelled' and ${newReg}
       and not exists (select 1 from audit_log a where a.action = 'registration.cancelled' and a.entity_id = r.id::text)`,
  );
  await expectNone(
    'audit record of a cancellation that did not happen',
    `select a.entity_id from audit_log a where a.action = 'registration.cancelled' and ${newAudit}
       and not exists (select 1 from knowledge_registrations r where r.id::text = a.entity_id and r.status = 'cancelled')`,
  );
  await expectNone(
    'registration mails missing from the outbox (enqueued in the same transaction)',
    `select 1 where (select count(*) from outbox o where o.kind = 'mail' and o.created_at >= (
         select min(a.at) from audit_log a where ${newAudit})) <
       (select count(*) from audit_log a where ${newAudit} and a.action in ('registration.created', 'registration.cancelled'))`,
  );
  await expectNone(
    'hour entry without its audit record',
    `select h.id from participation_hour_entries h where ${newHour} and not exists (
       select 1 from audit_log a where a.action = 'hours.registered' and a.after->>'entryId' = h.id::text)`,
  );
  await expectNone(
    'audit record of an hour entry that does not exist',
    `select a.after->>'entryId' from audit_log a where a.action = 'hours.registered' and ${newAudit}
       and not exists (select 1 from participation_hour_entries h where h.id::text = a.after->>'entryId')`,
  );
  await expectNone(
    'more than 12 hours on one day of a trajectory',
    `select trajectory_id, date from participation_hour_entries where status in ('registered', 'confirmed', 'validated')
      group by 1, 2 having sum(minutes) > 720`,
  );
  await expectNone(
    'oefenkans without its audit record',
    `select o.id from oefenkansen o where ${newOefen} and not exists (
       select 1 from audit_log a where a.action = 'oefenkans.created' and a.after->>'id' = o.id::text)`,
  );
  await expectNone(
    'audit record of an oefenkans that does not exist',
    `select a.after->>'id' from audit_log a where a.action = 'oefenkans.created' and ${newAudit}
       and not exists (select 1 from oefenkansen o where o.id::text = a.after->>'id')`,
  );

  await expectNone(
    'register totals that differ from counting the register',
    `select coalesce(t.target_id, c.target_id), t.entries, c.entries
       from oefenkans_totals t
       full join (select coalesce(application_id, impulse_grant_id) as target_id, count(*)::int as entries,
                    count(*) filter (where duplicate)::int as duplicates, coalesce(sum(participants), 0) as participants
                    from oefenkansen group by 1) c on c.target_id = t.target_id
      where t.entries is distinct from c.entries or t.duplicates is distinct from c.duplicates
         or t.participants is distinct from c.participants`,
  );

  // 3. Payouts and the budget ledger agree.
  await expectNone(
    'claim whose payments in the ledger differ from its status',
    `select c.id, c.status, c.amount_cents, coalesce(sum(e.amount_cents) filter (where e.kind = 'payment'), 0) as paid
       from call_claims c left join call_budget_entries e on e.claim_id = c.id
      group by c.id
     having coalesce(sum(e.amount_cents) filter (where e.kind = 'payment'), 0)
            <> case when c.status = 'paid' then c.amount_cents else 0 end`,
  );
  const original = before.claims.length
    ? before.claims.map((c) => `('${c.id}'::uuid, '${c.status}')`).join(', ')
    : `(null::uuid, '')`;
  await expectNone(
    'claim that moved without its audit record',
    `select c.id, c.status from call_claims c join (values ${original}) as o(id, status) on o.id = c.id
      where c.status <> o.status and not exists (
       select 1 from audit_log a where a.entity_type = 'call_claim' and a.entity_id = c.id::text
          and a.after->>'status' = c.status and ${newAudit})`,
  );
  await expectNone(
    'audit record of a claim decision that did not happen',
    `select a.entity_id, a.after->>'status' from audit_log a join call_claims c on c.id::text = a.entity_id
      where a.entity_type = 'call_claim' and ${newAudit} and a.after ? 'status'
        and array_position(array['requested','programme_approved','finance_approved','paid'], c.status)
          < array_position(array['requested','programme_approved','finance_approved','paid'], a.after->>'status')`,
  );
  await expectNone(
    'call committed beyond its budget',
    `select c.id from calls c join call_budget_entries e on e.call_id = c.id
      where e.kind in ('commitment', 'release') group by c.id, c.budget_cents
     having sum(e.amount_cents) > c.budget_cents`,
  );

  // 4. Capacity holds.
  const counting = countingRegistrationStatuses.map((s) => `'${s}'`).join(',');
  await expectNone(
    'event with more places taken than it has',
    `select e.id, e.capacity, count(r.id) from knowledge_events e
       join knowledge_registrations r on r.event_id = e.id and r.status in (${counting})
      where e.capacity is not null and e.id in (select r.event_id from knowledge_registrations r where ${newReg})
      group by e.id having count(r.id) > e.capacity`,
  );
  await expectNone(
    'person registered twice for one event',
    `select event_id, user_id from knowledge_registrations where status <> 'cancelled' group by 1, 2 having count(*) > 1`,
  );

  // 5. Every row of every table can still be read.
  const tables = await tableChecksums(database);
  return { problems, tables: tables.length };
}

describe(`crash safety (${kind})`, () => {
  it('keeps every acknowledged write through kill -9 and leaves nothing half-written', async () => {
    const seed = seedFromEnv();
    const random = seededRandom(seed);
    console.info(`[reliability] crash test on ${kind}: seed ${seed} (repeat with RELIABILITY_SEED=${seed})`);

    // The database: a copy of a PGlite data directory, or a fresh PostgreSQL database, with the demo data.
    const demo = await demoDatabase(adminUrl);
    cleanups.push(demo.cleanup);
    const env: Record<string, string> = { ...demo.env, DEMO: '1' };
    const open = demo.open;
    let fixtures: Fixtures;
    let before: Snapshot;
    {
      const database = await open();
      fixtures = await readFixtures(database);
      before = await snapshot(database);
      await database.close();
    }
    expect(fixtures.openEvents.length).toBeGreaterThanOrEqual(1);
    expect(fixtures.hourSlots.length).toBeGreaterThanOrEqual(3);
    expect(fixtures.claims.length).toBeGreaterThanOrEqual(1);

    const port = await freePort([3400, 3401]);
    const acked: Acked = {
      registrations: new Map(),
      cancelled: new Set(),
      hours: new Map(),
      oefenkansen: new Map(),
      claims: new Map(),
    };
    const claimStatus = new Map(fixtures.claims.map((c) => [c.id, c.status]));
    let hourCursor = 0;
    let oefenCounter = 0;
    const today = new Date().toISOString().slice(0, 10);

    for (let round = 1; round <= ROUNDS; round++) {
      let server: ServerProcess | null = await startServer(port, env);
      const killed = { value: false };
      const serverErrors: string[] = [];
      const refusals = new Set<string>();
      const counts = { registrations: 0, hours: 0, oefenkansen: 0, payouts: 0, refused: 0, lost: 0 };

      const login = async (local: string, membership?: string) => {
        const s = await new HttpSession(server!.baseUrl).login(demoEmail(local));
        if (membership) await s.switchTo(membership);
        return s;
      };
      const [gent, mechelen, igs, counsellor, programme, finance] = await Promise.all([
        login('gent'),
        login('mechelen', fixtures.mechelenMembership),
        login('mechelen', fixtures.igsMembership),
        login('trajectbegeleider.agii'),
        login('medewerker.agii'),
        login('financien.agii'),
      ]);
      const template = (
        await igs.json('GET', `/api/v1/applications/${fixtures.igsApplication}/register?pageSize=1`)
      ).json<{ items: Array<Record<string, unknown>> }>().items[0]!;

      /** One request; a 5xx is a failure, a dropped connection after the kill is an unacknowledged write. */
      const send = async (
        fn: () => Promise<{ status: number; body: string }>,
      ): Promise<{ status: number; body: string } | null> => {
        try {
          const res = await fn();
          if (res.status >= 500 && !killed.value)
            serverErrors.push(`${res.status} ${res.body.slice(0, 300)}`);
          if (res.status >= 400) {
            counts.refused++;
            refusals.add(`${res.status} ${res.body.slice(0, 160)}`);
          }
          return res;
        } catch (error) {
          if (!killed.value) serverErrors.push(`request failed before the kill: ${String(error)}`);
          counts.lost++;
          return null;
        }
      };

      const registrationsWorker = async (event: string, withColleague: boolean) => {
        const session = withColleague ? mechelen : gent;
        while (!killed.value) {
          const res = await send(() =>
            session.json(
              'POST',
              `/api/v1/events/${event}/registrations`,
              withColleague ? { userIds: [fixtures.mechelenUserId, fixtures.colleagueId] } : {},
            ),
          );
          if (!res) return;
          if (res.status !== 201) {
            // A registration the crash cut off before its answer may have committed: cancel it and go on.
            const mine = await send(() =>
              session.json('GET', '/api/v1/me/registrations?scope=organisation&pageSize=100'),
            );
            if (!mine) return;
            const stale = (
              JSON.parse(mine.body) as { items: Array<{ id: string; eventId: string; status: string }> }
            ).items.filter((r) => r.eventId === event && r.status !== 'cancelled');
            for (const r of stale)
              if (!(await send(() => session.json('DELETE', `/api/v1/registrations/${r.id}`)))) return;
            await sleep(20);
            continue;
          }
          const created = JSON.parse(res.body) as Array<{ id: string; status: string }>;
          for (const r of created) acked.registrations.set(r.id, { status: r.status });
          counts.registrations += created.length;
          for (const r of created) {
            const cancel = await send(() => session.json('DELETE', `/api/v1/registrations/${r.id}`));
            if (!cancel) return;
            if (cancel.status === 200) acked.cancelled.add(r.id);
          }
        }
      };

      const hoursWorker = async () => {
        while (!killed.value) {
          const slot = fixtures.hourSlots[hourCursor % fixtures.hourSlots.length]!;
          const back = Math.floor(hourCursor / fixtures.hourSlots.length) % 200;
          hourCursor++;
          const date = new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10);
          if (date < slot.startDate || date > today) continue;
          const res = await send(() =>
            counsellor.json('POST', `/api/v1/participation/trajectories/${slot.trajectoryId}/hours`, {
              activityId: slot.activityId,
              date,
              hours: 0.25,
            }),
          );
          if (!res) return;
          if (res.status === 201) {
            const entry = JSON.parse(res.body) as { id: string; minutes: number };
            acked.hours.set(entry.id, { minutes: entry.minutes });
            counts.hours++;
          }
        }
      };

      const oefenkansenWorker = async () => {
        while (!killed.value) {
          const title = `Crashtest praattafel ${seed}-${round}-${++oefenCounter}`;
          const { id: _id, duplicate: _d, ...input } = template;
          const res = await send(() =>
            igs.json('POST', `/api/v1/applications/${fixtures.igsApplication}/register`, { ...input, title }),
          );
          if (!res) return;
          if (res.status === 201) {
            acked.oefenkansen.set((JSON.parse(res.body) as { id: string }).id, { title });
            counts.oefenkansen++;
          }
        }
      };

      const payoutsWorker = async () => {
        for (const claim of fixtures.claims) {
          for (;;) {
            if (killed.value) return;
            const step = nextClaimAction[claimStatus.get(claim.id)!];
            if (!step) break;
            await sleep(50 + random() * 250);
            const session = step.as === 'programme' ? programme : finance;
            const res = await send(() => session.form(`/uitbetalingen/${claim.id}`, { action: step.action }));
            if (!res) return;
            if (res.status !== 303) break;
            claimStatus.set(claim.id, step.to);
            acked.claims.set(claim.id, step.to);
            counts.payouts++;
          }
        }
      };

      const workers = [
        ...fixtures.openEvents.slice(0, 2).map((e) => registrationsWorker(e, false)),
        registrationsWorker(fixtures.openEvents[0]!, true),
        hoursWorker(),
        hoursWorker(),
        oefenkansenWorker(),
        oefenkansenWorker(),
        payoutsWorker(),
      ];

      // Let every kind of write get going, then kill at a random moment.
      const warm = Date.now();
      while (
        Date.now() - warm < 10_000 &&
        (counts.registrations === 0 || counts.hours === 0 || counts.oefenkansen === 0)
      )
        await sleep(20);
      const delay = Math.round(300 + random() * 3700);
      await sleep(delay);
      killed.value = true;
      await server.kill9();
      server = null;
      await Promise.all(workers);
      console.info(
        `[reliability] ${kind} round ${round}: killed ${delay} ms after warm-up; acknowledged so far: ` +
          `${acked.registrations.size} registrations (${acked.cancelled.size} cancelled), ${acked.hours.size} hour entries, ` +
          `${acked.oefenkansen.size} oefenkansen, ${acked.claims.size} claims moved; this round ${counts.refused} refused, ${counts.lost} cut off`,
      );
      if (refusals.size) console.info(`[reliability] refused (expected 4xx): ${[...refusals].join(' | ')}`);
      expect(serverErrors, 'no 5xx and no dropped request before the kill').toEqual([]);

      // Restart on the same database: it must come up and serve what it acknowledged.
      const restarted = await startServer(port, env);
      try {
        const check = await new HttpSession(restarted.baseUrl).login(demoEmail('trajectbegeleider.agii'));
        const last = [...acked.hours.keys()].at(-1);
        if (last) {
          const slotOf = fixtures.hourSlots.map((s) => s.trajectoryId);
          let found = false;
          for (const trajectory of new Set(slotOf)) {
            const detail = await check.json('GET', `/api/v1/participation/trajectories/${trajectory}`);
            expect(detail.status).toBe(200);
            if (detail.body.includes(last)) found = true;
          }
          expect(found, 'the last acknowledged hour entry is served after the restart').toBe(true);
        }
      } finally {
        await restarted.stop();
      }

      const database = await open();
      try {
        const result = await verify(database, acked, before);
        expect(result.problems).toEqual([]);
        expect(result.tables).toBeGreaterThan(40);
      } finally {
        await database.close();
      }
    }
    expect(acked.registrations.size).toBeGreaterThan(0);
    expect(acked.hours.size).toBeGreaterThan(0);
    expect(acked.oefenkansen.size).toBeGreaterThan(0);
  }, 300_000);
});
