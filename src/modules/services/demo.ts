import { and, eq, inArray } from 'drizzle-orm';
import { memberships, organisations, users } from '../../core/access/schema';
import { systemActor, writeAudit } from '../../core/audit/audit';
import type { Db, Tx } from '../../core/db/client';
import { demoEmail } from '../reference';
import { addDays, dueDateFor, type RequestStatus } from './rules';
import {
  serviceCatalogueItems,
  serviceContactAssignments,
  serviceContactLog,
  servicePackageChoices,
  serviceRequestMessages,
  serviceRequests,
} from './schema';

export const DEMO_YEAR = 2026;

type SeedItem = typeof serviceCatalogueItems.$inferInsert;

/** About ten realistic items from the agencies' known support forms (DOMAIN.md §1). */
export const demoCatalogue: SeedItem[] = [
  {
    code: 'BP-INSTROOM',
    title: 'Analyse van de instroom van nieuwkomers',
    summary:
      'Wij zetten de cijfers over nieuwkomers in uw gemeente op een rij en leggen uit wat ze betekenen.',
    description:
      'U krijgt een analyse op maat van de **instroom van nieuwkomers** in uw gemeente: hoeveel mensen, uit welke landen, met welk verblijfsstatuut en welke leeftijd.\n\nWe bespreken de cijfers samen, zodat u ze kunt gebruiken voor:\n\n- uw meerjarenplan;\n- het gesprek met uw diensten en partners;\n- keuzes over onthaal en taal.',
    category: 'data',
    form: 'data_analysis',
    agencies: ['AGII', 'AMAL', 'ATLAS'],
    normWorkingDays: 15,
  },
  {
    code: 'BP-NODEN',
    title: 'Behoeftepeiling bij nieuwkomers en organisaties',
    summary: 'Samen brengen we in kaart wat nieuwkomers en lokale organisaties nodig hebben.',
    description:
      'Met korte bevragingen en gesprekken peilen we naar de **noden** van nieuwkomers en van de organisaties die met hen werken. U krijgt een rapport met aanbevelingen.',
    category: 'data',
    form: 'data_analysis',
    agencies: ['AGII'],
    normWorkingDays: 20,
  },
  {
    code: 'BP-KWALITEIT',
    title: 'Kwaliteitsvolle dienstverlening voor iedereen',
    summary: 'Advies om uw loketten, brieven en website toegankelijk te maken voor iedereen.',
    description:
      'We kijken met u naar uw **onthaal, brieven en website**: zijn ze duidelijk voor wie het Nederlands nog leert? U krijgt concrete tips, bijvoorbeeld over klare taal, pictogrammen en tolken.',
    category: 'accessible_services',
    form: 'coaching',
    agencies: ['AGII', 'AMAL', 'ATLAS'],
    normWorkingDays: 10,
  },
  {
    code: 'BP-TOELEIDING',
    title: "Nieuwkomers wegwijs maken: buddy's en brugfiguren",
    summary: 'Ondersteuning bij het opzetten van een buddywerking of het inzetten van brugfiguren.',
    description:
      "Brugfiguren en buddy's helpen nieuwkomers de weg te vinden naar school, werk, vrije tijd en diensten. We helpen u een werking op te zetten: profiel, werving, opleiding en opvolging.",
    category: 'newcomers',
    form: 'coaching',
    agencies: ['AGII'],
    normWorkingDays: 10,
  },
  {
    code: 'BP-NETWERK',
    title: 'Een lokaal netwerk rond integratie',
    summary: 'Hulp bij het samenbrengen van diensten, verenigingen en zelforganisaties.',
    description:
      'Een sterk lokaal netwerk is de basis van uw regierol. We helpen u partners te vinden, een overleg op te zetten en afspraken te maken. Het **regionaal organisatienetwerk** is daarbij een goede ingang.',
    category: 'networks',
    form: 'advice',
    agencies: ['AGII'],
    normWorkingDays: 10,
  },
  {
    code: 'BP-METHODIEK',
    title: 'Methodieken voor integratie, onthaal en taalbeleid',
    summary: 'Beproefde aanpakken voor onthaal, taalbeleid en samenleven, aangepast aan uw gemeente.',
    description:
      'We stellen methodieken voor die elders werken, bijvoorbeeld een **taalbeleid** voor de bibliotheek of een onthaaltraject voor nieuwe inwoners, en passen ze samen met u aan.',
    category: 'methods',
    form: 'advice',
    agencies: ['AGII'],
    normWorkingDays: 10,
  },
  {
    code: 'BP-PROJECT',
    title: 'Projectondersteuning',
    summary: 'Advies bij het opzetten, uitvoeren en evalueren van een project rond integratie.',
    description:
      'Van projectidee tot evaluatie: we denken mee over doelen, aanpak, partners en meetbare resultaten.',
    category: 'projects',
    form: 'coaching',
    agencies: ['AGII'],
    normWorkingDays: 10,
  },
  {
    code: 'BP-VORMING',
    title: 'Vorming voor medewerkers en mandatarissen',
    summary: 'Vormingen over diversiteit, klare taal en werken met tolken, bij u ter plaatse.',
    description:
      'We geven vormingen voor **loketmedewerkers, teamverantwoordelijken en mandatarissen**, bijvoorbeeld over klare taal, omgaan met diversiteit en werken met sociaal tolken.',
    category: 'methods',
    form: 'training',
    agencies: ['AGII', 'AMAL', 'ATLAS'],
    normWorkingDays: 15,
  },
  {
    code: 'BP-IGS',
    title: 'Intergemeentelijk samenwerken',
    summary: 'Advies als u met buurgemeenten wilt samenwerken rond integratie.',
    description:
      'Samenwerken met buurgemeenten geeft schaalvoordeel. We helpen bij het kiezen van een vorm, het verdelen van taken en het opstellen van afspraken.',
    category: 'cooperation',
    form: 'advice',
    agencies: ['AGII'],
    normWorkingDays: 15,
  },
  {
    code: 'BP-OMGEVING',
    title: 'Doe-het-zelf: lokale diversiteitsomgevingsanalyse',
    summary: 'Een online tool om zelf de diversiteit in uw gemeente in kaart te brengen.',
    description:
      'Met deze tool maakt u zelf een **omgevingsanalyse**: wie woont er in uw gemeente, welke organisaties zijn actief en waar liggen kansen? Uw aanspreekpersoon helpt u op weg.',
    category: 'data',
    form: 'tool',
    agencies: ['AGII'],
    normWorkingDays: 5,
  },
  {
    code: 'BP-DRAAIBOEK',
    title: 'Draaiboeken: ceremonie, buddyproject en mentoring',
    summary: 'Kant-en-klare draaiboeken voor een inburgeringsceremonie, een buddyproject of mentoring.',
    description:
      'U krijgt draaiboeken met stappenplan, planning, voorbeeldbrieven en tips:\n\n- een **ceremonie** voor wie het attest inburgering behaalt;\n- een **buddyproject**;\n- een **mentorprogramma** naar werk.',
    category: 'methods',
    form: 'script',
    agencies: ['AGII', 'AMAL', 'ATLAS'],
    normWorkingDays: 3,
  },
  {
    code: 'FOCUS-BEGELEIDING',
    title: 'Een-op-een-begeleiding bij een beleidsplan',
    summary: 'Intensieve begeleiding voor besturen die specifieke ondersteuning nodig hebben.',
    description:
      'Deze begeleiding hoort bij de **focusondersteuning sociale cohesie** en niet bij het gratis basispakket. Uw aanspreekpersoon bekijkt met u of ze past.',
    category: 'methods',
    form: 'coaching',
    agencies: ['AGII'],
    inBasicPackage: false,
    normWorkingDays: 20,
  },
  {
    code: 'ATLAS-ONTHAAL',
    title: 'Onthaal van nieuwe Antwerpenaren',
    summary: 'Advies van Atlas aan stadsdiensten over het onthaal van nieuwe inwoners.',
    description:
      'Atlas adviseert de Antwerpse stadsdiensten en districten over een warm en duidelijk onthaal.',
    category: 'newcomers',
    form: 'advice',
    agencies: ['ATLAS'],
    normWorkingDays: 10,
  },
  {
    code: 'PS-AFRONDING',
    title: 'Afronding Plan Samenleven',
    summary: 'Ondersteuning bij het afronden en evalueren van acties uit het Plan Samenleven.',
    description: 'Het Plan Samenleven liep tot eind 2025. Deze ondersteuning is afgelopen.',
    category: 'projects',
    form: 'coaching',
    agencies: ['AGII'],
    validFrom: '2025-01-01',
    validUntil: '2025-12-31',
    normWorkingDays: 10,
  },
].map((i) => ({ inBasicPackage: true, validFrom: `${DEMO_YEAR}-01-01`, ...i }));

