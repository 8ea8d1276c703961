import type { ViewContext } from '../../../core/views/context';
import { Layout } from '../../../core/views/layout';
import type { LocalOverview } from '../insights';
import { decimalHours } from '../rules';
import { categories, categoryLabels, dutchLevelLabels, dutchLevels } from '../vocab';
import { Suppressed } from './common';

export function LocalOverviewPage({ ctx, data }: { ctx: ViewContext; data: LocalOverview }) {
  const single = data.municipalities.length === 1;
  const where = single ? data.municipalities[0]!.name : `uw ${data.municipalities.length} gemeenten`;
  const tr = data.trajectories;
  return (
    <Layout
      ctx={ctx}
      title="Participatie in mijn gemeente"
      breadcrumbs={[{ href: '/home', label: 'Start' }, { label: 'Participatie' }]}
    >
      <h1>Participatie- en netwerktraject in {where}</h1>
      <p class="lead">
        Het aanbod in {where}, wat nog ontbreekt, en hoeveel inburgeraars een traject volgen. Cijfers over
        personen tonen we nooit voor groepen kleiner dan 5.
      </p>
      {data.municipalities.length === 0 && (
        <p class="empty-state">
          Uw organisatie is niet aan een gemeente gekoppeld. Vraag het na bij de beheerder.
        </p>
      )}

      <h2>Aanbod per soort</h2>
      <div class="table-wrap">
        <table class="table">
          <caption class="table__caption">Gepubliceerde activiteiten in {where} en in het netwerk</caption>
          <thead>
            <tr>
              <th scope="col">Soort</th>
              <th scope="col" class="numeric">
                In {single ? 'de gemeente' : 'uw gemeenten'}
              </th>
              <th scope="col" class="numeric">
                In het netwerk
              </th>
            </tr>
          </thead>
          <tbody>
            {categories.map((c) => (
              <tr>
                <th scope="row">{categoryLabels[c]}</th>
                <td class="numeric">{data.byCategory[c] ?? <strong>0 (ontbreekt)</strong>}</td>
                <td class="numeric">{data.inNetwork[c] ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        {data.gaps.length === 0
          ? 'Er is van elke soort minstens één activiteit.'
          : `Nog geen aanbod van deze soort: ${data.gaps.map((c) => categoryLabels[c]).join(', ')}. Zoek samen met het regionaal netwerk naar partners.`}
      </p>
      {data.municipalities[0] && (
        <p>
          <a href={`/aanbod?gemeente=${data.municipalities[0].nis}${single ? '' : '&buurt=1'}`}>
            Bekijk het aanbod op het platform
          </a>
        </p>
      )}

      <h2>Inburgeraars in een traject</h2>
      <div class="card-grid">
        <section class="card">
          <h3>Trajecten</h3>
          <p>
            Lopend: <Suppressed value={tr.byStatus.active} />
            <br />
            Afgerond: <Suppressed value={tr.byStatus.completed} />
            <br />
            Stopgezet: <Suppressed value={tr.byStatus.stopped} />
            <br />
            Samen: <Suppressed value={tr.total} />
          </p>
        </section>
        <section class="card">
          <h3>Lopende trajecten</h3>
          <p>
            Verplicht: <Suppressed value={tr.activeObliged.obliged} />
            <br />
            Vrijwillig: <Suppressed value={tr.activeObliged.optional} />
          </p>
          <p>
            {dutchLevels.map((lv) => (
              <>
                {dutchLevelLabels[lv]}: <Suppressed value={tr.levels[lv]} />
                <br />
              </>
            ))}
          </p>
        </section>
        <section class="card">
          <h3>Uren in {data.year}</h3>
          <p>
            Gevalideerde uren:{' '}
            <Suppressed value={data.hoursThisYear.minutes} hidden="niet getoond">
              {decimalHours(data.hoursThisYear.minutes ?? 0)} uur
            </Suppressed>
            <br />
            Van <Suppressed value={data.hoursThisYear.people} /> inburgeraars
          </p>
        </section>
      </div>

      {data.perMunicipality.length > 1 && (
        <>
          <h2>Per gemeente</h2>
          <div class="table-wrap">
            <table class="table">
              <caption class="table__caption">Aanbod en trajecten per gemeente</caption>
              <thead>
                <tr>
                  <th scope="col">Gemeente</th>
                  <th scope="col" class="numeric">
                    Activiteiten
                  </th>
                  <th scope="col" class="numeric">
                    Soorten zonder aanbod
                  </th>
                  <th scope="col" class="numeric">
                    Lopende trajecten
                  </th>
                  <th scope="col" class="numeric">
                    Afgeronde trajecten
                  </th>
                  <th scope="col" class="numeric">
                    Uren in {data.year}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.perMunicipality.map((m) => (
                  <tr>
                    <th scope="row">
                      <a href={`/aanbod?gemeente=${m.nis}`}>{m.name}</a>
                    </th>
                    <td class="numeric">{m.offers}</td>
                    <td class="numeric">{m.missing.length}</td>
                    <td class="numeric">
                      <Suppressed value={m.active} />
                    </td>
                    <td class="numeric">
                      <Suppressed value={m.completed} />
                    </td>
                    <td class="numeric">
                      <Suppressed value={m.hoursThisYear} hidden="niet getoond">
                        {decimalHours(m.hoursThisYear ?? 0)}
                      </Suppressed>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p>
        Waarom staat er soms "&lt; 5"? Bij kleine groepen kan iemand herkend worden. Daarom tonen we die
        cijfers niet.
      </p>
    </Layout>
  );
}
