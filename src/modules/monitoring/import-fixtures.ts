import type { ImportIndicator, ImportLookups } from './importer';

/** Catalogue look-ups for the importer's tests (CSV and XLSX): one indicator of each kind. */
const indicator = (code: string, extra: Partial<ImportIndicator> = {}): [string, ImportIndicator] => [
  code,
  {
    id: `id-${code}`,
    code,
    measure: 'count',
    frequency: 'year',
    breakdowns: ['sex'],
    areaLevel: 'municipality',
    multiplier: 100,
    decimals: 0,
    ...extra,
  },
];

export const testLookups: ImportLookups = {
  indicators: new Map([
    indicator('nieuwkomers'),
    indicator('werkzaamheidsgraad', { measure: 'rate', decimals: 1, breakdowns: ['sex', 'origin'] }),
    indicator('kwartaal', { frequency: 'quarter' }),
    indicator('inkomen', { measure: 'level' }),
    indicator('nt2', { areaLevel: 'region' }),
    indicator('oefenkansen-gerealiseerd', { computed: true }),
  ]),
  municipalities: [
    { nis: '12025', name: 'Mechelen' },
    { nis: '44021', name: 'Gent' },
    { nis: '23106', name: 'Pajottegem' },
    { nis: '37022', name: 'Tielt' },
    { nis: '11002', name: 'Antwerpen' },
    { nis: '24135', name: 'Tielt-Winge' },
  ],
};
