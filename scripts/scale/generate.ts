import { rebuildRegisterTotalsSql } from '../../src/modules/calls/register';
import {
  defaultEligibilityRules,
  duplicateKey,
  formats,
  requestedAmount,
} from '../../src/modules/calls/rules';
import { breakdownKeys } from '../../src/modules/monitoring/rules';
import { anonymisedFields } from '../../src/modules/participation/rules';
import { categories, dutchLevels, sectors, weekdays } from '../../src/modules/participation/vocab';
import type { Bulk } from './bulk';
import { addDays, at, daysBetween, Rng } from './rng';

/** The sizes of issue #9 at scale 1; `--scale` multiplies every count (municipalities stay 300). */
export const baseSizes = {
  extraOrganisations: 272,
  users: 3000,
  serviceRequests: 20_000,
  contactMoments: 50_000,
  events: 600,
  registrations: 40_000,
  callRounds: 3,
  applications: 250,
  oefenkansen: 300_000,
  offers: 20_000,
  trajectories: 100_000,
  hourEntries: 1_000_000,
  indicators: 60,
  years: 10,
  actionPlans: 100,
};
export type Sizes = typeof baseSizes;

export function sizesFor(scale: number): Sizes {
  const s = { ...baseSizes };
  for (const k of Object.keys(s) as Array<keyof Sizes>) {
    if (k === 'callRounds' || k === 'years') continue;
    s[k] = Math.max(k === 'indicators' ? 3 : 1, Math.round(baseSizes[k] * scale));
  }
  s.years = scale >= 1 ? 10 : Math.max(2, Math.round(10 * scale));
  return s;
}

type Org = {
  id: string;
  type: string;
  name: string;
  agencyCode: string | null;
  nis: string | null;
  networkCode: string | null;
};
type Muni = {
  nis: string;
  name: string;
  region: string;
  networkCode: string;
  supportAgency: string;
  deRand: boolean;
};
type User = { id: string; orgId: string; role: string; name: string };

export type Report = Array<{ part: string; rows: Record<string, number>; ms: number }>;

const firstNames = [
  'Sofie',
  'Jan',
  'Fatima',
  'Marc',
  'Nadia',
  'Tom',
  'Els',
  'Pieter',
  'Lotte',
  'Ahmed',
  'Katrien',
  'Youssef',
  'An',
  'Bram',
  'Leila',
  'Koen',
  'Sara',
  'Mohamed',
  'Ines',
  'Wout',
  'Hanne',
  'Karim',
  'Eva',
  'Jonas',
  'Amina',
  'Stijn',
  'Zeynep',
  'Lien',
  'Omar',
  'Ruben',
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
  'El Amrani',
  'Bouzid',
  'Vermeulen',
  'Benali',
  'Yilmaz',
  'Dubois',
  'Lambrechts',
  'Aerts',
  'Hermans',
  'Van den Broeck',
  'Diallo',
  'Kaya',
  'De Clercq',
  'Verstraete',
];

const activityWords = [
  'Praattafel',
  'Taalcafé',
  'Wandelclub',
  'Breicafé',
  'Moestuin',
  'Kookworkshop',
  'Voetbaltraining',
  'Buddyproject',
  'Fietsles',
  'Leesclub',
  'Repair Café',
  'Zwemles',
  'Naaiatelier',
  'Huiswerkbegeleiding',
  'Vrijwilligerswerk',
  'Kennismakingsstage',
  'Buurtfeest',
  'Theaterworkshop',
  'Koor',
  'Schaakclub',
  'Petanque',
  'Yoga',
  'Computerles',
  'Tuinploeg',
  'Sociaal restaurant',
];
const placeWords = [
  'in de bibliotheek',
  'in het buurthuis',
  'in het ontmoetingscentrum',
  'in het park',
  'in het woonzorgcentrum',
  'op de sportclub',
  'in het cultuurcentrum',
  'in de jeugdwerking',
  'bij de kringloopwinkel',
  'in het sociaal huis',
];
const descriptionSentences = [
  'Iedereen is welkom, ook als je nog maar een beetje Nederlands spreekt.',
  'We oefenen Nederlands in een ontspannen sfeer en leren elkaar kennen.',
  'Je werkt samen met vrijwilligers uit de buurt.',
  'Na afloop drinken we samen koffie of thee.',
  'De activiteit is gratis; je brengt enkel goede zin mee.',
  'Kinderopvang is mogelijk na afspraak.',
  'Ideaal voor nieuwkomers die nieuwe mensen willen ontmoeten.',
  'We zoeken nog enthousiaste deelnemers en vrijwilligers.',
  'Je leert praktische woorden die je elke dag nodig hebt.',
  'De begeleiders spreken ook Engels, Frans of Arabisch.',
];
const requestSubjects = [
  'Vraag over de instroomcijfers',
  'Ondersteuning bij de omgevingsanalyse',
  'Advies over een buddyproject',
  'Vorming toegankelijke dienstverlening',
  'Hulp bij een draaiboek inburgeringsceremonie',
  'Vraag over taalbeleid in de gemeente',
  'Begeleiding intergemeentelijke samenwerking',
  'Vraag over de monitoring van het actieplan',
  'Advies over brugfiguren in scholen',
  'Vraag over opvang van nieuwkomers',
];
const contactTopics = [
  'Opvolging lokaal integratiebeleid',
  'Basispakket en keuzes',
  'Voorbereiding regietafel',
  'Evaluatie buddyproject',
  'Nieuwe instroomcijfers',
  'Taalbeleid en oefenkansen',
  'Samenwerking met OCMW',
  'Actieplan samenleven',
];
const eventTitles = [
  'Netwerkmoment lokale integratieregisseurs',
  'Vorming toegankelijke dienstverlening',
  'Infosessie oproep oefenkansen',
  'Webinar instroomcijfers',
  'Lerend netwerk taalbeleid',
  'Vorming omgaan met diversiteit',
  'Infosessie participatietraject',
  'Netwerkmoment buddywerking',
  'Webinar monitoring en indicatoren',
];
const indicatorThemes = [
  'context',
  'arbeid',
  'onderwijs',
  'netwerken',
  'verbondenheid',
  'burgerschap',
  'financieel',
  'gelijke-behandeling',
  'nederlands',
];
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Generates the Flanders-scale data set part by part; each part reports its rows and duration. */
export class ScaleGenerator {
  readonly report: Report = [];
  readonly rng: Rng;
  readonly today: string;
  readonly start: string;
  orgs: Org[] = [];
  munis: Muni[] = [];
  users: User[] = [];
  offerIds: string[] = [];

