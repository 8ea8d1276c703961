import { and, eq } from 'drizzle-orm';
import { organisations, users } from '../../core/access/schema';
import { systemActor, writeAudit } from '../../core/audit/audit';
import type { Db, Tx } from '../../core/db/client';
import { demoEmail } from '../reference';
import { refreshAllAggregates } from './aggregates';
import { geography } from './geo';
import {
  actionPlans,
  indicators,
  indicatorValues,
  meetings,
  milestones,
  planResults,
  progressUpdates,
  regietafelMembers,
  regietafels,
  resultIndicators,
} from './schema';
import { type StoredValue, writeValues } from './store';

type NewIndicator = typeof indicators.$inferInsert;

const DEMO_SOURCE = 'Demowaarde (synthetisch, geen echte meting)';
const DEMO_QUALITY =
  'DEMOWAARDEN: deze cijfers zijn synthetisch gegenereerd om het platform te tonen. Ze beschrijven geen echte gemeente.';

/** The fiche of seed 001, section X, with its last known value (2023: 37,646). */
export const nt2Indicator: NewIndicator = {
  code: 'nt2-eerste-inschrijvingen',
  name: 'Aantal anderstaligen dat in jaar x-1 voor het eerst werd ingeschreven in een cursus NT2 in Vlaanderen of Brussel',
  definition:
    'Aantal anderstaligen dat in jaar x-1 voor het eerst werd ingeschreven in een cursus NT2 in Vlaanderen of Brussel.',
  type: 'output',
  calculation:
    'Aantal anderstaligen dat in jaar x-1 voor het eerst werd ingeschreven in een cursus NT2 in Vlaanderen of Brussel.',
  measure: 'count',
  unit: 'personen',
  decimals: 0,
  source: 'Datawarehouse van kruispuntbank inburgering',
  frequency: 'year',
  quality: 'De indicator kan eventueel internationaal vergeleken worden.',
  policyRelevance:
    'Beleids- en begrotingstoelichting Integratie en Inburgering 2025 (SD 3, OD 3.4: wetenschappelijk onderbouwd beleid, monitoring en evaluatie).',
  budgetRelevance: 'Begrotingsartikelen integratie en inburgering (inburgeringstrajecten, NT2-aanbod).',
  theme: 'nederlands',
  breakdowns: [],
  direction: 'neutral',
  areaLevel: 'region',
  similarityContext: false,
  personalData: false,
  published: true,
  demo: false,
};

type Gen = {
  def: Omit<NewIndicator, 'quality' | 'source' | 'demo' | 'published'> & { source?: string };
  /** Years with values; defaults to 2019–2024. */
  years?: number[];
  /** value generator per municipality and year; for rates a share 0–1 (or per mille with multiplier 1000). */
  gen: (m: Muni, year: number, r: () => number) => number;
  /** Share of the base population forming the denominator (rates). */
  base?: (m: Muni, year: number) => number;
  /** Breakdown effects: multiplier on the value per category (rates) or share of the count. */
  split?: Record<string, number>;
};

type Muni = { nis: string; pop: number; foreign: number; nonEu: number; urban: number; brussels: boolean };

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
const SURVEY = [2017, 2020, 2023];

const knownPopulation: Record<string, number> = {
  '11002': 545000,
  '44021': 267000,
  '31005': 119000,
  '24062': 103000,
  '12025': 88000,
  '41002': 90000,
  '71072': 92000,
  '34022': 79000,
  '46021': 81000,
  '35013': 72000,
  '71016': 67000,
  '36015': 64000,
  '46030': 68000,
  '21004': 196000,
  '21015': 133000,
  '21001': 126000,
  '21012': 98000,
  '21009': 87000,
  '21016': 85000,
  '23088': 45000,
  '13040': 46000,
  '42006': 47000,
};
const knownForeign: Record<string, number> = {
  '11002': 0.58,
  '44021': 0.36,
  '12025': 0.42,
  '71016': 0.61,
  '23088': 0.52,
  '73107': 0.55,
  '11005': 0.4,
  '24062': 0.33,
  '41002': 0.24,
  '21014': 0.88,
  '21012': 0.8,
  '21001': 0.78,
  '21015': 0.79,
  '21004': 0.74,
};

