import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Config } from '../../config';
import { memberships, organisations, users } from '../../core/access/schema';
import { systemActor, writeAudit } from '../../core/audit/audit';
import type { Db, Tx } from '../../core/db/client';
import { todayIso } from '../../core/i18n/format';
import { demoEmail, municipalities } from '../reference';
import {
  addDays,
  hashLinkToken,
  newTrajectoryCode,
  newVerificationCode,
  type OfferCalendar,
  offerValidUntil,
  offerWeekdays,
} from './rules';
import {
  participationActivities,
  participationCertificates,
  participationConfirmationLinks,
  participationHourEntries,
  participationOfferPlaces,
  participationOffers,
  participationTrajectories,
} from './schema';
import { anonymiseExpiredTrajectories } from './trajectories';
import type { Audience, CalendarType, Category, DutchLevel, Language, Sector, Weekday } from './vocab';

/** The demo counsellor of Atlas (local part of the e-mail); Els Maes is the counsellor of AgII. */
export const ATLAS_COUNSELLOR = 'trajectbegeleider.atlas';

/** A small deterministic random generator, so every demo installation looks the same. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}

type Template = {
  category: Category;
  sector: Sector;
  title: string;
  organiser: string;
  description: string;
  level: DutchLevel;
  audience?: Audience;
  childcare?: boolean;
  minutes: number;
  calendar: CalendarType;
  days?: Weekday[];
  time: string;
};

/** Realistic activities, written as a B1 reader needs them. `{g}` is the municipality. */
const templates: Template[] = [
  {
    category: 'language_practice',
    sector: 'culture',
    title: 'Taalcafé in de bibliotheek van {g}',
    organiser: 'Bibliotheek {g}',
    description:
      'Elke week praten we in kleine groepjes Nederlands. We drinken koffie of thee en praten over het nieuws, het weer, uw hobby of uw land. Een vrijwilliger helpt het gesprek op gang. Fouten maken mag!',
    level: 'A1',
    minutes: 120,
    calendar: 'periodic',
    days: ['di'],
    time: 'van 14 tot 16 uur',
  },
  {
    category: 'language_practice',
    sector: 'welfare',
    title: 'Praatcafé voor vrouwen in {g}',
    organiser: 'Vrouwenvereniging {g}',
    description:
      'Een gezellige namiddag alleen voor vrouwen. We oefenen Nederlands met eenvoudige spelletjes en gesprekken. Er is kinderopvang in de zaal ernaast. U hoeft niets mee te brengen.',
    level: 'none',
    audience: 'women',
    childcare: true,
    minutes: 120,
    calendar: 'periodic',
    days: ['do'],
    time: 'van 13.30 tot 15.30 uur',
  },
  {
    category: 'language_practice',
    sector: 'leisure',
    title: 'Wandelen en praten in {g}',
    organiser: 'Wandelclub De Stappers',
    description:
      'We wandelen samen een uur door de stad of het park. Onderweg praten we Nederlands. Daarna drinken we samen iets. Trek goede schoenen aan.',
    level: 'A2',
    minutes: 90,
    calendar: 'periodic',
    days: ['za'],
    time: 'om 10 uur',
  },
  {
    category: 'buddy',
    sector: 'welfare',
    title: 'Buddyproject Samen in {g}',
    organiser: 'Buddywerking {g}',
    description:
      'U krijgt een buddy: iemand uit {g} die samen met u dingen doet. U gaat samen naar de markt, de sportclub of een activiteit in de buurt. U spreekt af wanneer het voor jullie past, ongeveer twee uur per week.',
    level: 'none',
    minutes: 120,
    calendar: 'permanent',
    time: 'op afspraak',
  },
  {
    category: 'internship',
    sector: 'local_government',
    title: 'Kennismakingsstage bij de gemeente {g}',
    organiser: 'Gemeentebestuur {g}',
    description:
      'U loopt een paar dagen mee met een dienst van de gemeente: de technische dienst, de bibliotheek, het woonzorgcentrum of de sportdienst. U leert collega’s kennen en ziet hoe het werk in België gaat.',
    level: 'A2',
    minutes: 240,
    calendar: 'permanent',
    days: ['ma', 'di', 'wo', 'do', 'vr'],
    time: 'tijdens de kantooruren',
  },
  {
    category: 'internship',
    sector: 'work',
    title: 'Snuffelstage in een bedrijf in {g}',
    organiser: 'Ondernemersclub {g}',
    description:
      'Een korte stage in een bedrijf uit de buurt: in de bouw, de logistiek, de zorg of een winkel. Een collega begeleidt u. Na de stage krijgt u een gesprek over wat u goed deed.',
    level: 'A2',
    minutes: 300,
    calendar: 'permanent',
    days: ['ma', 'di', 'wo', 'do'],
    time: 'van 9 tot 14 uur',
  },
  {
    category: 'volunteering',
    sector: 'welfare',
    title: 'Vrijwilliger in het woonzorgcentrum van {g}',
    organiser: 'Woonzorgcentrum Ter Linde',
    description:
      'U helpt bij activiteiten voor de bewoners: koffie schenken, een spelletje spelen, samen wandelen. De bewoners praten graag. Zo oefent u Nederlands en helpt u anderen.',
    level: 'A1',
    minutes: 180,
    calendar: 'permanent',
    days: ['wo', 'za'],
    time: 'in de namiddag',
  },
  {
    category: 'volunteering',
    sector: 'volunteering',
    title: 'Helpen in de Kringwinkel van {g}',
    organiser: 'Kringwinkel {g}',
    description:
      'U sorteert spullen, zet ze in de rekken en helpt klanten. U werkt in een vaste ploeg. Een ervaren vrijwilliger legt alles uit.',
    level: 'none',
    minutes: 240,
    calendar: 'permanent',
    days: ['ma', 'wo', 'vr'],
    time: 'van 9 tot 13 uur',
  },
  {
    category: 'volunteering',
    sector: 'volunteering',
    title: 'Repair Café {g}',
    organiser: 'Repair Café {g}',
    description:
      'Samen herstellen we fietsen, kleren en toestellen. Kunt u naaien, solderen of een fiets maken? Kom helpen. Kunt u dat nog niet? Kom kijken en leer het.',
    level: 'A1',
    minutes: 180,
    calendar: 'multiple',
    time: 'van 13 tot 16 uur',
  },
  {
    category: 'sport',
    sector: 'sport',
    title: 'Voetbaltraining voor jongeren in {g}',
    organiser: 'Sportclub {g}',
    description:
      'Trainen met de jongeren van de club. De trainer spreekt Nederlands en legt alles rustig uit. Sportkleren en sportschoenen meebrengen. De eerste drie trainingen zijn gratis.',
    level: 'none',
    audience: 'young_people',
    minutes: 90,
    calendar: 'periodic',
    days: ['wo'],
    time: 'van 17 tot 18.30 uur',
  },
  {
    category: 'sport',
    sector: 'sport',
    title: 'Zwemmen voor vrouwen in {g}',
    organiser: 'Sportdienst {g}',
    description:
      'Een uur zwemmen alleen voor vrouwen, met een vrouwelijke redder. Leer zwemmen of zwem rustig baantjes. Daarna drinken we samen iets in de cafetaria.',
    level: 'none',
    audience: 'women',
    childcare: true,
    minutes: 60,
    calendar: 'periodic',
    days: ['vr'],
    time: 'van 10 tot 11 uur',
  },
  {
    category: 'sport',
    sector: 'sport',
    title: 'Samen fietsen leren in {g}',
    organiser: 'Fietsschool {g}',
    description:
      'U leert fietsen in een groep, op een veilig plein. Daarna fietsen we samen door het verkeer. Fietsen en helmen zijn er. De lesgevers spreken eenvoudig Nederlands.',
    level: 'none',
    minutes: 120,
    calendar: 'multiple',
    time: 'van 9.30 tot 11.30 uur',
  },
  {
    category: 'culture',
    sector: 'culture',
    title: 'Zingen in het koor van {g}',
    organiser: 'Gemengd koor {g}',
    description:
      'We zingen liedjes in het Nederlands en in andere talen. U moet geen noten kunnen lezen. Zingen is een leuke manier om Nederlandse woorden te leren.',
    level: 'A1',
    minutes: 120,
    calendar: 'periodic',
    days: ['ma'],
    time: 'van 19.30 tot 21.30 uur',
  },
  {
    category: 'culture',
    sector: 'culture',
    title: 'Samen naar het cultuurcentrum van {g}',
    organiser: 'Cultuurcentrum {g}',
    description:
      'Een keer per maand gaan we samen naar een voorstelling: theater, muziek of film. Vooraf leggen we uit waarover het gaat. Achteraf praten we erover. Tickets kosten 1,60 euro met een kansentarief.',
    level: 'A2',
    minutes: 180,
    calendar: 'multiple',
    time: 'om 19.30 uur',
  },
  {
    category: 'leisure',
    sector: 'leisure',
    title: 'Samen koken in het buurthuis van {g}',
    organiser: 'Buurthuis {g}',
    description:
      'We koken samen een maaltijd met recepten uit verschillende landen. Daarna eten we samen. U leert de namen van groenten en kruiden in het Nederlands.',
    level: 'A1',
    childcare: true,
    minutes: 180,
    calendar: 'periodic',
    days: ['do'],
    time: 'van 17 tot 20 uur',
  },
  {
    category: 'leisure',
    sector: 'leisure',
    title: 'Moestuin in de wijk, {g}',
    organiser: 'Wijkcomité {g}',
    description:
      'In onze samentuin kweken we groenten en bloemen. U krijgt een stukje tuin of helpt in de gemeenschappelijke tuin. We werken samen en delen de oogst.',
    level: 'none',
    minutes: 150,
    calendar: 'periodic',
    days: ['za'],
    time: 'in de voormiddag',
  },
  {
    category: 'leisure',
    sector: 'leisure',
    title: 'Naaiatelier voor vrouwen in {g}',
    organiser: 'Naaiatelier Draad',
    description:
      'Samen naaien, herstellen en kleren maken. Naaimachines zijn er. Alleen voor vrouwen. Er is kinderopvang.',
    level: 'none',
    audience: 'women',
    childcare: true,
    minutes: 150,
    calendar: 'periodic',
    days: ['di'],
    time: 'van 9.30 tot 12 uur',
  },
  {
    category: 'welfare',
    sector: 'welfare',
    title: 'Ontmoetingsnamiddag in het dienstencentrum van {g}',
    organiser: 'Lokaal dienstencentrum {g}',
    description:
      'Ontmoet mensen uit de buurt bij een kop koffie. We spelen kaart, doen een quiz of een creatieve activiteit. Iedereen is welkom, jong en oud.',
    level: 'none',
    audience: 'everyone',
    minutes: 120,
    calendar: 'permanent',
    days: ['ma', 'do'],
    time: 'van 14 tot 16 uur',
  },
  {
    category: 'welfare',
    sector: 'welfare',
    title: 'Ouderkoffie in {g}',
    organiser: 'Huis van het Kind {g}',
    description:
      'Ouders van jonge kinderen ontmoeten elkaar. We praten over opvoeding, school en slapen. De kinderen spelen in de speelhoek.',
    level: 'A1',
    audience: 'parents',
    childcare: true,
    minutes: 90,
    calendar: 'periodic',
    days: ['vr'],
    time: 'van 9 tot 10.30 uur',
  },
  {
    category: 'education',
    sector: 'education',
    title: 'Helpen in de schooltuin van {g}',
    organiser: 'Basisschool De Regenboog',
    description:
      'Help mee in de schooltuin of bij de leesclub van de school. U leert leerkrachten en ouders kennen. De school is een plek om mensen uit de buurt te ontmoeten.',
    level: 'A1',
    minutes: 120,
    calendar: 'periodic',
    days: ['wo'],
    time: 'van 9 tot 11 uur',
  },
  {
    category: 'education',
    sector: 'education',
    title: 'Huiswerkbegeleiding als vrijwilliger in {g}',
    organiser: 'Huiswerkklas {g}',
    description:
      'Kinderen van de lagere school maken hun huiswerk. U helpt bij rekenen of lezen, samen met een ervaren begeleider. U hebt een goed niveau Nederlands nodig.',
    level: 'B1',
    minutes: 120,
    calendar: 'periodic',
    days: ['ma', 'di', 'do'],
    time: 'van 16 tot 18 uur',
  },
];

