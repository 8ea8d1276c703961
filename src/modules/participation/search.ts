import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../core/db/client';
import type { Page } from '../../core/http/pagination';
import { todayIso } from '../../core/i18n/format';
import { municipalities, networks } from '../reference';
import { placesOf, visibleOfferCondition } from './offers';
import { participationOfferPlaces, participationOffers } from './schema';
import {
  type Category,
  categories,
  type DutchLevel,
  dutchLevels,
  levelsUpTo,
  type Weekday,
  weekdays,
} from './vocab';

export const sortOptions = ['relevantie', 'nieuw', 'titel'] as const;
export type SortOption = (typeof sortOptions)[number];

/** What a visitor searches for; shared by the public page (Dutch URL) and the API (English names). */
export type OfferFilter = {
  q: string;
  municipality: string | undefined;
  /** Widen the municipality to its whole network ("in my network"). */
  nearby: boolean;
  network: string | undefined;
  categories: Category[];
  weekdays: Weekday[];
  /** The visitor's Dutch: offers needing at most this level. */
  dutchLevel: DutchLevel | undefined;
  womenOnly: boolean;
  childcare: boolean;
  sort: SortOption;
};

const MAX_QUERY = 200;
const MAX_TOKENS = 8;

/** Words to search for: letters and digits only, so any odd character is simply ignored. */
export function searchTokens(q: string): string[] {
  const cleaned = q.normalize('NFC').slice(0, MAX_QUERY);
  const words = cleaned.match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.map((w) => w.toLowerCase().slice(0, 40)))].slice(0, MAX_TOKENS);
}

const many = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => {
      const list = v === undefined ? [] : Array.isArray(v) ? v : v.split(',');
      return [...new Set(list.filter((x): x is T[number] => (values as readonly string[]).includes(x)))];
    });

const flag = z
  .union([z.string(), z.array(z.string()), z.boolean()])
  .optional()
  .transform((v) => {
    const last = Array.isArray(v) ? v.at(-1) : v;
    return last === true || last === '1' || last === 'on' || last === 'true' || last === 'ja';
  });

const optionalCode = (pattern: RegExp) =>
  z
    .unknown()
    .transform((v) => (typeof v === 'string' && pattern.test(v.trim()) ? v.trim() : undefined))
    .optional();

/**
 * The public page's query string, in Dutch, for shareable URLs. Never fails: what cannot be read is
 * left out, so an odd link still shows results.
 */
export const publicSearchQuery = z
  .object({
    q: z
      .unknown()
      .transform((v) => (typeof v === 'string' ? v.slice(0, MAX_QUERY) : ''))
      .optional(),
    gemeente: optionalCode(/^\d{5}$/),
    buurt: flag,
    netwerk: optionalCode(/^[A-Z0-9_]{2,20}$/),
    categorie: many(categories),
    dag: many(weekdays),
    niveau: z
      .unknown()
      .transform((v) => ((dutchLevels as readonly unknown[]).includes(v) ? (v as DutchLevel) : undefined))
      .optional(),
    vrouwen: flag,
    opvang: flag,
    sorteer: z
      .unknown()
      .transform((v) => ((sortOptions as readonly unknown[]).includes(v) ? (v as SortOption) : undefined))
      .optional(),
  })
  .catch({
    q: '',
    gemeente: undefined,
    buurt: false,
    netwerk: undefined,
    categorie: [],
    dag: [],
    niveau: undefined,
    vrouwen: false,
    opvang: false,
    sorteer: undefined,
  });

export type PublicSearchQuery = z.output<typeof publicSearchQuery>;

export function filterFromPublicQuery(q: PublicSearchQuery): OfferFilter {
  return {
    q: q.q ?? '',
    municipality: q.gemeente,
    nearby: q.buurt,
    network: q.netwerk,
    categories: q.categorie,
    weekdays: q.dag,
    dutchLevel: q.niveau,
    womenOnly: q.vrouwen,
    childcare: q.opvang,
    sort: q.sorteer ?? (searchTokens(q.q ?? '').length ? 'relevantie' : 'nieuw'),
  };
}

/** The filter back as the Dutch query string, for links (pagination, facets, print, share). */
export function publicQueryOf(f: OfferFilter): Record<string, unknown> {
  return {
    q: f.q || undefined,
    gemeente: f.municipality,
    buurt: f.nearby && f.municipality ? '1' : undefined,
    netwerk: f.network,
    categorie: f.categories,
    dag: f.weekdays,
    niveau: f.dutchLevel,
    vrouwen: f.womenOnly ? '1' : undefined,
    opvang: f.childcare ? '1' : undefined,
    sorteer: f.sort === 'relevantie' && !f.q ? undefined : f.sort,
  };
}

