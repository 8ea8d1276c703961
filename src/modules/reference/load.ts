import { count, eq, sql } from 'drizzle-orm';
import { organisations } from '../../core/access/schema';
import { systemActor, writeAudit } from '../../core/audit/audit';
import type { Db } from '../../core/db/client';
import { agencies, loadReferenceData } from './data';
import { municipalities, networks, organisationMunicipalities, provinces, referenceRegions } from './schema';

/**
 * Loads the shipped reference data and the organisations every installation has (ABB, the agencies,
 * the VGC, De Rand, one local government per Flemish municipality, one organisation per network).
 * Runs at every start and does nothing once the data is there.
 */
export async function ensureReferenceData(db: Db): Promise<void> {
  const [existing] = await db.select({ n: count() }).from(municipalities);
  if ((existing?.n ?? 0) > 0) return;
  const data = loadReferenceData();

  await db.transaction(async (tx) => {
    await tx.insert(provinces).values(data.provinces);
    await tx.insert(referenceRegions).values(data.referenceRegions.map(({ code, name }) => ({ code, name })));
    await tx.insert(networks).values(data.networks);

    const fixed = await tx
      .insert(organisations)
      .values([
        {
          type: 'flemish_administration',
          name: 'Agentschap Binnenlands Bestuur',
          shortName: 'ABB',
          email: 'inclusie@vlaanderen.be',
        },
        ...agencies.map((a) => ({
          type: 'agency',
          name: a.name,
          shortName: a.shortName,
          agencyCode: a.code,
        })),
        { type: 'vgc', name: 'Vlaamse Gemeenschapscommissie', shortName: 'VGC' },
        { type: 'de_rand', name: 'vzw De Rand', shortName: 'De Rand' },
      ])
      .returning();
    const vgc = fixed.find((o) => o.type === 'vgc')!;
    const deRand = fixed.find((o) => o.type === 'de_rand')!;

    const localGovernments = await tx
      .insert(organisations)
      .values(
        data.municipalities
          .filter((m) => m.region === 'VLG')
          .map((m) => ({
            type: 'local_government',
            name: `Lokaal bestuur ${m.name}`,
            shortName: m.name,
            municipalityNis: m.nis,
          })),
      )
      .returning({ id: organisations.id, nis: organisations.municipalityNis });
    const regisseurByNis = new Map(localGovernments.map((o) => [o.nis!, o.id]));

    const networkOrgs = await tx
      .insert(organisations)
      .values(
        data.networks.map((n) => ({
          type: 'network',
          name: `Regionaal netwerk ${n.name}`,
          shortName: n.name,
          networkCode: n.code,
        })),
      )
      .returning({ id: organisations.id, code: organisations.networkCode });

    await tx.insert(municipalities).values(
      data.municipalities.map((m) => ({
        nis: m.nis,
        name: m.name,
        region: m.region,
        provinceNis: m.provinceNis,
        referenceRegionCode: m.referenceRegionCode,
        networkCode: m.networkCode,
        supportAgency: m.supportAgency,
        deRand: m.deRand,
        regisseurOrganisationId: m.region === 'BRU' ? vgc.id : regisseurByNis.get(m.nis)!,
      })),
    );

    const coverage = [
      ...data.municipalities
        .filter((m) => m.region === 'BRU')
        .map((m) => ({ organisationId: vgc.id, municipalityNis: m.nis })),
      ...data.municipalities
        .filter((m) => m.deRand)
        .map((m) => ({ organisationId: deRand.id, municipalityNis: m.nis })),
      ...data.municipalities.map((m) => ({
        organisationId: networkOrgs.find((n) => n.code === m.networkCode)!.id,
        municipalityNis: m.nis,
      })),
    ];
    await tx.insert(organisationMunicipalities).values(coverage);

    await writeAudit(tx, systemActor, {
      action: 'reference.loaded',
      entityType: 'reference_data',
      entityId: 'municipalities-2025',
      after: {
        municipalities: data.municipalities.length,
        organisations: fixed.length + localGovernments.length + networkOrgs.length,
      },
    });
  });
  await db.execute(sql`analyze`);
}

export async function organisationIdByAgency(db: Db, code: string): Promise<string> {
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.agencyCode, code));
  if (!row) throw new Error(`agency ${code} missing`);
  return row.id;
}
