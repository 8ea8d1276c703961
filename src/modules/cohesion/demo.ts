import { and, eq, inArray } from 'drizzle-orm';
import { organisations, users } from '../../core/access/schema';
import { systemActor, writeAudit } from '../../core/audit/audit';
import type { Db, Tx } from '../../core/db/client';
import { todayIso } from '../../core/i18n/format';
import { knowledgeEvents, knowledgePractices } from '../knowledge';
import { demoEmail } from '../reference';
import { addDays } from './rules';
import {
  bookings,
  closingActions,
  coachingNotes,
  coachingSessions,
  coachings,
  learningTrajectories,
  planParticipants,
  programmes,
  reachFigures,
  trajectoryEnrolments,
  trajectoryMessages,
  trajectorySessions,
} from './schema';

const DAY = 86_400_000;

/**
 * Demo data for focus support, relative to today: the agencies' learning offer (with enrolments, a
 * session in the agenda and an exchange board), coaching in several states, two programmes of
 * Mentorwerk with bookings and reach (one below, one above the target for women), and closing
 * records of Plan Samenleven (pleinmakers, a buddy project linked to its good practice).
 */
export async function seedCohesionDemo(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const orgRows = await tx
      .select({
        id: organisations.id,
        type: organisations.type,
        nis: organisations.municipalityNis,
        agency: organisations.agencyCode,
        name: organisations.name,
      })
      .from(organisations);
    const lg = (nis: string) => {
      const o = orgRows.find((r) => r.type === 'local_government' && r.nis === nis);
      if (!o) throw new Error(`cohesion demo: no local government ${nis}`);
      return o.id;
    };
    const agency = (code: string) => orgRows.find((r) => r.agency === code)!.id;
    const mentorwerk = orgRows.find(
      (r) => r.type === 'expert_organisation' && r.name.startsWith('Mentorwerk'),
    )?.id;
    const userRows = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(
        inArray(
          users.email,
          [
            'mechelen',
            'gent',
            'aanspreekpersoon.agii',
            'medewerker.agii',
            'expert.mentorwerk',
            'medewerker.atlas',
          ].map(demoEmail),
        ),
      );
    const user = (local: string) => userRows.find((u) => u.email === demoEmail(local))?.id ?? null;
    const year = Number(todayIso().slice(0, 4));
    const today = todayIso();

    await seedLearning(tx, { lg, agency, user });
    await seedCoaching(tx, { lg, agency, user, today });
    if (mentorwerk) await seedProgrammes(tx, { lg, user, mentorwerk, year });
    await seedClosing(tx, { lg, user });
  });
}

type Lookup = { lg: (nis: string) => string; user: (local: string) => string | null };

async function audit(tx: Tx, entityType: string, entityId: string, owner: string, after: unknown) {
  await writeAudit(tx, systemActor, {
    action: `${entityType}.seeded`,
    entityType,
    entityId,
    ownerOrganisationId: owner,
    after,
  });
}