/** Fatima's portfolio: Mechelen and a handful of other AgII municipalities in the region. */
const portfolioNis = ['12025', '12021', '12009', '12007', '12040', '12035'];

const choices: Record<string, string[]> = {
  '12025': ['BP-INSTROOM', 'BP-TOELEIDING', 'BP-NETWERK', 'BP-DRAAIBOEK', 'BP-VORMING'],
  '12021': ['BP-INSTROOM', 'BP-NETWERK', 'BP-KWALITEIT', 'BP-OMGEVING'],
  '12009': ['BP-DRAAIBOEK', 'BP-OMGEVING', 'BP-INSTROOM'],
  '12007': ['BP-KWALITEIT', 'BP-VORMING', 'BP-INSTROOM', 'BP-TOELEIDING', 'BP-IGS'],
  '12040': ['BP-METHODIEK', 'BP-INSTROOM'],
  '12035': ['BP-VORMING', 'BP-DRAAIBOEK', 'BP-IGS'],
  '24062': ['BP-INSTROOM', 'BP-NODEN', 'BP-METHODIEK', 'BP-PROJECT'],
  '71072': ['BP-INSTROOM', 'BP-KWALITEIT'],
  '31005': ['BP-NETWERK', 'BP-DRAAIBOEK'],
  '41002': ['BP-INSTROOM', 'BP-VORMING', 'BP-KWALITEIT'],
  '11002': ['BP-INSTROOM', 'ATLAS-ONTHAAL', 'BP-VORMING'],
};

