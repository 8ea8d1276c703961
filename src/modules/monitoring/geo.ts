import type { Executor } from '../../core/db/client';
import { listMunicipalities, networks as networkTable } from '../reference';
import { regionAreas } from './catalogue';

export type GeoMunicipality = {
  nis: string;
  name: string;
  region: string;
  provinceNis: string | null;
  provinceName: string | null;
  referenceRegionCode: string | null;
  referenceRegionName: string | null;
};

/** Areas values are computed for: reference regions, provinces, Flanders and Brussels. */
export type Geo = {
  municipalities: GeoMunicipality[];
  byNis: Map<string, GeoMunicipality>;
  /** The computed areas a municipality belongs to: RR:<code>, PR:<nis>, VLG or BRU. */
  groupsOf: (nis: string) => string[];
  groupSize: (group: string) => number;
  groupName: (group: string) => string;
  /** Name of a municipality, region area, regional network or computed area. */
  areaName: (code: string) => string;
  /** The regional networks (areas of network-level indicators), by code. */
  networks: Map<string, string>;
};

const cache = new WeakMap<object, Promise<Geo>>();

/** Reference data does not change while the platform runs: read it once per database. */
export function geography(db: Executor): Promise<Geo> {
  let entry = cache.get(db);
  if (!entry) {
    entry = build(db);
    entry.catch(() => cache.delete(db));
    cache.set(db, entry);
  }
  return entry;
}

async function build(db: Executor): Promise<Geo> {
  const rows = await listMunicipalities(db);
  const networkRows = await db
    .select({ code: networkTable.code, name: networkTable.name })
    .from(networkTable)
    .orderBy(networkTable.name);
  const networks = new Map(networkRows.map((n) => [n.code, n.name]));
  const municipalities: GeoMunicipality[] = rows.map((r) => ({
    nis: r.nis,
    name: r.name,
    region: r.region,
    provinceNis: r.provinceNis,
    provinceName: r.provinceName,
    referenceRegionCode: r.referenceRegionCode,
    referenceRegionName: r.referenceRegionName,
  }));
  const byNis = new Map(municipalities.map((m) => [m.nis, m]));
  const groups = new Map<string, string[]>();
  const sizes = new Map<string, number>();
  const names = new Map<string, string>([
    ['VLG', 'Vlaanderen'],
    ['BRU', 'Brussel (19 gemeenten)'],
  ]);
  for (const m of municipalities) {
    const g: string[] = [];
    if (m.referenceRegionCode) {
      g.push(`RR:${m.referenceRegionCode}`);
      names.set(
        `RR:${m.referenceRegionCode}`,
        `Referentieregio ${m.referenceRegionName ?? m.referenceRegionCode}`,
      );
    }
    if (m.provinceNis) {
      g.push(`PR:${m.provinceNis}`);
      names.set(`PR:${m.provinceNis}`, `Provincie ${m.provinceName ?? m.provinceNis}`);
    }
    g.push(m.region === 'VLG' ? 'VLG' : 'BRU');
    groups.set(m.nis, g);
    for (const x of g) sizes.set(x, (sizes.get(x) ?? 0) + 1);
  }
  return {
    municipalities,
    byNis,
    groupsOf: (nis) => groups.get(nis) ?? [],
    groupSize: (g) => sizes.get(g) ?? 0,
    groupName: (g) => names.get(g) ?? g,
    areaName: (code) =>
      byNis.get(code)?.name ?? regionAreas[code] ?? networks.get(code) ?? names.get(code) ?? code,
    networks,
  };
}
