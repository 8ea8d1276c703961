import { inArray } from 'drizzle-orm';
import { memberships, organisations, users } from '../../core/access/schema';
import { systemActor, writeAudit } from '../../core/audit/audit';
import type { Db, Tx } from '../../core/db/client';
import { todayIso } from '../../core/i18n/format';
import { demoEmail } from '../reference';
import { brusselsLocalToUtc } from './rules';
import {
  eventInvitations,
  events,
  learningNetworkMembers,
  learningNetworkResources,
  learningNetworks,
  practices,
  registrations,
  tools,
} from './schema';
import type { RegistrationStatus } from './workflow';

/** Participants without a login (e-mail on the reserved .example domain), per municipality. */
const participants: Array<[name: string, nis: string]> = [
  ['An De Wilde', '12025'],
  ['Bram Verhoeven', '12002'],
  ['Charlotte Wouters', '12005'],
  ['Dries Mertens', '12007'],
  ['Eline Jacobs', '12009'],
  ['Farid Bouzid', '12014'],
  ['Griet Van Damme', '12021'],
  ['Hanne Goossens', '12026'],
  ['Ilias Haddou', '12029'],
  ['Jolien Smets', '12035'],
  ['Koen Lambrechts', '12040'],
  ['Leen Aerts', '12041'],
  ['Mustafa Yilmaz', '12021'],
  ['Nele Hermans', '12009'],
  ['Olivier Dubois', '24062'],
  ['Pauline Maes', '41002'],
  ['Rachid El Idrissi', '43005'],
  ['Sarah Vandenberghe', '44083'],
];

const emailFor = (name: string, nis: string) =>
  `${name
    .normalize('NFD')
    .replace(/[^\w\s]/g, '')
    .toLowerCase()
    .replace(/\s+/g, '.')}@gemeente-${nis}.example`;

type Ctx = {
  tx: Tx;
  org: (key: string) => string;
  user: (key: string) => string;
};

/**
 * Demo data for knowledge sharing, relative to today: events across themes and types (one full with
 * a waitlist, one that needs approval, one today for attendance, past ones with attendance, a
 * cancelled one), a learning network with sessions and shared links, good practices in every state
 * and a set of tools.
 */
export async function seedKnowledgeDemo(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const orgRows = await tx
      .select({
        id: organisations.id,
        agency: organisations.agencyCode,
        nis: organisations.municipalityNis,
        network: organisations.networkCode,
        type: organisations.type,
      })
      .from(organisations)
      .where(inArray(organisations.type, ['agency', 'local_government', 'network']));
    const orgIds = new Map<string, string>();
    for (const o of orgRows) {
      if (o.agency) orgIds.set(o.agency, o.id);
      if (o.nis && o.type === 'local_government') orgIds.set(o.nis, o.id);
      if (o.network) orgIds.set(`net:${o.network}`, o.id);
    }
    const org = (key: string) => {
      const id = orgIds.get(key);
      if (!id) throw new Error(`knowledge demo: organisation ${key} not found`);
      return id;
    };

    const accounts = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(
        inArray(
          users.email,
          ['mechelen', 'gent', 'medewerker.agii', 'medewerker.atlas', 'netwerk.regiogent'].map(demoEmail),
        ),
      );
    const userIds = new Map(accounts.map((a) => [a.email.split('@')[0]!, a.id]));
    const created = await tx
      .insert(users)
      .values(participants.map(([name, nis]) => ({ name, email: emailFor(name, nis) })))
      .returning({ id: users.id, name: users.name });
    await tx.insert(memberships).values(
      created.map((u, i) => ({
        userId: u.id,
        organisationId: org(participants[i]![1]),
        role: 'local_officer',
      })),
    );
    created.forEach((u, i) => {
      userIds.set(u.name, u.id);
      userIds.set(`p${i}`, u.id);
    });
    const user = (key: string) => {
      const id = userIds.get(key);
      if (!id) throw new Error(`knowledge demo: user ${key} not found`);
      return id;
    };
    const c: Ctx = { tx, org, user };

    await seedEvents(c);
    await seedPractices(c);
    await seedTools(c);
    await writeAudit(tx, systemActor, {
      action: 'knowledge.demo_seeded',
      entityType: 'knowledge',
      entityId: 'demo',
      after: { participants: participants.length },
    });
  });
}

