/** Labels and code lists of the monitoring module, as data. */

export const themes = [
  { code: 'context', label: 'Bevolking en diversiteit', barometer: false },
  { code: 'arbeid', label: 'Arbeidsdeelname', barometer: true },
  { code: 'onderwijs', label: 'Onderwijsdeelname', barometer: true },
  { code: 'netwerken', label: 'Sociale netwerken', barometer: true },
  { code: 'verbondenheid', label: 'Verbondenheid', barometer: true },
  { code: 'burgerschap', label: 'Burgerschap', barometer: true },
  { code: 'financieel', label: 'Financiële draagkracht', barometer: true },
  { code: 'gelijke-behandeling', label: 'Gelijke behandeling', barometer: true },
  { code: 'nederlands', label: 'Kennis van het Nederlands', barometer: true },
] as const;
export type ThemeCode = (typeof themes)[number]['code'];
export const themeCodes = themes.map((t) => t.code) as [ThemeCode, ...ThemeCode[]];
export const themeLabel = (code: string) => themes.find((t) => t.code === code)?.label ?? code;

export const indicatorTypes = ['context', 'input', 'output', 'outcome'] as const;
export type IndicatorType = (typeof indicatorTypes)[number];
export const indicatorTypeLabels: Record<IndicatorType, string> = {
  context: 'Contextindicator',
  input: 'Inputindicator',
  output: 'Outputindicator',
  outcome: 'Outcome-indicator',
};

export const measureLabels = {
  count: 'Aantal (opgeteld over gebieden)',
  rate: 'Verhouding (teller gedeeld door noemer)',
  level: 'Niveau (niet op te tellen)',
} as const;

export const directions = ['higher', 'lower', 'neutral'] as const;
export type Direction = (typeof directions)[number];
export const directionLabels: Record<Direction, string> = {
  higher: 'Hoger is beter',
  lower: 'Lager is beter',
  neutral: 'Geen richting (beschrijvend)',
};

export const valueStatuses = ['provisional', 'final'] as const;
export type ValueStatus = (typeof valueStatuses)[number];
export const valueStatusLabels: Record<ValueStatus, string> = {
  provisional: 'Voorlopig',
  final: 'Definitief',
};
/** As written in CSV files. */
export const valueStatusCsv: Record<ValueStatus, string> = { provisional: 'voorlopig', final: 'definitief' };

export const areaLevels = ['municipality', 'region', 'network'] as const;
export const areaLevelLabels = {
  municipality: 'Gemeente',
  region: 'Gewest',
  network: 'Regionaal netwerk',
} as const;

/** Areas above the municipality that values can be delivered for (region-level indicators). */
export const regionAreas: Record<string, string> = {
  '02000': 'Vlaams Gewest',
  '04000': 'Brussels Hoofdstedelijk Gewest',
  VLBR: 'Vlaanderen en Brussel',
};

export const importStrategies = ['create', 'update', 'upsert'] as const;
export type ImportStrategy = (typeof importStrategies)[number];
export const importStrategyLabels: Record<ImportStrategy, { label: string; hint: string }> = {
  create: { label: 'Alleen nieuwe waarden toevoegen', hint: 'Een waarde die al bestaat, geldt als fout.' },
  update: {
    label: 'Alleen bestaande waarden bijwerken',
    hint: 'Een waarde die nog niet bestaat, geldt als fout.',
  },
  upsert: {
    label: 'Toevoegen en bijwerken',
    hint: 'Nieuwe waarden worden toegevoegd, bestaande overschreven.',
  },
};

export const planKinds = ['local', 'regietafel', 'flemish'] as const;
export type PlanKind = (typeof planKinds)[number];
export const planKindLabels: Record<PlanKind, string> = {
  local: 'Lokaal actieplan',
  regietafel: 'Actieplan van een regietafel',
  flemish: 'Vlaams horizontaal integratieplan',
};

export const regietafelLevels = ['flemish', 'regional', 'local'] as const;
export type RegietafelLevel = (typeof regietafelLevels)[number];
export const regietafelLevelLabels: Record<RegietafelLevel, string> = {
  flemish: 'Vlaamse regietafel',
  regional: 'Regionale regietafel',
  local: 'Lokale regietafel',
};

export const memberRoles = ['chair', 'member', 'secretariat'] as const;
export type MemberRole = (typeof memberRoles)[number];
export const memberRoleLabels: Record<MemberRole, string> = {
  chair: 'Voorzitter',
  member: 'Lid',
  secretariat: 'Secretariaat',
};

/** Columns of the value CSV (import and export share them). */
export const VALUE_COLUMNS = [
  'indicator',
  'nis',
  'gemeente',
  'periode',
  'uitsplitsing',
  'waarde',
  'teller',
  'noemer',
  'status',
  'bron',
] as const;

/** Columns of the bulk progress CSV of an action plan. */
export const PROGRESS_COLUMNS = ['code', 'resultaat', 'voortgang', 'status', 'toelichting'] as const;

export const IMPORT_MAX_BYTES = 32 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 600_000;