  constructor(
    readonly bulk: Bulk,
    readonly sizes: Sizes,
    seed: number,
    readonly passwordHash: string,
    today: string,
  ) {
    this.rng = new Rng(seed);
    this.today = today;
    this.start = addDays(today, -5 * 365);
  }

  async part(name: string, work: () => Promise<Record<string, number>>): Promise<void> {
    const started = performance.now();
    const rows = await work();
    const ms = Math.round(performance.now() - started);
    this.report.push({ part: name, rows, ms });
    const summary = Object.entries(rows)
      .map(([k, v]) => `${k} ${v.toLocaleString('nl-BE')}`)
      .join(', ');
    process.stdout.write(`  ${name.padEnd(14)} ${(ms / 1000).toFixed(1).padStart(6)} s  ${summary}\n`);
  }

  async run(): Promise<void> {
    await this.load();
    await this.part('organisations', () => this.organisations());
    await this.part('users', () => this.usersAndMemberships());
    await this.part('services', () => this.services());
    await this.part('knowledge', () => this.knowledge());
    await this.part('calls', () => this.calls());
    await this.part('offers', () => this.offers());
    await this.part('trajectories', () => this.trajectories());
    await this.part('monitoring', () => this.monitoring());
    await this.part('action plans', () => this.actionPlans());
    await this.part('analyze', async () => {
      await this.bulk.exec('ANALYZE');
      return {};
    });
  }

  private name(): string {
    return `${this.rng.pick(firstNames)} ${this.rng.pick(lastNames)}`;
  }

  private dateIn(from: string, to: string): string {
    return addDays(from, this.rng.int(0, Math.max(0, daysBetween(from, to))));
  }

  private async load(): Promise<void> {
    this.munis = (
      await this.bulk.query<Muni>(
        `select nis, name, region, network_code as "networkCode", support_agency as "supportAgency", de_rand as "deRand"
         from municipalities order by nis`,
      )
    ).map((m) => ({ ...m }));
    await this.reloadOrgs();
  }

  private async reloadOrgs(): Promise<void> {
    this.orgs = await this.bulk.query<Org>(
      `select id, type, name, agency_code as "agencyCode", municipality_nis as nis, network_code as "networkCode"
       from organisations order by type, coalesce(agency_code, municipality_nis, network_code, name)`,
    );
  }

  private orgsOf(type: string): Org[] {
    return this.orgs.filter((o) => o.type === type);
  }

  private agency(code: string): Org {
    const org = this.orgs.find((o) => o.agencyCode === code);
    if (!org) throw new Error(`agency ${code} missing: run the reference data first`);
    return org;
  }

  private usersWith(role: string, orgId?: string): User[] {
    return this.users.filter((u) => u.role === role && (!orgId || u.orgId === orgId));
  }

  // ----------------------------------------------------------------------------------------------

  private async organisations() {
    const n = this.sizes.extraOrganisations;
    const igs = Math.max(1, Math.round(n * 0.07));
    const experts = Math.max(1, Math.round(n * 0.05));
    const flemish = this.munis.filter(
      (m) => m.region === 'VLG' && !m.deRand && m.nis !== '11002' && m.nis !== '44021',
    );
    const rows: unknown[][] = [];
    const members: unknown[][] = [];
    for (let i = 0; i < n; i++) {
      const id = this.rng.uuid();
      const type =
        i < igs
          ? 'intermunicipal_partnership'
          : i < igs + experts
            ? 'expert_organisation'
            : 'partner_organisation';
      const word = this.rng.pick(activityWords);
      const name =
        type === 'intermunicipal_partnership'
          ? `IGS Samenleven ${i + 1}`
          : type === 'expert_organisation'
            ? `Expertisecentrum ${word} ${i + 1} vzw`
            : `${word} ${this.rng.pick(this.munis).name} vzw`;
      rows.push([id, type, `${name} (schaal)`, name.slice(0, 40), `info${i}@schaal.regiekamer.test`]);
      if (type === 'intermunicipal_partnership') {
        for (const m of this.rng.sample(flemish, this.rng.int(3, 6))) members.push([id, m.nis]);
      }
    }
    const orgs = await this.bulk.copy('organisations', ['id', 'type', 'name', 'short_name', 'email'], rows);
    const links = await this.bulk.copy(
      'organisation_municipalities',
      ['organisation_id', 'municipality_nis'],
      members,
    );
    await this.reloadOrgs();
    return { organisations: orgs, 'organisation municipalities': links };
  }

  private async usersAndMemberships() {
    const total = this.sizes.users;
    const agencyWeights = (codes: Array<[string, number]>) =>
      codes.map(([c, w]) => [this.agency(c).id, w] as const);
    const localOrgs = [
      ...this.orgsOf('local_government'),
      ...this.orgsOf('vgc'),
      ...this.orgsOf('de_rand'),
      ...this.orgsOf('intermunicipal_partnership'),
    ];
    const networks = this.orgsOf('network');
    const partners = [...this.orgsOf('partner_organisation'), ...this.orgsOf('expert_organisation')];
    const plan: Array<{ role: string; share: number; orgs: () => string }> = [];
    let localIndex = 0;
    let networkIndex = 0;
    let partnerIndex = 0;
    plan.push({
      role: 'local_officer',
      share: 0.45,
      orgs: () => localOrgs[localIndex++ % localOrgs.length]!.id,
    });
    plan.push({
      role: 'counsellor',
      share: 0.2,
      orgs: () =>
        this.rng.weighted(
          agencyWeights([
            ['AGII', 70],
            ['ATLAS', 20],
            ['AMAL', 10],
          ]),
        ),
    });
    plan.push({
      role: 'agency_staff',
      share: 0.04,
      orgs: () =>
        this.rng.weighted(
          agencyWeights([
            ['AGII', 70],
            ['ATLAS', 12],
            ['AMAL', 12],
            ['HVN', 6],
          ]),
        ),
    });
    plan.push({
      role: 'contact_person',
      share: 0.02,
      orgs: () =>
        this.rng.weighted(
          agencyWeights([
            ['AGII', 80],
            ['ATLAS', 10],
            ['AMAL', 10],
          ]),
        ),
    });
    plan.push({ role: 'finance_officer', share: 0.005, orgs: () => this.agency('AGII').id });
    plan.push({
      role: 'network_coordinator',
      share: 0.012,
      orgs: () => networks[networkIndex++ % networks.length]!.id,
    });
    plan.push({
      role: 'partner_editor',
      share: 0.273,
      orgs: () => partners[partnerIndex++ % partners.length]!.id,
    });

    const userRows: unknown[][] = [];
    const membershipRows: unknown[][] = [];
    let i = 0;
    for (const p of plan) {
      const count = Math.max(1, Math.round(total * p.share));
      for (let k = 0; k < count; k++, i++) {
        const id = this.rng.uuid();
        const orgId = p.orgs();
        const name = this.name();
        this.users.push({ id, orgId, role: p.role, name });
        userRows.push([
          id,
          `schaal${String(i + 1).padStart(5, '0')}@schaal.regiekamer.test`,
          name,
          this.passwordHash,
        ]);
        membershipRows.push([this.rng.uuid(), id, orgId, p.role]);
      }
    }
    const users = await this.bulk.copy('users', ['id', 'email', 'name', 'password_hash'], userRows);
    const memberships = await this.bulk.copy(
      'memberships',
      ['id', 'user_id', 'organisation_id', 'role'],
      membershipRows,
    );
    return { users, memberships };
  }

