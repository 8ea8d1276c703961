import type { FieldErrors } from '../../../core/http/errors';
import { formatDate } from '../../../core/i18n/format';
import type { ViewContext } from '../../../core/views/context';
import {
  DateField,
  FileField,
  Form,
  NumberField,
  Radios,
  SelectField,
  SubmitButton,
  TextField,
} from '../../../core/views/form';
import type { Crumb } from '../../../core/views/layout';
import { Layout } from '../../../core/views/layout';
import { Pagination, SummaryList, Table, Tag } from '../../../core/views/table';
import type { ImportReport, RegisterTarget, RegisterTotals } from '../register';
import { formatLabels, formats, registerColumns } from '../rules';
import type { oefenkansen } from '../schema';
import { nl, Progress } from './common';

type Entry = typeof oefenkansen.$inferSelect;

const back = (target: RegisterTarget): Crumb =>
  target.kind === 'application'
    ? { href: `/aanvragen/${target.id}`, label: 'Aanvraag' }
    : { href: '/impulsen', label: 'Impulsen' };

export function RegisterPage({
  ctx,
  target,
  items,
  totals,
  page,
  pageSize,
}: {
  ctx: ViewContext;
  target: RegisterTarget;
  items: Entry[];
  totals: RegisterTotals;
  page: number;
  pageSize: number;
}) {
  const name = (nis: string) => target.context.municipalities.get(nis) ?? nis;
  const p = ctx.principal;
  const canSettle =
    !!p &&
    (p.active.role === 'platform_admin' ||
      (p.active.role === 'agency_staff' && p.active.organisationId === target.staffOrganisationId));
  return (
    <Layout ctx={ctx} title="Register van oefenkansen" breadcrumbs={[back(target), { label: 'Register' }]}>
      <h1>Register van oefenkansen</h1>
      <p class="lead">
        {target.holderName} · {target.title}
      </p>
      <SummaryList
        items={[
          ['Geregistreerd', nl(totals.entries)],
          [
            'Tellen mee',
            <>
              {nl(totals.eligible)}
              {target.committedUnits !== null && (
                <>
                  {' '}
                  van {nl(target.committedUnits)} toegekend{' '}
                  <Progress value={totals.eligible} of={target.committedUnits} label="Voortgang" />
                </>
              )}
            </>,
          ],
          ['Mogelijke dubbels', nl(totals.duplicates)],
          ['Voldoen niet aan de definitie', nl(totals.notMeetingDefinition)],
          ['Deelnemers', `${nl(totals.participants)}, van wie ${nl(totals.women)} vrouwen`],
        ]}
      />
      {target.canWrite ? (
        <p class="actions">
          <a class="button button--primary" href={`${target.basePath}/nieuw`}>
            Oefenkans toevoegen
          </a>{' '}
          <a class="button button--secondary" href={`${target.basePath}/import`}>
            CSV importeren
          </a>{' '}
          <a href={`${target.basePath}/export.csv`}>Register downloaden (CSV)</a>
        </p>
      ) : (
        <p>
          {target.writeBlocked} <a href={`${target.basePath}/export.csv`}>Register downloaden (CSV)</a>
        </p>
      )}
      <Table
        caption={`Oefenkansen (${totals.entries})`}
        path={target.basePath}
        empty="Er zijn nog geen oefenkansen geregistreerd."
        rows={items}
        columns={[
          { key: 'date', label: 'Datum', render: (e) => formatDate(e.date) },
          { key: 'title', label: 'Titel', render: (e) => e.title },
          { key: 'municipality', label: 'Gemeente', render: (e) => name(e.municipalityNis) },
          { key: 'place', label: 'Plaats', render: (e) => e.place },
          { key: 'format', label: 'Vorm', render: (e) => formatLabels[e.format as 'walk'] ?? e.format },
          { key: 'participants', label: 'Deelnemers', numeric: true, render: (e) => nl(e.participants) },
          {
            key: 'flags',
            label: 'Telt mee',
            render: (e) =>
              e.duplicate ? (
                <>
                  <Tag kind="pending">Mogelijk dubbel</Tag>
                  {canSettle && (
                    <form method="post" action={`${target.basePath}/${e.id}/geen-dubbel`} class="inline-form">
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />{' '}
                      <button type="submit" class="link-button">
                        Geen dubbel<span class="visually-hidden">: {e.title}</span>
                      </button>
                    </form>
                  )}
                </>
              ) : !(e.mainGoalDutch && e.outsideLesson && e.noCertification) ? (
                <Tag kind="negative">Geen oefenkans volgens de definitie</Tag>
              ) : (
                <Tag kind="positive">Ja</Tag>
              ),
          },
          ...(target.canWrite
            ? [
                {
                  key: 'delete',
                  label: 'Actie',
                  render: (e: Entry) => (
                    <a href={`${target.basePath}/${e.id}/verwijderen`}>
                      Verwijderen<span class="visually-hidden"> {e.title}</span>
                    </a>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Pagination page={page} pageSize={pageSize} total={totals.entries} path={target.basePath} />
    </Layout>
  );
}

const yesNo = [
  { value: 'ja', label: 'Ja' },
  { value: 'nee', label: 'Nee' },
];

export function RegisterEntryPage({
  ctx,
  target,
  values,
  errors,
}: {
  ctx: ViewContext;
  target: RegisterTarget;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  const municipalities = [...target.context.municipalities];
  return (
    <Layout
      ctx={ctx}
      title="Oefenkans toevoegen"
      narrow
      breadcrumbs={[back(target), { href: target.basePath, label: 'Register' }, { label: 'Toevoegen' }]}
    >
      <h1>Oefenkans toevoegen</h1>
      <p>
        Een oefenkans is een activiteit met Nederlands oefenen als hoofddoel. De deelnemers willen hun
        Nederlands verbeteren. Ze vindt plaats buiten de lescontext en zonder certificering.
      </p>
      <Form ctx={ctx} action={target.basePath} errors={errors} once>
        <DateField
          name="date"
          label="Datum"
          hint={`Tussen ${formatDate(target.context.periodStart)} en vandaag.`}
          value={values.date}
          errors={errors}
          required
        />
        <TextField name="title" label="Titel" value={values.title} errors={errors} required />
        {municipalities.length === 1 ? (
          <input type="hidden" name="municipalityNis" value={municipalities[0]![0]} />
        ) : (
          <SelectField
            name="municipalityNis"
            label="Gemeente"
            options={municipalities.map(([nis, name]) => ({ value: nis, label: name }))}
            placeholder="Kies een gemeente"
            value={values.municipalityNis}
            errors={errors}
            required
          />
        )}
        <TextField
          name="place"
          label="Plaats"
          hint="Bijvoorbeeld: Bibliotheek, zaal 2"
          value={values.place}
          errors={errors}
          required
        />
        <TextField name="partner" label="Organiserende partner" value={values.partner} errors={errors} />
        <Radios
          name="format"
          label="Vorm"
          options={formats.map((f) => ({ value: f, label: formatLabels[f] }))}
          value={values.format}
          errors={errors}
          required
        />
        <NumberField
          name="durationMinutes"
          label="Duur in minuten"
          value={values.durationMinutes}
          errors={errors}
          required
        />
        <NumberField
          name="participants"
          label="Aantal deelnemers"
          value={values.participants}
          errors={errors}
          required
        />
        <NumberField name="women" label="Van wie vrouwen" value={values.women} errors={errors} />
        <NumberField name="men" label="Van wie mannen" value={values.men} errors={errors} />
        <NumberField
          name="otherGender"
          label="Van wie ander of onbekend gender"
          value={values.otherGender}
          errors={errors}
        />
        <Radios
          name="mainGoalDutch"
          label="Is Nederlands oefenen het hoofddoel?"
          options={yesNo}
          value={values.mainGoalDutch}
          errors={errors}
          required
          inline
        />
        <Radios
          name="outsideLesson"
          label="Vond de activiteit plaats buiten een lescontext?"
          options={yesNo}
          value={values.outsideLesson}
          errors={errors}
          required
          inline
        />
        <Radios
          name="noCertification"
          label="Is de activiteit zonder certificering (geen toets, geen attest)?"
          options={yesNo}
          value={values.noCertification}
          errors={errors}
          required
          inline
        />
        <SubmitButton>Oefenkans bewaren</SubmitButton> <a href={target.basePath}>Annuleren</a>
      </Form>
    </Layout>
  );
}

export function ImportPage({
  ctx,
  target,
  report,
  errors,
}: {
  ctx: ViewContext;
  target: RegisterTarget;
  report: ImportReport | null;
  errors?: FieldErrors | undefined;
}) {
  const clean = report && !report.fileError && report.errors.length === 0;
  return (
    <Layout
      ctx={ctx}
      title="Oefenkansen importeren"
      breadcrumbs={[back(target), { href: target.basePath, label: 'Register' }, { label: 'Importeren' }]}
    >
      <h1>Oefenkansen importeren uit een CSV-bestand</h1>
      {report && (
        <section aria-labelledby="report-title">
          <h2 id="report-title">
            {report.imported > 0
              ? `${nl(report.imported)} oefenkansen geïmporteerd`
              : report.dryRun
                ? 'Resultaat van de controle'
                : 'Er werd niets geïmporteerd'}
          </h2>
          {report.fileError && (
            <div class="error-summary" role="alert">
              <p>{report.fileError}</p>
            </div>
          )}
          {!report.fileError && (
            <SummaryList
              items={[
                ['Regels in het bestand', nl(report.lines)],
                ['Regels zonder fouten', nl(report.valid)],
                ['Regels met fouten', nl(report.errors.length)],
                ['Mogelijke dubbels in het bestand', nl(report.duplicatesInFile)],
                ['Mogelijke dubbels met het register', nl(report.duplicatesExisting)],
                ['Voldoen niet aan de definitie (tellen niet mee)', nl(report.notMeetingDefinition)],
                ['Duur van de controle', `${nl(report.milliseconds)} ms`],
              ]}
            />
          )}
          {report.errors.length > 0 && (
            <div class="error-summary" role="alert">
              <h3 class="error-summary__title">
                Verbeter deze regels en laad het bestand opnieuw op. Er werd niets geïmporteerd.
              </h3>
              <ul class="error-summary__list">
                {report.errors.slice(0, 200).map((e) => (
                  <li>
                    Regel {e.line}: {e.messages.join(' ')}
                  </li>
                ))}
              </ul>
              {report.errors.length > 200 && (
                <p>En nog {nl(report.errors.length - 200)} regels met fouten.</p>
              )}
            </div>
          )}
          {clean && report.dryRun && (
            <p class="notice notice--success">
              Het bestand is in orde. Kies het opnieuw en klik op “Importeren” om de {nl(report.valid)}{' '}
              oefenkansen toe te voegen.
            </p>
          )}
          {report.imported > 0 && (
            <p>
              <a href={target.basePath}>Naar het register</a>
            </p>
          )}
        </section>
      )}
      <h2>Bestand opladen</h2>
      <p>
        Gebruik een CSV-bestand met een puntkomma (;) als scheidingsteken en deze kolommen in de eerste regel:{' '}
        <code>{registerColumns.map((c) => c.header).join(';')}</code>. Datums als 15/03/2026, de gemeente als
        naam of NIS-code, de vorm als {formats.map((f) => formatLabels[f].toLowerCase()).join(', ')}, en ja of
        nee bij de drie vragen over de definitie. Eerst controleren importeert niets.
      </p>
      <Form ctx={ctx} action={`${target.basePath}/import`} multipart errors={errors} once>
        <FileField name="file" label="CSV-bestand" accept=".csv,text/csv" errors={errors} required />
        <p class="actions">
          <SubmitButton name="mode" value="check" variant="secondary">
            Eerst controleren
          </SubmitButton>{' '}
          <SubmitButton name="mode" value="import">
            Importeren
          </SubmitButton>
        </p>
      </Form>
      <p>
        <a href={target.basePath}>Terug naar het register</a>
      </p>
    </Layout>
  );
}
