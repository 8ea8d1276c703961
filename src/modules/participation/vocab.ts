/**
 * The vocabularies of the participation module: codes in English (stored), labels in plain Dutch
 * (B1), so a newcomer, a partner and a counsellor read the same words.
 */

export const categories = [
  'language_practice',
  'buddy',
  'internship',
  'volunteering',
  'sport',
  'culture',
  'leisure',
  'welfare',
  'education',
] as const;
export type Category = (typeof categories)[number];

export const categoryLabels: Record<Category, string> = {
  language_practice: 'Taaloefenkans',
  buddy: 'Buddyproject',
  internship: 'Kennismakingsstage',
  volunteering: 'Vrijwilligerswerk',
  sport: 'Sport',
  culture: 'Cultuur',
  leisure: 'Vrije tijd',
  welfare: 'Welzijn',
  education: 'Onderwijs',
};

/** One short sentence per category, for the public filters (B1). */
export const categoryHints: Record<Category, string> = {
  language_practice: 'Samen Nederlands oefenen, zonder les of examen.',
  buddy: 'Een vaste persoon die samen met u dingen doet.',
  internship: 'Een korte tijd meedraaien in een bedrijf, vereniging of gemeente.',
  volunteering: 'Helpen bij een organisatie, zonder loon.',
  sport: 'Samen sporten of bewegen.',
  culture: 'Muziek, theater, kunst, de bibliotheek.',
  leisure: 'Samen koken, wandelen, tuinieren, spelen.',
  welfare: 'Ontmoeting en steun in de buurt.',
  education: 'Op school of rond de school meehelpen en mensen leren kennen.',
};

export const sectors = [
  'sport',
  'education',
  'welfare',
  'culture',
  'leisure',
  'volunteering',
  'work',
  'local_government',
] as const;
export type Sector = (typeof sectors)[number];

export const sectorLabels: Record<Sector, string> = {
  sport: 'Sport',
  education: 'Onderwijs',
  welfare: 'Welzijn',
  culture: 'Cultuur',
  leisure: 'Vrije tijd',
  volunteering: 'Vrijwilligerswerk',
  work: 'Werk en bedrijven',
  local_government: 'Lokaal bestuur',
};

/** The calendar types of the UiTdatabank: single, multiple, periodic, permanent. */
export const calendarTypes = ['single', 'multiple', 'periodic', 'permanent'] as const;
export type CalendarType = (typeof calendarTypes)[number];

export const calendarTypeLabels: Record<CalendarType, string> = {
  single: 'Eén keer',
  multiple: 'Op enkele vaste data',
  periodic: 'In een periode, op vaste dagen',
  permanent: 'Altijd, op vaste dagen of op afspraak',
};

export const dutchLevels = ['none', 'A1', 'A2', 'B1'] as const;
export type DutchLevel = (typeof dutchLevels)[number];

export const dutchLevelLabels: Record<DutchLevel, string> = {
  none: 'Geen Nederlands nodig',
  A1: 'Een beetje Nederlands (A1)',
  A2: 'Eenvoudig Nederlands (A2)',
  B1: 'Goed Nederlands (B1 of hoger)',
};

/** Offers that need at most `level`: someone who speaks A2 can join none, A1 and A2. */
export function levelsUpTo(level: DutchLevel): DutchLevel[] {
  return dutchLevels.slice(0, dutchLevels.indexOf(level) + 1);
}

export const audiences = ['everyone', 'women', 'young_people', 'parents', 'seniors', 'families'] as const;
export type Audience = (typeof audiences)[number];

export const audienceLabels: Record<Audience, string> = {
  everyone: 'Iedereen',
  women: 'Alleen vrouwen',
  young_people: 'Jongeren (16 tot 25 jaar)',
  parents: 'Ouders',
  seniors: '65-plussers',
  families: 'Gezinnen met kinderen',
};

export const weekdays = ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'] as const;
export type Weekday = (typeof weekdays)[number];

export const weekdayLabels: Record<Weekday, string> = {
  ma: 'maandag',
  di: 'dinsdag',
  wo: 'woensdag',
  do: 'donderdag',
  vr: 'vrijdag',
  za: 'zaterdag',
  zo: 'zondag',
};

export const availabilities = ['open', 'few', 'waiting_list', 'full'] as const;
export type Availability = (typeof availabilities)[number];

export const availabilityLabels: Record<Availability, string> = {
  open: 'Er is plaats',
  few: 'Nog enkele plaatsen',
  waiting_list: 'Volzet, er is een wachtlijst',
  full: 'Volzet',
};

/** Languages a contact person can speak; ISO 639 codes. */
export const languages = [
  'nl',
  'fr',
  'en',
  'de',
  'ar',
  'tr',
  'zgh',
  'ru',
  'uk',
  'pl',
  'ro',
  'bg',
  'es',
  'pt',
  'fa',
  'prs',
  'ps',
  'so',
  'ti',
] as const;
export type Language = (typeof languages)[number];

export const languageLabels: Record<Language, string> = {
  nl: 'Nederlands',
  fr: 'Frans',
  en: 'Engels',
  de: 'Duits',
  ar: 'Arabisch',
  tr: 'Turks',
  zgh: 'Tamazight (Berbers)',
  ru: 'Russisch',
  uk: 'Oekraïens',
  pl: 'Pools',
  ro: 'Roemeens',
  bg: 'Bulgaars',
  es: 'Spaans',
  pt: 'Portugees',
  fa: 'Perzisch (Farsi)',
  prs: 'Dari',
  ps: 'Pasjtoe',
  so: 'Somali',
  ti: 'Tigrinya',
};

export const label = <K extends string>(
  labels: Record<K, string>,
  code: string | null | undefined,
): string => (code && code in labels ? labels[code as K] : (code ?? ''));