  private async services() {
    const items = await this.bulk.query<{ id: string; agencies: string[]; norm: number }>(
      'select id, agencies, norm_working_days as norm from service_catalogue_items',
    );
    const assigned = new Set(
      (
        await this.bulk.query<{ id: string }>(
          'select organisation_id as id from service_contact_assignments where until is null',
        )
      ).map((r) => r.id),
    );
    const localGovs = this.orgsOf('local_government');
    const muniByNis = new Map(this.munis.map((m) => [m.nis, m]));
    const agencyOf = (o: Org) => muniByNis.get(o.nis!)?.supportAgency ?? 'AGII';
    const contactsByAgency = new Map<string, User[]>();
    for (const code of ['AGII', 'ATLAS', 'AMAL'])
      contactsByAgency.set(code, this.usersWith('contact_person', this.agency(code).id));

    const assignments: unknown[][] = [];
    localGovs.forEach((o, idx) => {
      if (assigned.has(o.id)) return;
      const contacts = contactsByAgency.get(agencyOf(o)) ?? [];
      if (!contacts.length) return;
      assignments.push([this.rng.uuid(), o.id, contacts[idx % contacts.length]!.id, agencyOf(o), this.start]);
    });
    const officersByOrg = new Map<string, User[]>();
    for (const u of this.usersWith('local_officer'))
      officersByOrg.set(u.orgId, [...(officersByOrg.get(u.orgId) ?? []), u]);

    // Bigger cities ask more: weight by the position in a skewed distribution.
    const weightedOrgs = localGovs.map((o, i) => [o, 1 + (i % 17 === 0 ? 8 : i % 5 === 0 ? 3 : 1)] as const);
    const requests: unknown[][] = [];
    const messages: unknown[][] = [];
    for (let i = 0; i < this.sizes.serviceRequests; i++) {
      const org = this.rng.weighted(weightedOrgs);
      const agencyCode = agencyOf(org);
      const offered = items.filter((it) => it.agencies.includes(agencyCode));
      const item = offered.length && this.rng.chance(0.85) ? this.rng.pick(offered) : null;
      const submittedOn = this.dateIn(this.start, this.today);
      const age = daysBetween(submittedOn, this.today);
      const status =
        age > 60
          ? this.rng.weighted([
              ['done', 85],
              ['cancelled', 10],
              ['in_progress', 4],
              ['waiting_for_local_government', 1],
            ] as const)
          : this.rng.weighted([
              ['submitted', 30],
              ['in_progress', 35],
              ['waiting_for_local_government', 10],
              ['done', 22],
              ['cancelled', 3],
            ] as const);
      const dueDate = addDays(submittedOn, Math.round((item?.norm ?? 10) * 1.4));
      const closedOn =
        status === 'done' || status === 'cancelled'
          ? addDays(submittedOn, Math.min(age, this.rng.int(1, 40)))
          : null;
      const officer = officersByOrg.get(org.id)?.[0];
      const id = this.rng.uuid();
      const submittedAt = at(submittedOn, this.rng.int(8, 17), this.rng.int(0, 59));
      requests.push([
        id,
        org.id,
        agencyCode,
        item?.id ?? null,
        `${this.rng.pick(requestSubjects)} (${i + 1})`,
        status,
        submittedAt,
        submittedOn,
        dueDate,
        closedOn,
        officer?.id ?? null,
        submittedAt,
      ]);
      messages.push([
        this.rng.uuid(),
        id,
        officer?.id ?? null,
        'local_government',
        'Graag hadden we hierover wat advies van het agentschap.',
        null,
        'submitted',
        submittedAt,
      ]);
      if (status !== 'submitted') {
        messages.push([
          this.rng.uuid(),
          id,
          null,
          'agency',
          status === 'done' ? 'We hebben uw vraag beantwoord; zie het verslag in bijlage.' : null,
          'submitted',
          status,
          at(closedOn ?? addDays(submittedOn, Math.min(age, 3)), 14),
        ]);
      }
    }
    const contactLog: unknown[][] = [];
    const contactKinds = ['meeting', 'phone', 'visit', 'email'];
    for (let i = 0; i < this.sizes.contactMoments; i++) {
      const org = this.rng.weighted(weightedOrgs);
      const agencyCode = agencyOf(org);
      const contacts = contactsByAgency.get(agencyCode) ?? [];
      const occurred = this.dateIn(this.start, this.today);
      contactLog.push([
        this.rng.uuid(),
        org.id,
        agencyCode,
        contacts.length ? this.rng.pick(contacts).id : null,
        occurred,
        this.rng.pick(contactKinds),
        this.rng.pick(contactTopics),
        'Afspraken genoteerd en opvolging gepland.',
        this.rng.chance(0.3) ? 'Terugkoppeling op het volgende overleg.' : null,
        at(occurred, 16),
      ]);
    }
    return {
      'contact assignments': await this.bulk.copy(
        'service_contact_assignments',
        ['id', 'organisation_id', 'contact_user_id', 'agency_code', 'since'],
        assignments,
      ),
      requests: await this.bulk.copy(
        'service_requests',
        [
          'id',
          'organisation_id',
          'agency_code',
          'item_id',
          'subject',
          'status',
          'submitted_at',
          'submitted_on',
          'due_date',
          'closed_on',
          'created_by_user_id',
          'updated_at',
        ],
        requests,
      ),
      messages: await this.bulk.copy(
        'service_request_messages',
        ['id', 'request_id', 'author_user_id', 'side', 'body', 'status_from', 'status_to', 'created_at'],
        messages,
      ),
      'contact moments': await this.bulk.copy(
        'service_contact_log',
        [
          'id',
          'organisation_id',
          'agency_code',
          'author_user_id',
          'occurred_on',
          'kind',
          'topic',
          'notes',
          'follow_up',
          'created_at',
        ],
        contactLog,
      ),
    };
  }