function rng(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
/** Noise around 0 with the given spread. */
const noise = (r: () => number, spread: number) => (r() + r() + r() - 1.5) * spread * 0.8;

function municipalityProfile(nis: string, region: string): Muni {
  const r = rng(`profile-${nis}`);
  const brussels = region === 'BRU';
  const pop = knownPopulation[nis] ?? Math.round(10 ** (3.75 + r() * 0.75 + (brussels ? 0.6 : 0)));
  const urban = clamp((Math.log10(pop) - 3.8) / 1.6, 0, 1);
  const foreign = knownForeign[nis] ?? clamp((brussels ? 0.55 : 0.07) + urban * 0.25 + r() * 0.12, 0.04, 0.9);
  return { nis, pop, foreign, nonEu: foreign * (0.45 + r() * 0.2), urban, brussels };
}

/** Trend factor: shares of foreign origin grow about 2 % a year. */
const growth = (year: number) => 1 - (2024 - year) * 0.02;

const generators: Gen[] = [
  {
    def: {
      code: 'inwoners',
      name: 'Aantal inwoners',
      definition: 'Aantal personen ingeschreven in het Rijksregister op 1 januari.',
      type: 'context',
      calculation: 'Som van de inwoners op 1 januari van het jaar.',
      measure: 'count',
      unit: 'inwoners',
      frequency: 'year',
      theme: 'context',
      breakdowns: [],
      direction: 'neutral',
      similarityContext: true,
      personalData: false,
    },
    gen: (m, y) => Math.round(m.pop * (1 - (2024 - y) * 0.006)),
  },
  {
    def: {
      code: 'aandeel-buitenlandse-herkomst',
      name: 'Aandeel inwoners van buitenlandse herkomst',
      definition:
        'Aandeel inwoners van wie de huidige of eerste nationaliteit, of de eerste nationaliteit van vader of moeder, niet Belgisch is.',
      type: 'context',
      calculation: 'Inwoners van buitenlandse herkomst gedeeld door alle inwoners, maal 100.',
      measure: 'rate',
      numeratorLabel: 'Inwoners van buitenlandse herkomst',
      denominatorLabel: 'Alle inwoners',
      unit: '%',
      decimals: 1,
      frequency: 'year',
      theme: 'context',
      breakdowns: [],
      direction: 'neutral',
      similarityContext: true,
      personalData: false,
    },
    gen: (m, y) => m.foreign * growth(y),
    base: (m) => m.pop,
  },
  {
    def: {
      code: 'aandeel-niet-eu-herkomst',
      name: 'Aandeel inwoners van niet-EU-herkomst',
      definition: 'Aandeel inwoners van buitenlandse herkomst met een herkomst buiten de Europese Unie.',
      type: 'context',
      calculation: 'Inwoners van niet-EU-herkomst gedeeld door alle inwoners, maal 100.',
      measure: 'rate',
      numeratorLabel: 'Inwoners van niet-EU-herkomst',
      denominatorLabel: 'Alle inwoners',
      unit: '%',
      decimals: 1,
      frequency: 'year',
      theme: 'context',
      breakdowns: [],
      direction: 'neutral',
      similarityContext: true,
      personalData: false,
    },
    gen: (m, y) => m.nonEu * growth(y),
    base: (m) => m.pop,
  },
  {
    def: {
      code: 'bevolkingsdichtheid',
      name: 'Bevolkingsdichtheid',
      definition: 'Aantal inwoners per vierkante kilometer.',
      type: 'context',
      calculation: 'Inwoners gedeeld door de oppervlakte in km²; niet op te tellen over gemeenten.',
      measure: 'level',
      unit: 'inw./km²',
      frequency: 'year',
      theme: 'context',
      breakdowns: [],
      direction: 'neutral',
      similarityContext: true,
      personalData: false,
    },
    gen: (m, y, r) =>
      Math.round(
        (m.brussels ? 6000 + r() * 12000 : 120 + m.urban * 1400 + r() * 400) * (1 - (2024 - y) * 0.005),
      ),
  },
  {
    def: {
      code: 'nieuwkomers',
      name: 'Aantal nieuwkomers met een inburgeringstraject',
      definition:
        'Aantal meerderjarige nieuwkomers dat in het jaar een inburgeringstraject startte, naar woonplaats.',
      type: 'context',
      calculation: 'Som van de gestarte trajecten in het jaar. Cellen onder 5 personen worden niet getoond.',
      measure: 'count',
      unit: 'personen',
      frequency: 'year',
      theme: 'context',
      breakdowns: ['sex'],
      direction: 'neutral',
      similarityContext: false,
      personalData: true,
    },
    gen: (m, y, r) =>
      Math.round(m.pop * m.nonEu * (0.008 + r() * 0.006) * (y === 2020 ? 0.7 : 1) * (1 + (y - 2019) * 0.03)),
    split: { 'geslacht:man': 0.53, 'geslacht:vrouw': 0.47 },
  },
  {
    def: {
      code: 'jongeren-buitenlandse-herkomst',
      name: 'Aandeel kinderen en jongeren (0–17 jaar) van buitenlandse herkomst',
      definition: 'Aandeel 0- tot 17-jarigen van buitenlandse herkomst in alle 0- tot 17-jarigen.',
      type: 'context',
      calculation: '0–17-jarigen van buitenlandse herkomst gedeeld door alle 0–17-jarigen, maal 100.',
      measure: 'rate',
      numeratorLabel: '0–17-jarigen van buitenlandse herkomst',
      denominatorLabel: 'Alle 0–17-jarigen',
      unit: '%',
      decimals: 1,
      frequency: 'year',
      theme: 'context',
      breakdowns: [],
      direction: 'neutral',
      similarityContext: false,
      personalData: false,
    },
    gen: (m, y) => clamp(m.foreign * 1.35 * growth(y), 0, 0.95),
    base: (m) => m.pop * 0.2,
  },
  {
    def: {
      code: 'werkzaamheidsgraad',
      name: 'Werkzaamheidsgraad (20–64 jaar)',
      definition: 'Aandeel werkenden in de bevolking van 20 tot 64 jaar.',
      type: 'outcome',
      calculation: 'Werkende 20–64-jarigen gedeeld door alle 20–64-jarigen, maal 100.',
      measure: 'rate',
      numeratorLabel: 'Werkende 20–64-jarigen',
      denominatorLabel: 'Alle 20–64-jarigen',
      unit: '%',
      decimals: 1,
      frequency: 'year',
      theme: 'arbeid',
      breakdowns: ['sex', 'origin'],
      direction: 'higher',
      similarityContext: false,
      personalData: false,
      targetValue: 80,
      targetPeriod: '2030',
      baselineValue: 75.2,
      baselinePeriod: '2019',
      policyRelevance: 'Vlaamse doelstelling: een werkzaamheidsgraad van 80 % in 2030.',
    },
    gen: (m, y, r) => clamp(0.79 - m.foreign * 0.22 + noise(r, 0.03) + (y - 2019) * 0.004, 0.45, 0.86),
    base: (m) => m.pop * 0.58,
    split: {
      'geslacht:man': 1.05,
      'geslacht:vrouw': 0.95,
      'herkomst:belg': 1.05,
      'herkomst:eu': 0.95,
      'herkomst:niet-eu': 0.76,
    },
  },
  {
    def: {
      code: 'werkloosheidsgraad',
      name: 'Werkloosheidsgraad',
      definition: 'Aandeel niet-werkende werkzoekenden in de beroepsbevolking.',
      type: 'outcome',
      calculation: 'Niet-werkende werkzoekenden gedeeld door de beroepsbevolking, maal 100.',
      measure: 'rate',
      numeratorLabel: 'Niet-werkende werkzoekenden',
      denominatorLabel: 'Beroepsbevolking',
      unit: '%',
      decimals: 1,
      frequency: 'year',
      theme: 'arbeid',
      breakdowns: ['origin'],
      direction: 'lower',
      similarityContext: false,
      personalData: false,
    },
    gen: (m, y, r) => clamp(0.035 + m.foreign * 0.12 + noise(r, 0.01) - (y - 2019) * 0.001, 0.015, 0.3),
    base: (m) => m.pop * 0.5,
    split: { 'herkomst:belg': 0.7, 'herkomst:eu': 1.2, 'herkomst:niet-eu': 2.2 },
  },
  {
    def: {
      code: 'schoolse-vertraging',
      name: 'Leerlingen met schoolse vertraging in het secundair onderwijs',
      definition:
        'Aandeel leerlingen in het gewoon secundair onderwijs met minstens één jaar schoolse vertraging.',
      type: 'outcome',
      calculation:
        'Leerlingen met vertraging gedeeld door alle leerlingen secundair onderwijs (woonplaats), maal 100.',
      measure: 'rate',
      numeratorLabel: 'Leerlingen met schoolse vertraging',
      denominatorLabel: 'Leerlingen gewoon secundair onderwijs',
      unit: '%',
      decimals: 1,
      frequency: 'year',
      theme: 'onderwijs',
      breakdowns: ['origin'],
      direction: 'lower',
      similarityContext: false,
      personalData: false,
    },
    gen: (m, y, r) => clamp(0.14 + m.foreign * 0.25 + noise(r, 0.03) - (y - 2019) * 0.002, 0.05, 0.5),
    base: (m) => m.pop * 0.07,
    split: { 'herkomst:belg': 0.75, 'herkomst:eu': 1.3, 'herkomst:niet-eu': 1.7 },
  },
  {
    def: {
      code: 'ongekwalificeerde-uitstroom',
      name: 'Ongekwalificeerde uitstroom',
      definition:
        'Aandeel schoolverlaters dat het secundair onderwijs verlaat zonder diploma of kwalificatie.',
      type: 'outcome',
      calculation: 'Ongekwalificeerde schoolverlaters gedeeld door alle schoolverlaters, maal 100.',
      measure: 'rate',
      numeratorLabel: 'Ongekwalificeerde schoolverlaters',
      denominatorLabel: 'Alle schoolverlaters',
      unit: '%',
      decimals: 1,
      frequency: 'year',
      theme: 'onderwijs',
      breakdowns: ['origin'],
      direction: 'lower',
      similarityContext: false,
      personalData: false,
      targetValue: 7,
      targetPeriod: '2030',
    },
    gen: (m, y, r) => clamp(0.07 + m.foreign * 0.18 - (y - 2019) * 0.002 + noise(r, 0.025), 0.02, 0.4),
    base: (m) => m.pop * 0.012,
    split: { 'herkomst:belg': 0.7, 'herkomst:eu': 1.3, 'herkomst:niet-eu': 1.9 },
  },
  {
    def: {
      code: 'kleuterparticipatie',
      name: 'Kleuters die voldoende aanwezig zijn op school',
      definition: 'Aandeel kleuters (5 jaar) dat voldoende halve dagen aanwezig was in het kleuteronderwijs.',
      type: 'outcome',
      calculation: 'Voldoende aanwezige kleuters gedeeld door alle ingeschreven 5-jarige kleuters, maal 100.',
      measure: 'rate',
      numeratorLabel: 'Voldoende aanwezige kleuters',
      denominatorLabel: 'Ingeschreven 5-jarige kleuters',
      unit: '%',
      decimals: 1,
      frequency: 'year',
      theme: 'onderwijs',
      breakdowns: ['origin'],
      direction: 'higher',
      similarityContext: false,
      personalData: false,
    },
    gen: (m, y, r) => clamp(0.975 - m.foreign * 0.08 + noise(r, 0.01) + (y - 2019) * 0.001, 0.8, 0.995),
    base: (m) => m.pop * 0.011,
    split: { 'herkomst:belg': 1.01, 'herkomst:eu': 0.97, 'herkomst:niet-eu': 0.94 },
  },
  {
    def: {
      code: 'thuistaal-niet-nederlands',
      name: 'Leerlingen basisonderwijs met een andere thuistaal dan het Nederlands',
      definition: 'Aandeel leerlingen in het basisonderwijs dat thuis niet (enkel) Nederlands spreekt.',
      type: 'context',
      calculation:
        'Leerlingen met een andere thuistaal gedeeld door alle leerlingen basisonderwijs, maal 100.',
      measure: 'rate',
      numeratorLabel: 'Leerlingen met een andere thuistaal',
      denominatorLabel: 'Leerlingen basisonderwijs',
      unit: '%',
      decimals: 1,
      frequency: 'year',
      theme: 'nederlands',
      breakdowns: [],
      direction: 'neutral',
      similarityContext: true,
      personalData: false,
    },
    gen: (m, y, r) => clamp(m.foreign * 0.85 * growth(y) + noise(r, 0.02), 0.02, 0.95),
    base: (m) => m.pop * 0.08,
  },
  {
    def: {
      code: 'nt2-cursisten',
      name: 'Aantal cursisten Nederlands als tweede taal (NT2)',
      definition:
        'Aantal unieke cursisten NT2 in het volwassenenonderwijs en de Huizen van het Nederlands, naar woonplaats.',
      type: 'output',
      calculation: 'Som van de unieke cursisten in het jaar. Cellen onder 5 personen worden niet getoond.',
      measure: 'count',
      unit: 'cursisten',
      frequency: 'year',
      theme: 'nederlands',
      breakdowns: ['sex'],
      direction: 'neutral',
      similarityContext: false,
      personalData: true,
    },
    gen: (m, y, r) => Math.round(m.pop * m.nonEu * (0.02 + r() * 0.01) * (y === 2020 ? 0.75 : 1)),
    split: { 'geslacht:man': 0.44, 'geslacht:vrouw': 0.56 },
  },
  {
    def: {
      code: 'inburgeringsattesten',
      name: 'Aantal behaalde attesten van inburgering',
      definition: 'Aantal inburgeraars dat het attest van inburgering behaalde, naar woonplaats.',
      type: 'output',
      calculation:
        'Som van de uitgereikte attesten in het jaar. Cellen onder 5 personen worden niet getoond.',
      measure: 'count',
      unit: 'attesten',
      frequency: 'year',
      theme: 'burgerschap',
      breakdowns: ['sex'],
      direction: 'higher',
      similarityContext: false,
      personalData: true,
    },
    gen: (m, y, r) => Math.round(m.pop * m.nonEu * (0.004 + r() * 0.003) * (1 + (y - 2019) * 0.05)),
    split: { 'geslacht:man': 0.48, 'geslacht:vrouw': 0.52 },
  },
  {
    def: {
      code: 'nationaliteitsverwervingen',
      name: 'Aantal verwervingen van de Belgische nationaliteit',
      definition: 'Aantal inwoners dat in het jaar de Belgische nationaliteit verwierf.',
      type: 'outcome',
      calculation: 'Som van de verwervingen in het jaar. Cellen onder 5 personen worden niet getoond.',
      measure: 'count',
      unit: 'personen',
      frequency: 'year',
      theme: 'burgerschap',
      breakdowns: [],
      direction: 'neutral',
      similarityContext: false,
      personalData: true,
    },
    gen: (m, _y, r) => Math.round(m.pop * m.foreign * (0.003 + r() * 0.004)),
  },
  {
    def: {
      code: 'kansarmoede-geboorten',
      name: 'Geboorten in kansarme gezinnen',
      definition: 'Aandeel pasgeborenen in een gezin dat volgens Kind en Gezin kansarm is.',
      type: 'outcome',
      calculation: 'Geboorten in kansarme gezinnen gedeeld door alle geboorten, maal 100.',
      measure: 'rate',
      numeratorLabel: 'Geboorten in kansarme gezinnen',
      denominatorLabel: 'Alle geboorten',
      unit: '%',
      decimals: 1,
      frequency: 'year',
      theme: 'financieel',
      breakdowns: ['origin'],
      direction: 'lower',
      similarityContext: false,
      personalData: false,
    },
    gen: (m, y, r) => clamp(0.04 + m.foreign * 0.3 + noise(r, 0.03) + (y - 2019) * 0.002, 0.01, 0.6),
    base: (m) => m.pop * 0.011,
    split: { 'herkomst:belg': 0.55, 'herkomst:eu': 1.2, 'herkomst:niet-eu': 2.1 },
  },
  {
    def: {
      code: 'leefloon',
      name: 'Leefloongerechtigden per 1.000 inwoners',
      definition: 'Aantal personen met een leefloon per 1.000 inwoners van 18 jaar en ouder.',
      type: 'outcome',
      calculation: 'Leefloongerechtigden gedeeld door de inwoners van 18 jaar en ouder, maal 1.000.',
      measure: 'rate',
      numeratorLabel: 'Leefloongerechtigden',
      denominatorLabel: 'Inwoners van 18 jaar en ouder',
      multiplier: 1000,
      unit: '‰',
      decimals: 1,
      frequency: 'year',
      theme: 'financieel',
      breakdowns: [],
      direction: 'lower',
      similarityContext: false,
      personalData: false,
    },
    gen: (m, _y, r) => clamp(0.003 + m.nonEu * 0.05 + noise(r, 0.002), 0.001, 0.08) * 1000,
    base: (m) => m.pop * 0.8,
  },
  {
    def: {
      code: 'vrijwilligerswerk',
      name: 'Inwoners die vrijwilligerswerk doen',
      definition:
        'Aandeel inwoners dat het voorbije jaar minstens af en toe vrijwilligerswerk deed (bevraging).',
      type: 'outcome',
      calculation: 'Gewogen aandeel respondenten, maal 100 (Gemeente-Stadsmonitor).',
      measure: 'rate',
      numeratorLabel: 'Respondenten die vrijwilligerswerk doen (gewogen)',
      denominatorLabel: 'Respondenten (gewogen)',
      unit: '%',
      decimals: 0,
      frequency: 'year',
      theme: 'netwerken',
      breakdowns: [],
      direction: 'higher',
      similarityContext: false,
      personalData: false,
    },
    years: SURVEY,
    gen: (m, _y, r) => clamp(0.3 - m.urban * 0.08 + noise(r, 0.04), 0.1, 0.5),
    base: () => 800,
  },
  {
    def: {
      code: 'contact-andere-herkomst',
      name: 'Inwoners met regelmatig contact met mensen van een andere herkomst',
      definition:
        'Aandeel inwoners dat minstens maandelijks contact heeft met mensen van een andere herkomst (bevraging).',
      type: 'outcome',
      calculation: 'Gewogen aandeel respondenten, maal 100 (Gemeente-Stadsmonitor).',
      measure: 'rate',
      numeratorLabel: 'Respondenten met regelmatig contact (gewogen)',
      denominatorLabel: 'Respondenten (gewogen)',
      unit: '%',
      decimals: 0,
      frequency: 'year',
      theme: 'netwerken',
      breakdowns: [],
      direction: 'higher',
      similarityContext: false,
      personalData: false,
    },
    years: SURVEY,
    gen: (m, y, r) => clamp(0.25 + m.foreign * 0.6 + noise(r, 0.05) + (y - 2017) * 0.005, 0.1, 0.9),
    base: () => 800,
  },
  {
    def: {
      code: 'verbondenheid-gemeente',
      name: 'Inwoners die zich verbonden voelen met hun gemeente',
      definition: 'Aandeel inwoners dat zich (sterk) verbonden voelt met de gemeente of stad (bevraging).',
      type: 'outcome',
      calculation: 'Gewogen aandeel respondenten, maal 100 (Gemeente-Stadsmonitor).',
      measure: 'rate',
      numeratorLabel: 'Respondenten die zich verbonden voelen (gewogen)',
      denominatorLabel: 'Respondenten (gewogen)',
      unit: '%',
      decimals: 0,
      frequency: 'year',
      theme: 'verbondenheid',
      breakdowns: [],
      direction: 'higher',
      similarityContext: false,
      personalData: false,
    },
    years: SURVEY,
    gen: (m, _y, r) => clamp(0.68 - m.urban * 0.06 + noise(r, 0.05), 0.4, 0.9),
    base: () => 800,
  },
  {
    def: {
      code: 'discriminatie-ervaren',
      name: 'Inwoners die zich het voorbije jaar gediscrimineerd voelden',
      definition:
        'Aandeel inwoners dat zich het voorbije jaar minstens één keer gediscrimineerd voelde (bevraging).',
      type: 'outcome',
      calculation: 'Gewogen aandeel respondenten, maal 100 (Gemeente-Stadsmonitor).',
      measure: 'rate',
      numeratorLabel: 'Respondenten die discriminatie ervoeren (gewogen)',
      denominatorLabel: 'Respondenten (gewogen)',
      unit: '%',
      decimals: 0,
      frequency: 'year',
      theme: 'gelijke-behandeling',
      breakdowns: ['origin'],
      direction: 'lower',
      similarityContext: false,
      personalData: false,
    },
    years: SURVEY,
    gen: (m, _y, r) => clamp(0.06 + m.foreign * 0.12 + noise(r, 0.02), 0.02, 0.3),
    base: () => 800,
    split: { 'herkomst:belg': 0.7, 'herkomst:eu': 1.4, 'herkomst:niet-eu': 2.6 },
  },
  {
    def: {
      code: 'diversiteit-verrijking',
      name: 'Inwoners die diversiteit een verrijking vinden',
      definition:
        'Aandeel inwoners dat het (helemaal) eens is met de stelling dat diversiteit de gemeente verrijkt (bevraging).',
      type: 'outcome',
      calculation: 'Gewogen aandeel respondenten, maal 100 (Gemeente-Stadsmonitor).',
      measure: 'rate',
      numeratorLabel: 'Respondenten die diversiteit een verrijking vinden (gewogen)',
      denominatorLabel: 'Respondenten (gewogen)',
      unit: '%',
      decimals: 0,
      frequency: 'year',
      theme: 'gelijke-behandeling',
      breakdowns: [],
      direction: 'higher',
      similarityContext: false,
      personalData: false,
    },
    years: SURVEY,
    gen: (m, y, r) => clamp(0.4 + m.urban * 0.12 + noise(r, 0.05) + (y - 2017) * 0.004, 0.2, 0.8),
    base: () => 800,
  },
];

type ValueInsert = StoredValue;

/** Values for every municipality; rates carry numerator and denominator, so regions are computed. */
export function generateDemoValues(
  municipalitiesList: Array<{ nis: string; region: string }>,
  idByCode: Map<string, string>,
): ValueInsert[] {
  const out: ValueInsert[] = [];
  for (const g of generators) {
    const id = idByCode.get(g.def.code)!;
    const years = g.years ?? YEARS;
    const lastYears = new Set(years.slice(-2));
    for (const mm of municipalitiesList) {
      const m = municipalityProfile(mm.nis, mm.region);
      const r = rng(`${g.def.code}-${m.nis}`);
      for (const year of years) {
        const period = String(year);
        const raw = g.gen(m, year, r);
        const status = year === 2024 ? 'provisional' : 'final';
        if (g.def.measure === 'rate') {
          const multiplier = g.def.multiplier ?? 100;
          const share = multiplier === 1000 ? raw / 1000 : raw;
          const denominator = Math.max(1, Math.round(g.base!(m, year)));
          const numerator = Math.round(denominator * share);
          out.push(row(id, m.nis, period, 'totaal', numerator, denominator, multiplier, status));
          if (g.split && lastYears.has(year)) {
            for (const [key, factor] of Object.entries(g.split)) {
              const share2 = clamp(share * factor, 0, 0.999);
              const part = key.startsWith('herkomst:')
                ? key === 'herkomst:belg'
                  ? 1 - m.foreign
                  : key === 'herkomst:eu'
                    ? m.foreign - m.nonEu
                    : m.nonEu
                : 0.5;
              const den = Math.max(1, Math.round(denominator * part));
              out.push(row(id, m.nis, period, key, Math.round(den * share2), den, multiplier, status));
            }
          }
        } else {
          const value = Math.max(0, Math.round(raw));
          out.push({
            indicatorId: id,
            areaCode: m.nis,
            period,
            breakdown: 'totaal',
            value,
            status,
            source: DEMO_SOURCE,
          });
          if (g.split && lastYears.has(year)) {
            let rest = value;
            const entries = Object.entries(g.split);
            entries.forEach(([key, share], i) => {
              const part = i === entries.length - 1 ? rest : Math.round(value * share);
              rest -= part;
              out.push({
                indicatorId: id,
                areaCode: m.nis,
                period,
                breakdown: key,
                value: part,
                status,
                source: DEMO_SOURCE,
              });
            });
          }
        }
      }
    }
  }
  return out;
}

function row(
  indicatorId: string,
  areaCode: string,
  period: string,
  breakdown: string,
  numerator: number,
  denominator: number,
  multiplier: number,
  status: string,
): ValueInsert {
  return {
    indicatorId,
    areaCode,
    period,
    breakdown,
    numerator,
    denominator,
    value: (numerator / denominator) * multiplier,
    status,
    source: DEMO_SOURCE,
  };
}

async function orgId(tx: Tx, where: ReturnType<typeof eq>): Promise<string> {
  const [row] = await tx.select({ id: organisations.id }).from(organisations).where(where).limit(1);
  if (!row) throw new Error('monitoring demo: organisation not found');
  return row.id;
}

/** Indicators with their fiches, synthetic values for the 304 municipalities, a plan for Mechelen, regietafels. */
export async function seedMonitoringDemo(db: Db): Promise<void> {
  const geo = await geography(db);
  await db.transaction(async (tx) => {
    const abb = await orgId(tx, eq(organisations.type, 'flemish_administration'));
    const inserted = await tx
      .insert(indicators)
      .values([
        { ...nt2Indicator, ownerOrganisationId: abb },
        ...generators.map((g) => ({
          ...g.def,
          source:
            g.def.source ??
            `${DEMO_SOURCE}; in de geest van de Lokale Integratiescan (Gemeente-Stadsmonitor)`,
          quality: DEMO_QUALITY,
          demo: true,
          published: true,
          ownerOrganisationId: abb,
        })),
      ])
      .returning({ id: indicators.id, code: indicators.code });
    const idByCode = new Map(inserted.map((i) => [i.code, i.id]));
    for (const i of inserted) {
      await writeAudit(tx, systemActor, {
        action: 'indicator.created',
        entityType: 'indicator',
        entityId: i.id,
        ownerOrganisationId: abb,
        after: { code: i.code },
      });
    }
    await tx.insert(indicatorValues).values({
      indicatorId: idByCode.get(nt2Indicator.code)!,
      areaCode: 'VLBR',
      period: '2023',
      breakdown: 'totaal',
      value: 37646,
      status: 'final',
      source:
        'Beleids- en begrotingstoelichting Integratie en Inburgering 2025, metadatafiche (laatst gekende waarde)',
    });
    await writeValues(tx, generateDemoValues(geo.municipalities, idByCode));

    // Regietafels and action plans.
    const mechelen = await orgId(
      tx,
      and(eq(organisations.municipalityNis, '12025'), eq(organisations.type, 'local_government'))!,
    );
    const rivierenland = await orgId(tx, eq(organisations.networkCode, 'REFREG02'));
    const agii = await orgId(tx, eq(organisations.agencyCode, 'AGII'));
    const [officer] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, demoEmail('mechelen')));

    const [flemishTable] = await tx
      .insert(regietafels)
      .values({
        name: 'Vlaamse regietafel Migratie en Integratie',
        level: 'flemish',
        description:
          'Federale, Vlaamse en lokale overheden stemmen hun prioriteiten af: monitoring met één definitie van buitenlandse herkomst, taalbeleid, werk en onderwijs.',
        ownerOrganisationId: abb,
      })
      .returning();
    const [regionalTable] = await tx
      .insert(regietafels)
      .values({
        name: 'Regionale regietafel Integratie Rivierenland',
        level: 'regional',
        description:
          'De lokale besturen van Rivierenland, het regionaal netwerk en het Agentschap stemmen hun aanpak af.',
        ownerOrganisationId: rivierenland,
      })
      .returning();
    await tx.insert(regietafelMembers).values([
      { regietafelId: flemishTable!.id, organisationId: abb, role: 'secretariat' },
      { regietafelId: flemishTable!.id, organisationId: agii, role: 'member' },
      { regietafelId: flemishTable!.id, organisationId: mechelen, role: 'member' },
      { regietafelId: regionalTable!.id, organisationId: rivierenland, role: 'secretariat' },
      { regietafelId: regionalTable!.id, organisationId: mechelen, role: 'chair' },
      { regietafelId: regionalTable!.id, organisationId: agii, role: 'member' },
    ]);
    await tx.insert(meetings).values([
      {
        regietafelId: regionalTable!.id,
        date: '2025-10-14',
        agenda: 'Kennismaking; gedeelde prioriteiten 2026; oefenkansen Nederlands in de regio.',
        decisions:
          'Taal en werk zijn de twee regionale prioriteiten. Elke gemeente levert een contactpersoon.',
        followUp: 'Netwerk maakt een overzicht van het oefenaanbod per gemeente (tegen december).',
      },
      {
        regietafelId: flemishTable!.id,
        date: '2025-11-20',
        agenda: 'Monitoring: één definitie van buitenlandse herkomst in alle beleidsdomeinen.',
        decisions: 'De definitie van de Lokale Integratiescan wordt de gemeenschappelijke basis.',
        followUp: 'ABB legt een voorstel van resultaatsindicatoren voor op de volgende vergadering.',
      },
    ]);

    const [plan] = await tx
      .insert(actionPlans)
      .values({
        ownerOrganisationId: mechelen,
        title: 'Samenleven in diversiteit: lokaal actieplan Mechelen 2025–2030',
        description:
          'DEMO. Het actieplan van de stad voor taal, werk en samenleven, met meetbare resultaten en streefwaarden.',
        kind: 'local',
        areaCode: '12025',
        regietafelId: regionalTable!.id,
        startYear: 2025,
        endYear: 2030,
      })
      .returning();
    const addResult = async (
      code: string,
      title: string,
      parentId: string | null,
      weight: number,
      status: string,
      progress: number | null,
      position: number,
    ) => {
      const [r] = await tx
        .insert(planResults)
        .values({
          planId: plan!.id,
          parentId,
          code,
          title,
          weight,
          status,
          progress,
          position,
          startDate: '2025-01-01',
          endDate: '2030-12-31',
        })
        .returning();
      return r!;
    };
    const taal = await addResult('1', 'Iedereen kan Nederlands oefenen', null, 2, 'in_progress', null, 1);
    const taal1 = await addResult(
      '1.1',
      '150 taaloefenkansen per jaar met partners',
      taal.id,
      3,
      'in_progress',
      60,
      1,
    );
    await addResult('1.2', 'Taalbeleid in alle stedelijke loketten', taal.id, 1, 'delayed', 20, 2);
    const werk = await addResult(
      '2',
      'Meer inwoners van buitenlandse herkomst aan het werk',
      null,
      2,
      'in_progress',
      null,
      2,
    );
    const werk1 = await addResult(
      '2.1',
      'Mentoringprogramma naar werk voor vrouwen',
      werk.id,
      2,
      'in_progress',
      40,
      1,
    );
    await addResult(
      '2.2',
      'Samenwerkingsakkoord met VDAB over trajectbegeleiding',
      werk.id,
      1,
      'done',
      100,
      2,
    );
    const samen = await addResult('3', 'Ontmoeting in de wijken', null, 1, 'in_progress', null, 3);
    await addResult('3.1', 'Pleinmakers in vier wijken', samen.id, 1, 'in_progress', 50, 1);
    await addResult('3.2', 'Jaarlijkse inburgeringsceremonie', samen.id, 1, 'planned', 0, 2);
    await tx.insert(resultIndicators).values([
      {
        resultId: werk1.id,
        indicatorId: idByCode.get('werkzaamheidsgraad')!,
        areaCode: '12025',
        baselineValue: 68.5,
        baselinePeriod: '2023',
        targetValue: 72,
        targetPeriod: '2030',
      },
      {
        resultId: taal1.id,
        indicatorId: idByCode.get('nt2-cursisten')!,
        areaCode: '12025',
        baselineValue: 900,
        baselinePeriod: '2023',
        targetValue: 1100,
        targetPeriod: '2030',
      },
    ]);
    await tx.insert(milestones).values([
      {
        resultId: werk1.id,
        title: 'Eerste groep van 20 mentees gestart',
        dueDate: '2025-09-30',
        doneOn: '2025-09-15',
      },
      { resultId: werk1.id, title: 'Evaluatie eerste jaar', dueDate: '2026-06-30' },
      {
        resultId: taal1.id,
        title: 'Oefenkalender gepubliceerd',
        dueDate: '2025-03-31',
        doneOn: '2025-03-20',
      },
    ]);
    await tx.insert(progressUpdates).values([
      {
        resultId: taal1.id,
        progress: 30,
        status: 'in_progress',
        note: 'Eerste reeks taalcafés loopt.',
        userId: officer?.id ?? null,
        organisationId: mechelen,
      },
      {
        resultId: taal1.id,
        progress: 60,
        status: 'in_progress',
        note: '92 oefenkansen georganiseerd tot eind september.',
        userId: officer?.id ?? null,
        organisationId: mechelen,
      },
      {
        resultId: werk1.id,
        progress: 40,
        status: 'in_progress',
        note: 'Eerste groep mentees gestart met Mentorwerk.',
        userId: officer?.id ?? null,
        organisationId: mechelen,
      },
    ]);
    await tx.insert(actionPlans).values({
      ownerOrganisationId: abb,
      title: 'Vlaams horizontaal integratieplan',
      description:
        'DEMO. Het overkoepelende actieplan van de Vlaamse regering met meetbare en evalueerbare resultaatsindicatoren.',
      kind: 'flemish',
      regietafelId: flemishTable!.id,
      startYear: 2025,
      endYear: 2029,
    });
    await writeAudit(tx, systemActor, {
      action: 'action_plan.created',
      entityType: 'action_plan',
      entityId: plan!.id,
      ownerOrganisationId: mechelen,
      after: plan,
    });
  });
  // The regional values of the demo data, ready before the first page asks for them.
  await refreshAllAggregates(db);
}
