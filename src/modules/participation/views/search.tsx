import { formatDate, formatNumber } from '../../../core/i18n/format';
import type { ViewContext } from '../../../core/views/context';
import { Layout } from '../../../core/views/layout';
import { AreaMap } from '../../../core/views/map';
import { Pagination, SummaryList, Tag, withQuery } from '../../../core/views/table';
import { municipalityAreas } from '../../reference';
import type { PublicOffer } from '../offers';
import { formatHours } from '../rules';
import {
  type OfferFilter,
  type SearchItem,
  type SearchResult,
  type SortOption,
  sortOptions,
} from '../search';
import {
  audienceLabels,
  availabilityLabels,
  categories,
  categoryHints,
  categoryLabels,
  dutchLevelLabels,
  dutchLevels,
  label,
  languageLabels,
  sectorLabels,
  weekdayLabels,
  weekdays,
} from '../vocab';
import { OfferFacts, placesText, whenText } from './common';

type Reference = {
  municipalities: Array<{ nis: string; name: string; networkCode: string }>;
  networks: Array<{ code: string; name: string }>;
};

const sortLabels: Record<SortOption, string> = {
  relevantie: 'Best passend bij uw zoekwoorden',
  nieuw: 'Nieuwste eerst',
  titel: 'Op naam (A tot Z)',
};

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n).replace(/\s+\S*$/, '')} …` : s);

function ResultCard({ o }: { o: SearchItem }) {
  return (
    <li class="card">
      <h3>
        <a href={`/aanbod/${o.id}`}>{o.title}</a>
      </h3>
      <OfferFacts o={o} />
      <p>
        <strong>Waar:</strong> {placesText(o.places)}
        <br />
        <strong>Wanneer:</strong> {whenText(o)}
      </p>
      <p>{truncate(o.description, 180)}</p>
      {o.womenOnly && <Tag kind="positive">Alleen voor vrouwen</Tag>}{' '}
      {o.availability !== 'open' && <Tag kind="pending">{label(availabilityLabels, o.availability)}</Tag>}
    </li>
  );
}

function Check({
  name,
  value,
  checked,
  text,
  n,
  id,
}: {
  name: string;
  value: string;
  checked: boolean;
  text: string;
  n: number | undefined;
  id: string;
}) {
  return (
    <div class="choice">
      <input class="choice__input" type="checkbox" id={id} name={name} value={value} checked={checked} />
      <label class="choice__label" for={id}>
        {text} <span class="facet-count">({formatNumber(n ?? 0)})</span>
      </label>
    </div>
  );
}

function ActiveFilters({
  filter,
  query,
  names,
}: {
  filter: OfferFilter;
  query: Record<string, unknown>;
  names: (nis: string) => string;
}) {
  const chips: Array<{ text: string; href: string }> = [];
  const without = (key: string, value?: string) => {
    const current = query[key];
    const next = Array.isArray(current) && value ? current.filter((v) => v !== value) : undefined;
    return withQuery('/aanbod', query, { [key]: next, page: undefined });
  };
  if (filter.q) chips.push({ text: `Zoekwoorden: ${filter.q}`, href: without('q') });
  if (filter.municipality)
    chips.push({
      text: filter.nearby
        ? `In de regio van ${names(filter.municipality)}`
        : `In ${names(filter.municipality)}`,
      href: withQuery('/aanbod', query, { gemeente: undefined, buurt: undefined, page: undefined }),
    });
  if (filter.network) chips.push({ text: `Netwerk: ${filter.network}`, href: without('netwerk') });
  for (const c of filter.categories)
    chips.push({ text: label(categoryLabels, c), href: without('categorie', c) });
  for (const d of filter.weekdays) chips.push({ text: `Op ${weekdayLabels[d]}`, href: without('dag', d) });
  if (filter.dutchLevel)
    chips.push({ text: label(dutchLevelLabels, filter.dutchLevel), href: without('niveau') });
  if (filter.womenOnly) chips.push({ text: 'Alleen voor vrouwen', href: without('vrouwen') });
  if (filter.childcare) chips.push({ text: 'Met kinderopvang', href: without('opvang') });
  if (chips.length === 0) return null;
  return (
    <div class="active-filters">
      <p>U zoekt op:</p>
      <ul class="link-list">
        {chips.map((c) => (
          <li>
            {c.text} (<a href={c.href}>weg</a>)
          </li>
        ))}
        <li>
          <a href="/aanbod">Alle filters wissen</a>
        </li>
      </ul>
    </div>
  );
}

type SearchPageProps = {
  ctx: ViewContext;
  filter: OfferFilter;
  query: Record<string, unknown>;
  result: SearchResult;
  page: number;
  pageSize: number;
  reference: Reference;
};

export function OfferSearchPage({ ctx, filter, query, result, page, pageSize, reference }: SearchPageProps) {
  const names = (nis: string) => reference.municipalities.find((m) => m.nis === nis)?.name ?? nis;
  const counts = new Map(result.byMunicipality.map((m) => [m.nis, m.n]));
  const f = result.facets;
  const shareUrl = withQuery('/aanbod', query, {});
  return (
    <Layout
      ctx={ctx}
      title="Activiteiten zoeken"
      breadcrumbs={[{ href: '/', label: 'Start' }, { label: 'Activiteiten' }]}
    >
      <h1>Activiteiten zoeken</h1>
      <p class="lead">
        Zoek een activiteit in uw buurt. U oefent er Nederlands en u leert nieuwe mensen kennen. De
        activiteiten tellen mee voor uw participatie- en netwerktraject van 40 uur.
      </p>
      <form method="get" action="/aanbod" role="search" aria-label="Activiteiten zoeken">
        <div class="filter-bar">
          <div class="field">
            <label class="field__label" for="f-q">
              Wat zoekt u?
            </label>
            <p class="field__hint" id="f-q-hint">
              Bijvoorbeeld: voetbal, taalcafé, koken, vrijwilliger
            </p>
            <input
              class="input input--medium"
              id="f-q"
              name="q"
              type="search"
              value={filter.q}
              maxLength={200}
              aria-describedby="f-q-hint"
            />
          </div>
          <div class="field">
            <label class="field__label" for="f-gemeente">
              In welke gemeente?
            </label>
            <select class="input select" id="f-gemeente" name="gemeente">
              <option value="">Alle gemeenten</option>
              {reference.municipalities.map((m) => (
                <option value={m.nis} selected={filter.municipality === m.nis}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <div class="choice">
            <input
              class="choice__input"
              type="checkbox"
              id="f-buurt"
              name="buurt"
              value="1"
              checked={filter.nearby}
            />
            <label class="choice__label" for="f-buurt">
              Ook in de buurt (in mijn regio)
            </label>
          </div>
          <button type="submit" class="button button--primary">
            Zoeken
          </button>
        </div>
        <details
          class="filters"
          open={
            filter.categories.length + filter.weekdays.length > 0 ||
            !!filter.dutchLevel ||
            filter.womenOnly ||
            filter.childcare ||
            !!filter.network
          }
        >
          <summary>Meer filters: soort, dag, niveau Nederlands, voor vrouwen, kinderopvang</summary>
          <fieldset class="fieldset">
            <legend class="field__label">Soort activiteit</legend>
            <div class="choices">
              {categories.map((c, i) => (
                <Check
                  id={`f-categorie-${i}`}
                  name="categorie"
                  value={c}
                  checked={filter.categories.includes(c)}
                  text={`${categoryLabels[c]}: ${categoryHints[c]}`}
                  n={f.categories[c]}
                />
              ))}
            </div>
          </fieldset>
          <fieldset class="fieldset">
            <legend class="field__label">Op welke dag?</legend>
            <div class="choices choices--inline">
              {weekdays.map((d, i) => (
                <Check
                  id={`f-dag-${i}`}
                  name="dag"
                  value={d}
                  checked={filter.weekdays.includes(d)}
                  text={weekdayLabels[d]}
                  n={f.weekdays[d]}
                />
              ))}
            </div>
          </fieldset>
          <fieldset class="fieldset">
            <legend class="field__label">Hoeveel Nederlands spreekt u?</legend>
            <div class="choices">
              <div class="choice">
                <input
                  class="choice__input"
                  type="radio"
                  id="f-niveau-all"
                  name="niveau"
                  value=""
                  checked={!filter.dutchLevel}
                />
                <label class="choice__label" for="f-niveau-all">
                  Toon alles
                </label>
              </div>
              {dutchLevels.map((lv, i) => (
                <div class="choice">
                  <input
                    class="choice__input"
                    type="radio"
                    id={`f-niveau-${i}`}
                    name="niveau"
                    value={lv}
                    checked={filter.dutchLevel === lv}
                  />
                  <label class="choice__label" for={`f-niveau-${i}`}>
                    {lv === 'none' ? 'Nog geen Nederlands' : dutchLevelLabels[lv]}{' '}
                    <span class="facet-count">({formatNumber(f.dutchLevels[lv] ?? 0)})</span>
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          <fieldset class="fieldset">
            <legend class="field__label">Wat is belangrijk voor u?</legend>
            <div class="choices">
              <Check
                id="f-vrouwen"
                name="vrouwen"
                value="1"
                checked={filter.womenOnly}
                text="Alleen voor vrouwen"
                n={f.womenOnly}
              />
              <Check
                id="f-opvang"
                name="opvang"
                value="1"
                checked={filter.childcare}
                text="Met kinderopvang"
                n={f.childcare}
              />
            </div>
          </fieldset>
          <div class="field">
            <label class="field__label" for="f-netwerk">
              Regionaal netwerk
            </label>
            <select class="input select" id="f-netwerk" name="netwerk">
              <option value="">Alle netwerken</option>
              {reference.networks.map((n) => (
                <option value={n.code} selected={filter.network === n.code}>
                  {n.name} ({formatNumber(f.networks[n.code] ?? 0)})
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label class="field__label" for="f-sorteer">
              Sorteer
            </label>
            <select class="input select" id="f-sorteer" name="sorteer">
              {sortOptions.map((s) => (
                <option value={s} selected={filter.sort === s}>
                  {sortLabels[s]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="button button--secondary">
            Filters toepassen
          </button>
        </details>
      </form>

      {result.ignoredQuery && (
        <div class="notice notice--warning" role="status">
          In uw zoekwoorden staan geen letters of cijfers. We tonen alle activiteiten.
        </div>
      )}
      <h2 id="results">
        {result.total === 0
          ? 'Geen activiteiten gevonden'
          : result.total === 1
            ? '1 activiteit gevonden'
            : `${formatNumber(result.total)} activiteiten gevonden`}
      </h2>
      <ActiveFilters filter={filter} query={query} names={names} />
      {result.total === 0 ? (
        <p class="empty-state">
          Er is geen activiteit die bij alles past. Probeer minder filters, of zoek ook in de buurt.
        </p>
      ) : (
        <ul class="card-list" aria-labelledby="results">
          {result.items.map((o) => (
            <ResultCard o={o} />
          ))}
        </ul>
      )}
      <Pagination page={page} pageSize={pageSize} total={result.total} path="/aanbod" query={query} />
      <p class="actions">
        <a href={withQuery('/aanbod/afdrukken', query, { page: undefined, pageSize: undefined })}>
          Lijst afdrukken
        </a>
        <a href={shareUrl}>Link naar deze zoekopdracht (om te delen)</a>
      </p>

      {result.total > 0 && (
        <section aria-labelledby="map-heading">
          <h2 id="map-heading">Op de kaart</h2>
          <figure class="map-figure">
            <AreaMap
              areas={municipalityAreas()}
              title="Gemeenten met activiteiten"
              description={`Kaart van Vlaanderen en Brussel. De ${result.byMunicipality.length} gemeenten met minstens één activiteit uit uw zoekresultaat zijn donker gekleurd.`}
              classFor={(nis) => (counts.has(nis) ? 'map__area--highlight' : undefined)}
            />
            <figcaption>
              Donker: gemeenten met activiteiten uit uw zoekresultaat ({result.byMunicipality.length}{' '}
              gemeenten). De tabel hieronder toont hoeveel.
            </figcaption>
          </figure>
          <details>
            <summary>Aantal activiteiten per gemeente (tabel)</summary>
            <div class="table-wrap">
              <table class="table">
                <caption class="table__caption">Activiteiten per gemeente</caption>
                <thead>
                  <tr>
                    <th scope="col">Gemeente</th>
                    <th scope="col" class="numeric">
                      Activiteiten
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {result.byMunicipality.map((m) => (
                    <tr>
                      <td>
                        <a
                          href={withQuery('/aanbod', query, {
                            gemeente: m.nis,
                            buurt: undefined,
                            page: undefined,
                          })}
                        >
                          {m.name}
                        </a>
                      </td>
                      <td class="numeric">{m.n}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </section>
      )}
    </Layout>
  );
}

/** A plain page to print or save as PDF: the results without menu or filters. */
export function OfferPrintPage({
  filter,
  result,
  names,
  printedOn,
}: {
  filter: OfferFilter;
  result: SearchResult;
  names: (nis: string) => string;
  printedOn: string;
}) {
  const described = [
    filter.q && `zoekwoorden "${filter.q}"`,
    filter.municipality &&
      (filter.nearby ? `in de regio van ${names(filter.municipality)}` : `in ${names(filter.municipality)}`),
    filter.categories.length && filter.categories.map((c) => label(categoryLabels, c)).join(', '),
    filter.weekdays.length && `op ${filter.weekdays.map((d) => weekdayLabels[d]).join(', ')}`,
    filter.womenOnly && 'alleen voor vrouwen',
    filter.childcare && 'met kinderopvang',
  ].filter(Boolean);
  return (
    <html lang="nl-BE">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Activiteiten · afdrukken · Regiekamer</title>
        <link rel="stylesheet" href="/static/regiekamer.css" />
      </head>
      <body>
        <main id="main" class="container print-page">
          <h1>Activiteiten voor het participatie- en netwerktraject</h1>
          <p>
            {described.length ? `Gezocht op: ${described.join('; ')}.` : 'Alle activiteiten.'} Afgedrukt op{' '}
            {formatDate(printedOn)}.{' '}
            {result.total > result.items.length && `De eerste ${result.items.length} van ${result.total}.`}
          </p>
          {result.items.length === 0 ? (
            <p>Geen activiteiten gevonden.</p>
          ) : (
            <table class="table">
              <caption class="table__caption">Activiteiten ({result.total})</caption>
              <thead>
                <tr>
                  <th scope="col">Activiteit</th>
                  <th scope="col">Waar en wanneer</th>
                  <th scope="col">Contact</th>
                </tr>
              </thead>
              <tbody>
                {result.items.map((o) => (
                  <tr>
                    <td>
                      <strong>{o.title}</strong>
                      <br />
                      {label(categoryLabels, o.category)} · {label(dutchLevelLabels, o.dutchLevel)} ·{' '}
                      {formatHours(o.sessionMinutes)} per keer
                      {o.womenOnly && ' · alleen vrouwen'}
                      {o.childcare && ' · kinderopvang'}
                    </td>
                    <td>
                      {placesText(o.places)}
                      <br />
                      {whenText(o)}
                    </td>
                    <td>
                      {o.contactName}
                      <br />
                      {o.contactPhone ?? o.contactEmail}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p>Meer informatie en nieuwe activiteiten: /aanbod op Regiekamer.</p>
        </main>
      </body>
    </html>
  );
}

export function OfferPage({ ctx, offer }: { ctx: ViewContext; offer: PublicOffer }) {
  return (
    <Layout
      ctx={ctx}
      title={offer.title}
      breadcrumbs={[
        { href: '/', label: 'Start' },
        { href: '/aanbod', label: 'Activiteiten' },
        { label: offer.title },
      ]}
    >
      <h1>{offer.title}</h1>
      <OfferFacts o={offer} />
      {offer.womenOnly && (
        <p>
          <Tag kind="positive">Alleen voor vrouwen</Tag>
        </p>
      )}
      <div class="two-columns">
        <div>
          <h2>Wat doet u?</h2>
          {offer.description.split(/\n{2,}/).map((para) => (
            <p>{para}</p>
          ))}
          <h2>Praktisch</h2>
          <SummaryList
            items={[
              ['Wanneer', whenText(offer)],
              ['Hoe lang', `${formatHours(offer.sessionMinutes)} per keer`],
              [
                'Waar',
                <ul class="plain-list">
                  {offer.places.map((p) => (
                    <li>{[p.locationName, p.address, p.municipalityName].filter(Boolean).join(', ')}</li>
                  ))}
                </ul>,
              ],
              ['Nederlands', label(dutchLevelLabels, offer.dutchLevel)],
              ['Voor wie', label(audienceLabels, offer.audience)],
              ['Kinderopvang', offer.childcare ? 'Ja, er is kinderopvang' : 'Nee'],
              [
                'Toegankelijk',
                [offer.wheelchairAccessible ? 'Toegankelijk met een rolstoel' : null, offer.accessibilityNote]
                  .filter(Boolean)
                  .join('. ') || null,
              ],
              [
                'Plaatsen',
                [
                  label(availabilityLabels, offer.availability),
                  offer.capacity ? `${offer.capacity} plaatsen` : null,
                ]
                  .filter(Boolean)
                  .join(' · '),
              ],
              ['Prijs', offer.costNote ?? 'Gratis'],
              ['Sector', label(sectorLabels, offer.sector)],
              ['Organisator', offer.organiserName ?? offer.ownerName],
            ]}
          />
        </div>
        <div>
          <section class="card" aria-labelledby="contact-heading">
            <h2 id="contact-heading">Meedoen? Neem contact op</h2>
            <p>{offer.contactName}</p>
            <p>
              <a href={`mailto:${offer.contactEmail}`}>{offer.contactEmail}</a>
              {offer.contactPhone && (
                <>
                  <br />
                  <a href={`tel:${offer.contactPhone.replace(/[^\d+]/g, '')}`}>{offer.contactPhone}</a>
                </>
              )}
            </p>
            {offer.contactLanguages.length > 0 && (
              <p>
                {offer.contactName.split(' ')[0]} spreekt ook:{' '}
                {offer.contactLanguages
                  .filter((x) => x !== 'nl')
                  .map((x) => label(languageLabels, x))
                  .join(', ') || 'alleen Nederlands'}
              </p>
            )}
            <p>
              Zeg dat u de activiteit vond op het aanbodplatform. Doet u mee voor uw traject? Vertel het aan
              uw trajectbegeleider.
            </p>
          </section>
          <p>Gepubliceerd op {formatDate(offer.publishedAt)}.</p>
        </div>
      </div>
      <p>
        <a href="/aanbod">Terug naar alle activiteiten</a>
      </p>
    </Layout>
  );
}