  private async knowledge() {
    const agii = this.agency('AGII');
    const networks = this.orgsOf('network');
    const staff = this.usersWith('agency_staff', agii.id);
    const officers = this.usersWith('local_officer');
    const officerNetwork = new Map<string, string>();
    const muniByNis = new Map(this.munis.map((m) => [m.nis, m]));
    const orgById = new Map(this.orgs.map((o) => [o.id, o]));
    for (const u of officers) {
      const org = orgById.get(u.orgId);
      const nis = org?.nis;
      if (nis) officerNetwork.set(u.id, muniByNis.get(nis)?.networkCode ?? '');
    }
    const events: unknown[][] = [];
    const registrations: unknown[][] = [];
    const perEvent = Math.round(this.sizes.registrations / this.sizes.events);
    const now = new Date(`${this.today}T12:00:00Z`);
    for (let i = 0; i < this.sizes.events; i++) {
      const id = this.rng.uuid();
      // 85 % in the past five years, 15 % in the coming half year (registrations open).
      const future = i % 7 === 0;
      const day = future
        ? addDays(this.today, this.rng.int(10, 180))
        : this.dateIn(this.start, addDays(this.today, -1));
      const startsAt = at(day, this.rng.int(9, 14));
      const endsAt = new Date(startsAt.getTime() + this.rng.int(2, 6) * 3_600_000);
      const byNetwork = this.rng.chance(0.2);
      const organiser = byNetwork ? this.rng.pick(networks) : agii;
      const capacity = this.rng.chance(0.15) ? null : this.rng.int(Math.round(perEvent * 0.8), perEvent * 2);
      const closes = new Date(startsAt.getTime() - 2 * 86_400_000);
      const opens = new Date(startsAt.getTime() - 90 * 86_400_000);
      const type = this.rng.pick(['netwerkmoment', 'vorming', 'infosessie', 'webinar']);
      events.push([
        id,
        `${this.rng.pick(eventTitles)} ${i + 1}`,
        'Een moment om kennis en ervaring te delen tussen lokale besturen.',
        type,
        `{${this.rng.pick(['taal', 'werk', 'onderwijs', 'participatie'])}}`,
        organiser.id,
        byNetwork ? 'network' : 'all_local_governments',
        byNetwork ? organiser.networkCode : null,
        startsAt,
        endsAt,
        type === 'webinar' ? null : `Zaal ${this.rng.int(1, 9)}, Brussel`,
        type === 'webinar' ? 'https://webinar.example.org/regiekamer' : null,
        capacity,
        opens,
        closes,
        staff.length ? this.rng.pick(staff).id : null,
        opens,
      ]);
      const eligible = byNetwork
        ? officers.filter((u) => officerNetwork.get(u.id) === organiser.networkCode)
        : officers;
      const count = Math.min(eligible.length, Math.max(1, Math.round(perEvent * (0.6 + this.rng.next()))));
      const past = startsAt < now;
      this.rng.sample(eligible, count).forEach((u, k) => {
        const full = capacity !== null && k >= capacity;
        const status = past
          ? this.rng.weighted([
              ['attended', 72],
              ['no_show', 10],
              ['cancelled', 10],
              ['registered', 8],
            ] as const)
          : full
            ? 'waitlisted'
            : this.rng.chance(0.05)
              ? 'cancelled'
              : 'registered';
        const created = new Date(opens.getTime() + this.rng.int(0, 80) * 86_400_000);
        registrations.push([this.rng.uuid(), id, u.id, u.orgId, u.id, status, created, created]);
      });
    }
    const eventRows = await this.bulk.copy(
      'knowledge_events',
      [
        'id',
        'title',
        'description',
        'type',
        'themes',
        'organiser_organisation_id',
        'audience_kind',
        'audience_code',
        'starts_at',
        'ends_at',
        'location',
        'online_url',
        'capacity',
        'registration_opens_at',
        'registration_closes_at',
        'created_by_user_id',
        'created_at',
      ],
      events,
    );
    // Arrival order is the order of creation.
    registrations.sort((a, b) => (a[6] as Date).getTime() - (b[6] as Date).getTime());
    const regRows = await this.bulk.copy(
      'knowledge_registrations',
      [
        'id',
        'event_id',
        'user_id',
        'organisation_id',
        'registered_by_user_id',
        'status',
        'created_at',
        'updated_at',
      ],
      registrations,
    );
    return { events: eventRows, registrations: regRows };
  }