async function seedLearning(tx: Tx, c: Lookup & { agency: (code: string) => string }) {
  const agii = c.agency('AGII');
  const rows = await tx
    .insert(learningTrajectories)
    .values([
      {
        title: 'Vrouwen aan het werk: lokale trajecten naar werk',
        description:
          'Een collectief leertraject voor lokale besturen die vrouwen van buitenlandse herkomst sterker naar werk willen begeleiden. In vier sessies bekijken we cijfers, drempels, mentoring en samenwerking met VDAB en lokale werkgevers.\n\nWe hergebruiken bestaande producten zoals het draaiboek mentoring naar werk.',
        theme: 'werk',
        format: 'collective',
        capacity: 12,
        agencyOrganisationId: agii,
      },
      {
        title: 'Nederlands op de werkvloer van het lokaal bestuur',
        description:
          'Hoe maakt u van uw eigen organisatie een plek waar medewerkers Nederlands oefenen? Collectief traject met uitwisseling tussen besturen.',
        theme: 'nederlands',
        format: 'collective',
        capacity: null,
        agencyOrganisationId: agii,
      },
      {
        title: 'De school als buurthuis: individueel traject',
        description:
          'Individuele begeleiding van één lokaal bestuur dat de school wil openstellen als ontmoetingsplek in de buurt, met aandacht voor moeders en meisjes.',
        theme: 'onderwijs',
        format: 'individual',
        capacity: 1,
        agencyOrganisationId: agii,
      },
      {
        title: 'Brede school en ouderbetrokkenheid in Antwerpen',
        description: 'Collectief traject van Atlas voor districten en scholen rond ouderbetrokkenheid.',
        theme: 'onderwijs',
        format: 'collective',
        capacity: 10,
        agencyOrganisationId: c.agency('ATLAS'),
      },
    ])
    .returning();
  const [work, dutch] = rows;
  await tx.insert(trajectoryEnrolments).values([
    { trajectoryId: work!.id, organisationId: c.lg('12025'), enrolledByUserId: c.user('mechelen') },
    { trajectoryId: work!.id, organisationId: c.lg('12021') },
    { trajectoryId: work!.id, organisationId: c.lg('44021'), enrolledByUserId: c.user('gent') },
    { trajectoryId: dutch!.id, organisationId: c.lg('12021') },
  ]);
  await tx.insert(trajectoryMessages).values([
    {
      trajectoryId: work!.id,
      organisationId: agii,
      userId: c.user('aanspreekpersoon.agii'),
      body: 'Welkom in dit traject! Deel hier gerust uw vragen en materiaal. Het verslag van de startsessie volgt.',
      createdAt: new Date(Date.now() - 10 * DAY),
    },
    {
      trajectoryId: work!.id,
      organisationId: c.lg('12025'),
      userId: c.user('mechelen'),
      body: 'In Mechelen werken we met de lokale dienstencentra om vrouwen te bereiken die niet bij VDAB ingeschreven zijn. Wie heeft ervaring met kinderopvang tijdens de sessies?',
      createdAt: new Date(Date.now() - 5 * DAY),
    },
  ]);
  const start = new Date(Date.now() + 21 * DAY);
  start.setUTCHours(8, 0, 0, 0);
  const [event] = await tx
    .insert(knowledgeEvents)
    .values({
      title: `${work!.title}: sessie 2, mentoring en werkgevers`,
      description: work!.description,
      type: 'vorming',
      themes: ['werk'],
      organiserOrganisationId: agii,
      audienceKind: 'all_local_governments',
      startsAt: start,
      endsAt: new Date(start.getTime() + 3 * 3_600_000),
      registrationClosesAt: start,
      location: 'AgII, Koning Albert II-laan 15, Brussel',
      capacity: 30,
    })
    .returning();
  await tx.insert(trajectorySessions).values({ trajectoryId: work!.id, eventId: event!.id });
  for (const t of rows) await audit(tx, 'cohesion_trajectory', t.id, t.agencyOrganisationId, t);
}

async function seedCoaching(tx: Tx, c: Lookup & { agency: (code: string) => string; today: string }) {
  const agii = c.agency('AGII');
  const start = addDays(c.today, -30);
  const rows = await tx
    .insert(coachings)
    .values([
      {
        organisationId: c.lg('12025'),
        agencyOrganisationId: agii,
        subject: 'action',
        theme: 'werk',
        title: 'Mentorproject voor vrouwen opstarten',
        question:
          'We willen samen met het OCMW en lokale werkgevers een mentorproject opzetten voor vrouwen die nog niet werken. Hoe pakken we de werving aan?',
        status: 'active',
        requestedByUserId: c.user('mechelen'),
        coachUserId: c.user('aanspreekpersoon.agii'),
        startDate: start,
        goals: [
          'Een partnerschap met minstens drie werkgevers',
          'Twintig vrouwen bereikt in het eerste jaar',
          'Een wervingsplan met sleutelfiguren',
        ],
        createdAt: new Date(Date.now() - 40 * DAY),
      },
      {
        organisationId: c.lg('12025'),
        agencyOrganisationId: agii,
        subject: 'policy',
        theme: 'onderwijs',
        title: 'Beleidsplan ouderbetrokkenheid',
        question:
          'Hoe nemen we ouderbetrokkenheid op in ons meerjarenplan, met aandacht voor moeders die weinig Nederlands spreken?',
        status: 'requested',
        requestedByUserId: c.user('mechelen'),
        createdAt: new Date(Date.now() - 3 * DAY),
      },
      {
        organisationId: c.lg('44021'),
        agencyOrganisationId: c.agency('AMAL'),
        subject: 'action',
        theme: 'nederlands',
        title: 'Taaloefenkansen voor moeders aan de schoolpoort',
        question: 'We zoeken een aanpak om moeders aan de schoolpoort Nederlands te laten oefenen.',
        status: 'requested',
        requestedByUserId: c.user('gent'),
      },
    ])
    .returning();
  const active = rows[0]!;
  await tx.insert(coachingSessions).values({
    coachingId: active.id,
    date: addDays(start, 7),
    summary: 'Startgesprek: doelen scherp gesteld, mogelijke werkgevers en sleutelfiguren in kaart gebracht.',
    createdByUserId: c.user('aanspreekpersoon.agii'),
  });
  await tx.insert(coachingNotes).values({
    coachingId: active.id,
    body: 'Contact gelegd met twee werkgevers uit de zorg; derde gesprek volgt.',
    authorUserId: c.user('mechelen'),
    authorOrganisationId: c.lg('12025'),
  });
  for (const r of rows) await audit(tx, 'cohesion_coaching', r.id, r.organisationId, r);
}

