import { type OrganisationType, organisationTypeLabels } from '../../../core/access/roles';
import { formatNumber } from '../../../core/i18n/format';
import type { ViewContext } from '../../../core/views/context';
import { Layout } from '../../../core/views/layout';
import { AreaMap } from '../../../core/views/map';
import { Table } from '../../../core/views/table';
import { municipalityAreas } from '../../reference';
import type { NetworkPageData } from '../insights';
import { categories, categoryLabels } from '../vocab';
import { placesText } from './common';

type NetworkSummary = { code: string; name: string; municipalities: number; offers: number };

export function NetworkListPage({ ctx, rows }: { ctx: ViewContext; rows: NetworkSummary[] }) {
  return (
    <Layout
      ctx={ctx}
      title="Regionale netwerken"
      breadcrumbs={[{ href: '/', label: 'Start' }, { label: 'Regionale netwerken' }]}
    >
      <h1>Regionale netwerken</h1>
      <p class="lead">
        In 18 regionale netwerken werken lokale besturen, organisaties en het agentschap samen. Ze zoeken
        activiteiten voor het participatie- en netwerktraject, ook over de grenzen van de gemeente heen.
      </p>
      <Table
        caption="De 18 netwerken"
        path="/netwerken"
        rows={rows}
        columns={[
          { key: 'name', label: 'Netwerk', render: (n) => <a href={`/netwerken/${n.code}`}>{n.name}</a> },
          { key: 'municipalities', label: 'Gemeenten', numeric: true, render: (n) => n.municipalities },
          {
            key: 'offers',
            label: 'Activiteiten',
            numeric: true,
            render: (n) => <a href={`/aanbod?netwerk=${n.code}`}>{formatNumber(n.offers)}</a>,
          },
        ]}
      />
    </Layout>
  );
}

export function NetworkPage({ ctx, data }: { ctx: ViewContext; data: NetworkPageData }) {
  const { network } = data;
  const memberSet = new Set(data.members.map((m) => m.nis));
  const gaps = data.members.filter((m) => m.missing.length > 0);
  return (
    <Layout
      ctx={ctx}
      title={`Netwerk ${network.name}`}
      breadcrumbs={[
        { href: '/', label: 'Start' },
        { href: '/netwerken', label: 'Regionale netwerken' },
        { label: network.name },
      ]}
    >
      <h1>Regionaal netwerk {network.name}</h1>
      <p class="lead">
        {data.members.length} gemeenten werken samen. Samen bieden ze {formatNumber(data.offerTotal)}{' '}
        activiteiten aan voor het participatie- en netwerktraject.
      </p>
      <p class="actions">
        <a class="button button--primary" href={`/aanbod?netwerk=${network.code}`}>
          Bekijk alle activiteiten in dit netwerk
        </a>
      </p>
      <div class="two-columns">
        <section aria-labelledby="who">
          <h2 id="who">Wie werkt mee?</h2>
          <h3>Coördinatie</h3>
          {data.networkOrg ? (
            <p>
              <a href={`/organisaties/${data.networkOrg.id}`}>{data.networkOrg.name}</a>
              {data.networkOrg.email && (
                <>
                  <br />
                  <a href={`mailto:${data.networkOrg.email}`}>{data.networkOrg.email}</a>
                </>
              )}
            </p>
          ) : null}
          {data.coordinators.length > 0 ? (
            <p>Netwerkcoördinatoren: {data.coordinators.map((c) => c.name).join(', ')}.</p>
          ) : (
            <p>Er is nog geen netwerkcoördinator aangemeld op Regiekamer.</p>
          )}
          <h3>Lokale besturen ({data.members.length})</h3>
          <ul class="columns-list">
            {data.members.map((m) => (
              <li>{m.regisseurId ? <a href={`/organisaties/${m.regisseurId}`}>{m.name}</a> : m.name}</li>
            ))}
          </ul>
          <h3>Organisaties met aanbod ({data.owners.length})</h3>
          {data.owners.length === 0 ? (
            <p>Nog geen organisaties met aanbod.</p>
          ) : (
            <ul class="columns-list">
              {data.owners.map((o) => (
                <li>
                  <a href={`/organisaties/${o.id}`}>{o.name}</a> ({o.offers}
                  {o.type !== 'local_government' &&
                    `, ${organisationTypeLabels[o.type as OrganisationType] ?? o.type}`}
                  )
                </li>
              ))}
            </ul>
          )}
        </section>
        <figure class="map-figure">
          <AreaMap
            areas={municipalityAreas()}
            title={`De gemeenten van netwerk ${network.name}`}
            description={`Kaart van Vlaanderen en Brussel waarop de ${data.members.length} gemeenten van het netwerk ${network.name} donker zijn.`}
            classFor={(nis) => (memberSet.has(nis) ? 'map__area--highlight' : undefined)}
          />
          <figcaption>De gemeenten van het netwerk {network.name}.</figcaption>
        </figure>
      </div>

      {data.latest.length > 0 && (
        <section aria-labelledby="latest">
          <h2 id="latest">Nieuwste activiteiten</h2>
          <ul class="link-list">
            {data.latest.map((o) => (
              <li>
                <a href={`/aanbod/${o.id}`}>{o.title}</a> (
                {categoryLabels[o.category as keyof typeof categoryLabels] ?? o.category},{' '}
                {placesText(o.places)})
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="gaps">
        <h2 id="gaps">Wat ontbreekt er per gemeente?</h2>
        <p>
          De tabel toont hoeveel activiteiten er zijn per soort en per gemeente. Een streepje betekent: nog
          geen activiteit van die soort in die gemeente. Activiteiten in een buurgemeente van het netwerk
          kunnen die leemte vullen.
        </p>
        <p>
          {gaps.length === 0
            ? 'Elke gemeente heeft minstens één activiteit van elke soort.'
            : `${gaps.length} van de ${data.members.length} gemeenten missen minstens één soort activiteit.`}
        </p>
        <div class="table-wrap">
          <table class="table">
            <caption class="table__caption">Activiteiten per soort en per gemeente</caption>
            <thead>
              <tr>
                <th scope="col">Gemeente</th>
                {categories.map((c) => (
                  <th scope="col" class="numeric">
                    {categoryLabels[c]}
                  </th>
                ))}
                <th scope="col" class="numeric">
                  Soorten zonder aanbod
                </th>
              </tr>
            </thead>
            <tbody>
              {data.members.map((m) => (
                <tr>
                  <th scope="row">
                    <a href={`/aanbod?gemeente=${m.nis}`}>{m.name}</a>
                  </th>
                  {categories.map((c) => (
                    <td class="numeric">
                      {m.counts[c] ? (
                        m.counts[c]
                      ) : (
                        <>
                          <span aria-hidden="true">–</span>
                          <span class="visually-hidden">geen</span>
                        </>
                      )}
                    </td>
                  ))}
                  <td class="numeric">{m.missing.length}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Heel het netwerk</th>
                {categories.map((c) => (
                  <td class="numeric">{data.networkTotals[c] ?? 0}</td>
                ))}
                <td class="numeric">{categories.filter((c) => !data.networkTotals[c]).length}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
    </Layout>
  );
}