  private async calls() {
    const agii = this.agency('AGII');
    const template = (
      await this.bulk.query<{ eligibility_rules: unknown; criteria: unknown; description: string }>(
        'select eligibility_rules, criteria, description from calls order by created_at limit 1',
      )
    )[0];
    const staff = this.usersWith('agency_staff', agii.id)[0];
    const deRand = new Set<string>(defaultEligibilityRules.deRandMunicipalities);
    const eligible = this.orgsOf('local_government').filter(
      (o) => o.nis && o.nis !== '11002' && o.nis !== '44021' && !deRand.has(o.nis),
    );
    const officersByOrg = new Map<string, User>();
    for (const u of this.usersWith('local_officer'))
      if (!officersByOrg.has(u.orgId)) officersByOrg.set(u.orgId, u);
    const callRows: unknown[][] = [];
    const apps: unknown[][] = [];
    const appMunis: unknown[][] = [];
    const coverage: unknown[][] = [];
    const planned: unknown[][] = [];
    const ledger: unknown[][] = [];
    const granted: Array<{ id: string; nis: string; from: string; to: string; units: number }> = [];
    const rate = 4850;
    const perRound = Math.ceil(this.sizes.applications / this.sizes.callRounds);
    const currentYear = Number(this.today.slice(0, 4));
    for (let r = 0; r < this.sizes.callRounds; r++) {
      const year = currentYear - (this.sizes.callRounds - 1 - r) * 2;
      const callId = this.rng.uuid();
      const opens = `${year - 1}-10-01`;
      const closes = r === this.sizes.callRounds - 1 ? addDays(this.today, 30) : `${year - 1}-12-15`;
      const implStart = `${year}-01-01`;
      const implEnd = `${year + 1}-12-31`;
      const money = { rateCents: rate, maxUnitsPerApplicant: 5000, maxAmountPerApplicantCents: 5000 * rate };
      callRows.push([
        callId,
        agii.id,
        `TOK-S${r + 1}`,
        `Oproep taaloefenkansen ${year}–${year + 1} (schaal)`,
        'Cofinanciering per georganiseerde oefenkans Nederlands.',
        template?.description ?? 'Oproep oefenkansen.',
        opens,
        closes,
        implStart,
        implEnd,
        1_500_000_000,
        rate,
        50,
        5000,
        5000 * rate,
        50,
        25,
        `${year}-10-01`,
        JSON.stringify(template?.eligibility_rules ?? defaultEligibilityRules),
        JSON.stringify(template?.criteria ?? []),
        true,
      ]);
      const latest = r === this.sizes.callRounds - 1;
      for (const org of this.rng.sample(eligible, Math.min(perRound, eligible.length))) {
        if (apps.length >= this.sizes.applications) break;
        const id = this.rng.uuid();
        const status = latest
          ? this.rng.weighted([
              ['draft', 10],
              ['submitted', 15],
              ['admissible', 10],
              ['assessed', 10],
              ['granted', 50],
              ['rejected', 5],
            ] as const)
          : this.rng.weighted([
              ['granted', 80],
              ['rejected', 10],
              ['not_admissible', 10],
            ] as const);
        const units = this.rng.int(300, 5000);
        const req = requestedAmount(units, money);
        const isGranted = status === 'granted';
        const grantedUnits = isGranted ? Math.round(units * (0.8 + this.rng.next() * 0.2)) : null;
        const grantedCents = grantedUnits !== null ? requestedAmount(grantedUnits, money).amountCents : null;
        const officer = officersByOrg.get(org.id);
        const decided = ['granted', 'rejected', 'not_admissible'].includes(status);
        const submittedAt = status === 'draft' ? null : at(addDays(opens, this.rng.int(10, 60)));
        apps.push([
          id,
          callId,
          org.id,
          status,
          officer?.name ?? 'Dienst samenleven',
          `samenleven${apps.length}@schaal.regiekamer.test`,
          org.name,
          'BE68539007547034',
          'Wekelijkse praattafels en taalwandelingen met vrijwilligers.',
          'Nieuwkomers en anderstalige ouders.',
          'Een aparte praatgroep voor vrouwen, met kinderopvang.',
          ['applicant', 'municipalities', 'planning', 'approach'],
          units,
          req.amountCents,
          grantedUnits,
          grantedCents,
          decided ? 'Beslist door het agentschap.' : null,
          decided ? at(addDays(opens, 100)) : null,
          decided ? (staff?.id ?? null) : null,
          submittedAt,
          officer?.id ?? null,
        ]);
        appMunis.push([id, org.nis]);
        if (['submitted', 'admissible', 'assessed', 'granted'].includes(status))
          coverage.push([callId, org.nis, id]);
        for (const q of ['Q1', 'Q2', 'Q3', 'Q4'])
          planned.push([id, this.rng.pick(formats), `${year}-${q}`, Math.round(units / 4)]);
        if (isGranted && grantedCents !== null) {
          ledger.push([
            this.rng.uuid(),
            callId,
            id,
            'commitment',
            grantedCents,
            'Toekenning',
            staff?.id ?? null,
          ]);
          granted.push({
            id,
            nis: org.nis!,
            from: implStart,
            to: latest ? addDays(this.today, -1) : implEnd,
            units: grantedUnits!,
          });
        }
      }
    }
    // The register: 300,000 oefenkansen over the granted applications, in proportion to what was granted.
    const totalUnits = granted.reduce((s, g) => s + g.units, 0);
    const createdAt = new Date(`${this.today}T08:00:00Z`);
    const registerRows = function* (self: ScaleGenerator) {
      let left = self.sizes.oefenkansen;
      for (let gi = 0; gi < granted.length; gi++) {
        const g = granted[gi]!;
        const n =
          gi === granted.length - 1
            ? left
            : Math.min(left, Math.round((self.sizes.oefenkansen * g.units) / totalUnits));
        left -= n;
        const span = Math.max(1, daysBetween(g.from, g.to));
        for (let i = 0; i < n; i++) {
          const title = `${self.rng.pick(activityWords)} ${i + 1}`;
          const place = `${self.rng.pick(['Bibliotheek', 'Ontmoetingscentrum', 'Buurthuis', 'Sociaal huis', 'Park', 'Cultuurcentrum', 'Online'])} ${self.rng.int(1, 4)}`;
          const date = addDays(g.from, self.rng.int(0, span));
          const participants = self.rng.int(4, 17);
          const women = Math.floor(participants * (0.4 + self.rng.next() * 0.4));
          yield [
            self.rng.uuid(),
            g.id,
            date,
            title,
            g.nis,
            place,
            self.rng.chance(0.5) ? 'Bibliotheek' : null,
            self.rng.pick(formats),
            self.rng.pick([60, 90, 120]),
            participants,
            women,
            participants - women,
            true,
            true,
            true,
            duplicateKey(date, place, title),
            false,
            'csv',
            createdAt,
          ] as const;
        }
      }
    };
    return {
      calls: await this.bulk.copy(
        'calls',
        [
          'id',
          'owner_organisation_id',
          'code',
          'title',
          'summary',
          'description',
          'application_opens',
          'application_closes',
          'implementation_start',
          'implementation_end',
          'budget_cents',
          'rate_cents',
          'own_contribution_pct',
          'max_units_per_applicant',
          'max_amount_per_applicant_cents',
          'advance_pct',
          'interim_threshold_pct',
          'interim_check_date',
          'eligibility_rules',
          'criteria',
          'published',
        ],
        callRows,
      ),
      applications: await this.bulk.copy(
        'call_applications',
        [
          'id',
          'call_id',
          'applicant_organisation_id',
          'status',
          'contact_name',
          'contact_email',
          'account_holder',
          'iban',
          'approach',
          'target_groups',
          'women_and_girls',
          'steps_done',
          'planned_units',
          'requested_amount_cents',
          'granted_units',
          'granted_amount_cents',
          'decision_note',
          'decided_at',
          'decided_by',
          'submitted_at',
          'created_by',
        ],
        apps.map((a) => a.map((v, i) => (i === 11 ? JSON.stringify(v) : v))),
      ),
      'application municipalities': await this.bulk.copy(
        'call_application_municipalities',
        ['application_id', 'municipality_nis'],
        appMunis,
      ),
      coverage: await this.bulk.copy(
        'call_coverage',
        ['call_id', 'municipality_nis', 'application_id'],
        coverage,
      ),
      planned: await this.bulk.copy(
        'call_planned',
        ['application_id', 'format', 'quarter', 'units'],
        dedupePlanned(planned),
      ),
      'budget entries': await this.bulk.copy(
        'call_budget_entries',
        ['id', 'call_id', 'application_id', 'kind', 'amount_cents', 'note', 'created_by'],
        ledger,
      ),
      oefenkansen: await this.bulk.copy(
        'oefenkansen',
        [
          'id',
          'application_id',
          'date',
          'title',
          'municipality_nis',
          'place',
          'partner',
          'format',
          'duration_minutes',
          'participants',
          'women',
          'men',
          'main_goal_dutch',
          'outside_lesson',
          'no_certification',
          'duplicate_key',
          'duplicate',
          'source',
          'created_at',
        ],
        registerRows(this),
      ),
      // Bulk loading runs without triggers (session_replication_role), so the totals they keep are rebuilt.
      'register totals': await this.bulk
        .exec(rebuildRegisterTotalsSql)
        .then(async () =>
          Number((await this.bulk.query<{ n: string }>('select count(*) as n from oefenkans_totals'))[0]!.n),
        ),
    };
  }

