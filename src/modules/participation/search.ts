import { and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
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

/** Per word: whether Dutch full text keeps a lexeme of it (stop words do not). Bounded, per process. */
const lexemeCache = new Map<string, boolean>();
const LEXEME_CACHE_MAX = 10_000;

/**
 * The words that give a Dutch lexeme, in order; stop words drop out. Asked of the database once per word
 * (to_tsvector never raises a notice, unlike to_tsquery on a stop word), then cached.
 */
async function wordsWithLexemes(db: Executor, tokens: string[]): Promise<string[]> {
  const unknown = tokens.filter((t) => !lexemeCache.has(t));
  if (unknown.length) {
    const result = (await db.execute(
      sql`select w.word, length(to_tsvector('dutch'::regconfig, w.word)) > 0 as kept from unnest(array[${sql.join(
        unknown.map((t) => sql`${t}`),
        sql`, `,
      )}]::text[]) as w(word)`,
    )) as unknown as { rows: Array<{ word: string; kept: boolean }> };
    if (lexemeCache.size + unknown.length > LEXEME_CACHE_MAX) lexemeCache.clear();
    for (const row of result.rows) lexemeCache.set(row.word, row.kept === true);
  }
  return tokens.filter((t) => lexemeCache.get(t) === true);
}

/**
 * The words as one tsquery: per word its Dutch stem; the last word, which may still be being typed,
 * also matches any word starting with it ("taal" finds "taalcafé"). Only words that give a lexeme are
 * passed in. Words are bound as parameters.
 */
function tsQuery(words: string[]): SQL {
  const last = words.length - 1;
  const parts = words.map((t, i) =>
    i === last
      ? sql`(to_tsquery('dutch'::regconfig, ${t}) || to_tsquery('simple'::regconfig, ${`${t}:*`}))`
      : sql`to_tsquery('dutch'::regconfig, ${t})`,
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
  const words = tokens.length ? await wordsWithLexemes(db, tokens) : [];
  const query = words.length ? tsQuery(words) : undefined;
  const placeParts: SQL[] = [];
  if (f.municipality && f.nearby) {
    // "In my network": the network of that municipality (none when the code is unknown).
    placeParts.push(
      sql`${pl.networkCode} = (select ${municipalities.networkCode} from ${municipalities} where ${municipalities.nis} = ${f.municipality})`,
    );
  } else {
    if (f.municipality) placeParts.push(eq(pl.municipalityNis, f.municipality));
    if (f.network) placeParts.push(eq(pl.networkCode, f.network));
  }
  const c: Conditions = {
    base: visibleOfferCondition(today),
    text: query ? sql`${o.search} @@ (${query})` : undefined,
    // As an array of ids, so the planner can combine it with other indexes (see facetQuery).
    place: placeParts.length
      ? sql`${o.id} = any(array(select ${pl.offerId} from ${pl} where ${and(...placeParts)}))`
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
  // The same place condition as a flag per row: a hashed lookup, not a scan of the array.
  const placeFlag = placeParts.length
    ? sql`${o.id} in (select ${pl.offerId} from ${pl} where ${and(...placeParts)})`
    : undefined;
  return { c, query, tokens, placeFlag };
}

const except = (c: Conditions, ...skip: Array<keyof Conditions>): SQL =>
  and(
    ...(Object.entries(c) as Array<[keyof Conditions, SQL | undefined]>)
      .filter(([k]) => !skip.includes(k))
      .map(([, v]) => v),
  )!;

type FacetRow = {
  facet: 'total' | 'category' | 'weekday' | 'level' | 'women' | 'childcare' | 'network' | 'municipality';
  key: string | null;
  name: string | null;
  n: number;
};

/** The filters a facet leaves out when it counts (each facet counts with the other filters applied). */
const facetFilters = ['place', 'category', 'weekday', 'level', 'women', 'childcare'] as const;
type FacetFilter = (typeof facetFilters)[number];

/**
 * One statement for the total, every facet and the results per municipality. The offers that pass the
 * conditions no facet leaves out (visible, full text) are found once (`m`), each other filter becomes a
 * boolean column, and every count is taken over `m` with the filters it needs.
 */
function facetQuery(c: Conditions, placeFlag: SQL | undefined): SQL {
  const active = facetFilters.filter((k) => c[k] !== undefined);
  const flags = active.map((k) => sql`, ${k === 'place' ? placeFlag : c[k]} as ${sql.identifier(`k_${k}`)}`);
  // An offer failing two or more filters counts nowhere: keep those that fail at most one, written as
  // "all but one hold" per filter so the planner can use each filter's index.
  const atMostOneFails =
    active.length >= 2
      ? or(...active.map((skip) => and(...active.filter((k) => k !== skip).map((k) => c[k]))))
      : undefined;
  const all = (skip?: FacetFilter): SQL => {
    const parts = active.filter((k) => k !== skip).map((k) => sql`m.${sql.identifier(`k_${k}`)}`);
    return parts.length ? sql.join(parts, sql` and `) : sql`true`;
  };
  const placeColumn = c.place ? sql`, m.k_place` : sql``;
  const mpPlace = c.place ? sql`mp.k_place` : sql`true`;
  return sql`with m as materialized (
      select ${o.id} as id, ${o.category} as category, ${o.weekdays} as weekdays, ${o.dutchLevel} as dutch_level,
        ${o.womenOnly} as women_only, ${o.childcare} as childcare${sql.join(flags, sql``)}
      from ${o} where ${and(c.base, c.text, atMostOneFails)}
    ), mp as materialized (
      select m.id, p.network_code, p.municipality_nis${placeColumn}
      from m join ${pl} as p on p.offer_id = m.id where ${all('place')}
    ), f as (
      select 'total' as facet, null::text as key, count(*)::int as n from m where ${all()}
      union all
      select 'category', m.category, count(*)::int from m where ${all('category')} group by m.category
      union all
      select 'weekday', d.day, count(*)::int from m cross join lateral unnest(m.weekdays) as d(day)
        where ${all('weekday')} group by d.day
      union all
      select 'level', m.dutch_level, count(*)::int from m where ${all('level')} group by m.dutch_level
      union all
      select 'women', null, count(*)::int from m where ${all('women')} and m.women_only
      union all
      select 'childcare', null, count(*)::int from m where ${all('childcare')} and m.childcare
      union all
      select 'network', mp.network_code, count(distinct mp.id)::int from mp group by mp.network_code
      union all
      select 'municipality', mp.municipality_nis, count(distinct mp.id)::int from mp
        where ${mpPlace} group by mp.municipality_nis
    )
    select f.facet, f.key, mu.name, f.n from f
      left join ${municipalities} as mu on f.facet = 'municipality' and mu.nis = f.key
    order by f.facet, f.n desc, mu.name`;
}

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
  const { c, query, tokens, placeFlag } = await buildConditions(db, f, today);
  const where = except(c);
  const rank = query ? sql<number>`ts_rank(${o.search}, ${query})` : sql<number>`0`;
  const order =
    f.sort === 'titel'
      ? [asc(o.title), asc(o.id)]
      : f.sort === 'relevantie' && query
        ? [desc(rank), desc(o.publishedAt), asc(o.id)]
        : [desc(o.publishedAt), asc(o.id)];

  const [rows, facetRows] = await Promise.all([
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
    db.execute(facetQuery(c, placeFlag)) as unknown as Promise<{ rows: FacetRow[] }>,
  ]);

  const places = await placesOf(
    db,
    rows.map((r) => r.id),
  );
  const of = (facet: FacetRow['facet']) => facetRows.rows.filter((r) => r.facet === facet);
  const exactLevels = Object.fromEntries(of('level').map((r) => [r.key, r.n]));
  let running = 0;
  const cumulative: Record<string, number> = {};
  for (const level of dutchLevels) {
    running += exactLevels[level] ?? 0;
    cumulative[level] = running;
  }
  const facets: Facets = {
    categories: Object.fromEntries(of('category').map((r) => [r.key, r.n])),
    weekdays: Object.fromEntries(of('weekday').map((r) => [r.key, r.n])),
    dutchLevels: cumulative,
    womenOnly: of('women')[0]?.n ?? 0,
    childcare: of('childcare')[0]?.n ?? 0,
    networks: Object.fromEntries(of('network').map((r) => [r.key, r.n])),
  };
  return {
    items: rows.map((r) => ({ ...r, places: places.get(r.id) ?? [] })),
    total: of('total')[0]?.n ?? 0,
    facets,
    byMunicipality: of('municipality').map((r) => ({ nis: r.key!, name: r.name!, n: r.n })),
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
