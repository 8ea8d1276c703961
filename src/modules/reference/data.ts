import { readFileSync } from 'node:fs';

type RawMunicipality = {
  nis: string;
  name: string;
  region: 'VLG' | 'BRU';
  province: { nis: string; name: string } | null;
  referenceRegion: { code: string; name: string } | null;
  facilityMunicipalityDeRand: boolean;
};
type RawRegion = { code: string; name: string; municipalities: string[] };
type AgencyAssignment = { municipalities: Record<string, string>; regionDefault: Record<string, string> };

const file = (name: string) => new URL(`../../../data/reference/${name}`, import.meta.url);
const readJson = <T>(name: string): T => JSON.parse(readFileSync(file(name), 'utf8')) as T;

export const ANTWERPEN_NIS = '11002';
export const GENT_NIS = '44021';

export const agencies = [
  { code: 'AGII', name: 'Agentschap Integratie en Inburgering', shortName: 'AgII' },
  { code: 'ATLAS', name: 'Atlas, integratie en inburgering Antwerpen', shortName: 'Atlas' },
  { code: 'AMAL', name: 'Amal, agentschap integratie en inburgering Gent', shortName: 'Amal' },
  { code: 'HVN', name: 'Huis van het Nederlands Brussel', shortName: 'Huis van het Nederlands' },
] as const;

export type ReferenceMunicipality = {
  nis: string;
  name: string;
  region: 'VLG' | 'BRU';
  provinceNis: string | null;
  provinceName: string | null;
  referenceRegionCode: string | null;
  networkCode: string;
  supportAgency: string;
  deRand: boolean;
};

export type ReferenceNetwork = { code: string; name: string; referenceRegionCode: string | null };

/** The 18 networks: one per reference region, plus the cities Antwerpen and Gent, and Brussel. */
export function networkCodeFor(m: {
  nis: string;
  region: string;
  referenceRegion: { code: string } | null;
}): string {
  if (m.region === 'BRU') return 'BRUSSEL';
  if (m.nis === ANTWERPEN_NIS) return 'ANTWERPEN';
  if (m.nis === GENT_NIS) return 'GENT';
  if (!m.referenceRegion) throw new Error(`Flemish municipality ${m.nis} has no reference region`);
  return m.referenceRegion.code;
}

export function loadReferenceData() {
  const raw = readJson<RawMunicipality[]>('municipalities-2025.json');
  const regions = readJson<RawRegion[]>('reference-regions.json');
  const assignment = readJson<AgencyAssignment>('agency-assignment.json');

  const municipalities: ReferenceMunicipality[] = raw.map((m) => ({
    nis: m.nis,
    name: m.name,
    region: m.region,
    provinceNis: m.province?.nis ?? null,
    provinceName: m.province?.name ?? null,
    referenceRegionCode: m.referenceRegion?.code ?? null,
    networkCode: networkCodeFor(m),
    supportAgency: assignment.municipalities[m.nis] ?? assignment.regionDefault[m.region] ?? 'AGII',
    deRand: m.facilityMunicipalityDeRand,
  }));
  const provinces = [
    ...new Map(raw.filter((m) => m.province).map((m) => [m.province!.nis, m.province!.name])).entries(),
  ].map(([nis, name]) => ({ nis, name }));
  const networks: ReferenceNetwork[] = [
    ...regions.map((r) => ({ code: r.code, name: r.name, referenceRegionCode: r.code })),
    { code: 'ANTWERPEN', name: 'Stad Antwerpen', referenceRegionCode: null },
    { code: 'GENT', name: 'Stad Gent', referenceRegionCode: null },
    { code: 'BRUSSEL', name: 'Brussel', referenceRegionCode: null },
  ];
  return {
    municipalities,
    provinces,
    referenceRegions: regions.map((r) => ({ code: r.code, name: r.name, members: r.municipalities })),
    networks,
  };
}

export function loadBoundaries(): unknown {
  return readJson('municipalities-2025.topo.json');
}