async function seedProgrammes(tx: Tx, c: Lookup & { mentorwerk: string; year: number }) {
  const rows = await tx
    .insert(programmes)
    .values([
      {
        expertOrganisationId: c.mentorwerk,
        title: 'Mentorprogramma naar werk voor vrouwen',
        description:
          'Een vrijwillige mentor uit het bedrijfsleven begeleidt een nieuwkomer een half jaar lang naar werk: sollicitaties, netwerk, Nederlands op de werkvloer. Met specifieke richtcijfers voor vrouwen.',
        theme: 'werk',
        targetWomenPct: 60,
        targetParticipants: 25,
        areaKind: 'flanders',
        areaCodes: [],
        createdByUserId: c.user('expert.mentorwerk'),
      },
      {
        expertOrganisationId: c.mentorwerk,
        title: 'Rolmodellen voor meisjes in het secundair onderwijs',
        description:
          'Vrouwelijke rolmodellen van buitenlandse herkomst vertellen in de klas over studie- en beroepskeuze.',
        theme: 'onderwijs',
        targetWomenPct: 80,
        targetParticipants: 40,
        areaKind: 'provinces',
        areaCodes: ['10000', '40000'],
        createdByUserId: c.user('expert.mentorwerk'),
      },
    ])
    .returning();
  const [mentor, roles] = rows;
  const made = await tx
    .insert(bookings)
    .values([
      {
        programmeId: mentor!.id,
        organisationId: c.lg('12025'),
        municipalityNis: '12025',
        year: c.year - 1,
        status: 'booked',
        bookedByUserId: c.user('mechelen'),
        reachReportedAt: new Date(Date.now() - 60 * DAY),
      },
      {
        programmeId: mentor!.id,
        organisationId: c.lg('12025'),
        municipalityNis: '12025',
        year: c.year,
        status: 'booked',
        bookedByUserId: c.user('mechelen'),
        reachReportedAt: new Date(Date.now() - 2 * DAY),
      },
      {
        programmeId: mentor!.id,
        organisationId: c.lg('44021'),
        municipalityNis: '44021',
        year: c.year,
        status: 'booked',
        bookedByUserId: c.user('gent'),
        reachReportedAt: new Date(Date.now() - 4 * DAY),
      },
      {
        programmeId: mentor!.id,
        organisationId: c.lg('24062'),
        municipalityNis: '24062',
        year: c.year,
        status: 'booked',
        note: 'Graag opstart na de zomer.',
      },
      {
        programmeId: roles!.id,
        organisationId: c.lg('44021'),
        municipalityNis: '44021',
        year: c.year,
        status: 'booked',
        bookedByUserId: c.user('gent'),
        reachReportedAt: new Date(Date.now() - 7 * DAY),
      },
      {
        programmeId: roles!.id,
        organisationId: c.lg('12021'),
        municipalityNis: '12021',
        year: c.year,
        status: 'booked',
        reachReportedAt: new Date(Date.now() - 9 * DAY),
      },
    ])
    .returning();
  const f = (bookingId: string, bands: Array<[string, number, number]>) =>
    bands.map(([ageBand, participants, women]) => ({ bookingId, ageBand, participants, women }));
  await tx.insert(reachFigures).values([
    ...f(made[0]!.id, [
      ['0-17', 0, 0],
      ['18-25', 8, 4],
      ['26-45', 12, 6],
      ['46+', 2, 1],
    ]),
    ...f(made[1]!.id, [
      ['0-17', 0, 0],
      ['18-25', 9, 5],
      ['26-45', 13, 7],
      ['46+', 2, 1],
    ]),
    ...f(made[2]!.id, [
      ['0-17', 0, 0],
      ['18-25', 10, 8],
      ['26-45', 16, 11],
      ['46+', 4, 2],
    ]),
    ...f(made[4]!.id, [
      ['0-17', 52, 46],
      ['18-25', 0, 0],
      ['26-45', 0, 0],
      ['46+', 0, 0],
    ]),
    ...f(made[5]!.id, [
      ['0-17', 35, 24],
      ['18-25', 0, 0],
      ['26-45', 0, 0],
      ['46+', 0, 0],
    ]),
  ]);
  for (const p of rows) await audit(tx, 'cohesion_programme', p.id, p.expertOrganisationId, p);
  for (const b of made) await audit(tx, 'cohesion_booking', b.id, b.organisationId, b);
}

