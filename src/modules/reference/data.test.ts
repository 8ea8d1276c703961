import { describe, expect, it } from 'vitest';
import { loadReferenceData } from './data';

describe('reference data', () => {
  const data = loadReferenceData();
  const byNis = new Map(data.municipalities.map((m) => [m.nis, m]));

  it('has the 285 Flemish and 19 Brussels municipalities of 2025', () => {
    expect(data.municipalities).toHaveLength(304);
    expect(data.municipalities.filter((m) => m.region === 'VLG')).toHaveLength(285);
    expect(data.municipalities.filter((m) => m.region === 'BRU')).toHaveLength(19);
  });

  it('has 15 reference regions and 18 networks', () => {
    expect(data.referenceRegions).toHaveLength(15);
    expect(data.networks).toHaveLength(18);
  });

  it('assigns the support agency: Atlas for Antwerpen, Amal for Gent, AgII elsewhere in Flanders', () => {
    expect(byNis.get('11002')?.supportAgency).toBe('ATLAS');
    expect(byNis.get('44021')?.supportAgency).toBe('AMAL');
    expect(byNis.get('12025')?.supportAgency).toBe('AGII');
    const flemishOthers = data.municipalities.filter(
      (m) => m.region === 'VLG' && !['11002', '44021'].includes(m.nis),
    );
    expect(flemishOthers.every((m) => m.supportAgency === 'AGII')).toBe(true);
  });

  it('gives every Flemish municipality a reference region and a network', () => {
    for (const m of data.municipalities.filter((x) => x.region === 'VLG')) {
      expect(m.referenceRegionCode, m.name).toMatch(/^REFREG\d\d$/);
      expect(data.networks.some((n) => n.code === m.networkCode)).toBe(true);
    }
    expect(byNis.get('11002')?.networkCode).toBe('ANTWERPEN');
    expect(byNis.get('44021')?.networkCode).toBe('GENT');
    expect(byNis.get('21004')?.networkCode).toBe('BRUSSEL');
  });

  it('marks the six facility municipalities for which De Rand acts', () => {
    expect(data.municipalities.filter((m) => m.deRand).map((m) => m.nis)).toEqual([
      '23098',
      '23099',
      '23100',
      '23101',
      '23102',
      '23103',
    ]);
  });
});