type SeedMessage = { side: 'local_government' | 'agency'; on: string; body?: string; to?: RequestStatus };
type SeedRequest = {
  nis: string;
  item: string | null;
  subject: string;
  on: string;
  status: RequestStatus;
  closedOn?: string;
  messages: SeedMessage[];
};

const requests: SeedRequest[] = [
  {
    nis: '12025',
    item: 'BP-INSTROOM',
    subject: 'Cijfers over de instroom voor ons meerjarenplan',
    on: '2026-02-02',
    status: 'done',
    closedOn: '2026-02-16',
    messages: [
      {
        side: 'local_government',
        on: '2026-02-02',
        body: 'We werken aan de bijsturing van ons meerjarenplan. Kunnen we een analyse krijgen van de instroom van nieuwkomers in 2025, per leeftijdsgroep?',
      },
      {
        side: 'agency',
        on: '2026-02-03',
        to: 'in_progress',
        body: 'Dank u, Pieter. Ik vraag de cijfers op en kom bij u terug.',
      },
      {
        side: 'agency',
        on: '2026-02-16',
        to: 'done',
        body: 'De analyse staat klaar. Ik stuur het rapport per e-mail en licht het graag toe op ons overleg van maart.',
      },
    ],
  },
  {
    nis: '12025',
    item: 'BP-TOELEIDING',
    subject: 'Een buddywerking met brugfiguren opzetten',
    on: '2026-11-09',
    status: 'in_progress',
    messages: [
      {
        side: 'local_government',
        on: '2026-11-09',
        body: 'We willen in 2027 starten met brugfiguren in twee basisscholen. Kunnen we samen het profiel en de werving uitwerken?',
      },
      {
        side: 'agency',
        on: '2026-11-10',
        to: 'in_progress',
        body: 'Goed idee! Ik breng voorbeelden mee uit Lier en Bornem. Past een overleg op 1 december?',
      },
    ],
  },
  {
    nis: '12025',
    item: null,
    subject: 'Vraag over de inburgeringsceremonie in december',
    on: '2026-11-18',
    status: 'submitted',
    messages: [
      {
        side: 'local_government',
        on: '2026-11-18',
        body: 'Mogen we voor de ceremonie ook de partners van de geslaagde inburgeraars uitnodigen? En is er een model van uitnodiging?',
      },
    ],
  },
  {
    nis: '12021',
    item: 'BP-NETWERK',
    subject: 'Lokaal netwerk rond anderstalige nieuwkomers',
    on: '2026-09-14',
    status: 'waiting_for_local_government',
    messages: [
      {
        side: 'local_government',
        on: '2026-09-14',
        body: 'We willen de sportclubs en de jeugdwerking samenbrengen rond anderstalige nieuwkomers.',
      },
      { side: 'agency', on: '2026-09-15', to: 'in_progress', body: 'Ik maak een voorstel van agenda.' },
      {
        side: 'agency',
        on: '2026-09-22',
        to: 'waiting_for_local_government',
        body: 'Kunt u mij de lijst van partners bezorgen die u wilt uitnodigen? Dan plannen we de eerste bijeenkomst.',
      },
    ],
  },
  {
    nis: '12009',
    item: 'BP-DRAAIBOEK',
    subject: 'Draaiboek voor onze eerste inburgeringsceremonie',
    on: '2026-05-04',
    status: 'done',
    closedOn: '2026-05-06',
    messages: [
      {
        side: 'local_government',
        on: '2026-05-04',
        body: 'Graag het draaiboek voor een ceremonie in het najaar.',
      },
      {
        side: 'agency',
        on: '2026-05-06',
        to: 'done',
        body: 'Het draaiboek en de voorbeeldbrieven zitten in bijlage van mijn e-mail.',
      },
    ],
  },
  {
    nis: '12007',
    item: 'BP-KWALITEIT',
    subject: 'Toegankelijk onthaal in het gemeentehuis',
    on: '2026-06-01',
    status: 'cancelled',
    closedOn: '2026-06-10',
    messages: [
      {
        side: 'local_government',
        on: '2026-06-01',
        body: 'We verbouwen ons onthaal en willen het meteen toegankelijker maken.',
      },
      {
        side: 'local_government',
        on: '2026-06-10',
        to: 'cancelled',
        body: 'De verbouwing is uitgesteld naar 2027. We komen er dan op terug.',
      },
    ],
  },
  {
    nis: '12040',
    item: 'BP-METHODIEK',
    subject: 'Taalbeleid in de bibliotheek',
    on: '2026-10-01',
    status: 'in_progress',
    messages: [
      {
        side: 'local_government',
        on: '2026-10-01',
        body: 'De bibliotheek wil een taalbeleid. Welke methodiek raadt u aan?',
      },
      { side: 'agency', on: '2026-10-05', to: 'in_progress', body: 'Ik zoek twee goede voorbeelden op.' },
    ],
  },
  {
    nis: '12035',
    item: 'BP-VORMING',
    subject: 'Vorming klare taal voor de loketmedewerkers',
    on: '2026-03-02',
    status: 'done',
    closedOn: '2026-04-15',
    messages: [
      {
        side: 'local_government',
        on: '2026-03-02',
        body: 'Twaalf loketmedewerkers willen een vorming klare taal.',
      },
      { side: 'agency', on: '2026-03-04', to: 'in_progress', body: 'We plannen de vorming samen in.' },
      {
        side: 'agency',
        on: '2026-04-15',
        to: 'done',
        body: 'De vorming vond plaats op 14 april. Dank voor de goede ontvangst!',
      },
    ],
  },
  {
    nis: '24062',
    item: 'BP-OMGEVING',
    subject: 'Hulp bij de omgevingsanalyse',
    on: '2026-11-19',
    status: 'submitted',
    messages: [{ side: 'local_government', on: '2026-11-19', body: 'We lopen vast bij stap 3 van de tool.' }],
  },
  {
    nis: '41002',
    item: 'BP-INSTROOM',
    subject: 'Instroomcijfers per deelgemeente',
    on: '2026-08-17',
    status: 'in_progress',
    messages: [
      { side: 'local_government', on: '2026-08-17', body: 'Kunnen de cijfers per deelgemeente?' },
      { side: 'agency', on: '2026-08-19', to: 'in_progress' },
    ],
  },
  {
    nis: '11002',
    item: 'ATLAS-ONTHAAL',
    subject: 'Onthaal in het district Borgerhout',
    on: '2026-10-05',
    status: 'in_progress',
    messages: [
      {
        side: 'local_government',
        on: '2026-10-05',
        body: 'Het district wil een onthaalmoment voor nieuwe inwoners.',
      },
      {
        side: 'agency',
        on: '2026-10-07',
        to: 'in_progress',
        body: 'We nemen contact op met de districtssecretaris.',
      },
    ],
  },
];