async function seedClosing(tx: Tx, c: Lookup) {
  const participants = ['12025', '12021', '44021', '11002', '71016', '24062', '41002', '12002'];
  await tx.insert(planParticipants).values(participants.map((nis) => ({ organisationId: c.lg(nis) })));
  const practice = async (title: string) => {
    const [row] = await tx
      .select({ id: knowledgePractices.id })
      .from(knowledgePractices)
      .where(and(eq(knowledgePractices.title, title), eq(knowledgePractices.status, 'published')));
    return row?.id ?? null;
  };
  const rows = await tx
    .insert(closingActions)
    .values([
      {
        organisationId: c.lg('12025'),
        title: 'Pleinmakers in de Arsenaalwijk',
        theme: 'sociale_cohesie',
        endResult:
          'Drie pleinmakers waren vier jaar lang dagelijks aanwezig op twee pleinen. Ze organiseerden 140 activiteiten en brachten buren van 30 nationaliteiten samen.',
        evaluation:
          'De vaste aanwezigheid bouwde vertrouwen op; conflicten op het plein daalden. Vrouwen bereikten we vooral via de activiteiten voor kinderen.',
        anchored: 'yes',
        anchoringNote:
          'De pleinmakers zijn vanaf 2026 opgenomen in de personeelsformatie van de dienst samenleven.',
        createdByUserId: c.user('mechelen'),
      },
      {
        organisationId: c.lg('12025'),
        title: 'Buddywerking voor nieuwkomers',
        theme: 'participatie',
        endResult: '86 duo’s in twee jaar, 70 hielden het een half jaar vol.',
        evaluation:
          'De vorming van vrijwilligers was de sleutel. Koppelen op interesses werkte beter dan op buurt.',
        anchored: 'yes',
        anchoringNote: 'De werking loopt verder met de vrijwilligerscentrale.',
        practiceId: await practice('Buddywerking met vrijwilligers voor nieuwkomers'),
        createdByUserId: c.user('mechelen'),
      },
      {
        organisationId: c.lg('44021'),
        title: 'Pleinmakers in Rabot',
        theme: 'sociale_cohesie',
        endResult: 'Twee pleinmakers in de wijk, met wekelijkse buurtmomenten.',
        evaluation: 'Sterk bereik bij jongeren, minder bij oudere bewoners.',
        anchored: 'partly',
        anchoringNote: 'Eén pleinmaker blijft via het buurtwerk; de tweede functie zoekt nog middelen.',
      },
      {
        organisationId: c.lg('12021'),
        title: 'Taalcafé in de bibliotheek',
        theme: 'nederlands',
        endResult: 'Wekelijks taalcafé met gemiddeld 14 deelnemers.',
        evaluation: 'Laagdrempelig en goed bezocht; vrijwillige gespreksleiders zijn cruciaal.',
        anchored: 'yes',
        anchoringNote: 'De bibliotheek neemt het taalcafé op in haar vaste werking.',
        practiceId: await practice('Taalcafé in de bibliotheek'),
      },
      {
        organisationId: c.lg('71016'),
        title: 'Fietslessen voor vrouwen',
        theme: 'vrouwen_meisjes',
        endResult: '45 vrouwen leerden fietsen in drie reeksen.',
        evaluation: 'Groot succes, maar afhankelijk van één trekker.',
        anchored: 'no',
      },
    ])
    .returning();
  for (const r of rows) {
    const { search: _search, ...after } = r;
    await audit(tx, 'cohesion_closing_action', r.id, r.organisationId, after);
  }
}
