import type { FieldErrors } from '../../../core/http/errors';
import { formatDate, formatNumber } from '../../../core/i18n/format';
import { ChartWithTable } from '../../../core/views/chart';
import type { ViewContext } from '../../../core/views/context';
import { Checkboxes, Form, NumberField, SubmitButton } from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import { Pagination, SummaryList, Table, Tag } from '../../../core/views/table';
import type { AgencyOverview, Portfolio } from '../overview';
import { paths } from '../paths';
import { agencyLabels, statusLabel } from '../rules';
import { ExportLink, yearsAround } from './parts';

const days = (n: number | null) =>
  n === null ? '–' : `${formatNumber(n)} ${n === 1 ? 'werkdag' : 'werkdagen'}`;

export function AgencyOverviewPage({
  ctx,
  o,
  servedPage,
  canManage,
}: {
  ctx: ViewContext;
  o: AgencyOverview;
  servedPage: { page: number; pageSize: number };
  canManage: boolean;
}) {
  const agency = agencyLabels[o.agencyCode] ?? o.agencyCode;
  const served = o.served.slice(
    (servedPage.page - 1) * servedPage.pageSize,
    servedPage.page * servedPage.pageSize,
  );
  const base = paths.agency(o.agencyCode, o.year);
  const exportHref = (table: string) => paths.agencyExport(o.agencyCode, o.year, table);
  return (
    <Layout
      ctx={ctx}
      title={`Overzicht ${o.year}: ${agency}`}
      breadcrumbs={[
        { href: '/home', label: 'Start' },
        { href: paths.catalogue, label: 'Dienstverlening' },
        { label: `Overzicht ${o.year}` },
      ]}
    >
      <h1>
        Standaarddienstverlening {o.year}
        <span class="site-header__org"> {agency}</span>
      </h1>
      <nav aria-label="Jaar" class="actions">
        {yearsAround(o.year).map((y) => (
          <a href={paths.agency(o.agencyCode, y)} aria-current={y === o.year ? 'page' : undefined}>
            {y}
          </a>
        ))}
        {canManage && (
          <a href={paths.agencySettings(o.agencyCode, o.year)}>Instellingen basispakket {o.year}</a>
        )}
      </nav>
      <SummaryList
        items={[
          [
            'Lokale besturen bediend',
            `${formatNumber(o.totals.served)} van ${formatNumber(o.totals.localGovernments)}`,
          ],
          ['Met een gekozen basispakket', formatNumber(o.totals.withPackage)],
          ['Vragen', formatNumber(o.totals.requests)],
          [
            'Te laat',
            o.totals.overdue > 0 ? (
              <Tag kind="negative">{formatNumber(o.totals.overdue)} te laat</Tag>
            ) : (
              'geen'
            ),
          ],
          [
            'Mediane doorlooptijd',
            o.totals.done
              ? `${days(o.totals.medianLeadDays)} (${o.totals.withinNorm} van ${o.totals.done} binnen de termijn)`
              : 'nog geen afgeronde vragen',
          ],
        ]}
      />

      <h2 id="uptake">Afname per dienst</h2>
      {o.uptake.length > 0 && (
        <ChartWithTable
          spec={{
            kind: 'bar',
            id: 'chart-uptake',
            title: `Aantal lokale besturen dat de dienst koos in het basispakket ${o.year}`,
            bars: o.uptake.map((u) => ({ label: u.title, value: u.localGovernments })),
            unit: 'lokale besturen',
            labelHeading: 'Dienst',
          }}
        />
      )}
      <Table
        caption={`Afname per dienst in ${o.year}`}
        path={base}
        rows={o.uptake}
        empty="Er zijn geen diensten in de catalogus voor dit jaar."
        columns={[
          { key: 'title', label: 'Dienst', render: (u) => <a href={paths.item(u.code)}>{u.title}</a> },
          { key: 'basic', label: 'Basispakket', render: (u) => (u.inBasicPackage ? 'ja' : 'nee') },
          {
            key: 'lg',
            label: 'Lokale besturen',
            numeric: true,
            render: (u) => formatNumber(u.localGovernments),
          },
          { key: 'requests', label: 'Vragen', numeric: true, render: (u) => formatNumber(u.requests) },
        ]}
      />
      <p>
        Daarnaast{' '}
        {o.freeQuestions === 1
          ? 'was er 1 vrije vraag'
          : `waren er ${formatNumber(o.freeQuestions)} vrije vragen`}{' '}
        (zonder dienst uit de catalogus).
      </p>
      <ExportLink href={exportHref('afname')} label="Afname per dienst" />

      <h2 id="status">Vragen per status</h2>
      <Table
        caption={`Vragen gesteld in ${o.year}, per status`}
        path={base}
        rows={o.byStatus}
        columns={[
          { key: 'status', label: 'Status', render: (s) => statusLabel(s.status) },
          { key: 'count', label: 'Aantal', numeric: true, render: (s) => formatNumber(s.count) },
        ]}
      />
      <ExportLink href={exportHref('statussen')} label="Vragen per status" />

      <h2 id="doorlooptijd">Doorlooptijd tegenover de termijn</h2>
      <Table
        caption={`Mediane doorlooptijd van afgeronde vragen in ${o.year}, in werkdagen`}
        path={base}
        rows={o.leadTimes}
        empty="Nog geen afgeronde vragen in dit jaar."
        columns={[
          { key: 'title', label: 'Dienst', render: (l) => l.title },
          { key: 'count', label: 'Afgerond', numeric: true, render: (l) => formatNumber(l.count) },
          { key: 'median', label: 'Mediaan', numeric: true, render: (l) => days(l.medianDays) },
          { key: 'norm', label: 'Termijn', numeric: true, render: (l) => days(l.normDays) },
          {
            key: 'within',
            label: 'Binnen termijn',
            numeric: true,
            render: (l) => (
              <>
                {l.withinNorm} van {l.count}{' '}
                {l.medianDays !== null && l.medianDays > l.normDays && (
                  <Tag kind="negative">boven termijn</Tag>
                )}
              </>
            ),
          },
        ]}
      />
      <ExportLink href={exportHref('doorlooptijd')} label="Doorlooptijden" />

      <h2 id="te-laat">Te late vragen</h2>
      <Table
        caption={`Open vragen van ${o.year} waarvan de termijn voorbij is (${o.overdue.length})`}
        path={base}
        rows={o.overdue.slice(0, 50)}
        empty="Geen vragen te laat."
        columns={[
          { key: 'number', label: 'Nr.', numeric: true, render: (r) => r.number },
          {
            key: 'subject',
            label: 'Onderwerp',
            render: (r) => <a href={paths.request(r.id)}>{r.subject}</a>,
          },
          { key: 'org', label: 'Lokaal bestuur', render: (r) => r.organisationName },
          { key: 'status', label: 'Status', render: (r) => statusLabel(r.status) },
          { key: 'due', label: 'Antwoord tegen', render: (r) => formatDate(r.dueDate) },
        ]}
      />
      {o.overdue.length > 50 && (
        <p>
          <a href={`${paths.requests}?telaat=1&jaar=${o.year}`}>Alle {o.overdue.length} te late vragen</a>
        </p>
      )}
      <ExportLink href={exportHref('te-laat')} label="Te late vragen" />

      <h2 id="besturen">Bediende lokale besturen</h2>
      <Table
        caption={`Lokale besturen met een basispakket, een vraag of een contactmoment in ${o.year} (${o.served.length})`}
        path={base}
        rows={served}
        empty="Nog geen lokale besturen bediend in dit jaar."
        columns={[
          {
            key: 'name',
            label: 'Lokaal bestuur',
            render: (g) => <a href={paths.government(g.id)}>{g.name}</a>,
          },
          { key: 'package', label: 'Diensten in pakket', numeric: true, render: (g) => g.packageItems },
          { key: 'requests', label: 'Vragen', numeric: true, render: (g) => g.requests },
          { key: 'contacts', label: 'Contactmomenten', numeric: true, render: (g) => g.contactMoments },
        ]}
      />
      <Pagination page={servedPage.page} pageSize={servedPage.pageSize} total={o.served.length} path={base} />
      <ExportLink href={exportHref('besturen')} label="Bediende lokale besturen" />
    </Layout>
  );
}

