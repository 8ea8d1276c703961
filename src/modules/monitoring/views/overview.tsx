import type { ViewContext } from '../../../core/views/context';
import { Layout } from '../../../core/views/layout';
import { themes } from '../catalogue';
import type { GeoMunicipality } from '../geo';
import { MunicipalityPicker } from './profile';

export function OverviewPage({
  ctx,
  municipalities,
  canManage,
}: {
  ctx: ViewContext;
  municipalities: GeoMunicipality[];
  canManage: boolean;
}) {
  return (
    <Layout
      ctx={ctx}
      title="Monitoring"
      breadcrumbs={[{ href: '/', label: 'Start' }, { label: 'Monitoring' }]}
    >
      <h1>Monitoring</h1>
      <p class="lead">
        Meetbare en evalueerbare indicatoren voor het lokale integratiebeleid: de situatie van uw gemeente, de
        vergelijking met gelijkaardige gemeenten, en de voortgang van actieplannen.
      </p>
      <h2>Profiel van een gemeente</h2>
      <MunicipalityPicker
        municipalities={municipalities}
        action="/monitoring/gemeenten"
        selected={ctx.principal?.active.municipalityNis ?? undefined}
      />
      <div class="card-grid">
        <section class="card">
          <h2>
            <a href="/monitoring/indicatoren">Indicatorcatalogus</a>
          </h2>
          <p>Elke indicator met zijn metadatafiche, rond de 8 doelen van de Barometer Samenleven.</p>
          <ul>
            {themes.map((t) => (
              <li>
                <a href={`/monitoring/indicatoren?theme=${t.code}`}>{t.label}</a>
              </li>
            ))}
          </ul>
        </section>
        <section class="card">
          <h2>
            <a href="/monitoring/kaart">Kaart</a>
          </h2>
          <p>
            Elke indicator op de kaart van Vlaanderen en Brussel, per jaar en uitsplitsing, met de tabel
            erbij.
          </p>
        </section>
        <section class="card">
          <h2>
            <a href="/monitoring/vergelijken">Vergelijken</a>
          </h2>
          <p>
            Zet gemeenten naast elkaar, of laat de 10 meest gelijkaardige gemeenten voorstellen. Download als
            CSV.
          </p>
        </section>
        <section class="card">
          <h2>
            <a href="/monitoring/plannen">Actieplannen</a>
          </h2>
          <p>Resultaten met gewichten, mijlpalen en indicatoren; de voortgang rolt op naar het plan.</p>
        </section>
        <section class="card">
          <h2>
            <a href="/monitoring/regietafels">Regietafels</a>
          </h2>
          <p>Vlaamse, regionale en lokale afstemming: leden, vergaderingen, beslissingen en hun actieplan.</p>
        </section>
        <section class="card">
          <h2>
            <a href="/api/docs">Open data</a>
          </h2>
          <p>
            Alle gepubliceerde indicatoren als JSON en CSV onder <code>/api/v1/indicators</code>, met hun
            metadata.
          </p>
        </section>
        {canManage && (
          <section class="card">
            <h2>
              <a href="/monitoring/import">Waarden importeren</a>
            </h2>
            <p>CSV met controle vooraf: fouten per regel, niets ingelezen tot het bestand foutloos is.</p>
          </section>
        )}
      </div>
    </Layout>
  );
}