/** Today plus `days` in Brussels, at a Brussels time. */
function when(days: number, time: string): Date {
  const d = new Date(`${todayIso()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return brusselsLocalToUtc(d.toISOString().slice(0, 10), time)!;
}

async function addEvent(
  c: Ctx,
  values: Omit<typeof events.$inferInsert, 'registrationClosesAt'> & { registrationClosesAt?: Date },
  people: Array<[userKey: string, orgKey: string, status: RegistrationStatus]> = [],
  invited: string[] = [],
) {
  const [event] = await c.tx
    .insert(events)
    .values({ ...values, registrationClosesAt: values.registrationClosesAt ?? values.startsAt })
    .returning();
  if (invited.length)
    await c.tx
      .insert(eventInvitations)
      .values(invited.map((k) => ({ eventId: event!.id, organisationId: c.org(k) })));
  // Registered some days before the event (or before now), one after the other.
  const firstAt = Math.min(Date.now() - 3_600_000, event!.startsAt.getTime() - 10 * 86_400_000);
  for (const [i, [userKey, orgKey, status]] of people.entries()) {
    const at = new Date(firstAt + i * 47 * 60_000);
    await c.tx.insert(registrations).values({
      createdAt: at,
      updatedAt: at,
      eventId: event!.id,
      userId: c.user(userKey),
      organisationId: c.org(orgKey),
      registeredByUserId: c.user(userKey),
      status,
    });
  }
  await writeAudit(c.tx, systemActor, {
    action: 'event.created',
    entityType: 'knowledge_event',
    entityId: event!.id,
    ownerOrganisationId: event!.organiserOrganisationId,
    after: event,
  });
  return event!;
}

async function seedEvents(c: Ctx) {
  const agii = c.org('AGII');
  const atlas = c.org('ATLAS');
  const regioGent = c.org('net:REFREG13');
  const rivierenland = participants
    .map(([, nis], i) => [`p${i}`, nis] as const)
    .filter(([, nis]) => nis.startsWith('12'));

  await addEvent(
    c,
    {
      title: 'Netwerkmoment: taaloefenkansen in je gemeente',
      description:
        'Hoe organiseer je oefenkansen Nederlands buiten de les? Drie gemeenten vertellen hoe ze taalcafés, praatgroepen en buddy’s opzetten, met wie ze samenwerken en hoe ze nieuwkomers bereiken.\n\nDaarna wisselen we in kleine groepen ervaringen uit. Breng gerust een collega van de bibliotheek of het OCMW mee.',
      type: 'netwerkmoment',
      themes: ['nederlands', 'participatie'],
      organiserOrganisationId: agii,
      audienceKind: 'all_local_governments',
      startsAt: when(21, '13:30'),
      endsAt: when(21, '16:30'),
      location: 'AgII, Koning Albert II-laan 35, 1030 Brussel',
      capacity: 60,
      organisationLimit: 3,
      waitlistEnabled: true,
    },
    [
      ['gent', '44021', 'registered'],
      ['p14', '24062', 'registered'],
      ['p15', '41002', 'registered'],
      ['p16', '43005', 'registered'],
      ['p6', '12021', 'registered'],
    ],
  );

  await addEvent(c, {
    title: 'Webinar: de standaarddienstverlening 2026 uitgelegd',
    description:
      'Vanaf 2026 rekent elk lokaal bestuur op een vaste aanspreekpersoon en een gratis basispakket. In dit webinar leggen we uit hoe u kiest uit het basispakket en wat u van uw aanspreekpersoon mag verwachten. Met tijd voor vragen.',
    type: 'webinar',
    themes: ['inburgering', 'intergemeentelijke_samenwerking'],
    organiserOrganisationId: agii,
    audienceKind: 'all_local_governments',
    startsAt: when(9, '10:00'),
    endsAt: when(9, '11:00'),
    onlineUrl: 'https://meet.example/standaarddienstverlening',
    capacity: null,
  });

  // Full, with a waitlist: Pieter (Mechelen) holds a place; when he cancels, the first waiting moves up.
  const full = rivierenland.slice(1, 12);
  await addEvent(
    c,
    {
      title: 'Infosessie: mentorprogramma naar werk voor vrouwen',
      description:
        'Een mentor helpt nieuwkomers de weg naar werk te vinden. In deze infosessie stellen expertenorganisaties hun mentorprogramma voor, met specifieke richtcijfers voor vrouwen. U hoort hoe uw gemeente kan instappen en wat het kost (niets).',
      type: 'infosessie',
      themes: ['werk', 'vrouwen_meisjes'],
      organiserOrganisationId: agii,
      audienceKind: 'region',
      audienceCode: 'REFREG02',
      startsAt: when(14, '09:30'),
      endsAt: when(14, '12:00'),
      registrationClosesAt: when(12, '23:59'),
      location: 'Stadhuis Mechelen, Grote Markt 21, 2800 Mechelen',
      capacity: 12,
      waitlistEnabled: true,
    },
    [
      ['mechelen', '12025', 'registered'],
      ...full.map(([u, nis]): [string, string, RegistrationStatus] => [u, nis, 'registered']),
      ['p12', '12021', 'waitlisted'],
      ['p13', '12009', 'waitlisted'],
    ],
  );

  await addEvent(
    c,
    {
      title: 'Vorming: antidiscriminatie aan het loket',
      description:
        'Hoe herkent en voorkomt u discriminatie aan het onthaal en in de dienstverlening? Een praktijkgerichte vorming met casussen uit Antwerpen en Mechelen. De organisator bevestigt elke inschrijving.',
      type: 'vorming',
      themes: ['antidiscriminatie', 'toegankelijke_dienstverlening'],
      organiserOrganisationId: atlas,
      audienceKind: 'invited',
      startsAt: when(30, '09:00'),
      endsAt: when(30, '16:00'),
      location: 'Atlas, Carnotstraat 110, 2060 Antwerpen',
      capacity: 20,
      approvalRequired: true,
      waitlistEnabled: true,
    },
    [['An De Wilde', '12025', 'pending_approval']],
    ['11002', '12025'],
  );

  await addEvent(
    c,
    {
      title: 'Netwerkmoment Regio Gent: participatietrajecten samen ontsluiten',
      description:
        'De gemeenten van het netwerk Regio Gent brengen hun aanbod voor het participatie- en netwerktraject samen. We bekijken waar gemeenten elkaars aanbod kunnen openstellen en welke vormingen we samen voor vrijetijdsorganisaties organiseren.',
      type: 'netwerkmoment',
      themes: ['participatie', 'intergemeentelijke_samenwerking'],
      organiserOrganisationId: regioGent,
      audienceKind: 'network',
      audienceCode: 'REFREG13',
      startsAt: when(18, '14:00'),
      endsAt: when(18, '17:00'),
      location: 'Gemeentehuis Deinze, Brielstraat 19, 9800 Deinze',
      capacity: 40,
      organisationLimit: 2,
    },
    [
      ['p16', '43005', 'registered'],
      ['p17', '44083', 'registered'],
    ],
  );

  // Today: registration has closed, the organiser records attendance.
  await addEvent(
    c,
    {
      title: 'Lunchwebinar: een buddyproject opstarten',
      description:
        'Een buddy is een vrijwilliger die een nieuwkomer wegwijs maakt in de gemeente. We overlopen het draaiboek buddyproject stap voor stap: vrijwilligers vinden, koppelen, opvolgen.',
      type: 'webinar',
      themes: ['participatie', 'sociale_cohesie'],
      organiserOrganisationId: agii,
      audienceKind: 'all_local_governments',
      startsAt: when(0, '12:00'),
      endsAt: when(0, '13:30'),
      registrationClosesAt: when(-1, '23:59'),
      onlineUrl: 'https://meet.example/buddyproject',
      capacity: 100,
    },
    [
      ['mechelen', '12025', 'registered'],
      ['p14', '24062', 'registered'],
      ['p15', '41002', 'registered'],
      ['p17', '44083', 'registered'],
    ],
  );

  await addEvent(
    c,
    {
      title: 'Vorming: interculturele communicatie',
      description:
        'Hoe communiceert u helder met mensen die nog weinig Nederlands spreken? Met oefeningen rond duidelijke taal, pictogrammen en tolken.',
      type: 'vorming',
      themes: ['toegankelijke_dienstverlening', 'nederlands'],
      organiserOrganisationId: agii,
      audienceKind: 'all_local_governments',
      startsAt: when(-35, '09:30'),
      endsAt: when(-35, '16:00'),
      location: 'Provinciehuis Leuven, Provincieplein 1, 3010 Leuven',
      capacity: 25,
    },
    [
      ['mechelen', '12025', 'attended'],
      ['gent', '44021', 'attended'],
      ['p14', '24062', 'no_show'],
      ['p15', '41002', 'attended'],
    ],
  );

  const cancelled = await addEvent(c, {
    title: 'Infosessie: oproep taaloefenkansen 2026',
    description: 'Uitleg over de oproep van AgII voor de cofinanciering van taaloefenkansen Nederlands.',
    type: 'infosessie',
    themes: ['nederlands'],
    organiserOrganisationId: agii,
    audienceKind: 'all_local_governments',
    startsAt: when(40, '10:00'),
    endsAt: when(40, '12:00'),
    location: 'AgII, Brussel',
    capacity: 80,
    cancelledAt: new Date(),
    cancelReason: 'We geven deze uitleg in het webinar over de standaarddienstverlening.',
  });
  void cancelled;

  // A learning network with a past session (attendance recorded) and a coming one.
  const [ln] = await c.tx
    .insert(learningNetworks)
    .values({
      name: 'Lerend netwerk Nederlands op de werkvloer',
      theme: 'nederlands',
      description:
        'Zes lokale besturen werken een jaar lang samen rond Nederlands op de werkvloer: taalondersteuning voor anderstalige medewerkers en werkplekken waar nieuwkomers Nederlands kunnen oefenen.\n\nWe komen vier keer samen en delen tussendoor documenten en voorbeelden.',
      organiserOrganisationId: agii,
    })
    .returning();
  await c.tx.insert(learningNetworkMembers).values(
    ['12025', '12021', '12007', '12009', '24062', '41002'].map((k) => ({
      learningNetworkId: ln!.id,
      organisationId: c.org(k),
    })),
  );
  await c.tx.insert(learningNetworkResources).values([
    {
      learningNetworkId: ln!.id,
      title: 'Verslag eerste sessie',
      url: 'https://www.integratie-inburgering.be',
      description: 'Wat we bespraken en afspraken voor de volgende sessie.',
      addedByOrganisationId: agii,
      addedByUserId: c.user('medewerker.agii'),
    },
    {
      learningNetworkId: ln!.id,
      title: 'Voorbeeld: taalbeleid personeelsdienst Lier',
      url: 'https://www.lier.be',
      addedByOrganisationId: c.org('12021'),
      addedByUserId: c.user('Griet Van Damme'),
    },
  ]);
  await addEvent(
    c,
    {
      title: 'Nederlands op de werkvloer: sessie 1, de startfoto',
      description: 'Elke gemeente stelt haar aanpak voor; we kiezen samen de thema’s voor het jaar.',
      type: 'lerend_netwerk',
      themes: ['nederlands', 'werk'],
      organiserOrganisationId: agii,
      audienceKind: 'learning_network',
      learningNetworkId: ln!.id,
      startsAt: when(-20, '13:00'),
      endsAt: when(-20, '16:00'),
      location: 'Stadhuis Lier, Grote Markt 57, 2500 Lier',
      capacity: 18,
    },
    [
      ['mechelen', '12025', 'attended'],
      ['Griet Van Damme', '12021', 'attended'],
      ['Dries Mertens', '12007', 'attended'],
      ['Eline Jacobs', '12009', 'no_show'],
      ['Olivier Dubois', '24062', 'attended'],
    ],
  );
  await addEvent(
    c,
    {
      title: 'Nederlands op de werkvloer: sessie 2, taalcoaches op de werkplek',
      description:
        'Hoe zet u collega’s in als taalcoach? Met een bezoek aan de technische dienst van Mechelen.',
      type: 'lerend_netwerk',
      themes: ['nederlands', 'werk'],
      organiserOrganisationId: agii,
      audienceKind: 'learning_network',
      learningNetworkId: ln!.id,
      startsAt: when(25, '13:00'),
      endsAt: when(25, '16:00'),
      location: 'Technische dienst Mechelen, Oude Antwerpsebaan 5, 2800 Mechelen',
      capacity: 18,
      organisationLimit: 3,
    },
    [['Griet Van Damme', '12021', 'registered']],
  );
  await writeAudit(c.tx, systemActor, {
    action: 'learning_network.created',
    entityType: 'knowledge_learning_network',
    entityId: ln!.id,
    ownerOrganisationId: agii,
    after: ln,
  });
}

async function seedPractices(c: Ctx) {
  const rows: Array<typeof practices.$inferInsert> = [
    {
      title: 'Buddywerking met vrijwilligers voor nieuwkomers',
      summary:
        'Mechelen koppelt nieuwkomers aan vrijwilligers uit de buurt. Samen ontdekken ze de stad, oefenen ze Nederlands en bouwen ze een netwerk op.',
      theme: 'participatie',
      municipalityNis: '12025',
      approach:
        'Vrijwilligers vonden we via de vrijwilligerscentrale, verenigingen en de bibliotheek. Elke vrijwilliger volgt een korte vorming over interculturele communicatie.\n\nEen coördinator koppelt buddy en nieuwkomer op basis van interesses en buurt. Ze spreken minstens twee keer per maand af, een half jaar lang. Elke twee maanden is er een groepsmoment.',
      results:
        'In twee jaar vormden 86 duo’s een buddyrelatie; 70 hielden het een half jaar vol. Veel nieuwkomers vonden via hun buddy een vereniging of vrijwilligerswerk. De uren tellen mee voor hun participatie- en netwerktraject.',
      contactName: 'Pieter Janssens',
      contactEmail: 'integratie@mechelen.be',
      organisationId: c.org('12025'),
      submittedByUserId: c.user('mechelen'),
      status: 'published',
      publishedAt: new Date(Date.now() - 40 * 86_400_000),
    },
    {
      title: 'Taalcafé in de bibliotheek',
      summary: 'Elke week een uur Nederlands praten bij een koffie, met vaste vrijwillige gespreksleiders.',
      theme: 'nederlands',
      municipalityNis: '12021',
      approach:
        'De bibliotheek stelt elke dinsdagavond een ruimte ter beschikking. Twee vrijwillige gespreksleiders kiezen een thema (de markt, de dokter, het weer) en zorgen dat iedereen aan het woord komt. Geen les, geen huiswerk: praten staat centraal.',
      results: 'Gemiddeld 14 deelnemers per avond; 40% komt al meer dan drie maanden.',
      contactName: 'Griet Van Damme',
      contactEmail: 'griet.van.damme@gemeente-12021.example',
      organisationId: c.org('AGII'),
      submittedByUserId: c.user('medewerker.agii'),
      status: 'published',
      publishedAt: new Date(Date.now() - 30 * 86_400_000),
    },
    {
      title: 'Jobcoaching voor anderstalige vrouwen',
      summary:
        'Gent begeleidt anderstalige vrouwen naar werk met een coach, kinderopvang tijdens de trajecten en werkplekleren bij lokale werkgevers.',
      theme: 'werk',
      municipalityNis: '44021',
      approach:
        'Vrouwen worden bereikt via de Huizen van het Kind, scholen en zelforganisaties. Een jobcoach maakt met elke deelnemer een plan. Tijdens vormingen en stages is er kinderopvang. Werkgevers bieden werkplekleren aan, met een taalcoach op de werkvloer.',
      results: '62 vrouwen startten, 27 vonden binnen het jaar werk, 15 startten een opleiding.',
      contactName: 'Lotte De Smet',
      contactEmail: 'lotte.desmet@gent.example',
      organisationId: c.org('44021'),
      submittedByUserId: c.user('gent'),
      status: 'published',
      publishedAt: new Date(Date.now() - 20 * 86_400_000),
    },
    {
      title: 'Brugfiguren tussen school en buurt',
      summary:
        'Brugfiguren versterken het contact tussen school, ouders en buurt, zodat de school een plek wordt waar ouders elkaar ontmoeten.',
      theme: 'onderwijs',
      municipalityNis: '24062',
      approach:
        'Drie brugfiguren zijn aanwezig aan de schoolpoort en organiseren koffiemomenten voor ouders. Ze verwijzen door naar taallessen, opvoedingsondersteuning en vrijetijdsaanbod in de buurt.',
      results: 'Meer ouders op oudercontacten; de school werd een ontmoetingsplek voor de buurt.',
      contactName: 'Jan Peeters',
      contactEmail: 'lokaalbestuur@integratie-inburgering.be',
      organisationId: c.org('AGII'),
      submittedByUserId: c.user('medewerker.agii'),
      status: 'published',
      publishedAt: new Date(Date.now() - 12 * 86_400_000),
    },
    {
      title: 'Een inburgeringsceremonie met lokale verenigingen',
      summary:
        'Wie het attest inburgering behaalt, wordt gehuldigd op een feestelijke ceremonie waar lokale verenigingen zich voorstellen.',
      theme: 'inburgering',
      municipalityNis: '41002',
      approach:
        'De burgemeester reikt de attesten uit. Verenigingen staan met een standje klaar: sportclubs, jeugdbewegingen, koren, vrijwilligersorganisaties. Elke nieuwe inwoner krijgt een vrijetijdspas.',
      results: 'Negen op tien geslaagden kwamen naar de ceremonie; 30 sloten zich aan bij een vereniging.',
      contactName: 'Pauline Maes',
      contactEmail: 'pauline.maes@gemeente-41002.example',
      organisationId: c.org('AGII'),
      submittedByUserId: c.user('medewerker.agii'),
      status: 'published',
      publishedAt: new Date(Date.now() - 5 * 86_400_000),
    },
    {
      title: 'Ambassadeurs voor ouderbetrokkenheid',
      summary: 'Ouders van verschillende herkomst worden ambassadeur en brengen andere ouders naar school.',
      theme: 'onderwijs',
      municipalityNis: '12025',
      approach:
        'We werven ambassadeurs via de brede school en geven hun een vorming en een kleine vergoeding.',
      contactName: 'Pieter Janssens',
      contactEmail: 'integratie@mechelen.be',
      organisationId: c.org('12025'),
      submittedByUserId: c.user('mechelen'),
      status: 'submitted',
    },
    {
      title: 'Fietslessen voor vrouwen',
      summary: 'Fietsen leren geeft vrijheid en maakt werk en opleiding bereikbaar.',
      theme: 'vrouwen_meisjes',
      municipalityNis: '44021',
      approach: 'Vrijwilligers geven fietsles op een afgesloten terrein.',
      contactName: 'Lotte De Smet',
      contactEmail: 'lotte.desmet@gent.example',
      organisationId: c.org('44021'),
      submittedByUserId: c.user('gent'),
      status: 'sent_back',
      editorNote:
        'Kunt u iets meer vertellen over de resultaten (hoeveel deelnemers, hoeveel fietsen nu zelfstandig)?',
    },
  ];
  const inserted = await c.tx
    .insert(practices)
    .values(rows)
    .returning({ id: practices.id, organisationId: practices.organisationId });
  for (const p of inserted)
    await writeAudit(c.tx, systemActor, {
      action: 'practice.submitted',
      entityType: 'knowledge_practice',
      entityId: p.id,
      ownerOrganisationId: p.organisationId,
    });
}

async function seedTools(c: Ctx) {
  const agii = c.org('AGII');
  const by = c.user('medewerker.agii');
  const site = 'https://www.integratie-inburgering.be';
  const rows: Array<typeof tools.$inferInsert> = [
    {
      title: 'Draaiboek inburgeringsceremonie',
      description:
        'Stap voor stap een feestelijke ceremonie organiseren voor wie het attest inburgering behaalt: planning, uitnodigingen, programma, verenigingen betrekken.',
      kind: 'script',
      theme: 'inburgering',
    },
    {
      title: 'Draaiboek buddyproject',
      description:
        'Een buddywerking opzetten: vrijwilligers werven en vormen, duo’s koppelen, opvolgen en afsluiten.',
      kind: 'script',
      theme: 'participatie',
    },
    {
      title: 'Draaiboek mentoring naar werk',
      description:
        'Een mentorprogramma naar werk opzetten met werkgevers en vrijwillige mentoren, met aandacht voor vrouwen.',
      kind: 'script',
      theme: 'werk',
    },
    {
      title: 'Sjabloon lokaal actieplan integratie',
      description:
        'Een sjabloon voor een actieplan met doelen, acties, partners en meetbare resultaatsindicatoren.',
      kind: 'template',
      theme: 'sociale_cohesie',
    },
    {
      title: 'Sjabloon samenwerkingsovereenkomst taaloefenkansen',
      description: 'Een model van overeenkomst met de organisaties die oefenkansen Nederlands aanbieden.',
      kind: 'template',
      theme: 'nederlands',
    },
    {
      title: 'Doe-het-zelf lokale diversiteitsomgevingsanalyse',
      description:
        'Een online tool die uw gemeente helpt de diversiteit van de bevolking en het bereik van uw diensten in kaart te brengen.',
      kind: 'online_tool',
      theme: 'sociale_cohesie',
    },
    {
      title: 'Checklist toegankelijke dienstverlening',
      description:
        'Is uw onthaal toegankelijk voor wie weinig Nederlands spreekt? Een checklist met tips over duidelijke taal, pictogrammen en tolken.',
      kind: 'template',
      theme: 'toegankelijke_dienstverlening',
    },
  ].map((t) => ({ ...t, url: site, organisationId: agii, createdByUserId: by }));
  await c.tx.insert(tools).values(rows);
}
