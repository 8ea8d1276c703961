import type { ViewContext } from '../../../core/views/context';
import { Layout } from '../../../core/views/layout';
import { AreaMap } from '../../../core/views/map';
import { Pagination, type SortState, SummaryList, Table } from '../../../core/views/table';
import { municipalityAreas } from '../map';
import type { MunicipalityRow } from '../service';

export const agencyNames: Record<string, string> = {
  AGII: 'Agentschap Integratie en Inburgering (AgII)',
  ATLAS: 'Atlas (Antwerpen)',
  AMAL: 'Amal (Gent)',
  HVN: 'Huis van het Nederlands Brussel',
};

const regionNames: Record<string, string> = { VLG: 'Vlaams Gewest', BRU: 'Brussels Hoofdstedelijk Gewest' };

type ListProps = {
  ctx: ViewContext;
  rows: MunicipalityRow[];
  total: number;
  page: number;
  pageSize: number;
  query: { q?: string | undefined; region?: string | undefined; network?: string | undefined };
  sort: SortState;
  networks: { code: string; name: string }[];
};

export function MunicipalityListPage({ ctx, rows, total, page, pageSize, query, sort, networks }: ListProps) {
  return (
    <Layout ctx={ctx} title="Gemeenten" breadcrumbs={[{ href: '/', label: 'Start' }, { label: 'Gemeenten' }]}>
      <h1>Gemeenten</h1>
      <p class="lead">
        De 285 Vlaamse en 19 Brusselse gemeenten (indeling 2025), met hun regisseur, hun regionaal netwerk en
        het agentschap dat hen ondersteunt.
      </p>
      <form method="get" action="/gemeenten" class="filter-bar" role="search">
        <div class="field">
          <label class="field__label" for="f-q">
            Zoek op naam of NIS-code
          </label>
          <input class="input input--medium" id="f-q" name="q" type="search" value={query.q ?? ''} />
        </div>
        <div class="field">
          <label class="field__label" for="f-region">
            Gewest
          </label>
          <select class="input select" id="f-region" name="region">
            <option value="">Alle gewesten</option>
            <option value="VLG" selected={query.region === 'VLG'}>
              Vlaams Gewest
            </option>
            <option value="BRU" selected={query.region === 'BRU'}>
              Brussels Hoofdstedelijk Gewest
            </option>
          </select>
        </div>
        <div class="field">
          <label class="field__label" for="f-network">
            Regionaal netwerk
          </label>
          <select class="input select" id="f-network" name="network">
            <option value="">Alle netwerken</option>
            {networks.map((n) => (
              <option value={n.code} selected={query.network === n.code}>
                {n.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button--secondary">
          Zoeken
        </button>
      </form>
      <Table
        caption={`Gemeenten (${total})`}
        path="/gemeenten"
        query={query}
        sort={sort}
        empty="Geen gemeenten gevonden. Probeer een andere zoekterm."
        columns={[
          {
            key: 'name',
            label: 'Gemeente',
            sortable: true,
            render: (m) => <a href={`/gemeenten/${m.nis}`}>{m.name}</a>,
          },
          { key: 'nis', label: 'NIS-code', sortable: true, render: (m) => m.nis },
          { key: 'province', label: 'Provincie', sortable: true, render: (m) => m.provinceName ?? 'Brussel' },
          { key: 'network', label: 'Regionaal netwerk', sortable: true, render: (m) => m.networkName },
          {
            key: 'agency',
            label: 'Agentschap',
            sortable: true,
            render: (m) => agencyNames[m.supportAgency] ?? m.supportAgency,
          },
        ]}
        rows={rows}
      />
      <Pagination
        page={page}
        pageSize={pageSize}
        total={total}
        path="/gemeenten"
        query={{ ...query, ...sort }}
      />
    </Layout>
  );
}

type DetailProps = {
  ctx: ViewContext;
  m: MunicipalityRow;
  agency: { id: string; name: string; email: string | null; phone: string | null } | null;
};

export function MunicipalityPage({ ctx, m, agency }: DetailProps) {
  return (
    <Layout
      ctx={ctx}
      title={m.name}
      breadcrumbs={[
        { href: '/', label: 'Start' },
        { href: '/gemeenten', label: 'Gemeenten' },
        { label: m.name },
      ]}
    >
      <h1>{m.name}</h1>
      <div class="two-columns">
        <div>
          <SummaryList
            items={[
              ['NIS-code', m.nis],
              ['Gewest', regionNames[m.region] ?? m.region],
              ['Provincie', m.provinceName ?? 'Geen (Brussels Hoofdstedelijk Gewest)'],
              ['Referentieregio', m.referenceRegionName ?? 'Geen'],
              ['Regionaal netwerk', m.networkName],
              [
                'Regisseur integratiebeleid',
                m.regisseurOrganisationId ? (
                  <a href={`/organisaties/${m.regisseurOrganisationId}`}>{m.regisseurName}</a>
                ) : null,
              ],
              [
                'Ondersteund door',
                agency ? (
                  <a href={`/organisaties/${agency.id}`}>{agency.name}</a>
                ) : (
                  agencyNames[m.supportAgency]
                ),
              ],
              [
                'Contact agentschap',
                agency?.email ? <a href={`mailto:${agency.email}`}>{agency.email}</a> : null,
              ],
              ['vzw De Rand', m.deRand ? 'Ja, De Rand treedt op voor deze faciliteitengemeente' : 'Nee'],
            ]}
          />
        </div>
        <figure class="map-figure">
          <AreaMap
            areas={municipalityAreas()}
            title={`Ligging van ${m.name}`}
            description={`Kaart van Vlaanderen en Brussel waarop ${m.name} is aangeduid.`}
            classFor={(nis) => (nis === m.nis ? 'map__area--highlight' : undefined)}
            marker={m.nis}
          />
          <figcaption>
            {m.name} ligt in{' '}
            {m.provinceName ? `de provincie ${m.provinceName}` : 'het Brussels Hoofdstedelijk Gewest'}, in het
            netwerk {m.networkName}.
          </figcaption>
        </figure>
      </div>
    </Layout>
  );
}