  private async offers() {
    const partners = this.orgsOf('partner_organisation');
    const localGovs = this.orgsOf('local_government');
    const flemish = this.munis.filter((m) => m.region === 'VLG');
    const muniByNis = new Map(this.munis.map((m) => [m.nis, m]));
    const moderators = this.usersWith('local_officer');
    const offers: unknown[][] = [];
    const places: unknown[][] = [];
    for (let i = 0; i < this.sizes.offers; i++) {
      const id = this.rng.uuid();
      const byLocal = this.rng.chance(0.3);
      const owner = byLocal ? this.rng.pick(localGovs) : this.rng.pick(partners);
      const activity = this.rng.pick(activityWords);
      const title = `${activity} ${this.rng.pick(placeWords)}`;
      const description = this.rng.sample(descriptionSentences, 3).join(' ');
      const status = this.rng.weighted([
        ['published', 75],
        ['expired', 10],
        ['archived', 5],
        ['awaiting_validation', 5],
        ['draft', 5],
      ] as const);
      const calendarType = this.rng.weighted([
        ['permanent', 40],
        ['periodic', 35],
        ['multiple', 15],
        ['single', 10],
      ] as const);
      const startDate = this.dateIn(addDays(this.today, -400), addDays(this.today, 60));
      const dates =
        calendarType === 'single'
          ? [addDays(this.today, this.rng.int(20, 120))]
          : calendarType === 'multiple'
            ? [1, 2, 3].map((k) => addDays(this.today, 20 * k + this.rng.int(0, 10)))
            : [];
      const days =
        calendarType === 'periodic' || calendarType === 'permanent'
          ? this.rng.sample(weekdays, this.rng.int(1, 3))
          : [];
      const validUntil =
        status === 'published'
          ? addDays(this.today, this.rng.int(30, 365))
          : status === 'expired'
            ? addDays(this.today, -this.rng.int(1, 300))
            : addDays(this.today, this.rng.int(30, 365));
      const published = status === 'published' || status === 'expired' || status === 'archived';
      const publishedAt = published ? at(addDays(startDate, -this.rng.int(5, 30))) : null;
      offers.push([
        id,
        owner.id,
        byLocal ? null : owner.name,
        title,
        description,
        this.rng.pick(categories),
        this.rng.pick(sectors),
        calendarType,
        dates,
        calendarType === 'periodic' ? startDate : null,
        calendarType === 'periodic' ? addDays(startDate, 365) : null,
        days,
        'Van 14 tot 16 uur',
        this.rng.pick([60, 90, 120, 180]),
        this.rng.pick(dutchLevels),
        this.rng.weighted([
          ['everyone', 70],
          ['women', 8],
          ['young_people', 8],
          ['parents', 6],
          ['seniors', 4],
          ['families', 4],
        ] as const),
        this.rng.chance(0.05),
        this.rng.chance(0.15),
        this.rng.chance(0.4),
        this.rng.chance(0.2) ? null : this.rng.int(8, 40),
        this.rng.weighted([
          ['open', 80],
          ['few', 10],
          ['waiting_list', 5],
          ['full', 5],
        ] as const),
        this.rng.chance(0.8) ? 'Gratis' : 'Kleine bijdrage',
        this.name(),
        `aanbod${i}@schaal.regiekamer.test`,
        ['nl', this.rng.pick(['en', 'fr', 'ar', 'tr'])],
        status,
        published && moderators.length ? this.rng.pick(moderators).id : null,
        publishedAt,
        publishedAt,
        validUntil,
        publishedAt ?? at(startDate),
      ]);
      if (published || status === 'awaiting_validation') this.offerIds.push(id);
      const home = owner.nis ? muniByNis.get(owner.nis) : undefined;
      const placeMunis = home ? [home] : this.rng.sample(flemish, this.rng.chance(0.2) ? 2 : 1);
      for (const m of placeMunis)
        places.push([
          this.rng.uuid(),
          id,
          m.nis,
          m.networkCode,
          `Locatie ${this.rng.int(1, 20)}`,
          `Dorpsstraat ${this.rng.int(1, 200)}, ${m.name}`,
        ]);
    }
    return {
      offers: await this.bulk.copy(
        'participation_offers',
        [
          'id',
          'owner_organisation_id',
          'organiser_name',
          'title',
          'description',
          'category',
          'sector',
          'calendar_type',
          'dates',
          'start_date',
          'end_date',
          'weekdays',
          'time_note',
          'session_minutes',
          'dutch_level',
          'audience',
          'women_only',
          'childcare',
          'wheelchair_accessible',
          'capacity',
          'availability',
          'cost_note',
          'contact_name',
          'contact_email',
          'contact_languages',
          'status',
          'moderated_by_user_id',
          'submitted_at',
          'published_at',
          'valid_until',
          'created_at',
        ],
        offers,
      ),
      places: await this.bulk.copy(
        'participation_offer_places',
        ['id', 'offer_id', 'municipality_nis', 'network_code', 'location_name', 'address'],
        places,
      ),
    };
  }