export function PackageSettingsPage({
  ctx,
  agencyCode,
  year,
  values,
  errors,
}: {
  ctx: ViewContext;
  agencyCode: string;
  year: number;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  return (
    <Layout
      ctx={ctx}
      title={`Instellingen basispakket ${year}`}
      narrow
      breadcrumbs={[
        { href: '/home', label: 'Start' },
        { href: paths.agency(agencyCode, year), label: `Overzicht ${year}` },
        { label: 'Instellingen' },
      ]}
    >
      <h1>Instellingen basispakket {year}</h1>
      <p class="lead">Voor alle lokale besturen die {agencyLabels[agencyCode] ?? agencyCode} ondersteunt.</p>
      <Form ctx={ctx} action={paths.agencySettings(agencyCode, year)} errors={errors}>
        <NumberField
          name="maxItems"
          label="Hoogstens zoveel diensten per lokaal bestuur"
          hint="Laat leeg als er geen limiet is."
          value={values.maxItems}
          errors={errors}
        />
        <Checkboxes
          name="closed"
          label="Jaar afsluiten"
          value={values.closed ? ['on'] : []}
          errors={errors}
          options={[
            {
              value: 'on',
              label: `Het jaar ${year} is afgesloten`,
              hint: 'Lokale besturen kunnen hun keuze voor dit jaar dan niet meer wijzigen.',
            },
          ]}
        />
        <SubmitButton>Bewaren</SubmitButton>
      </Form>
    </Layout>
  );
}

export function PortfolioPage({
  ctx,
  p,
  page,
  pageSize,
}: {
  ctx: ViewContext;
  p: Portfolio;
  page: number;
  pageSize: number;
}) {
  const own = ctx.principal?.userId === p.person.userId;
  const title = own ? 'Mijn portefeuille' : `Portefeuille van ${p.person.name}`;
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: '/home', label: 'Start' },
        { href: paths.catalogue, label: 'Dienstverlening' },
        { label: title },
      ]}
    >
      <h1>{title}</h1>
      <p class="lead">
        {p.person.name} is aanspreekpersoon van {p.total}{' '}
        {p.total === 1 ? 'lokaal bestuur' : 'lokale besturen'} voor {p.person.agencyName}.
      </p>
      <p class="actions">
        <a href={`${paths.requests}?open=1`}>Alle open vragen</a>
        <a href={`${paths.requests}?telaat=1`}>Te late vragen</a>
        <a href={paths.agency(p.person.agencyCode, p.year)}>Overzicht {p.year}</a>
      </p>
      <Table
        caption={`Lokale besturen in de portefeuille (${p.total})`}
        path={paths.portfolio(p.person.userId)}
        rows={p.items}
        empty="Er zijn nog geen lokale besturen toegewezen."
        columns={[
          {
            key: 'name',
            label: 'Lokaal bestuur',
            render: (g) => <a href={paths.government(g.id)}>{g.name}</a>,
          },
          {
            key: 'open',
            label: 'Open vragen',
            numeric: true,
            render: (g) => (
              <>
                {g.openRequests > 0 ? (
                  <a href={`${paths.requests}?bestuur=${g.id}&open=1`}>{g.openRequests}</a>
                ) : (
                  0
                )}
                {g.overdueRequests > 0 && (
                  <>
                    {' '}
                    <Tag kind="negative">{g.overdueRequests} te laat</Tag>
                  </>
                )}
              </>
            ),
          },
          { key: 'package', label: `Basispakket ${p.year}`, numeric: true, render: (g) => g.packageItems },
          { key: 'last', label: 'Laatste contact', render: (g) => formatDate(g.lastContact) || 'nog geen' },
        ]}
      />
      <Pagination page={page} pageSize={pageSize} total={p.total} path={paths.portfolio(p.person.userId)} />
      <ExportLink href={paths.portfolioCsv(p.person.userId)} label="Portefeuille" />
    </Layout>
  );
}