const firstNames = [
  'An',
  'Bart',
  'Els',
  'Hilde',
  'Jef',
  'Karim',
  'Leen',
  'Marie',
  'Nadia',
  'Pieter',
  'Sara',
  'Tom',
  'Yasmina',
  'Wim',
];
const lastNames = [
  'Peeters',
  'Janssens',
  'Maes',
  'Jacobs',
  'Mertens',
  'Willems',
  'Claes',
  'Goossens',
  'Wouters',
  'De Smet',
  'El Idrissi',
  'Vermeulen',
];
const spokenLanguages: Language[] = ['fr', 'en', 'ar', 'tr', 'uk', 'ru', 'es', 'fa', 'so', 'ti'];
const streets = [
  'Kerkstraat',
  'Stationsstraat',
  'Marktplein',
  'Schoolstraat',
  'Dorpsstraat',
  'Molenstraat',
  'Kapelstraat',
  'Nieuwstraat',
];

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

async function insertChunks<T extends Record<string, unknown>>(
  tx: Tx,
  table: Parameters<Tx['insert']>[0],
  rows: T[],
) {
  for (let i = 0; i < rows.length; i += 200) await tx.insert(table).values(rows.slice(i, i + 200) as never);
}

/** Demo data: hundreds of offers across all 18 networks, and trajectories in every state. */
export async function seedParticipationDemo(db: Db, _config: Config): Promise<void> {
  const r = prng(20261123);
  const now = new Date();
  const today = todayIso(now);

  const munis = await db
    .select({
      nis: municipalities.nis,
      name: municipalities.name,
      networkCode: municipalities.networkCode,
      regisseur: municipalities.regisseurOrganisationId,
    })
    .from(municipalities)
    .orderBy(asc(municipalities.nis));
  const orgs = await db
    .select({
      id: organisations.id,
      type: organisations.type,
      networkCode: organisations.networkCode,
      shortName: organisations.shortName,
      agencyCode: organisations.agencyCode,
    })
    .from(organisations);
  const networkOrg = new Map(orgs.filter((o) => o.networkCode).map((o) => [o.networkCode!, o.id]));
  const deBrug = orgs.find((o) => o.shortName === 'De Brug')?.id;
  const mentorwerk = orgs.find((o) => o.shortName === 'Mentorwerk')?.id;
  const agii = orgs.find((o) => o.agencyCode === 'AGII')!.id;
  const [counsellor] = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(users.email, demoEmail('trajectbegeleider.agii')), eq(memberships.role, 'counsellor')));
  const byNetwork = new Map<string, typeof munis>();
  for (const m of munis) byNetwork.set(m.networkCode, [...(byNetwork.get(m.networkCode) ?? []), m]);

  type OfferRow = typeof participationOffers.$inferInsert;
  type PlaceRow = typeof participationOfferPlaces.$inferInsert;
  const offers: OfferRow[] = [];
  const places: PlaceRow[] = [];

  const calendarFor = (t: Template): OfferCalendar => {
    if (t.calendar === 'single')
      return {
        calendarType: 'single',
        dates: [addDays(today, r.int(3, 60))],
        startDate: null,
        endDate: null,
        weekdays: [],
      };
    if (t.calendar === 'multiple') {
      const first = addDays(today, r.int(1, 20));
      const dates = Array.from({ length: r.int(3, 6) }, (_, i) => addDays(first, i * 7 * r.int(1, 2)));
      return { calendarType: 'multiple', dates, startDate: null, endDate: null, weekdays: [] };
    }
    if (t.calendar === 'periodic')
      return {
        calendarType: 'periodic',
        dates: [],
        startDate: addDays(today, -r.int(10, 150)),
        endDate: addDays(today, r.int(60, 300)),
        weekdays: t.days ?? ['wo'],
      };
    return { calendarType: 'permanent', dates: [], startDate: null, endDate: null, weekdays: t.days ?? [] };
  };

  const addOffer = (
    t: Template,
    owner: string,
    where: Array<(typeof munis)[number]>,
    status: string,
    overrides: Partial<OfferRow> = {},
  ) => {
    const g = where[0]!.name;
    const contact = `${r.pick(firstNames)} ${r.pick(lastNames)}`;
    const organiser = t.organiser.replace('{g}', g);
    const cal = calendarFor(t);
    const publishedOn = addDays(today, -r.int(1, 200));
    let validUntil = offerValidUntil(cal, publishedOn);
    if (status === 'expired') {
      cal.calendarType = 'periodic';
      cal.startDate = addDays(today, -r.int(200, 300));
      cal.endDate = addDays(today, -r.int(3, 60));
      cal.weekdays = t.days ?? ['di'];
      validUntil = cal.endDate;
    }
    const id = crypto.randomUUID();
    offers.push({
      id,
      ownerOrganisationId: owner,
      organiserName: organiser,
      title: t.title.replace('{g}', g),
      description: t.description.replaceAll('{g}', g),
      category: t.category,
      sector: t.sector,
      ...cal,
      weekdays: offerWeekdays(cal),
      timeNote: t.time,
      sessionMinutes: t.minutes,
      dutchLevel: t.level,
      audience: t.audience ?? 'everyone',
      womenOnly: t.audience === 'women',
      childcare: t.childcare ?? false,
      wheelchairAccessible: r.chance(0.6),
      capacity: r.chance(0.7) ? r.int(6, 30) : null,
      availability: r.chance(0.8) ? 'open' : r.pick(['few', 'waiting_list', 'full']),
      contactName: contact,
      contactEmail: `${slug(contact.split(' ')[0]!)}@${slug(organiser).slice(0, 24)}.be`,
      contactPhone: r.chance(0.7)
        ? `0${r.int(2, 9)} ${r.int(200, 999)} ${r.int(10, 99)} ${r.int(10, 99)}`
        : null,
      contactLanguages: [
        'nl',
        ...new Set(Array.from({ length: r.int(0, 2) }, () => r.pick(spokenLanguages))),
      ],
      status,
      submittedAt: status === 'draft' ? null : new Date(`${publishedOn}T09:00:00Z`),
      publishedAt:
        status === 'published' || status === 'expired' ? new Date(`${publishedOn}T10:00:00Z`) : null,
      validUntil: status === 'published' || status === 'expired' ? validUntil : null,
      moderationNote:
        status === 'sent_back' ? 'Schrijf de beschrijving eenvoudiger en vul het uur in.' : null,
      ...overrides,
    });
    for (const m of where) {
      places.push({
        offerId: id,
        municipalityNis: m.nis,
        networkCode: m.networkCode,
        locationName: organiser,
        address: `${r.pick(streets)} ${r.int(1, 120)}, ${m.name}`,
      });
    }
    return id;
  };

  const statusRoll = () => {
    const x = r.next();
    return x < 0.84
      ? 'published'
      : x < 0.89
        ? 'awaiting_validation'
        : x < 0.92
          ? 'draft'
          : x < 0.95
            ? 'sent_back'
            : 'expired';
  };

  let networkIndex = 0;
  for (const [code, list] of byNetwork) {
    const count = 12 + Math.round(list.length * 0.8);
    networkIndex++;
    for (let i = 0; i < count; i++) {
      const m = list[i % list.length]!;
      // 5 is coprime with the 21 templates: every network gets every kind of activity
      const t = templates[(i * 5 + networkIndex * 3) % templates.length]!;
      const crossBorder = list.length > 2 && r.chance(0.15);
      const where = crossBorder ? [m, list[(i + 1) % list.length]!, list[(i + 2) % list.length]!] : [m];
      const owner = crossBorder ? networkOrg.get(code)! : (m.regisseur ?? networkOrg.get(code)!);
      addOffer(t, owner, where, statusRoll());
    }
  }

  const named = (name: string) => munis.find((m) => m.name === name)!;
  const womenTemplate = templates.find((t) => t.title.startsWith('Praatcafé voor vrouwen'))!;
  // Fixed examples the guides and browser tests refer to.
  const eeklo = named('Eeklo');
  const mechelen = named('Mechelen');
  addOffer(womenTemplate, eeklo.regisseur!, [eeklo], 'published', {
    title: 'Praatcafé voor vrouwen in Eeklo',
    dutchLevel: 'none',
  });
  if (deBrug) {
    addOffer(templates.find((t) => t.category === 'buddy')!, deBrug, [mechelen], 'published', {
      title: 'Buddyproject De Brug in Mechelen',
      organiserName: 'Buurtwerk De Brug vzw',
      contactName: 'Katrien Willems',
      contactEmail: 'katrien@debrug.be',
    });
    addOffer(templates[0]!, deBrug, [mechelen], 'draft', {
      title: 'Taalcafé De Brug',
      organiserName: 'Buurtwerk De Brug vzw',
    });
    addOffer(
      templates.find((t) => t.category === 'leisure')!,
      deBrug,
      [named('Deinze')],
      'awaiting_validation',
      {
        title: 'Samen koken met De Brug in Deinze',
        organiserName: 'Buurtwerk De Brug vzw',
      },
    );
  }
  if (mentorwerk) {
    for (const name of ['Mechelen', 'Gent', 'Antwerpen', 'Leuven', 'Brugge']) {
      const m = munis.find((x) => x.name === name);
      if (m)
        addOffer(
          templates.find((t) => t.category === 'internship' && t.sector === 'work')!,
          mentorwerk,
          [m],
          'published',
          {
            title: `Mentorprogramma naar werk in ${name}`,
            organiserName: 'Mentorwerk Vlaanderen vzw',
            description:
              'U krijgt een mentor die werkt in een bedrijf of organisatie. Samen zoekt u uit welk werk bij u past. U loopt een paar dagen mee op het werk van de mentor. Er is extra aandacht voor vrouwen.',
          },
        );
    }
  }

  await db.transaction(async (tx) => {
    await insertChunks(tx, participationOffers, offers);
    await insertChunks(tx, participationOfferPlaces, places);

    if (!counsellor) return;
    // Trajectories of Els Maes (AgII), in every state.
    const published = offers.filter((o) => o.status === 'published');
    const offersIn = (networkCode: string) =>
      published.filter((o) => places.some((p) => p.offerId === o.id && p.networkCode === networkCode));
    const homes = [
      ...Array(14).fill('Mechelen'),
      ...['Lier', 'Willebroek', 'Duffel', 'Bornem', 'Heist-op-den-Berg', 'Lier'],
      ...['Eeklo', 'Deinze', 'Wetteren', 'Eeklo', 'Zelzate', 'Deinze', 'Evergem', 'Eeklo'],
      ...['Leuven', 'Aalst', 'Hasselt', 'Kortrijk', 'Oostende', 'Genk', 'Turnhout', 'Sint-Niklaas'],
    ];
    // Mechelen (the first 14) mostly has validated hours, so its aggregates show; the rest covers every state.
    const states = [
      ...['partial', 'partial', 'completed', 'partial', 'fresh', 'partial', 'pending'],
      ...['partial', 'confirmed', 'partial', 'completed', 'ready', 'partial', 'stopped'],
      ...['fresh', 'pending', 'pending', 'confirmed', 'confirmed', 'partial', 'partial', 'partial', 'ready'],
      ...['completed', 'completed', 'completed', 'completed', 'completed', 'stopped', 'stopped'],
      ...['anonymise', 'anonymise', 'partial', 'completed', 'pending', 'partial'],
    ] as const;
    let fixedCode = false;
    const allTrajectories: Array<typeof participationTrajectories.$inferInsert> = [];
    const allActivities: Array<typeof participationActivities.$inferInsert> = [];
    const allLinks: Array<typeof participationConfirmationLinks.$inferInsert> = [];
    const allEntries: Array<typeof participationHourEntries.$inferInsert> = [];
    const allCertificates: Array<typeof participationCertificates.$inferInsert> = [];
    for (let i = 0; i < homes.length; i++) {
      const home = munis.find((m) => m.name === homes[i]) ?? mechelen;
      const state = states[i % states.length]!;
      const old = state === 'anonymise';
      const startDate = old
        ? addDays(today, -r.int(1200, 1400))
        : state === 'completed'
          ? addDays(today, -r.int(200, 330))
          : addDays(today, -r.int(30, 280));
      const trajectoryId = crypto.randomUUID();
      const candidates = offersIn(home.networkCode);
      const chosen = Array.from({ length: r.int(1, 3) }, () =>
        r.pick(candidates.length ? candidates : published),
      );
      const unique = [...new Map(chosen.map((o) => [o.id!, o])).values()];
      const activities = unique.map((o) => ({
        id: crypto.randomUUID(),
        trajectoryId,
        offerId: o.id!,
        title: o.title,
        organisationName: o.organiserName ?? null,
        category: o.category,
        contactName: o.contactName,
        contactEmail: o.contactEmail,
        plannedMinutes: 20 * 60,
      }));
      const target =
        state === 'fresh'
          ? 0
          : state === 'partial'
            ? r.int(6, 34) * 60
            : state === 'pending' || state === 'confirmed'
              ? r.int(4, 20) * 60
              : r.int(40, 46) * 60;
      const entries: Array<typeof participationHourEntries.$inferInsert> = [];
      const links: Array<typeof participationConfirmationLinks.$inferInsert> = [];
      let sum = 0;
      let date = addDays(startDate, r.int(2, 10));
      const lastDay = state === 'completed' || old ? addDays(startDate, 180) : today;
      while (activities.length && sum < target && date <= lastDay) {
        const act = r.pick(activities);
        const minutes = Math.min(r.pick([90, 120, 150, 180, 240]), target - sum + 60);
        entries.push({
          id: crypto.randomUUID(),
          trajectoryId,
          activityId: act.id,
          date,
          minutes: minutes - (minutes % 15),
          status: 'validated',
          createdByUserId: counsellor.id,
        });
        sum += minutes - (minutes % 15);
        date = addDays(date, r.int(2, 6));
      }
      // The newest entries of running trajectories still wait: for confirmation, or for validation.
      const waitingTail =
        state === 'pending'
          ? entries.length
          : state === 'confirmed'
            ? entries.length
            : state === 'partial'
              ? Math.min(2, entries.length)
              : 0;
      const tail = entries.slice(entries.length - waitingTail);
      for (const act of activities) {
        const own = entries.filter((e) => e.activityId === act.id);
        const done = own.filter((e) => !tail.includes(e));
        if (done.length) {
          const linkId = crypto.randomUUID();
          links.push({
            id: linkId,
            trajectoryId,
            activityId: act.id,
            tokenHash: hashLinkToken(randomBytes(24).toString('base64url')),
            entryIds: done.map((e) => e.id!),
            sentTo: act.contactEmail,
            expiresAt: new Date(now.getTime() + 86_400_000),
            usedAt: new Date(`${done.at(-1)!.date}T18:00:00Z`),
            decision: 'confirm',
            createdByUserId: counsellor.id,
          });
          for (const e of done)
            Object.assign(e, {
              confirmationId: linkId,
              confirmedAt: new Date(`${e.date}T18:00:00Z`),
              confirmedByName: act.contactName,
              validatedAt: new Date(`${e.date}T20:00:00Z`),
              validatedByUserId: counsellor.id,
            });
        }
        const waiting = own.filter((e) => tail.includes(e));
        if (waiting.length && state !== 'confirmed') {
          links.push({
            trajectoryId,
            activityId: act.id,
            tokenHash: hashLinkToken(randomBytes(24).toString('base64url')),
            entryIds: waiting.map((e) => e.id!),
            sentTo: act.contactEmail,
            expiresAt: new Date(now.getTime() + 20 * 86_400_000),
            createdByUserId: counsellor.id,
          });
          for (const e of waiting) e.status = 'registered';
        }
        if (waiting.length && state === 'confirmed') {
          const linkId = crypto.randomUUID();
          links.push({
            id: linkId,
            trajectoryId,
            activityId: act.id,
            tokenHash: hashLinkToken(randomBytes(24).toString('base64url')),
            entryIds: waiting.map((e) => e.id!),
            sentTo: act.contactEmail,
            expiresAt: new Date(now.getTime() + 20 * 86_400_000),
            usedAt: new Date(now.getTime() - 86_400_000),
            decision: 'confirm',
            createdByUserId: counsellor.id,
          });
          for (const e of waiting)
            Object.assign(e, {
              status: 'confirmed',
              confirmationId: linkId,
              confirmedAt: new Date(now.getTime() - 86_400_000),
              confirmedByName: act.contactName,
            });
        }
      }
      const closed = state === 'completed' || old || state === 'stopped';
      const closedAt = closed
        ? new Date(`${entries.at(-1)?.date ?? addDays(startDate, 30)}T16:00:00Z`)
        : null;
      const status = state === 'stopped' ? 'stopped' : state === 'completed' || old ? 'completed' : 'active';
      const code = newTrajectoryCode(Number(startDate.slice(0, 4)));
      allTrajectories.push({
        id: trajectoryId,
        code,
        counsellorOrganisationId: agii,
        counsellorUserId: counsellor.id,
        municipalityNis: home.nis,
        startDate,
        obliged: r.chance(0.7),
        dutchLevel: r.pick(['none', 'A1', 'A1', 'A2', 'A2', 'B1'] as const),
        status,
        note: state === 'fresh' ? 'Wil graag iets met sport of koken. Vrij op dinsdag en donderdag.' : null,
        closedAt,
        createdAt: new Date(`${startDate}T08:00:00Z`),
      });
      allActivities.push(...activities);
      allLinks.push(...links);
      allEntries.push(...entries);
      if (status === 'completed') {
        const counted = entries.filter((e) => e.status === 'validated');
        allCertificates.push({
          trajectoryId,
          verificationCode: !fixedCode && !old ? 'DEM0-2026-0040' : newVerificationCode(),
          trajectoryCode: code,
          issuerOrganisationId: agii,
          issuerName: 'Agentschap Integratie en Inburgering',
          validatedMinutes: counted.reduce((s, e) => s + e.minutes!, 0),
          periodStart: startDate,
          periodEnd: counted.at(-1)?.date ?? startDate,
          activities: activities
            .map((a) => ({
              title: a.title,
              category: a.category,
              minutes: counted.filter((e) => e.activityId === a.id).reduce((s, e) => s + e.minutes!, 0),
            }))
            .filter((a) => a.minutes > 0),
          issuedAt: closedAt ?? now,
        });
        if (!old) fixedCode = true;
      }
    }
    await insertChunks(tx, participationTrajectories, allTrajectories);
    await insertChunks(tx, participationActivities, allActivities);
    await insertChunks(tx, participationConfirmationLinks, allLinks);
    await insertChunks(tx, participationHourEntries, allEntries);
    await insertChunks(tx, participationCertificates, allCertificates);
    // A counsellor of another agency (Atlas, Antwerpen), whose trajectories Els Maes never sees.
    const atlas = orgs.find((o) => o.agencyCode === 'ATLAS');
    const antwerpen = munis.find((m) => m.name === 'Antwerpen');
    if (atlas && antwerpen) {
      // The account itself is one of the reference demo accounts (src/modules/reference/demo.ts).
      const [nadia] = await tx
        .select()
        .from(users)
        .where(eq(users.email, demoEmail(ATLAS_COUNSELLOR)));
      if (nadia) {
        await tx.insert(participationTrajectories).values(
          Array.from({ length: 6 }, (_, i) => ({
            code: newTrajectoryCode(2026),
            counsellorOrganisationId: atlas.id,
            counsellorUserId: nadia.id,
            municipalityNis: antwerpen.nis,
            startDate: addDays(today, -20 * (i + 1)),
            obliged: i % 3 !== 0,
            dutchLevel: (['A1', 'A2', 'none'] as const)[i % 3]!,
          })),
        );
      }
    }
    await writeAudit(tx, systemActor, {
      action: 'participation.demo_seeded',
      entityType: 'participation_demo',
      entityId: today,
      after: { offers: offers.length, places: places.length, trajectories: homes.length },
    });
  });
  // The two oldest trajectories passed the retention period: anonymise them as the daily job would.
  await anonymiseExpiredTrajectories(db, now);
}