  private async trajectories() {
    const orgs = [
      {
        org: this.agency('AGII'),
        weight: 70,
        munis: this.munis.filter((m) => m.region === 'VLG' && m.supportAgency === 'AGII'),
      },
      { org: this.agency('ATLAS'), weight: 20, munis: this.munis.filter((m) => m.nis === '11002') },
      { org: this.agency('AMAL'), weight: 10, munis: this.munis.filter((m) => m.nis === '44021') },
    ];
    const counsellors = new Map(orgs.map((o) => [o.org.id, this.usersWith('counsellor', o.org.id)]));
    const codes = new Set<string>();
    const trajectories: unknown[][] = [];
    const activities: unknown[][] = [];
    const hours: unknown[][] = [];
    const perTrajectory = Math.max(1, Math.round(this.sizes.hourEntries / this.sizes.trajectories));
    const retentionCutoff = addDays(this.today, -730);
    const offerTitles = this.offerIds;
    for (let i = 0; i < this.sizes.trajectories; i++) {
      const id = this.rng.uuid();
      const o = this.rng.weighted(orgs.map((x) => [x, x.weight] as const));
      const startDate = this.dateIn(this.start, addDays(this.today, -7));
      const age = daysBetween(startDate, this.today);
      const status =
        age > 540
          ? this.rng.weighted([
              ['completed', 70],
              ['stopped', 15],
              ['active', 15],
            ] as const)
          : age > 200
            ? this.rng.weighted([
                ['completed', 30],
                ['stopped', 5],
                ['active', 65],
              ] as const)
            : 'active';
      const closedOn = status === 'active' ? null : addDays(startDate, Math.min(age, this.rng.int(120, 400)));
      let code: string;
      do {
        let s = '';
        for (let k = 0; k < 6; k++) s += CODE_ALPHABET[this.rng.int(0, 31)];
        code = `PNT-${startDate.slice(2, 4)}-${s}`;
      } while (codes.has(code));
      codes.add(code);
      const counsellor = this.rng.pick(counsellors.get(o.org.id) ?? []);
      const anonymised = closedOn !== null && closedOn <= retentionCutoff;
      const anon = anonymised ? anonymisedFields(id) : null;
      const closedAt = closedOn ? at(closedOn, 15) : null;
      trajectories.push([
        id,
        anon?.code ?? code,
        o.org.id,
        anon ? null : (counsellor?.id ?? null),
        this.rng.pick(o.munis).nis,
        startDate,
        this.rng.chance(0.6),
        this.rng.pick(['none', 'A1', 'A2', 'B1']),
        status,
        closedAt,
        anonymised ? at(this.today, 3) : null,
        at(startDate, 9),
        closedAt ?? at(startDate, 9),
      ]);
      const end = closedOn ?? addDays(this.today, -1);
      const activityIds = [this.rng.uuid(), this.rng.uuid()];
      for (const [k, aid] of activityIds.entries()) {
        const offerId = offerTitles.length && this.rng.chance(0.7) ? this.rng.pick(offerTitles) : null;
        activities.push([
          aid,
          id,
          offerId,
          `${this.rng.pick(activityWords)} ${this.rng.pick(placeWords)}`,
          offerId ? null : 'Buurtwerk vzw',
          this.rng.pick(categories),
          anon ? 'Geanonimiseerd' : this.name(),
          anon ? 'geanonimiseerd@invalid' : `contact${i}-${k}@schaal.regiekamer.test`,
          1200,
          at(startDate, 10),
        ]);
      }
      const span = Math.max(0, daysBetween(startDate, end));
      for (let k = 0; k < perTrajectory; k++) {
        const date = addDays(startDate, this.rng.int(0, span));
        const hStatus =
          status === 'completed'
            ? 'validated'
            : status === 'stopped'
              ? this.rng.pick(['validated', 'registered'])
              : this.rng.weighted([
                  ['registered', 30],
                  ['confirmed', 30],
                  ['validated', 38],
                  ['disputed', 2],
                ] as const);
        const confirmed = hStatus === 'confirmed' || hStatus === 'validated';
        hours.push([
          this.rng.uuid(),
          id,
          activityIds[k % 2],
          date,
          this.rng.pick([60, 90, 120, 180, 240]),
          hStatus,
          confirmed ? at(addDays(date, 2)) : null,
          confirmed && !anon ? this.name() : null,
          hStatus === 'validated' ? at(addDays(date, 5)) : null,
          hStatus === 'validated' && !anon ? (counsellor?.id ?? null) : null,
          anon ? null : (counsellor?.id ?? null),
          at(date, 18),
        ]);
      }
    }
    return {
      trajectories: await this.bulk.copy(
        'participation_trajectories',
        [
          'id',
          'code',
          'counsellor_organisation_id',
          'counsellor_user_id',
          'municipality_nis',
          'start_date',
          'obliged',
          'dutch_level',
          'status',
          'closed_at',
          'anonymised_at',
          'created_at',
          'updated_at',
        ],
        trajectories,
      ),
      activities: await this.bulk.copy(
        'participation_activities',
        [
          'id',
          'trajectory_id',
          'offer_id',
          'title',
          'organisation_name',
          'category',
          'contact_name',
          'contact_email',
          'planned_minutes',
          'created_at',
        ],
        activities,
      ),
      'hour entries': await this.bulk.copy(
        'participation_hour_entries',
        [
          'id',
          'trajectory_id',
          'activity_id',
          'date',
          'minutes',
          'status',
          'confirmed_at',
          'confirmed_by_name',
          'validated_at',
          'validated_by_user_id',
          'created_by_user_id',
          'created_at',
        ],
        hours,
      ),
    };
  }

  /** Indicators of the scale set: a fifth without breakdown, two fifths by sex, two fifths by origin. */
  indicatorDefinitions(count = this.sizes.indicators, prefix = 'schaal') {
    return Array.from({ length: count }, (_, i) => {
      const breakdowns = [[], ['sex'], ['origin'], ['origin'], ['sex']][i % 5]!;
      const measure = i % 4 === 0 ? 'count' : 'rate';
      return {
        id: this.rng.uuid(),
        code: `${prefix}-${String(i + 1).padStart(2, '0')}`,
        name: `Schaalindicator ${i + 1} (${measure === 'count' ? 'aantal' : 'aandeel'})`,
        measure,
        breakdowns,
        keys: breakdownKeys(breakdowns),
        theme: indicatorThemes[i % indicatorThemes.length]!,
      };
    });
  }

  indicatorRow(d: ReturnType<ScaleGenerator['indicatorDefinitions']>[number]): unknown[] {
    return [
      d.id,
      d.code,
      d.name,
      'Synthetische indicator van de schaaldataset (benchmarks).',
      d.measure === 'count' ? 'context' : 'outcome',
      'Synthetisch.',
      d.measure,
      d.measure === 'rate' ? 'Teller' : null,
      d.measure === 'rate' ? 'Noemer' : null,
      100,
      d.measure === 'rate' ? '%' : 'personen',
      d.measure === 'rate' ? 1 : 0,
      'Schaaldataset (synthetisch)',
      'year',
      d.theme,
      d.breakdowns,
      d.measure === 'rate' ? 'higher' : 'neutral',
      'municipality',
      false,
      false,
      true,
      false,
    ];
  }

