import type { FieldErrors } from '../../../core/http/errors';
import { formatDate } from '../../../core/i18n/format';
import { type BarSpec, ChartWithTable } from '../../../core/views/chart';
import type { ViewContext } from '../../../core/views/context';
import { FilterBar, FilterSelect } from '../../../core/views/filter-bar';
import {
  Checkboxes,
  Form,
  Radios,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import { SummaryList, withQuery } from '../../../core/views/table';
import type {
  BookingDetail,
  BookingFilter,
  BookingRow,
  ProgrammeDetail,
  ProgrammeRow,
  ReachDashboard,
  ReachFilter,
} from '../experts';
import { ageBandKey, ageBandLabels, areaKindLabels, type TargetState, themeLabel } from '../rules';
import {
  BookingTag,
  cohesionCrumbs,
  num,
  OfferFields,
  optionsOf,
  type Paged,
  PagedTable,
  Paragraphs,
  pct,
  TargetTag,
  ThemeFilter,
} from './common';

type Option = { value: string; label: string };
const offerCrumbs = [...cohesionCrumbs, { href: '/sociale-cohesie/expertenaanbod', label: 'Expertenaanbod' }];
const bookingCrumbs = [...cohesionCrumbs, { href: '/sociale-cohesie/boekingen', label: 'Boekingen' }];

export function ProgrammeListPage(p: {
  ctx: ViewContext;
  list: Paged<ProgrammeRow, { theme?: string | undefined }>;
  canCreate: boolean;
}) {
  return (
    <Layout ctx={p.ctx} title="Expertenaanbod" breadcrumbs={[...cohesionCrumbs, { label: 'Expertenaanbod' }]}>
      <h1>Expertenaanbod</h1>
      <p class="lead">
        Programma's van expertenorganisaties waarop elk lokaal bestuur een beroep kan doen, met onderwijs en
        werk als prioriteit en richtcijfers voor het bereik van vrouwen en meisjes.
      </p>
      <p class="actions">
        {p.canCreate && (
          <a class="button button--secondary" href="/sociale-cohesie/expertenaanbod/nieuw">
            Een programma publiceren
          </a>
        )}
        <a href="/sociale-cohesie/boekingen">Boekingen</a> · <a href="/sociale-cohesie/bereik">Bereik</a>
      </p>
      <FilterBar action="/sociale-cohesie/expertenaanbod" label="Programma's filteren">
        <ThemeFilter value={p.list.query.theme} />
      </FilterBar>
      <PagedTable
        list={p.list}
        caption="Programma's"
        path="/sociale-cohesie/expertenaanbod"
        empty="Er zijn geen programma's."
        columns={[
          {
            key: 'title',
            label: 'Programma',
            render: (r) => (
              <>
                <a href={`/sociale-cohesie/expertenaanbod/${r.id}`}>{r.title}</a>
                {r.active ? '' : ' (niet meer te boeken)'}
              </>
            ),
          },
          { key: 'expert', label: 'Expertenorganisatie', render: (r) => r.expertName },
          { key: 'theme', label: 'Thema', render: (r) => themeLabel(r.theme) },
          {
            key: 'target',
            label: 'Richtcijfer vrouwen en meisjes',
            numeric: true,
            render: (r) => `${r.targetWomenPct} %`,
          },
          {
            key: 'area',
            label: 'Werkingsgebied',
            render: (r) => areaKindLabels[r.areaKind as keyof typeof areaKindLabels],
          },
        ]}
      />
    </Layout>
  );
}

export function ProgrammeFormPage(p: {
  ctx: ViewContext;
  mode: 'create' | 'edit';
  action: string;
  values: Record<string, unknown>;
  errors?: FieldErrors;
  provinces: Option[];
}) {
  const title = p.mode === 'create' ? 'Een programma publiceren' : 'Programma bewerken';
  return (
    <Layout ctx={p.ctx} title={title} breadcrumbs={[...offerCrumbs, { label: title }]} narrow>
      <h1>{title}</h1>
      <Form ctx={p.ctx} action={p.action} errors={p.errors} once={p.mode === 'create'}>
        <OfferFields values={p.values} errors={p.errors} />
        <TextField
          name="targetWomenPct"
          label="Richtcijfer: aandeel vrouwen en meisjes (%)"
          hint="Bijvoorbeeld 60: minstens 60 % van de deelnemers zijn vrouwen of meisjes."
          value={p.values.targetWomenPct}
          errors={p.errors}
          width="short"
          required
        />
        <TextField
          name="targetParticipants"
          label="Richtcijfer: deelnemers per gemeente en jaar"
          value={p.values.targetParticipants}
          errors={p.errors}
          width="short"
        />
        <Radios
          name="areaKind"
          label="Werkingsgebied"
          options={optionsOf(areaKindLabels)}
          value={p.values.areaKind ?? 'flanders'}
          errors={p.errors}
          required
        />
        <Checkboxes
          name="provinces"
          label="Provincies"
          hint="Bij 'Enkele provincies'."
          options={p.provinces}
          value={p.values.provinces}
          errors={p.errors}
        />
        <TextArea
          name="municipalities"
          label="Gemeenten"
          hint="Bij 'Enkele gemeenten': één gemeente per regel, met naam of NIS-code."
          value={p.values.municipalities}
          errors={p.errors}
          rows={4}
        />
        <Checkboxes
          name="active"
          label="Boekbaar"
          options={[{ value: 'ja', label: 'Lokale besturen kunnen dit programma boeken' }]}
          value={p.values.active ?? (p.mode === 'create' ? ['ja'] : [])}
          errors={p.errors}
        />
        <SubmitButton>{p.mode === 'create' ? 'Programma publiceren' : 'Bewaren'}</SubmitButton>
      </Form>
    </Layout>
  );
}

export function ProgrammePage(p: {
  ctx: ViewContext;
  d: ProgrammeDetail;
  years: number[];
  values?: Record<string, unknown>;
  errors?: FieldErrors;
}) {
  const pr = p.d.programme;
  const base = `/sociale-cohesie/expertenaanbod/${pr.id}`;
  return (
    <Layout ctx={p.ctx} title={pr.title} breadcrumbs={[...offerCrumbs, { label: pr.title }]}>
      <h1>{pr.title}</h1>
      <SummaryList
        items={[
          ['Expertenorganisatie', pr.expertName],
          ['Thema', themeLabel(pr.theme)],
          ['Richtcijfer vrouwen en meisjes', `${pr.targetWomenPct} % van de deelnemers`],
          [
            'Richtcijfer deelnemers',
            pr.targetParticipants ? `${pr.targetParticipants} per gemeente en jaar` : null,
          ],
          ['Werkingsgebied', p.d.areaText.charAt(0).toUpperCase() + p.d.areaText.slice(1)],
          ['Boekbaar', pr.active ? 'Ja' : 'Nee'],
        ]}
      />
      <Paragraphs text={pr.description} />
      {p.d.manages && (
        <p class="actions">
          <a class="button button--secondary" href={`${base}/bewerken`}>
            Programma bewerken
          </a>
          <a href={withQuery('/sociale-cohesie/boekingen', {}, { programme: pr.id })}>
            Boekingen van dit programma
          </a>
        </p>
      )}
      {p.d.canBook && (
        <section aria-labelledby="book-title">
          <h2 id="book-title">Dit programma boeken</h2>
          {p.d.bookableMunicipalities.length === 0 ? (
            <p>Uw bestuur is voor geen enkele gemeente bevoegd.</p>
          ) : (
            <Form ctx={p.ctx} action={`${base}/boeken`} errors={p.errors} once>
              <SelectField
                name="municipalityNis"
                label="Voor welke gemeente?"
                options={p.d.bookableMunicipalities.map((m) => ({ value: m.nis, label: m.name }))}
                value={p.values?.municipalityNis}
                errors={p.errors}
                required
              />
              <SelectField
                name="year"
                label="Jaar"
                options={p.years.map((y) => ({ value: String(y), label: String(y) }))}
                value={p.values?.year ?? String(p.years[1])}
                errors={p.errors}
                required
              />
              <TextArea
                name="note"
                label="Toelichting voor de expertenorganisatie"
                value={p.values?.note}
                errors={p.errors}
                rows={3}
              />
              <SubmitButton>Programma boeken</SubmitButton>
            </Form>
          )}
        </section>
      )}
    </Layout>
  );
}

const bookingColumns = [
  {
    key: 'programme',
    label: 'Programma',
    render: (r: BookingRow) => <a href={`/sociale-cohesie/boekingen/${r.id}`}>{r.programmeTitle}</a>,
  },
  { key: 'municipality', label: 'Gemeente', render: (r: BookingRow) => r.municipalityName },
  { key: 'year', label: 'Jaar', render: (r: BookingRow) => String(r.year) },
  { key: 'org', label: 'Geboekt door', render: (r: BookingRow) => r.organisationName },
  { key: 'status', label: 'Status', render: (r: BookingRow) => <BookingTag status={r.status} /> },
  {
    key: 'reach',
    label: 'Bereik',
    render: (r: BookingRow) =>
      r.reachReportedAt
        ? `${num(r.participants)} deelnemers, ${pct(r.share)} vrouwen en meisjes`
        : 'Nog niet gerapporteerd',
  },
];

export function BookingListPage(p: { ctx: ViewContext; list: Paged<BookingRow, BookingFilter> }) {
  return (
    <Layout
      ctx={p.ctx}
      title="Boekingen expertenaanbod"
      breadcrumbs={[...cohesionCrumbs, { label: 'Boekingen' }]}
    >
      <h1>Boekingen expertenaanbod</h1>
      <p class="lead">
        Lokale besturen zien hun eigen boekingen, expertenorganisaties die van hun programma's en de
        administratie die van heel Vlaanderen.
      </p>
      <PagedTable
        list={p.list}
        caption="Boekingen"
        path="/sociale-cohesie/boekingen"
        empty="Er zijn geen boekingen."
        columns={bookingColumns}
      />
    </Layout>
  );
}

export function BookingPage(p: {
  ctx: ViewContext;
  d: BookingDetail;
  values?: Record<string, unknown>;
  errors?: FieldErrors;
}) {
  const b = p.d.booking;
  const base = `/sociale-cohesie/boekingen/${b.id}`;
  const title = `${b.programmeTitle} in ${b.municipalityName} (${b.year})`;
  return (
    <Layout ctx={p.ctx} title={title} breadcrumbs={[...bookingCrumbs, { label: title }]}>
      <h1>{title}</h1>
      <SummaryList
        items={[
          ['Status', <BookingTag status={b.status} />],
          ['Programma', <a href={`/sociale-cohesie/expertenaanbod/${b.programmeId}`}>{b.programmeTitle}</a>],
          ['Expertenorganisatie', b.expertName],
          ['Gemeente', b.municipalityName],
          ['Jaar', String(b.year)],
          ['Geboekt door', `${b.organisationName} op ${formatDate(b.createdAt)}`],
          ['Toelichting', b.note],
          ['Richtcijfer vrouwen en meisjes', `${b.targetWomenPct} %`],
          [
            'Bereik',
            b.reachReportedAt ? (
              <>
                {num(b.participants)} deelnemers, van wie {num(b.women)} vrouwen en meisjes ({pct(b.share)}){' '}
                <TargetTag state={b.target} />
              </>
            ) : (
              'Nog niet gerapporteerd'
            ),
          ],
        ]}
      />
      {b.reachReportedAt && (
        <div class="table-wrap">
          <table class="table">
            <caption class="table__caption">Bereik per leeftijdsgroep</caption>
            <thead>
              <tr>
                <th scope="col">Leeftijd</th>
                <th scope="col" class="numeric">
                  Deelnemers
                </th>
                <th scope="col" class="numeric">
                  Vrouwen en meisjes
                </th>
              </tr>
            </thead>
            <tbody>
              {p.d.figures.map((f) => (
                <tr>
                  <th scope="row">{ageBandLabels[f.ageBand]}</th>
                  <td class="numeric">{num(f.participants)}</td>
                  <td class="numeric">{num(f.women)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.d.canReport && (
        <section aria-labelledby="reach-title">
          <h2 id="reach-title">Bereik rapporteren</h2>
          <p>
            Vul per leeftijdsgroep het aantal deelnemers in, en hoeveel van hen vrouwen of meisjes zijn. Een
            nieuw rapport vervangt het vorige.
          </p>
          <Form ctx={p.ctx} action={`${base}/bereik`} errors={p.errors}>
            {p.d.figures.map((f) => {
              const key = ageBandKey[f.ageBand];
              return (
                <fieldset class="fieldset">
                  <legend class="field__label">{ageBandLabels[f.ageBand]}</legend>
                  <TextField
                    name={`${key}_participants`}
                    label="Deelnemers"
                    value={p.values ? p.values[`${key}_participants`] : String(f.participants)}
                    errors={p.errors}
                    width="short"
                    required
                  />
                  <TextField
                    name={`${key}_women`}
                    label="Van wie vrouwen en meisjes"
                    value={p.values ? p.values[`${key}_women`] : String(f.women)}
                    errors={p.errors}
                    width="short"
                    required
                  />
                </fieldset>
              );
            })}
            <SubmitButton>Bereik bewaren</SubmitButton>
          </Form>
        </section>
      )}
      {p.d.canCancel && (
        <Form ctx={p.ctx} action={`${base}/annuleren`}>
          <SubmitButton variant="warning">Boeking annuleren</SubmitButton>
        </Form>
      )}
    </Layout>
  );
}

/** The column headings of a reach table after its first columns: the figures and the target. */
function ReachHeadings() {
  return (
    <>
      <th scope="col" class="numeric">
        Deelnemers
      </th>
      <th scope="col" class="numeric">
        Vrouwen en meisjes
      </th>
      <th scope="col" class="numeric">
        Aandeel
      </th>
      <th scope="col" class="numeric">
        Richtcijfer
      </th>
      <th scope="col">Beoordeling</th>
    </>
  );
}

/** The cells under ReachHeadings; participants and women show '–' until reach is reported. */
function ReachCells({
  reported,
  figures: f,
}: {
  reported: boolean;
  figures: {
    participants: number;
    women: number;
    share: number | null;
    targetWomenPct: number;
    target: TargetState;
  };
}) {
  return (
    <>
      <td class="numeric">{reported ? num(f.participants) : '–'}</td>
      <td class="numeric">{reported ? num(f.women) : '–'}</td>
      <td class="numeric">{pct(f.share)}</td>
      <td class="numeric">{f.targetWomenPct} %</td>
      <td>
        <TargetTag state={f.target} />
      </td>
    </>
  );
}

export function ReachPage(p: { ctx: ViewContext; d: ReachDashboard; query: ReachFilter; csvUrl: string }) {
  const { d } = p;
  const byProgramme = new Map<string, typeof d.rows>();
  for (const r of d.rows) byProgramme.set(r.programmeId, [...(byProgramme.get(r.programmeId) ?? []), r]);
  const overview: BarSpec = {
    kind: 'bar',
    id: 'reach-overview',
    title: `Aandeel vrouwen en meisjes per programma${p.query.year ? ` in ${p.query.year}` : ''}`,
    bars: d.totals.map((t) => ({ label: t.title, value: t.share })),
    decimals: 1,
    unit: '%',
    labelHeading: 'Programma',
  };
  return (
    <Layout
      ctx={p.ctx}
      title="Bereik van het expertenaanbod"
      breadcrumbs={[...cohesionCrumbs, { label: 'Bereik' }]}
    >
      <h1>Bereik van het expertenaanbod</h1>
      <p class="lead">
        {d.flandersWide
          ? 'Overzicht voor heel Vlaanderen: deelnemers en het aandeel vrouwen en meisjes per programma, gemeente en jaar, tegenover het richtcijfer.'
          : 'Deelnemers en het aandeel vrouwen en meisjes per programma, gemeente en jaar, tegenover het richtcijfer.'}
      </p>
      <FilterBar action="/sociale-cohesie/bereik" label="Bereik filteren">
        <FilterSelect
          name="year"
          label="Jaar"
          value={p.query.year ? String(p.query.year) : undefined}
          all="Alle jaren"
          options={d.years.map((y) => ({ value: String(y), label: String(y) }))}
        />
        <FilterSelect
          name="programme"
          label="Programma"
          value={p.query.programme}
          all="Alle programma's"
          options={d.programmes.map((x) => ({ value: x.id, label: x.title }))}
        />
        <ThemeFilter value={p.query.theme} />
      </FilterBar>
      <p>
        <a href={p.csvUrl} download>
          Download als CSV
        </a>
      </p>
      {d.rows.length === 0 ? (
        <p class="empty-state">Er zijn geen boekingen voor deze selectie.</p>
      ) : (
        <>
          <h2>Per programma</h2>
          {d.totals.length > 1 && <ChartWithTable spec={overview} headingLevel={3} />}
          <div class="table-wrap">
            <table class="table">
              <caption class="table__caption">Totalen per programma</caption>
              <thead>
                <tr>
                  <th scope="col">Programma</th>
                  <th scope="col" class="numeric">
                    Boekingen (gerapporteerd)
                  </th>
                  <ReachHeadings />
                </tr>
              </thead>
              <tbody>
                {d.totals.map((t) => (
                  <tr>
                    <th scope="row">{t.title}</th>
                    <td class="numeric">
                      {t.bookings} ({t.reported})
                    </td>
                    <ReachCells reported figures={t} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {[...byProgramme.entries()].map(([id, rows], i) => {
            const first = rows[0]!;
            const spec: BarSpec = {
              kind: 'bar',
              id: `reach-${i}`,
              title: `${first.programmeTitle}: aandeel vrouwen en meisjes per gemeente en jaar`,
              bars: rows.map((r) => ({ label: `${r.municipalityName} ${r.year}`, value: r.share })),
              reference: { value: first.targetWomenPct, label: 'Richtcijfer' },
              decimals: 1,
              unit: '%',
              labelHeading: 'Gemeente en jaar',
            };
            return (
              <section aria-labelledby={`prog-${i}`}>
                <h2 id={`prog-${i}`}>{first.programmeTitle}</h2>
                <ChartWithTable spec={spec} headingLevel={3} />
                <div class="table-wrap">
                  <table class="table">
                    <caption class="table__caption">
                      {first.programmeTitle}: bereik per gemeente en jaar
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">Gemeente</th>
                        <th scope="col">Jaar</th>
                        <ReachHeadings />
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((r) => (
                        <tr>
                          <th scope="row">
                            <a href={`/sociale-cohesie/boekingen/${r.id}`}>{r.municipalityName}</a>
                          </th>
                          <td>{r.year}</td>
                          <ReachCells reported={r.reachReportedAt !== null} figures={r} />
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <p>
                  <a href={withQuery('/sociale-cohesie/bereik', { ...p.query }, { programme: id })}>
                    Alleen dit programma
                  </a>
                </p>
              </section>
            );
          })}
        </>
      )}
    </Layout>
  );
}
