import { formatDateTime } from '../../../core/i18n/format';
import { ChartWithTable, formatFixed, formatValue } from '../../../core/views/chart';
import type { ViewContext } from '../../../core/views/context';
import { FilterBar, FilterSelect } from '../../../core/views/filter-bar';
import { Layout } from '../../../core/views/layout';
import { themes } from '../catalogue';
import type { GeoMunicipality } from '../geo';
import type { Profile, ProfileIndicator } from '../service';
import {
  cellText,
  DemoNotice,
  MonitoringStyles,
  monitoringCrumb,
  SuppressionNote,
  sortByName,
} from './shared';

export function MunicipalityPicker({
  municipalities,
  selected,
  action,
  name = 'nis',
  label = 'Gemeente',
}: {
  municipalities: GeoMunicipality[];
  selected?: string | undefined;
  action: string;
  name?: string;
  label?: string;
}) {
  const sorted = sortByName(municipalities);
  return (
    <FilterBar action={action} search={false} submit="Toon">
      <FilterSelect
        name={name}
        label={label}
        value={selected}
        options={sorted.map((m) => ({ value: m.nis, label: m.name }))}
      />
    </FilterBar>
  );
}

export function ProfileIndexPage({
  ctx,
  municipalities,
}: {
  ctx: ViewContext;
  municipalities: GeoMunicipality[];
}) {
  return (
    <Layout
      ctx={ctx}
      title="Gemeenteprofielen"
      breadcrumbs={[{ href: '/', label: 'Start' }, monitoringCrumb, { label: 'Gemeenteprofielen' }]}
    >
      <h1>Gemeenteprofielen</h1>
      <p class="lead">
        Per thema de laatste cijfers van een gemeente, hun evolutie en de vergelijking met de referentieregio,
        de provincie en Vlaanderen.
      </p>
      <MunicipalityPicker
        municipalities={municipalities}
        action="/monitoring/gemeenten"
        selected={ctx.principal?.active.municipalityNis ?? undefined}
      />
    </Layout>
  );
}

function change(p: ProfileIndicator): { text: string; kind: 'better' | 'worse' | null } | null {
  if (!p.latest || !p.previous || p.latest.cell.value === null || p.previous.cell.value === null) return null;
  const diff = p.latest.cell.value - p.previous.cell.value;
  const ind = p.indicator;
  const unit = ind.unit === '%' ? ' procentpunt' : ind.unit === '‰' ? ' promillepunt' : ` ${ind.unit}`;
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±';
  const kind =
    diff === 0 || ind.direction === 'neutral'
      ? null
      : diff > 0 === (ind.direction === 'higher')
        ? 'better'
        : 'worse';
  return {
    text: `${sign}${formatFixed(Math.abs(diff), ind.decimals)}${unit} t.o.v. ${p.previous.period}`,
    kind,
  };
}

function Tile({ p }: { p: ProfileIndicator }) {
  const ind = p.indicator;
  const c = change(p);
  const region = p.latest ? p.lines[p.lines.length - 1] : undefined;
  const regionCell = region && p.latest ? region.cells[p.periods.indexOf(p.latest.period)] : undefined;
  return (
    <li class="tile">
      <h3 class="tile__title">
        <a href={`#ind-${ind.code}`}>{ind.name}</a>
      </h3>
      {p.latest ? (
        <>
          <p class="tile__value">{cellText(p.latest.cell, ind.decimals, ind.unit)}</p>
          <p class="tile__meta">
            in {p.latest.period}
            {p.latest.cell.status === 'provisional' ? ' (voorlopig)' : ''}
          </p>
          {c && (
            <p class={`tile__meta${c.kind ? ` tile__trend--${c.kind}` : ''}`}>
              {c.text}
              {c.kind === 'better' ? ' (gunstig)' : c.kind === 'worse' ? ' (ongunstig)' : ''}
            </p>
          )}
          {region && regionCell && region.key !== p.lines[0]?.key && (
            <p class="tile__meta">
              {region.name}: {cellText(regionCell, ind.decimals, ind.unit)}
            </p>
          )}
        </>
      ) : (
        <p class="tile__meta">Nog geen gegevens.</p>
      )}
      {p.target && (
        <p class="tile__meta">
          Streefwaarde: {formatValue(p.target.value, ind.decimals, ind.unit)}
          {p.target.period ? ` in ${p.target.period}` : ''}
        </p>
      )}
    </li>
  );
}