const contactMoments = [
  {
    nis: '12025',
    on: '2026-01-20',
    kind: 'meeting',
    topic: 'Kennismaking en verwachtingen voor 2026',
    notes: 'Basispakket overlopen. Mechelen wil inzetten op brugfiguren en een ceremonie.',
    followUp: 'Keuze basispakket tegen eind februari.',
  },
  {
    nis: '12025',
    on: '2026-06-12',
    kind: 'visit',
    topic: 'Bezoek aan het onthaalpunt',
    notes: 'Rondleiding met de diensthoofden; goede praktijken rond tolken gezien.',
    followUp: null,
  },
  {
    nis: '12025',
    on: '2026-11-10',
    kind: 'phone',
    topic: 'Buddywerking 2027',
    notes: null,
    followUp: 'Overleg plannen begin december.',
  },
  {
    nis: '12021',
    on: '2026-09-22',
    kind: 'email',
    topic: 'Partnerlijst netwerk',
    notes: null,
    followUp: 'Lier bezorgt de lijst.',
  },
  { nis: '12009', on: '2026-03-03', kind: 'meeting', topic: 'Kennismaking', notes: null, followUp: null },
  {
    nis: '12007',
    on: '2026-05-28',
    kind: 'visit',
    topic: 'Plannen verbouwing onthaal',
    notes: null,
    followUp: null,
  },
];

