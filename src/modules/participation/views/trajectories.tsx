import type { FieldErrors } from '../../../core/http/errors';
import { formatDate, formatDateTime, formatLongDate, todayIso } from '../../../core/i18n/format';
import type { ViewContext } from '../../../core/views/context';
import { FilterBar, FilterSelect, FilterText } from '../../../core/views/filter-bar';
import {
  DateField,
  ErrorSummary,
  Form,
  Radios,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import { Pagination, SummaryList, Table, Tag } from '../../../core/views/table';
import { decimalHours, formatHours } from '../rules';
import type {
  OwnerConfirmation,
  TrajectoryDetail,
  TrajectoryListItem,
  VerifiedCertificate,
} from '../trajectories';
import { categories, categoryLabels, dutchLevelLabels, dutchLevels, label } from '../vocab';
import { hourWorkflow, trajectoryWorkflow } from '../workflow';
import { HoursProgress, StatusTag } from './common';

type Municipality = { nis: string; name: string };

export function TrajectoryListPage({
  ctx,
  rows,
  total,
  page,
  pageSize,
  query,
}: {
  ctx: ViewContext;
  rows: TrajectoryListItem[];
  total: number;
  page: number;
  pageSize: number;
  query: { status?: string | undefined; code?: string | undefined };
}) {
  return (
    <Layout
      ctx={ctx}
      title="Trajecten"
      breadcrumbs={[{ href: '/home', label: 'Start' }, { label: 'Trajecten' }]}
    >
      <h1>Participatie- en netwerktrajecten</h1>
      <p class="lead">
        De trajecten van {ctx.principal?.active.organisationName}. Elk traject heeft een code, geen naam.
        Alleen uw organisatie ziet ze, en elke inzage wordt bijgehouden.
      </p>
      <p>
        <a class="button button--primary" href="/participatie/trajecten/nieuw">
          Nieuw traject starten
        </a>
      </p>
      <FilterBar action="/participatie/trajecten" submit="Zoeken">
        <FilterText name="code" label="Trajectcode" value={query.code} />
        <FilterSelect
          name="status"
          label="Status"
          value={query.status}
          all="Alle statussen"
          options={Object.values(trajectoryWorkflow.statuses).map((s) => ({ value: s.code, label: s.label }))}
        />
      </FilterBar>
      <Table
        caption={`Trajecten (${total})`}
        path="/participatie/trajecten"
        query={query}
        rows={rows}
        empty="Er zijn geen trajecten die passen."
        columns={[
          {
            key: 'code',
            label: 'Code',
            render: (r) => <a href={`/participatie/trajecten/${r.id}`}>{r.code}</a>,
          },
          { key: 'municipality', label: 'Gemeente', render: (r) => r.municipalityName },
          { key: 'start', label: 'Start', render: (r) => formatDate(r.startDate) },
          { key: 'obliged', label: 'Verplicht', render: (r) => (r.obliged ? 'Ja' : 'Nee') },
          {
            key: 'validated',
            label: 'Gevalideerd',
            numeric: true,
            render: (r) => `${decimalHours(r.validatedMinutes)} u`,
          },
          {
            key: 'waiting',
            label: 'Wacht',
            numeric: true,
            render: (r) => `${decimalHours(r.waitingMinutes)} u`,
          },
          {
            key: 'status',
            label: 'Status',
            render: (r) => <StatusTag workflow={trajectoryWorkflow} status={r.status} />,
          },
        ]}
      />
      <Pagination
        page={page}
        pageSize={pageSize}
        total={total}
        path="/participatie/trajecten"
        query={query}
      />
    </Layout>
  );
}

export function TrajectoryNewPage({
  ctx,
  values,
  errors,
  municipalities,
}: {
  ctx: ViewContext;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
  municipalities: Municipality[];
}) {
  return (
    <Layout
      ctx={ctx}
      title="Nieuw traject"
      narrow
      breadcrumbs={[{ href: '/participatie/trajecten', label: 'Trajecten' }, { label: 'Nieuw traject' }]}
    >
      <h1>Nieuw traject starten</h1>
      <p>
        Het traject krijgt een code. Vul geen naam, rijksregisternummer of adres in: die staan in het dossier
        van uw agentschap.
      </p>
      <Form ctx={ctx} action="/participatie/trajecten/nieuw" errors={errors} once>
        <SelectField
          name="municipalityNis"
          label="Gemeente waar de inburgeraar woont"
          options={municipalities.map((m) => ({ value: m.nis, label: m.name }))}
          placeholder="Kies een gemeente"
          value={values.municipalityNis}
          errors={errors}
          required
        />
        <DateField
          name="startDate"
          label="Startdatum van het traject"
          value={values.startDate ?? todayIso()}
          errors={errors}
          required
        />
        <Radios
          name="obliged"
          label="Is het traject verplicht?"
          hint="Verplicht voor inburgeraars die niet werken en niet studeren."
          options={[
            { value: 'ja', label: 'Ja, verplicht' },
            { value: 'nee', label: 'Nee, vrijwillig' },
          ]}
          value={values.obliged}
          errors={errors}
          required
        />
        <Radios
          name="dutchLevel"
          label="Niveau Nederlands nu"
          options={dutchLevels.map((l) => ({ value: l, label: dutchLevelLabels[l] }))}
          value={values.dutchLevel}
          errors={errors}
          required
        />
        <TextArea
          name="note"
          label="Notitie"
          hint="Alleen wat nodig is voor het traject, bv. interesses of beschikbare dagen. Geen namen."
          value={values.note}
          errors={errors}
          rows={3}
        />
        <SubmitButton>Traject starten</SubmitButton> <a href="/participatie/trajecten">Annuleren</a>
      </Form>
    </Layout>
  );
}

type OfferOption = { id: string; title: string; places: string };

export function TrajectoryPage({
  ctx,
  tr,
  offers,
  errors,
  values,
}: {
  ctx: ViewContext;
  tr: TrajectoryDetail;
  offers: OfferOption[];
  errors?: FieldErrors | undefined;
  values?: Record<string, unknown> | undefined;
}) {
  const v = values ?? {};
  const active = tr.status === 'active';
  const base = `/participatie/trajecten/${tr.id}`;
  const perActivity = tr.activities.map((act) => {
    const entries = tr.entries.filter((e) => e.activityId === act.id);
    const sum = (status: string) =>
      entries.filter((e) => e.status === status).reduce((s, e) => s + e.minutes, 0);
    const lastLink = tr.links.find((l) => l.activityId === act.id);
    return {
      act,
      registered: sum('registered'),
      confirmed: sum('confirmed'),
      validated: sum('validated'),
      lastLink,
    };
  });
  const title = (id: string) => tr.activities.find((a) => a.id === id)?.title ?? '';
  const confirmedCount = tr.entries.filter((e) => e.status === 'confirmed').length;
  return (
    <Layout
      ctx={ctx}
      title={`Traject ${tr.code}`}
      breadcrumbs={[{ href: '/participatie/trajecten', label: 'Trajecten' }, { label: tr.code }]}
    >
      <h1>Traject {tr.code}</h1>
      <p>
        <StatusTag workflow={trajectoryWorkflow} status={tr.status} />
        {tr.anonymisedAt && (
          <>
            {' '}
            <Tag>Geanonimiseerd op {formatDate(tr.anonymisedAt)}</Tag>
          </>
        )}
      </p>
      <ErrorSummary errors={errors} />
      <HoursProgress minutes={tr.progress.minutes} />
      <div class="actions">
        {active && tr.progress.complete && (
          <form method="post" action={`${base}/status`} class="inline-form">
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <input type="hidden" name="action" value="close" />
            <SubmitButton>Traject afsluiten en attest maken</SubmitButton>
          </form>
        )}
        {tr.certificate && (
          <a class="button button--primary" href={`${base}/attest`}>
            Attest bekijken en afdrukken
          </a>
        )}
        {active && (
          <form method="post" action={`${base}/status`} class="inline-form">
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <input type="hidden" name="action" value="stop" />
            <SubmitButton variant="warning">Traject stopzetten</SubmitButton>
          </form>
        )}
        {tr.status === 'stopped' && !tr.anonymisedAt && (
          <form method="post" action={`${base}/status`} class="inline-form">
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <input type="hidden" name="action" value="resume" />
            <SubmitButton variant="secondary">Traject hervatten</SubmitButton>
          </form>
        )}
      </div>
      <SummaryList
        items={[
          ['Gemeente', tr.municipalityName],
          ['Start', formatDate(tr.startDate)],
          ['Verplicht', tr.obliged ? 'Ja' : 'Nee'],
          ['Niveau Nederlands', label(dutchLevelLabels, tr.dutchLevel)],
          ['Trajectbegeleider', tr.counsellorName],
          ['Notitie', tr.note],
          [
            'Attest',
            tr.certificate
              ? `Code ${tr.certificate.verificationCode}, uitgereikt op ${formatDate(tr.certificate.issuedAt)}`
              : null,
          ],
        ]}
      />

      <h2>Activiteiten</h2>
      {perActivity.length === 0 ? (
        <p class="empty-state">Nog geen activiteiten. Voeg hieronder een activiteit toe.</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="table__caption">Activiteiten en uren</caption>
            <thead>
              <tr>
                <th scope="col">Activiteit</th>
                <th scope="col">Contactpersoon</th>
                <th scope="col" class="numeric">
                  Wacht op bevestiging
                </th>
                <th scope="col" class="numeric">
                  Bevestigd
                </th>
                <th scope="col" class="numeric">
                  Gevalideerd
                </th>
                <th scope="col">Bevestiging</th>
              </tr>
            </thead>
            <tbody>
              {perActivity.map(({ act, registered, confirmed, validated, lastLink }) => (
                <tr>
                  <td>
                    {act.offerId ? <a href={`/aanbod/${act.offerId}`}>{act.title}</a> : act.title}
                    <br />
                    <span class="field__hint">{label(categoryLabels, act.category)}</span>
                  </td>
                  <td>
                    {act.contactName}
                    <br />
                    {act.contactEmail}
                  </td>
                  <td class="numeric">{decimalHours(registered)} u</td>
                  <td class="numeric">{decimalHours(confirmed)} u</td>
                  <td class="numeric">{decimalHours(validated)} u</td>
                  <td>
                    {lastLink && (
                      <p>
                        {lastLink.usedAt
                          ? `Gebruikt op ${formatDateTime(lastLink.usedAt)} (${lastLink.decision === 'confirm' ? 'bevestigd' : 'niet bevestigd'})`
                          : lastLink.expiresAt.getTime() > Date.now()
                            ? `Link verstuurd op ${formatDate(lastLink.createdAt)}, geldig tot ${formatDate(lastLink.expiresAt)}`
                            : `Link van ${formatDate(lastLink.createdAt)} werkt niet meer`}
                      </p>
                    )}
                    {active && registered > 0 && (
                      <form
                        method="post"
                        action={`${base}/activiteiten/${act.id}/bevestiging`}
                        class="inline-form"
                      >
                        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                        <button type="submit" class="button button--secondary button--small">
                          {lastLink && !lastLink.usedAt ? 'Nieuwe link sturen' : 'Vraag bevestiging'}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {active && (
        <div class="two-columns">
          <section aria-labelledby="add-hours">
            <h2 id="add-hours">Uren registreren</h2>
            {tr.activities.length === 0 ? (
              <p>Voeg eerst een activiteit toe.</p>
            ) : (
              <Form ctx={ctx} action={`${base}/uren`} errors={errors} once>
                <SelectField
                  name="activityId"
                  label="Activiteit"
                  options={tr.activities.map((a) => ({ value: a.id, label: a.title }))}
                  placeholder="Kies een activiteit"
                  value={v.activityId}
                  errors={errors}
                  required
                />
                <DateField
                  name="date"
                  label="Datum"
                  hint="Niet in de toekomst en niet voor de start."
                  value={v.date}
                  errors={errors}
                  required
                />
                <TextField
                  name="hours"
                  label="Aantal uren"
                  hint="Per kwartier, bv. 2 of 2,5. Hoogstens 12 uur per dag."
                  value={v.hours}
                  errors={errors}
                  required
                  width="short"
                />
                <SubmitButton>Uren registreren</SubmitButton>
              </Form>
            )}
          </section>
          <section aria-labelledby="add-activity">
            <h2 id="add-activity">Activiteit toevoegen</h2>
            <Form ctx={ctx} action={`${base}/activiteiten`} errors={errors} once>
              <SelectField
                name="offerId"
                label="Activiteit van het aanbodplatform"
                hint="Activiteiten in het netwerk van de gemeente."
                options={offers.map((o) => ({ value: o.id, label: `${o.title} (${o.places})` }))}
                placeholder="Kies een activiteit, of vul hieronder een andere in"
                value={v.offerId}
                errors={errors}
              />
              <details open={!!errors?.title}>
                <summary>Een andere activiteit (niet op het platform)</summary>
                <TextField name="title" label="Naam van de activiteit" value={v.title} errors={errors} />
                <TextField
                  name="organisationName"
                  label="Organisatie"
                  value={v.organisationName}
                  errors={errors}
                />
                <SelectField
                  name="category"
                  label="Soort"
                  options={categories.map((c) => ({ value: c, label: categoryLabels[c] }))}
                  placeholder="Kies een soort"
                  value={v.category}
                  errors={errors}
                />
                <TextField name="contactName" label="Contactpersoon" value={v.contactName} errors={errors} />
                <TextField
                  name="contactEmail"
                  label="E-mailadres van de contactpersoon"
                  type="email"
                  value={v.contactEmail}
                  errors={errors}
                />
              </details>
              <TextField
                name="plannedHours"
                label="Gepland aantal uren"
                value={v.plannedHours}
                errors={errors}
                width="short"
              />
              <SubmitButton variant="secondary">Activiteit toevoegen</SubmitButton>
            </Form>
          </section>
        </div>
      )}

      <h2>Uren</h2>
      {active && confirmedCount > 0 && (
        <form method="post" action={`${base}/uren/valideren`} class="inline-form">
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <SubmitButton>Alle bevestigde uren valideren ({confirmedCount})</SubmitButton>
        </form>
      )}
      <Table
        caption={`Geregistreerde uren (${tr.entries.length})`}
        path={base}
        rows={tr.entries}
        empty="Nog geen uren geregistreerd."
        columns={[
          { key: 'date', label: 'Datum', render: (e) => formatDate(e.date) },
          { key: 'activity', label: 'Activiteit', render: (e) => title(e.activityId) },
          { key: 'hours', label: 'Uren', numeric: true, render: (e) => formatHours(e.minutes) },
          {
            key: 'status',
            label: 'Status',
            render: (e) => <StatusTag workflow={hourWorkflow} status={e.status} />,
          },
          {
            key: 'confirmed',
            label: 'Bevestigd door',
            render: (e) => (e.confirmedByName ? `${e.confirmedByName}${e.note ? ` (“${e.note}”)` : ''}` : ''),
          },
          {
            key: 'actions',
            label: 'Actie',
            render: (e) =>
              active && ['registered', 'confirmed', 'disputed'].includes(e.status) ? (
                <span class="actions">
                  {e.status === 'confirmed' && (
                    <form method="post" action={`${base}/uren/${e.id}`} class="inline-form">
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                      <input type="hidden" name="action" value="validate" />
                      <button type="submit" class="button button--primary button--small">
                        Valideren
                      </button>
                    </form>
                  )}
                  <form method="post" action={`${base}/uren/${e.id}`} class="inline-form">
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                    <input type="hidden" name="action" value="reject" />
                    <button type="submit" class="link-button">
                      Afwijzen
                    </button>
                  </form>
                </span>
              ) : null,
          },
        ]}
      />

      <h2>Wie bekeek dit dossier?</h2>
      <p>Elke inzage van dit traject wordt bijgehouden. Dit zijn de laatste 20.</p>
      <Table
        caption="Inzages"
        path={base}
        rows={tr.accessLog}
        columns={[
          { key: 'at', label: 'Wanneer', render: (r) => formatDateTime(r.at) },
          {
            key: 'who',
            label: 'Wie',
            render: (r) => `${r.userName ?? 'Onbekend'} (${r.organisationName ?? ''})`,
          },
          { key: 'what', label: 'Wat', render: (r) => accessLabels[r.action] ?? r.action },
        ]}
      />
    </Layout>
  );
}

const accessLabels: Record<string, string> = {
  view: 'Dossier bekeken',
  certificate: 'Attest bekeken',
  api: 'Opgevraagd via de API',
};

/** The printable certificate: the digital proof of participation. */
export function CertificatePage({
  certificate,
  verifyUrl,
}: {
  certificate: {
    verificationCode: string;
    trajectoryCode: string;
    issuerName: string;
    validatedMinutes: number;
    periodStart: string;
    periodEnd: string;
    activities: Array<{ title: string; category: string; minutes: number }>;
    issuedAt: Date;
  };
  verifyUrl: string;
}) {
  return (
    <html lang="nl-BE">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`Attest participatie- en netwerktraject ${certificate.trajectoryCode} · Regiekamer`}</title>
        <link rel="stylesheet" href="/static/regiekamer.css" />
      </head>
      <body>
        <main id="main" class="container container--narrow certificate">
          <p>Regiekamer · Participatie- en netwerktraject</p>
          <h1>Attest van deelname</h1>
          <p class="lead">
            De inburgeraar met trajectcode <strong>{certificate.trajectoryCode}</strong> deed{' '}
            <strong>{decimalHours(certificate.validatedMinutes)} uur</strong> mee aan sociale activiteiten in
            een Nederlandstalige context, van {formatLongDate(certificate.periodStart)} tot{' '}
            {formatLongDate(certificate.periodEnd)}.
          </p>
          <p>Dat is minstens de 40 uur van het participatie- en netwerktraject.</p>
          <table class="table">
            <caption class="table__caption">Activiteiten</caption>
            <thead>
              <tr>
                <th scope="col">Activiteit</th>
                <th scope="col">Soort</th>
                <th scope="col" class="numeric">
                  Uren
                </th>
              </tr>
            </thead>
            <tbody>
              {certificate.activities.map((a) => (
                <tr>
                  <td>{a.title}</td>
                  <td>{label(categoryLabels, a.category)}</td>
                  <td class="numeric">{decimalHours(a.minutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            Elk uur werd bevestigd door de contactpersoon van de activiteit en gevalideerd door de
            trajectbegeleider.
          </p>
          <SummaryList
            items={[
              ['Uitgereikt door', certificate.issuerName],
              ['Datum', formatLongDate(certificate.issuedAt)],
              ['Controlecode', <strong>{certificate.verificationCode}</strong>],
            ]}
          />
          <p>
            Controleer dit attest op <a href={verifyUrl}>{verifyUrl}</a> met de controlecode.
          </p>
          <p>Naam van de inburgeraar (in te vullen door de trajectbegeleider): ……………………………………………</p>
        </main>
      </body>
    </html>
  );
}

/** The public check of a certificate code. */
export function VerificationPage({
  ctx,
  code,
  result,
}: {
  ctx: ViewContext;
  code: string;
  result: VerifiedCertificate | null | undefined;
}) {
  return (
    <Layout
      ctx={ctx}
      title="Attest controleren"
      narrow
      breadcrumbs={[{ href: '/', label: 'Start' }, { label: 'Attest controleren' }]}
    >
      <h1>Attest controleren</h1>
      <p class="lead">Is een attest van het participatie- en netwerktraject echt? Vul de controlecode in.</p>
      <form method="get" action="/attest/controle" class="filter-bar" role="search">
        <div class="field">
          <label class="field__label" for="f-code">
            Controlecode
          </label>
          <p class="field__hint" id="f-code-hint">
            Bijvoorbeeld: 7K3F-9QXA-M2D4
          </p>
          <input
            class="input input--medium"
            id="f-code"
            name="code"
            value={code}
            maxLength={40}
            aria-describedby="f-code-hint"
            autocomplete="off"
          />
        </div>
        <button type="submit" class="button button--primary">
          Controleren
        </button>
      </form>
      {result === null && (
        <div class="notice notice--warning" role="status">
          <p>
            <strong>We vinden geen attest met deze code.</strong> Controleer of u de code juist overnam. De
            code heeft 12 tekens, bv. 7K3F-9QXA-M2D4.
          </p>
        </div>
      )}
      {result && (
        <div class={`notice ${result.revokedAt ? 'notice--warning' : 'notice--success'}`} role="status">
          {result.revokedAt ? (
            <p>
              <strong>Dit attest werd ingetrokken</strong> op {formatDate(result.revokedAt)}.
            </p>
          ) : (
            <p>
              <strong>Dit attest is echt.</strong> Het werd uitgereikt door {result.issuerName} op{' '}
              {formatDate(result.issuedAt)}.
            </p>
          )}
          <SummaryList
            items={[
              ['Controlecode', result.verificationCode],
              [
                'Trajectcode',
                result.anonymisedAt
                  ? 'Niet meer bewaard (de bewaartermijn is voorbij)'
                  : result.trajectoryCode,
              ],
              ['Uren', `${decimalHours(result.validatedMinutes)} uur`],
              ['Periode', `${formatDate(result.periodStart)} tot ${formatDate(result.periodEnd)}`],
              [
                'Activiteiten',
                result.activities.map((a) => `${a.title} (${decimalHours(a.minutes)} u)`).join(', '),
              ],
            ]}
          />
        </div>
      )}
      <p>Deze pagina toont alleen wat op het attest staat. Andere gegevens over de persoon geven we niet.</p>
    </Layout>
  );
}

type ConfirmationData = {
  state: 'ok' | 'used' | 'expired' | 'invalid';
  message?: string | undefined;
  trajectoryCode?: string;
  counsellorOrganisation?: string;
  activity?: { title: string; organisationName: string | null; contactName: string };
  entries?: Array<{ id: string; date: string; minutes: number; status: string }>;
};

/** The page the activity's contact person opens from the mail; no account needed. */
export function ConfirmationPage({
  ctx,
  token,
  data,
  values,
  errors,
}: {
  ctx: ViewContext;
  token: string;
  data: ConfirmationData;
  values?: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  const v = values ?? {};
  const total = (data.entries ?? []).reduce((s, e) => s + e.minutes, 0);
  return (
    <Layout ctx={ctx} title="Uren bevestigen" narrow>
      <h1>Uren bevestigen</h1>
      {data.state !== 'ok' ? (
        <div class="notice notice--warning" role="alert">
          <p>{data.message}</p>
        </div>
      ) : (
        <>
          <p class="lead">
            {data.counsellorOrganisation} vraagt u om de uren te bevestigen van de deelnemer met trajectcode{' '}
            <strong>{data.trajectoryCode}</strong> bij <strong>{data.activity?.title}</strong>.
          </p>
          <div class="table-wrap">
            <table class="table">
              <caption class="table__caption">Uren om te bevestigen (samen {formatHours(total)})</caption>
              <thead>
                <tr>
                  <th scope="col">Datum</th>
                  <th scope="col" class="numeric">
                    Uren
                  </th>
                </tr>
              </thead>
              <tbody>
                {(data.entries ?? []).map((e) => (
                  <tr>
                    <td>{formatDate(e.date)}</td>
                    <td class="numeric">{formatHours(e.minutes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Form ctx={ctx} action={`/bevestigen/${token}`} errors={errors}>
            <Radios
              name="decision"
              label="Kloppen deze uren?"
              options={[
                { value: 'confirm', label: 'Ja, de deelnemer was er op deze dagen, zo lang' },
                { value: 'dispute', label: 'Nee, dit klopt niet' },
              ]}
              value={v.decision}
              errors={errors}
              required
            />
            <TextField
              name="name"
              label="Uw naam"
              value={v.name ?? data.activity?.contactName}
              errors={errors}
              required
              autocomplete="name"
            />
            <TextArea
              name="remark"
              label="Opmerking"
              hint="Bijvoorbeeld wat niet klopt."
              value={v.remark}
              errors={errors}
              rows={3}
            />
            <p>U kunt deze link maar één keer gebruiken.</p>
            <SubmitButton>Verzenden</SubmitButton>
          </Form>
        </>
      )}
    </Layout>
  );
}

export function ConfirmationDonePage({
  ctx,
  decision,
  minutes,
}: {
  ctx: ViewContext;
  decision: 'confirm' | 'dispute';
  minutes: number;
}) {
  return (
    <Layout ctx={ctx} title="Dank u wel" narrow>
      <h1>Dank u wel</h1>
      <div class="notice notice--success" role="status">
        <p>
          {decision === 'confirm'
            ? `U bevestigde ${formatHours(minutes)}. De trajectbegeleider kijkt ze nu na.`
            : 'U liet weten dat de uren niet kloppen. De trajectbegeleider neemt contact op.'}
        </p>
      </div>
      <p>U mag deze pagina sluiten.</p>
    </Layout>
  );
}

/** The offer owner's list of hours to confirm, while logged in. */
export function OwnerConfirmationsPage({
  ctx,
  rows,
  total,
  page,
  pageSize,
}: {
  ctx: ViewContext;
  rows: OwnerConfirmation[];
  total: number;
  page: number;
  pageSize: number;
}) {
  return (
    <Layout
      ctx={ctx}
      title="Uren bevestigen"
      breadcrumbs={[{ href: '/home', label: 'Start' }, { label: 'Uren bevestigen' }]}
    >
      <h1>Uren bevestigen</h1>
      <p class="lead">
        Deelnemers aan uw activiteiten volgen een participatie- en netwerktraject. Kloppen hun uren? Bevestig
        ze hier. U ziet alleen een trajectcode, geen naam.
      </p>
      {rows.length === 0 ? (
        <p class="empty-state">Er wachten geen uren op uw bevestiging.</p>
      ) : (
        rows.map((r) => {
          const sum = r.entries.reduce((s, e) => s + e.minutes, 0);
          return (
            <section class="card" aria-labelledby={`act-${r.activityId}`}>
              <h2 id={`act-${r.activityId}`}>
                {r.title}: trajectcode {r.trajectoryCode}
              </h2>
              <p>
                Gevraagd door {r.counsellorOrganisation}. Samen {formatHours(sum)}:{' '}
                {r.entries.map((e) => `${formatDate(e.date)} (${formatHours(e.minutes)})`).join(', ')}.
              </p>
              <form method="post" action={`/participatie/bevestigingen/${r.activityId}`} class="form">
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <Radios
                  name="decision"
                  label="Kloppen deze uren?"
                  options={[
                    { value: 'confirm', label: 'Ja, dit klopt' },
                    { value: 'dispute', label: 'Nee, dit klopt niet' },
                  ]}
                  value="confirm"
                  required
                />
                <SubmitButton>Verzenden</SubmitButton>
              </form>
            </section>
          );
        })
      )}
      <Pagination page={page} pageSize={pageSize} total={total} path="/participatie/bevestigingen" />
    </Layout>
  );
}
