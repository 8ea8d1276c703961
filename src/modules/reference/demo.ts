import { and, eq, inArray } from 'drizzle-orm';
import type { Role } from '../../core/access/roles';
import { memberships, organisations, users } from '../../core/access/schema';
import { systemActor, writeAudit } from '../../core/audit/audit';
import { hashPassword } from '../../core/auth/passwords';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../core/auth/routes';
import type { Db, Executor } from '../../core/db/client';
import { municipalities, organisationMunicipalities } from './schema';

/** Demo organisations beyond the reference set: a partnership, a partner and an expert organisation. */
const demoOrganisations = [
  {
    key: 'igs',
    type: 'intermunicipal_partnership',
    name: 'Intergemeentelijke samenwerking Integratie Rivierenland',
    shortName: 'IGS Rivierenland',
    members: ['12002', '12007', '12009', '12014'],
  },
  {
    key: 'partner',
    type: 'partner_organisation',
    name: 'Buurtwerk De Brug vzw',
    shortName: 'De Brug',
    members: [],
  },
  {
    key: 'expert',
    type: 'expert_organisation',
    name: 'Mentorwerk Vlaanderen vzw',
    shortName: 'Mentorwerk',
    members: [],
  },
] as const;

type OrgRef =
  | { agency: string }
  | { nis: string }
  | { network: string }
  | { demo: (typeof demoOrganisations)[number]['key'] }
  | { type: string };

export type DemoAccountSpec = {
  local: string;
  name: string;
  phone?: string;
  memberships: Array<{ org: OrgRef; role: Role }>;
};

/** One account per role, with realistic Flemish names; all share the demo password. */
export const demoAccountSpecs: DemoAccountSpec[] = [
  {
    local: 'beheerder',
    name: 'Sofie Claes',
    memberships: [{ org: { type: 'flemish_administration' }, role: 'platform_admin' }],
  },
  {
    local: 'medewerker.agii',
    name: 'Jan Peeters',
    memberships: [{ org: { agency: 'AGII' }, role: 'agency_staff' }],
  },
  {
    local: 'aanspreekpersoon.agii',
    name: 'Fatima El Amrani',
    phone: '02 205 00 55',
    memberships: [{ org: { agency: 'AGII' }, role: 'contact_person' }],
  },
  {
    local: 'financien.agii',
    name: 'Marc Wouters',
    memberships: [{ org: { agency: 'AGII' }, role: 'finance_officer' }],
  },
  {
    local: 'trajectbegeleider.atlas',
    name: 'Nadia Bouzid',
    memberships: [{ org: { agency: 'ATLAS' }, role: 'counsellor' }],
  },
  {
    local: 'medewerker.atlas',
    name: 'Tom Vermeulen',
    memberships: [{ org: { agency: 'ATLAS' }, role: 'agency_staff' }],
  },
  {
    local: 'trajectbegeleider.agii',
    name: 'Els Maes',
    memberships: [{ org: { agency: 'AGII' }, role: 'counsellor' }],
  },
  {
    local: 'mechelen',
    name: 'Pieter Janssens',
    memberships: [
      { org: { nis: '12025' }, role: 'local_officer' },
      { org: { demo: 'igs' }, role: 'local_officer' },
    ],
  },
  { local: 'gent', name: 'Lotte De Smet', memberships: [{ org: { nis: '44021' }, role: 'local_officer' }] },
  {
    local: 'netwerk.regiogent',
    name: 'Ahmed Benali',
    memberships: [{ org: { network: 'REFREG13' }, role: 'network_coordinator' }],
  },
  {
    local: 'partner.debrug',
    name: 'Katrien Willems',
    memberships: [{ org: { demo: 'partner' }, role: 'partner_editor' }],
  },
  {
    local: 'expert.mentorwerk',
    name: 'Youssef Amrani',
    memberships: [{ org: { demo: 'expert' }, role: 'partner_editor' }],
  },
];

export const demoEmail = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;

async function resolveOrg(db: Executor, ref: OrgRef, demoIds: Map<string, string>): Promise<string> {
  const where =
    'agency' in ref
      ? eq(organisations.agencyCode, ref.agency)
      : 'nis' in ref
        ? and(eq(organisations.municipalityNis, ref.nis), eq(organisations.type, 'local_government'))
        : 'network' in ref
          ? eq(organisations.networkCode, ref.network)
          : 'type' in ref
            ? eq(organisations.type, ref.type)
            : undefined;
  if ('demo' in ref) return demoIds.get(ref.demo)!;
  const [row] = await db.select({ id: organisations.id }).from(organisations).where(where).limit(1);
  if (!row) throw new Error(`demo organisation not found: ${JSON.stringify(ref)}`);
  return row.id;
}

export async function seedReferenceDemo(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const demoIds = new Map<string, string>();
    for (const o of demoOrganisations) {
      const [row] = await tx
        .insert(organisations)
        .values({
          type: o.type,
          name: o.name,
          shortName: o.shortName,
          email: `info@${o.shortName.toLowerCase().replace(/\W+/g, '')}.be`,
        })
        .returning();
      demoIds.set(o.key, row!.id);
      if (o.members.length) {
        const known = await tx
          .select({ nis: municipalities.nis })
          .from(municipalities)
          .where(inArray(municipalities.nis, [...o.members]));
        await tx
          .insert(organisationMunicipalities)
          .values(known.map((m) => ({ organisationId: row!.id, municipalityNis: m.nis })));
      }
      await writeAudit(tx, systemActor, {
        action: 'organisation.created',
        entityType: 'organisation',
        entityId: row!.id,
        ownerOrganisationId: row!.id,
        after: row,
      });
    }
    await tx
      .update(organisations)
      .set({ email: 'integratie@mechelen.be', phone: '015 29 76 00', website: 'https://www.mechelen.be' })
      .where(and(eq(organisations.municipalityNis, '12025'), eq(organisations.type, 'local_government')));
    await tx
      .update(organisations)
      .set({ email: 'lokaalbestuur@integratie-inburgering.be', phone: '02 205 00 50' })
      .where(eq(organisations.agencyCode, 'AGII'));

    for (const spec of demoAccountSpecs) {
      const [user] = await tx
        .insert(users)
        .values({ email: demoEmail(spec.local), name: spec.name, phone: spec.phone ?? null, passwordHash })
        .returning();
      for (const m of spec.memberships) {
        await tx
          .insert(memberships)
          .values({ userId: user!.id, organisationId: await resolveOrg(tx, m.org, demoIds), role: m.role });
      }
      await writeAudit(tx, systemActor, {
        action: 'user.created',
        entityType: 'user',
        entityId: user!.id,
        after: user,
      });
    }
  });
}