const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+01:00`);

async function organisationsByNis(tx: Tx, nisList: string[]) {
  const rows = await tx
    .select({ id: organisations.id, nis: organisations.municipalityNis })
    .from(organisations)
    .where(and(eq(organisations.type, 'local_government'), inArray(organisations.municipalityNis, nisList)));
  return new Map(rows.map((r) => [r.nis!, r.id]));
}

async function userId(tx: Tx, local: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, demoEmail(local)));
  return row?.id ?? null;
}

/** The demo catalogue, Fatima's portfolio, package choices, requests in every status and contact moments. */
export async function seedServicesDemo(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const items = await tx.insert(serviceCatalogueItems).values(demoCatalogue).returning();
    const itemByCode = new Map(items.map((i) => [i.code, i]));

    const allNis = [...new Set([...portfolioNis, ...Object.keys(choices), ...requests.map((r) => r.nis)])];
    const orgByNis = await organisationsByNis(tx, allNis);
    const fatima = await userId(tx, 'aanspreekpersoon.agii');
    const jan = await userId(tx, 'medewerker.agii');
    const pieter = await userId(tx, 'mechelen');
    const tom = await userId(tx, 'medewerker.atlas');
    // Only with the reference demo accounts present (they are in every full demo).
    if (!fatima) return;
    // Fatima must have a contact_person membership at AgII for the portfolio to make sense.
    const [isContact] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.userId, fatima), eq(memberships.role, 'contact_person')));
    if (!isContact) return;

    for (const nis of portfolioNis) {
      const organisationId = orgByNis.get(nis);
      if (!organisationId) continue;
      await tx.insert(serviceContactAssignments).values({
        organisationId,
        contactUserId: fatima,
        agencyCode: 'AGII',
        since: `${DEMO_YEAR}-01-05`,
        createdByUserId: jan,
      });
    }

    for (const [nis, codes] of Object.entries(choices)) {
      const organisationId = orgByNis.get(nis);
      if (!organisationId) continue;
      await tx.insert(servicePackageChoices).values(
        codes.map((code, i) => ({
          organisationId,
          year: DEMO_YEAR,
          itemId: itemByCode.get(code)!.id,
          chosenAt: at(`${DEMO_YEAR}-02-${String(10 + i).padStart(2, '0')}`, 10),
          chosenByUserId: nis === '12025' ? pieter : null,
        })),
      );
    }
    // A change of mind, kept in the history: Mechelen first chose project support, then dropped it.
    const mechelen = orgByNis.get('12025');
    if (mechelen) {
      await tx.insert(servicePackageChoices).values({
        organisationId: mechelen,
        year: DEMO_YEAR,
        itemId: itemByCode.get('BP-PROJECT')!.id,
        chosenAt: at(`${DEMO_YEAR}-02-09`, 9),
        chosenByUserId: pieter,
        removedAt: at(`${DEMO_YEAR}-03-02`, 14),
        removedByUserId: pieter,
      });
    }

    for (const r of requests) {
      const organisationId = orgByNis.get(r.nis);
      if (!organisationId) continue;
      const item = r.item ? itemByCode.get(r.item)! : null;
      const agencyCode = r.nis === '11002' ? 'ATLAS' : 'AGII';
      const [created] = await tx
        .insert(serviceRequests)
        .values({
          organisationId,
          agencyCode,
          itemId: item?.id ?? null,
          subject: r.subject,
          status: r.status,
          submittedAt: at(r.on, 9),
          submittedOn: r.on,
          dueDate: dueDateFor(r.on, item?.normWorkingDays ?? 10),
          closedOn: r.closedOn ?? null,
          createdByUserId: r.nis === '12025' ? pieter : null,
          updatedAt: at(r.messages.at(-1)!.on, 11),
        })
        .returning();
      let previous: RequestStatus = 'submitted';
      for (const [i, m] of r.messages.entries()) {
        const agencyAuthor = agencyCode === 'ATLAS' ? tom : fatima;
        await tx.insert(serviceRequestMessages).values({
          requestId: created!.id,
          authorUserId: m.side === 'agency' ? agencyAuthor : r.nis === '12025' ? pieter : null,
          side: m.side,
          body: m.body ?? null,
          statusFrom: i === 0 ? null : m.to ? previous : null,
          statusTo: i === 0 ? 'submitted' : (m.to ?? null),
          createdAt: at(m.on, 9 + i),
        });
        if (m.to) previous = m.to;
      }
    }

    for (const c of contactMoments) {
      const organisationId = orgByNis.get(c.nis);
      if (!organisationId) continue;
      await tx.insert(serviceContactLog).values({
        organisationId,
        agencyCode: 'AGII',
        authorUserId: fatima,
        occurredOn: c.on,
        kind: c.kind,
        topic: c.topic,
        notes: c.notes,
        followUp: c.followUp,
        createdAt: at(addDays(c.on, 0), 17),
      });
    }

    await writeAudit(tx, systemActor, {
      action: 'services.demo_seeded',
      entityType: 'service_catalogue',
      entityId: `demo-${DEMO_YEAR}`,
      after: { items: items.length, requests: requests.length, portfolio: portfolioNis.length },
    });
  });
}