/** The API's query string: the same filters, English names. */
export const apiSearchQuery = z.object({
  q: z.string().max(MAX_QUERY).optional().describe('Words to search for (Dutch, with stemming)'),
  municipality: z
    .string()
    .regex(/^\d{5}$/)
    .optional()
    .describe('NIS code of a municipality where the activity takes place'),
  nearby: z
    .enum(['true', 'false'])
    .optional()
    .describe('With municipality: search the whole regional network of that municipality'),
  network: z.string().max(20).optional().describe('Network code, e.g. REFREG13'),
  category: z
    .union([z.enum(categories), z.array(z.enum(categories))])
    .optional()
    .describe('One or more categories'),
  weekday: z
    .union([z.enum(weekdays), z.array(z.enum(weekdays))])
    .optional()
    .describe('Days of the week (ma, di, wo, do, vr, za, zo)'),
  dutchLevel: z
    .enum(dutchLevels)
    .optional()
    .describe("The participant's Dutch: offers needing at most this level"),
  womenOnly: z.enum(['true', 'false']).optional(),
  childcare: z.enum(['true', 'false']).optional(),
  sort: z.enum(sortOptions).optional(),
});

export function filterFromApiQuery(q: z.output<typeof apiSearchQuery>): OfferFilter {
  const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  return {
    q: q.q ?? '',
    municipality: q.municipality,
    nearby: q.nearby === 'true',
    network: q.network,
    categories: list(q.category),
    weekdays: list(q.weekday),
    dutchLevel: q.dutchLevel,
    womenOnly: q.womenOnly === 'true',
    childcare: q.childcare === 'true',
    sort: q.sort ?? (q.q && searchTokens(q.q).length ? 'relevantie' : 'nieuw'),
  };
}

const o = participationOffers;
const pl = participationOfferPlaces;

/**
 * The words as one tsquery: per word the Dutch stem or, for words still being typed, any word starting
 * with it ("taal" finds "taalcafé"). Stop words drop out. Words are bound as parameters.
 */
function tsQuery(tokens: string[]): SQL {
  const parts = tokens.map(
    (t) =>
      sql`(case when numnode(to_tsquery('dutch'::regconfig, ${t})) = 0 then ''::tsquery else (to_tsquery('dutch'::regconfig, ${t}) || to_tsquery('simple'::regconfig, ${`${t}:*`})) end)`,
  );
  return sql.join(parts, sql` && `);
}

type Conditions = {
  base: SQL;
  text: SQL | undefined;
  place: SQL | undefined;
  category: SQL | undefined;
  weekday: SQL | undefined;
  level: SQL | undefined;
  women: SQL | undefined;
  childcare: SQL | undefined;
};

async function buildConditions(db: Executor, f: OfferFilter, today: string) {
  const tokens = searchTokens(f.q);
  const query = tokens.length ? tsQuery(tokens) : undefined;
  let placeNetwork = f.network;
  let placeMunicipality = f.municipality;
  if (f.municipality && f.nearby) {
    const [m] = await db
      .select({ networkCode: municipalities.networkCode })
      .from(municipalities)
      .where(eq(municipalities.nis, f.municipality));
    placeMunicipality = undefined;
    placeNetwork = m?.networkCode ?? '__none__';
  }
  const placeParts: SQL[] = [];
  if (placeMunicipality) placeParts.push(eq(pl.municipalityNis, placeMunicipality));
  if (placeNetwork) placeParts.push(eq(pl.networkCode, placeNetwork));
  const c: Conditions = {
    base: visibleOfferCondition(today),
    text: query ? sql`(numnode(${query}) = 0 or ${o.search} @@ (${query}))` : undefined,
    place: placeParts.length
      ? sql`exists (select 1 from ${pl} where ${pl.offerId} = ${o.id} and ${and(...placeParts)})`
      : undefined,
    category: f.categories.length ? inArray(o.category, f.categories) : undefined,
    weekday: f.weekdays.length
      ? sql`${o.weekdays} && array[${sql.join(
          f.weekdays.map((d) => sql`${d}`),
          sql`, `,
        )}]::text[]`
      : undefined,
    level: f.dutchLevel ? inArray(o.dutchLevel, levelsUpTo(f.dutchLevel)) : undefined,
    women: f.womenOnly ? eq(o.womenOnly, true) : undefined,
    childcare: f.childcare ? eq(o.childcare, true) : undefined,
  };
  return { c, query, tokens, placeNetwork };
}

const except = (c: Conditions, ...skip: Array<keyof Conditions>): SQL =>
  and(
    ...(Object.entries(c) as Array<[keyof Conditions, SQL | undefined]>)
      .filter(([k]) => !skip.includes(k))
      .map(([, v]) => v),
  )!;

export type Facets = {
  categories: Record<string, number>;
  weekdays: Record<string, number>;
  /** Offers open to someone at this level (cumulative). */
  dutchLevels: Record<string, number>;
  womenOnly: number;
  childcare: number;
  networks: Record<string, number>;
};

/**
 * Searches published offers: Dutch full text with stemming plus filters, with facet counts (each
 * counted with the other filters applied), results per municipality for the map, and a page of results.
 */