  static indicatorColumns = [
    'id',
    'code',
    'name',
    'definition',
    'type',
    'calculation',
    'measure',
    'numerator_label',
    'denominator_label',
    'multiplier',
    'unit',
    'decimals',
    'source',
    'frequency',
    'theme',
    'breakdowns',
    'direction',
    'area_level',
    'similarity_context',
    'personal_data',
    'published',
    'demo',
  ];

  /** Yields value rows (indicator id, nis, year, breakdown, value, numerator, denominator). */
  *valueRows(
    defs: ReturnType<ScaleGenerator['indicatorDefinitions']>,
    years: number[],
    nis: string[],
    rng = this.rng,
  ) {
    for (const d of defs) {
      for (const n of nis) {
        const base = 1000 + rng.int(0, 50_000);
        const share = 0.1 + rng.next() * 0.6;
        for (const y of years) {
          for (const key of d.keys) {
            const factor =
              key === 'totaal' ? 1 : key.startsWith('geslacht') ? 0.5 : key.endsWith('belg') ? 0.6 : 0.2;
            const denominator = Math.round(base * factor * (1 + (y - years[0]!) * 0.01));
            if (d.measure === 'count') {
              yield [d.id, n, String(y), key, Math.round(denominator * share), null, null] as const;
            } else {
              const numerator = Math.round(denominator * Math.min(0.98, share * (0.9 + rng.next() * 0.2)));
              yield [
                d.id,
                n,
                String(y),
                key,
                denominator ? Math.round((1000 * numerator) / denominator) / 10 : null,
                numerator,
                denominator,
              ] as const;
            }
          }
        }
      }
    }
  }

  private async monitoring() {
    const defs = this.indicatorDefinitions();
    const currentYear = Number(this.today.slice(0, 4));
    const years = Array.from({ length: this.sizes.years }, (_, i) => currentYear - this.sizes.years + i);
    const nis = this.munis.filter((m) => m.region === 'VLG').map((m) => m.nis);
    const indicators = await this.bulk.copy(
      'monitoring_indicators',
      ScaleGenerator.indicatorColumns,
      defs.map((d) => this.indicatorRow(d)),
    );
    const values = await this.bulk.copy(
      'monitoring_values',
      [
        'indicator_id',
        'area_code',
        'period',
        'breakdown',
        'value',
        'numerator',
        'denominator',
        'status',
        'source',
      ],
      (function* (g: ScaleGenerator) {
        for (const r of g.valueRows(defs, years, nis)) yield [...r, 'final', 'Schaaldataset'];
      })(this),
    );
    return { indicators, values };
  }

  private async actionPlans() {
    const indicators = await this.bulk.query<{ id: string }>(
      "select id from monitoring_indicators where code like 'schaal-%' order by code",
    );
    const owners = this.rng.sample(this.orgsOf('local_government'), this.sizes.actionPlans);
    const currentYear = Number(this.today.slice(0, 4));
    const plans: unknown[][] = [];
    const results: unknown[][] = [];
    const links: unknown[][] = [];
    const updates: unknown[][] = [];
    const milestones: unknown[][] = [];
    const officers = new Map<string, User>();
    for (const u of this.usersWith('local_officer')) if (!officers.has(u.orgId)) officers.set(u.orgId, u);
    for (const owner of owners) {
      const planId = this.rng.uuid();
      plans.push([
        planId,
        owner.id,
        `Actieplan samenleven ${owner.name.replace('Lokaal bestuur ', '')}`,
        'Lokaal actieplan integratie en samenleven.',
        'local',
        currentYear - 1,
        currentYear + 4,
      ]);
      for (let g = 1; g <= 3; g++) {
        const goalId = this.rng.uuid();
        results.push([goalId, planId, null, String(g), `Doelstelling ${g}`, 1, 'in_progress', null, g]);
        if (indicators.length)
          links.push([
            goalId,
            this.rng.pick(indicators).id,
            owner.nis,
            40 + this.rng.int(0, 20),
            String(currentYear - 2),
            60 + this.rng.int(0, 20),
            String(currentYear + 4),
          ]);
        milestones.push([
          this.rng.uuid(),
          goalId,
          `Tussentijdse evaluatie ${g}`,
          `${currentYear + 1}-06-30`,
          null,
        ]);
        for (let a = 1; a <= 2; a++) {
          const actionId = this.rng.uuid();
          const progress = this.rng.int(0, 100);
          const status =
            progress === 100
              ? 'done'
              : progress === 0
                ? 'planned'
                : this.rng.chance(0.2)
                  ? 'delayed'
                  : 'in_progress';
          results.push([actionId, planId, goalId, `${g}.${a}`, `Actie ${g}.${a}`, 1, status, progress, a]);
          for (let u = 1; u <= 2; u++)
            updates.push([
              this.rng.uuid(),
              actionId,
              Math.round((progress * u) / 2),
              status,
              'Voortgang bijgewerkt.',
              officers.get(owner.id)?.id ?? null,
              owner.id,
              at(addDays(this.today, -200 + u * 60)),
            ]);
        }
      }
    }
    return {
      plans: await this.bulk.copy(
        'monitoring_action_plans',
        ['id', 'owner_organisation_id', 'title', 'description', 'kind', 'start_year', 'end_year'],
        plans,
      ),
      results: await this.bulk.copy(
        'monitoring_plan_results',
        ['id', 'plan_id', 'parent_id', 'code', 'title', 'weight', 'status', 'progress', 'position'],
        results,
      ),
      'result indicators': await this.bulk.copy(
        'monitoring_result_indicators',
        [
          'result_id',
          'indicator_id',
          'area_code',
          'baseline_value',
          'baseline_period',
          'target_value',
          'target_period',
        ],
        links,
      ),
      'progress updates': await this.bulk.copy(
        'monitoring_progress_updates',
        ['id', 'result_id', 'progress', 'status', 'note', 'user_id', 'organisation_id', 'created_at'],
        updates,
      ),
      milestones: await this.bulk.copy(
        'monitoring_milestones',
        ['id', 'result_id', 'title', 'due_date', 'done_on'],
        milestones,
      ),
    };
  }
}

function dedupePlanned(rows: unknown[][]): unknown[][] {
  const seen = new Map<string, unknown[]>();
  for (const r of rows) {
    const key = `${r[0]}|${r[1]}|${r[2]}`;
    const prev = seen.get(key);
    if (prev) prev[3] = (prev[3] as number) + (r[3] as number);
    else seen.set(key, [...r]);
  }
  return [...seen.values()];
}