export function ProfilePage({ ctx, profile }: { ctx: ViewContext; profile: Profile }) {
  const m = profile.municipality;
  const demo = profile.indicators.some((p) => p.indicator.demo);
  const suppressing = profile.indicators.some((p) => p.indicator.personalData);
  return (
    <Layout
      ctx={ctx}
      title={`${m.name}: ${profile.themeLabel}`}
      breadcrumbs={[
        { href: '/', label: 'Start' },
        monitoringCrumb,
        { href: '/monitoring/gemeenten', label: 'Gemeenteprofielen' },
        { label: m.name },
      ]}
    >
      <MonitoringStyles />
      <h1>
        Profiel van {m.name} <span class="visually-hidden">:</span>
        <small class="lead"> {profile.themeLabel}</small>
      </h1>
      <p>
        Vergeleken met {m.referenceRegionName ? `de referentieregio ${m.referenceRegionName}, ` : ''}
        {m.provinceName ? `de provincie ${m.provinceName} en ` : ''}
        {m.region === 'VLG' ? 'Vlaanderen' : 'de 19 Brusselse gemeenten'}. Regionale cijfers zijn berekend uit
        de cijfers van de gemeenten: aantallen opgeteld, verhoudingen uit de opgetelde tellers en noemers.
        {profile.asOf ? ` Regionale cijfers: gegevens van ${formatDateTime(profile.asOf)}.` : ''}
      </p>
      <nav class="theme-nav" aria-label="Thema's">
        <ul>
          {themes.map((t) => (
            <li>
              <a
                href={`/monitoring/gemeenten/${m.nis}?thema=${t.code}`}
                aria-current={t.code === profile.theme ? 'page' : undefined}
              >
                {t.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p class="actions">
        <a class="button button--secondary" href={`/monitoring/vergelijken?gemeente=${m.nis}&voorstel=1`}>
          Vergelijk met gelijkaardige gemeenten
        </a>{' '}
        <a class="button button--secondary" href={`/monitoring/kaart?gemeente=${m.nis}`}>
          Bekijk op de kaart
        </a>
      </p>
      {demo && (
        <DemoNotice>
          Dit profiel toont synthetische demowaarden; ze beschrijven {m.name} niet echt.
        </DemoNotice>
      )}
      {suppressing && <SuppressionNote />}
      <h2>{profile.themeLabel}: de kerncijfers</h2>
      {profile.indicators.length === 0 ? (
        <p class="empty-state">Voor dit thema zijn nog geen indicatoren per gemeente.</p>
      ) : (
        <ul class="tiles">
          {profile.indicators.map((p) => (
            <Tile p={p} />
          ))}
        </ul>
      )}
      {profile.indicators
        .filter((p) => p.periods.length > 0)
        .map((p) => (
          <section
            class="indicator-block"
            id={`ind-${p.indicator.code}`}
            aria-labelledby={`trend-${p.indicator.code}-caption`}
          >
            <ChartWithTable
              headingLevel={3}
              spec={{
                kind: 'trend',
                id: `trend-${p.indicator.code}`,
                title: `${p.indicator.name}, ${m.name}`,
                periods: p.periods,
                series: p.lines.map((l) => ({ name: l.name, values: l.cells.map((c) => c.value) })),
                target: p.target
                  ? {
                      value: p.target.value,
                      label: `Streefwaarde${p.target.period ? ` ${p.target.period}` : ''}`,
                    }
                  : null,
                decimals: p.indicator.decimals,
                unit: p.indicator.unit,
                zero: p.indicator.measure === 'count',
              }}
            />
            {p.lines[0]?.cells.some((c) => c.suppressed) && (
              <p class="field__hint">
                Een streepje bij {m.name} betekent hier: minder dan 5 personen (niet getoond).
              </p>
            )}
            <p>
              <a href={`/monitoring/indicatoren/${p.indicator.code}`}>Metadatafiche van deze indicator</a> ·{' '}
              <a href={`/monitoring/kaart?indicator=${p.indicator.code}&gemeente=${m.nis}`}>Op de kaart</a>
            </p>
          </section>
        ))}
    </Layout>
  );
}