export async function searchOffers(db: Executor, f: OfferFilter, page: Page, today = todayIso()) {
  const { c, query, tokens } = await buildConditions(db, f, today);
  const where = except(c);
  const rank = query ? sql<number>`ts_rank(${o.search}, ${query})` : sql<number>`0`;
  const order =
    f.sort === 'titel'
      ? [asc(o.title), asc(o.id)]
      : f.sort === 'relevantie' && query
        ? [desc(rank), desc(o.publishedAt), asc(o.id)]
        : [desc(o.publishedAt), asc(o.id)];

  const [
    rows,
    [total],
    categoryRows,
    weekdayRows,
    levelRows,
    womenRows,
    childcareRows,
    networkRows,
    byMunicipality,
  ] = await Promise.all([
    db
      .select({
        id: o.id,
        title: o.title,
        description: o.description,
        organiserName: o.organiserName,
        category: o.category,
        calendarType: o.calendarType,
        dates: o.dates,
        startDate: o.startDate,
        endDate: o.endDate,
        weekdays: o.weekdays,
        timeNote: o.timeNote,
        sessionMinutes: o.sessionMinutes,
        dutchLevel: o.dutchLevel,
        audience: o.audience,
        womenOnly: o.womenOnly,
        childcare: o.childcare,
        wheelchairAccessible: o.wheelchairAccessible,
        availability: o.availability,
        contactName: o.contactName,
        contactEmail: o.contactEmail,
        contactPhone: o.contactPhone,
        contactLanguages: o.contactLanguages,
        publishedAt: o.publishedAt,
        validUntil: o.validUntil,
      })
      .from(o)
      .where(where)
      .orderBy(...order)
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(o).where(where),
    db.select({ key: o.category, n: count() }).from(o).where(except(c, 'category')).groupBy(o.category),
    db
      .select({ key: sql<string>`d.day`, n: count() })
      .from(o)
      .innerJoin(sql`lateral unnest(${o.weekdays}) as d(day)`, sql`true`)
      .where(except(c, 'weekday'))
      .groupBy(sql`d.day`),
    db.select({ key: o.dutchLevel, n: count() }).from(o).where(except(c, 'level')).groupBy(o.dutchLevel),
    db
      .select({ n: count() })
      .from(o)
      .where(and(except(c, 'women'), eq(o.womenOnly, true))),
    db
      .select({ n: count() })
      .from(o)
      .where(and(except(c, 'childcare'), eq(o.childcare, true))),
    db
      .select({ key: pl.networkCode, n: sql<number>`count(distinct ${o.id})::int` })
      .from(o)
      .innerJoin(pl, eq(pl.offerId, o.id))
      .where(except(c, 'place'))
      .groupBy(pl.networkCode),
    db
      .select({
        nis: pl.municipalityNis,
        name: municipalities.name,
        n: sql<number>`count(distinct ${o.id})::int`,
      })
      .from(o)
      .innerJoin(pl, eq(pl.offerId, o.id))
      .innerJoin(municipalities, eq(municipalities.nis, pl.municipalityNis))
      .where(where)
      .groupBy(pl.municipalityNis, municipalities.name)
      .orderBy(desc(sql`count(distinct ${o.id})`), asc(municipalities.name)),
  ]);

  const places = await placesOf(
    db,
    rows.map((r) => r.id),
  );
  const exactLevels = Object.fromEntries(levelRows.map((r) => [r.key, r.n]));
  let running = 0;
  const cumulative: Record<string, number> = {};
  for (const level of dutchLevels) {
    running += exactLevels[level] ?? 0;
    cumulative[level] = running;
  }
  const facets: Facets = {
    categories: Object.fromEntries(categoryRows.map((r) => [r.key, r.n])),
    weekdays: Object.fromEntries(weekdayRows.map((r) => [r.key, r.n])),
    dutchLevels: cumulative,
    womenOnly: womenRows[0]?.n ?? 0,
    childcare: childcareRows[0]?.n ?? 0,
    networks: Object.fromEntries(networkRows.map((r) => [r.key, r.n])),
  };
  return {
    items: rows.map((r) => ({ ...r, places: places.get(r.id) ?? [] })),
    total: total?.n ?? 0,
    facets,
    byMunicipality,
    /** True when the visitor typed something, but no word we could search for. */
    ignoredQuery: f.q.trim().length > 0 && tokens.length === 0,
  };
}

export type SearchResult = Awaited<ReturnType<typeof searchOffers>>;
export type SearchItem = SearchResult['items'][number];

/** Municipalities and networks for the filter lists (reference data, cached per process). */
let referenceCache:
  | Promise<{
      municipalities: Array<{ nis: string; name: string; networkCode: string }>;
      networks: Array<{ code: string; name: string }>;
    }>
  | undefined;

export function searchReference(db: Executor) {
  referenceCache ??= Promise.all([
    db
      .select({ nis: municipalities.nis, name: municipalities.name, networkCode: municipalities.networkCode })
      .from(municipalities)
      .orderBy(asc(municipalities.name)),
    db.select({ code: networks.code, name: networks.name }).from(networks).orderBy(asc(networks.name)),
  ]).then(([m, n]) => ({ municipalities: m, networks: n }));
  referenceCache.catch(() => {
    referenceCache = undefined;
  });
  return referenceCache;
}
