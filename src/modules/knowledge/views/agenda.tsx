import type { FieldErrors } from '../../../core/http/errors';
import { formatDate, formatDateTime, formatLongDate } from '../../../core/i18n/format';
import type { ViewContext } from '../../../core/views/context';
import { FilterBar, FilterSelect, FilterText } from '../../../core/views/filter-bar';
import {
  Checkboxes,
  DateField,
  ErrorSummary,
  Form,
  NumberField,
  Radios,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import { Pagination, SummaryList, Table, withQuery } from '../../../core/views/table';
import {
  type AudienceKind,
  audienceKindLabels,
  audienceKinds,
  eventTypeLabels,
  eventTypes,
  themeLabels,
  themes,
} from '../rules';
import type {
  AgendaFilter,
  EventDetail,
  EventListRow,
  MyRegistrationRow,
  ParticipantRow,
  RegistrationScope,
} from '../service';
import type { RegistrationStatus } from '../workflow';
import {
  ActionButton,
  eventWhen,
  Paragraphs,
  placesText,
  RegistrationTag,
  ThemeList,
  TimeField,
  typeLabel,
} from './common';

const agendaCrumbs = [
  { href: '/', label: 'Start' },
  { href: '/agenda', label: 'Agenda' },
];

type Region = { code: string; name: string };

export function AgendaPage(p: {
  ctx: ViewContext;
  rows: EventListRow[];
  total: number;
  page: number;
  pageSize: number;
  query: AgendaFilter;
  regions: Region[];
  canCreate: boolean;
}) {
  const icsUrl = withQuery('/agenda.ics', p.query, { page: undefined });
  return (
    <Layout ctx={p.ctx} title="Agenda" breadcrumbs={[{ href: '/', label: 'Start' }, { label: 'Agenda' }]}>
      <h1>Agenda kennisdeling</h1>
      <p class="lead">
        Netwerkmomenten, sessies van lerende netwerken, vormingen, infosessies en webinars van de
        agentschappen en de regionale netwerken. Lokale besturen ontmoeten er elkaar en leren van elkaars
        aanpak.
      </p>
      <p class="actions">
        {p.ctx.principal && <a href="/mijn-inschrijvingen">Mijn inschrijvingen</a>}
        {p.canCreate && (
          <>
            <a class="button button--secondary" href="/agenda/nieuw">
              Nieuw evenement
            </a>
            <a href="/agenda/beheer">Evenementen van mijn organisatie</a>
          </>
        )}
      </p>
      <FilterBar action="/agenda" label="Evenementen filteren">
        <FilterText name="q" label="Zoek" value={p.query.q} />
        <FilterSelect
          name="theme"
          label="Thema"
          value={p.query.theme}
          all="Alle thema's"
          options={themes.map((t) => ({ value: t, label: themeLabels[t] }))}
        />
        <FilterSelect
          name="type"
          label="Soort"
          value={p.query.type}
          all="Alle soorten"
          options={eventTypes.map((t) => ({ value: t, label: eventTypeLabels[t] }))}
        />
        <FilterSelect
          name="region"
          label="Regio"
          value={p.query.region}
          all="Alle regio's"
          options={p.regions.map((r) => ({ value: r.code, label: r.name }))}
        />
        <FilterText name="month" label="Maand (jjjj-mm)" value={p.query.month} type="month" />
      </FilterBar>
      <Table
        caption={
          p.query.month ? `Evenementen in ${p.query.month} (${p.total})` : `Komende evenementen (${p.total})`
        }
        path="/agenda"
        query={p.query}
        empty="Er zijn geen evenementen die aan uw filters voldoen."
        rows={p.rows}
        columns={[
          {
            key: 'when',
            label: 'Wanneer',
            render: (e) => (
              <>
                {formatDate(e.startsAt)}
                <br />
                <span class="field__hint">{eventWhen(e.startsAt, e.endsAt).split(', ')[1]}</span>
              </>
            ),
          },
          {
            key: 'title',
            label: 'Evenement',
            render: (e) => (
              <>
                <a href={`/agenda/${e.id}`}>{e.title}</a>
                {e.cancelledAt && (
                  <>
                    {' '}
                    <strong class="tag tag--negative">Geannuleerd</strong>
                  </>
                )}
                <br />
                <span class="field__hint">
                  {typeLabel(e.type)} · <ThemeList codes={e.themes} />
                </span>
              </>
            ),
          },
          { key: 'where', label: 'Waar', render: (e) => e.location ?? (e.onlineUrl ? 'Online' : '') },
          { key: 'organiser', label: 'Organisator', render: (e) => e.organiserName },
          { key: 'places', label: 'Plaatsen', render: (e) => (e.cancelledAt ? '–' : placesText(e)) },
        ]}
      />
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} path="/agenda" query={p.query} />
      <h2>In uw eigen agenda</h2>
      <p>
        Abonneer u op de agenda in Outlook, Google Agenda of op uw telefoon met dit adres (met de filters die
        u koos): <a href={icsUrl}>agenda als iCalendar-bestand</a>. Wie aangemeld is, vindt op{' '}
        <a href="/mijn-inschrijvingen">Mijn inschrijvingen</a> een persoonlijke agenda met alleen de eigen
        evenementen.
      </p>
    </Layout>
  );
}

export function EventPage({
  ctx,
  d,
  errors,
  values,
}: {
  ctx: ViewContext;
  d: EventDetail;
  errors?: FieldErrors;
  values?: Record<string, unknown>;
}) {
  const e = d.event;
  const v = d.viewer;
  const self = ctx.principal;
  const activeOnes = v?.registrations ?? [];
  const canCancel = (status: RegistrationStatus) =>
    ['registered', 'pending_approval', 'waitlisted'].includes(status) && (d.canSelfCancel || !!v?.canManage);
  const registeredIds = new Set(activeOnes.map((r) => r.userId));
  const options = v
    ? [
        ...v.colleagues
          .filter((c) => c.id === self?.userId)
          .map((c) => ({ value: c.id, label: `Uzelf (${c.name})` })),
        ...v.colleagues
          .filter((c) => c.id !== self?.userId)
          .map((c) => ({ value: c.id, label: c.name, hint: c.email })),
      ].filter((o) => !registeredIds.has(o.value))
    : [];
  return (
    <Layout ctx={ctx} title={e.title} breadcrumbs={[...agendaCrumbs, { label: e.title }]}>
      <h1>{e.title}</h1>
      {e.cancelledAt && (
        <div class="notice notice--warning" role="status">
          <p>
            <strong>Dit evenement is geannuleerd.</strong>
            {e.cancelReason ? ` ${e.cancelReason}` : ''}
          </p>
        </div>
      )}
      <div class="two-columns">
        <div>
          <SummaryList
            items={[
              ['Wanneer', eventWhen(e.startsAt, e.endsAt)],
              ['Waar', e.location],
              ['Online', e.onlineUrl ? <a href={e.onlineUrl}>{e.onlineUrl}</a> : null],
              ['Soort', typeLabel(e.type)],
              ['Thema', <ThemeList codes={e.themes} />],
              ['Organisator', <a href={`/organisaties/${e.organiserOrganisationId}`}>{d.organiserName}</a>],
              [
                'Lerend netwerk',
                d.learningNetwork ? (
                  <a href={`/lerende-netwerken/${d.learningNetwork.id}`}>{d.learningNetwork.name}</a>
                ) : null,
              ],
              ['Voor wie', d.audienceText],
              ['Plaatsen', placesText({ ...e, taken: d.taken, waitlisted: d.waitlisted })],
              [
                'Inschrijven',
                `${e.registrationOpensAt ? `van ${formatDateTime(e.registrationOpensAt)} ` : ''}tot ${formatDateTime(e.registrationClosesAt)}${e.approvalRequired ? '; de organisator keurt inschrijvingen goed' : ''}`,
              ],
              ['Per organisatie', e.organisationLimit ? `Maximaal ${e.organisationLimit} deelnemers` : null],
            ]}
          />
          <p>
            <a href={`/agenda/${e.id}/ics`}>Zet dit evenement in mijn agenda (.ics)</a>
          </p>
        </div>
        <div>
          <h2>Over dit evenement</h2>
          <Paragraphs text={e.description} />
        </div>
      </div>

      {v?.canManage && (
        <section aria-labelledby="organiser-title">
          <h2 id="organiser-title">Voor de organisator</h2>
          <p class="actions">
            <a class="button button--secondary" href={`/agenda/${e.id}/deelnemers`}>
              Deelnemers en aanwezigheid
            </a>
            <a href={`/agenda/${e.id}/deelnemers.csv`}>Deelnemerslijst downloaden (CSV)</a>
            {!e.cancelledAt && <a href={`/agenda/${e.id}/bewerken`}>Evenement wijzigen</a>}
            {!e.cancelledAt && <a href={`/agenda/${e.id}/annuleren`}>Evenement annuleren</a>}
          </p>
        </section>
      )}

      <section aria-labelledby="register-title">
        <h2 id="register-title">Inschrijven</h2>
        {!self && (
          <p>
            <a class="button button--primary" href={`/login?next=${encodeURIComponent(`/agenda/${e.id}`)}`}>
              Meld u aan om in te schrijven
            </a>
          </p>
        )}
        {activeOnes.length > 0 && (
          <Table
            caption="Ingeschreven uit uw organisatie"
            path={`/agenda/${e.id}`}
            rows={activeOnes}
            columns={[
              {
                key: 'name',
                label: 'Naam',
                render: (r) => (r.userId === self?.userId ? `${r.name} (uzelf)` : r.name),
              },
              {
                key: 'status',
                label: 'Status',
                render: (r) => (
                  <>
                    <RegistrationTag status={r.status} public />
                    {r.waitlistPosition && ` (plaats ${r.waitlistPosition} op de wachtlijst)`}
                  </>
                ),
              },
              {
                key: 'action',
                label: 'Actie',
                render: (r) =>
                  canCancel(r.status) ? (
                    <ActionButton
                      csrf={ctx.csrfToken}
                      action={`/inschrijvingen/${r.id}/annuleren`}
                      label={
                        <>
                          Annuleren<span class="visually-hidden"> voor {r.name}</span>
                        </>
                      }
                      variant="warning"
                    />
                  ) : (
                    ''
                  ),
              },
            ]}
          />
        )}
        {errors && !(self && !d.closedReason && v?.inAudience && options.length > 0) && (
          <ErrorSummary errors={errors} />
        )}
        {self && d.closedReason && <p class="notice notice--warning">{d.closedReason}</p>}
        {self && !d.closedReason && v && !v.inAudience && (
          <p>
            Dit evenement is niet voor uw organisatie ({self.active.organisationName}). {d.audienceText}.
          </p>
        )}
        {self && !d.closedReason && v?.inAudience && options.length > 0 && (
          <Form ctx={ctx} action={`/agenda/${e.id}/inschrijven`} errors={errors} once>
            <Checkboxes
              name="participants"
              label="Wie schrijft u in?"
              hint={`U kunt uzelf en collega's van ${self.active.organisationName} inschrijven.${e.organisationLimit ? ` Per organisatie kunnen maximaal ${e.organisationLimit} mensen deelnemen.` : ''}${e.capacity !== null && e.waitlistEnabled ? ' Is het evenement volzet, dan komt u op de wachtlijst.' : ''}`}
              options={options}
              value={values?.participants ?? (options[0]?.value === self.userId ? [self.userId] : [])}
              errors={errors}
              required
            />
            <SubmitButton>Inschrijven</SubmitButton>
          </Form>
        )}
        {self && !d.closedReason && v?.inAudience && options.length === 0 && activeOnes.length > 0 && (
          <p>Iedereen van uw organisatie die u kunt inschrijven, is ingeschreven.</p>
        )}
        {activeOnes.length > 0 && d.canSelfCancel && (
          <p class="field__hint">U kunt annuleren tot {formatDateTime(e.registrationClosesAt)}.</p>
        )}
      </section>
    </Layout>
  );
}

type Option = { value: string; label: string };

export function EventFormPage(p: {
  ctx: ViewContext;
  mode: 'create' | 'edit';
  action: string;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
  regions: Option[];
  networks: Option[];
  learningNetworks: Option[];
  eventTitle?: string;
}) {
  const v = p.values;
  const title = p.mode === 'create' ? 'Nieuw evenement' : `Wijzig: ${p.eventTitle ?? ''}`;
  const fromNetwork = !!v.learningNetworkId;
  const kinds = audienceKinds.filter(
    (k) => k !== 'learning_network' || fromNetwork || p.learningNetworks.length > 0,
  );
  return (
    <Layout ctx={p.ctx} title={title} breadcrumbs={[...agendaCrumbs, { label: title }]} narrow>
      <h1>{title}</h1>
      <Form ctx={p.ctx} action={p.action} errors={p.errors} once={p.mode === 'create'}>
        <TextField name="title" label="Titel" value={v.title} errors={p.errors} required maxLength={200} />
        <TextArea
          name="description"
          label="Beschrijving"
          hint="Wat leren of bespreken de deelnemers? Voor wie is het bedoeld? Laat een witregel tussen alinea's."
          value={v.description}
          errors={p.errors}
          required
          rows={8}
        />
        <SelectField
          name="type"
          label="Soort evenement"
          value={v.type}
          errors={p.errors}
          required
          placeholder="Kies een soort"
          options={eventTypes.map((t) => ({ value: t, label: eventTypeLabels[t] }))}
        />
        <Checkboxes
          name="themes"
          label="Thema's"
          value={v.themes}
          errors={p.errors}
          required
          options={themes.map((t) => ({ value: t, label: themeLabels[t] }))}
        />
        <h2>Wanneer en waar</h2>
        <DateField name="startDate" label="Datum" value={v.startDate} errors={p.errors} required />
        <TimeField name="startTime" label="Beginuur" value={v.startTime} errors={p.errors} required />
        <TimeField name="endTime" label="Einduur" value={v.endTime} errors={p.errors} required />
        <DateField
          name="endDate"
          label="Einddatum"
          hint="Alleen als het evenement meer dan één dag duurt."
          value={v.endDate}
          errors={p.errors}
        />
        <TextField
          name="location"
          label="Plaats"
          hint="Zaal en adres. Laat leeg voor een online evenement."
          value={v.location}
          errors={p.errors}
        />
        <TextField
          name="onlineUrl"
          label="Link voor online deelname"
          type="url"
          value={v.onlineUrl}
          errors={p.errors}
        />
        <h2>Voor wie</h2>
        <Radios
          name="audienceKind"
          label="Wie kan inschrijven?"
          value={v.audienceKind}
          errors={p.errors}
          required
          options={kinds.map((k) => ({ value: k, label: audienceKindLabels[k as AudienceKind] }))}
        />
        <SelectField
          name="audienceRegion"
          label="Referentieregio"
          hint="Alleen als u koos voor de lokale besturen van één referentieregio."
          value={v.audienceRegion}
          errors={p.errors}
          placeholder="Kies een regio"
          options={p.regions}
        />
        <SelectField
          name="audienceNetwork"
          label="Regionaal netwerk"
          hint="Alleen als u koos voor de leden van één regionaal netwerk."
          value={v.audienceNetwork}
          errors={p.errors}
          placeholder="Kies een netwerk"
          options={p.networks}
        />
        <TextArea
          name="invited"
          label="Uitgenodigde organisaties"
          hint="Alleen als u koos voor uitgenodigde organisaties. Eén per regel: de NIS-code van de gemeente (bv. 12025) of de naam van de organisatie."
          value={v.invited}
          errors={p.errors}
          rows={4}
        />
        {p.learningNetworks.length > 0 && (
          <SelectField
            name="learningNetworkId"
            label="Sessie van een lerend netwerk"
            hint="Kies het lerend netwerk als dit een van zijn sessies is."
            value={v.learningNetworkId}
            errors={p.errors}
            placeholder="Geen lerend netwerk"
            options={p.learningNetworks}
          />
        )}
        <h2>Inschrijvingen</h2>
        <NumberField
          name="capacity"
          label="Aantal plaatsen"
          hint="Laat leeg als er geen maximum is."
          value={v.capacity}
          errors={p.errors}
        />
        <Checkboxes
          name="waitlistEnabled"
          label="Wachtlijst"
          value={v.waitlistEnabled}
          errors={p.errors}
          options={[{ value: 'ja', label: 'Wie inschrijft als het volzet is, komt op een wachtlijst' }]}
        />
        <Checkboxes
          name="approvalRequired"
          label="Goedkeuring"
          value={v.approvalRequired}
          errors={p.errors}
          options={[{ value: 'ja', label: 'Ik keur elke inschrijving eerst goed' }]}
        />
        <NumberField
          name="organisationLimit"
          label="Maximum deelnemers per organisatie"
          hint="Laat leeg als er geen maximum is."
          value={v.organisationLimit}
          errors={p.errors}
        />
        <DateField
          name="registrationOpensDate"
          label="Inschrijvingen openen op"
          hint="Laat leeg om meteen te openen."
          value={v.registrationOpensDate}
          errors={p.errors}
        />
        <DateField
          name="registrationClosesDate"
          label="Inschrijven en annuleren kan tot"
          hint="Laat leeg: tot het evenement begint."
          value={v.registrationClosesDate}
          errors={p.errors}
        />
        <TimeField
          name="registrationClosesTime"
          label="Uur"
          value={v.registrationClosesTime}
          errors={p.errors}
        />
        <SubmitButton>{p.mode === 'create' ? 'Evenement aanmaken' : 'Wijzigingen bewaren'}</SubmitButton>
      </Form>
    </Layout>
  );
}

export function CancelEventPage(p: {
  ctx: ViewContext;
  d: { id: string; title: string; taken: number };
  errors?: FieldErrors;
  values?: Record<string, unknown>;
}) {
  return (
    <Layout
      ctx={p.ctx}
      title={`Annuleer: ${p.d.title}`}
      breadcrumbs={[...agendaCrumbs, { href: `/agenda/${p.d.id}`, label: p.d.title }, { label: 'Annuleren' }]}
      narrow
    >
      <h1>Evenement annuleren</h1>
      <p class="lead">
        "{p.d.title}" gaat niet door. Alle {p.d.taken} deelnemers en wie op de wachtlijst staat, krijgen een
        e-mail en hun inschrijving vervalt. Dit kunt u niet ongedaan maken.
      </p>
      <Form ctx={p.ctx} action={`/agenda/${p.d.id}/annuleren`} errors={p.errors}>
        <TextArea
          name="reason"
          label="Reden"
          hint="Deze reden staat in de e-mail aan de deelnemers."
          value={p.values?.reason}
          errors={p.errors}
          required
          rows={3}
        />
        <SubmitButton variant="warning">Evenement annuleren</SubmitButton>
      </Form>
    </Layout>
  );
}

export function ParticipantsPage(p: {
  ctx: ViewContext;
  data: {
    event: { id: string; title: string; startsAt: Date; capacity: number | null; cancelledAt: Date | null };
    items: ParticipantRow[];
    total: number;
    summary: { taken: number; waitlisted: number; pending: number; attended: number };
    canRecordAttendance: boolean;
  };
  page: number;
  pageSize: number;
  errors?: FieldErrors;
}) {
  const { event, items, summary } = p.data;
  const path = `/agenda/${event.id}/deelnemers`;
  const attendable = (s: RegistrationStatus) => ['registered', 'attended', 'no_show'].includes(s);
  const started = event.startsAt <= new Date();
  return (
    <Layout
      ctx={p.ctx}
      title={`Deelnemers: ${event.title}`}
      breadcrumbs={[
        ...agendaCrumbs,
        { href: `/agenda/${event.id}`, label: event.title },
        { label: 'Deelnemers' },
      ]}
    >
      <h1>Deelnemers</h1>
      <p class="lead">
        {event.title}, {formatLongDate(event.startsAt)}
      </p>
      <SummaryList
        items={[
          [
            'Plaatsen ingenomen',
            event.capacity === null ? `${summary.taken}` : `${summary.taken} van ${event.capacity}`,
          ],
          ['Wacht op goedkeuring', `${summary.pending}`],
          ['Op de wachtlijst', `${summary.waitlisted}`],
          ['Aanwezig', `${summary.attended}`],
        ]}
      />
      <p class="actions">
        <a class="button button--secondary" href={`/agenda/${event.id}/deelnemers.csv`}>
          Deelnemerslijst downloaden (CSV)
        </a>
      </p>
      {p.errors && (
        <div class="error-summary" role="alert">
          <h2 class="error-summary__title">Er is een probleem</h2>
          <ul class="error-summary__list">
            {Object.values(p.errors).map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        </div>
      )}
      {!p.data.canRecordAttendance && !event.cancelledAt && (
        <p>U kunt de aanwezigheden registreren vanaf de dag van het evenement.</p>
      )}
      <Table
        caption={`Inschrijvingen (${p.data.total}), in volgorde van inschrijving`}
        path={path}
        rows={items}
        empty="Nog niemand ingeschreven."
        columns={[
          { key: 'name', label: 'Naam', render: (r) => r.name },
          { key: 'org', label: 'Organisatie', render: (r) => r.organisationName },
          { key: 'at', label: 'Ingeschreven op', render: (r) => formatDateTime(r.createdAt) },
          { key: 'status', label: 'Status', render: (r) => <RegistrationTag status={r.status} /> },
          {
            key: 'attendance',
            label: 'Aanwezigheid',
            render: (r) =>
              p.data.canRecordAttendance && attendable(r.status) ? (
                <fieldset class="fieldset">
                  <legend class="visually-hidden">Aanwezigheid van {r.name}</legend>
                  <div class="choices choices--inline">
                    {(['attended', 'no_show'] as const).map((value) => (
                      <div class="choice">
                        <input
                          class="choice__input"
                          type="radio"
                          id={`a-${r.id}-${value}`}
                          name={`a_${r.id}`}
                          value={value}
                          checked={r.status === value}
                          form="attendance-form"
                        />
                        <label class="choice__label" for={`a-${r.id}-${value}`}>
                          {value === 'attended' ? 'Aanwezig' : 'Afwezig'}
                        </label>
                      </div>
                    ))}
                  </div>
                </fieldset>
              ) : (
                ''
              ),
          },
          {
            key: 'actions',
            label: 'Acties',
            render: (r) => (
              <>
                {r.status === 'pending_approval' && (
                  <>
                    <ActionButton
                      csrf={p.ctx.csrfToken}
                      action={`/inschrijvingen/${r.id}/goedkeuren`}
                      label={
                        <>
                          Goedkeuren<span class="visually-hidden"> voor {r.name}</span>
                        </>
                      }
                      variant="primary"
                    />{' '}
                    <ActionButton
                      csrf={p.ctx.csrfToken}
                      action={`/inschrijvingen/${r.id}/weigeren`}
                      label={
                        <>
                          Weigeren<span class="visually-hidden"> voor {r.name}</span>
                        </>
                      }
                      variant="warning"
                    />
                  </>
                )}
                {['registered', 'pending_approval', 'waitlisted'].includes(r.status) &&
                  !event.cancelledAt &&
                  !started && (
                    <ActionButton
                      csrf={p.ctx.csrfToken}
                      action={`/inschrijvingen/${r.id}/annuleren`}
                      label={
                        <>
                          Annuleren<span class="visually-hidden"> voor {r.name}</span>
                        </>
                      }
                      variant="warning"
                    />
                  )}
              </>
            ),
          },
        ]}
      />
      {p.data.canRecordAttendance && items.some((r) => attendable(r.status)) && (
        <form method="post" action={`/agenda/${event.id}/aanwezigheid`} id="attendance-form" class="form">
          <input type="hidden" name="_csrf" value={p.ctx.csrfToken} />
          <SubmitButton>Aanwezigheden bewaren</SubmitButton>
        </form>
      )}
      <Pagination page={p.page} pageSize={p.pageSize} total={p.data.total} path={path} />
    </Layout>
  );
}

export function OrganisedEventsPage(p: {
  ctx: ViewContext;
  rows: EventListRow[];
  total: number;
  page: number;
  pageSize: number;
}) {
  return (
    <Layout
      ctx={p.ctx}
      title="Evenementen van mijn organisatie"
      breadcrumbs={[...agendaCrumbs, { label: 'Mijn evenementen' }]}
    >
      <h1>Evenementen van mijn organisatie</h1>
      <p class="actions">
        <a class="button button--primary" href="/agenda/nieuw">
          Nieuw evenement
        </a>
      </p>
      <Table
        caption={`Evenementen (${p.total})`}
        path="/agenda/beheer"
        rows={p.rows}
        empty="Uw organisatie organiseerde nog geen evenementen."
        columns={[
          { key: 'when', label: 'Datum', render: (e) => formatDate(e.startsAt) },
          {
            key: 'title',
            label: 'Evenement',
            render: (e) => (
              <>
                <a href={`/agenda/${e.id}`}>{e.title}</a>
                {e.cancelledAt && (
                  <>
                    {' '}
                    <strong class="tag tag--negative">Geannuleerd</strong>
                  </>
                )}
              </>
            ),
          },
          { key: 'places', label: 'Plaatsen', render: (e) => placesText(e) },
          {
            key: 'participants',
            label: 'Deelnemers',
            render: (e) => (
              <a href={`/agenda/${e.id}/deelnemers`}>
                Lijst en aanwezigheid<span class="visually-hidden"> voor {e.title}</span>
              </a>
            ),
          },
        ]}
      />
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} path="/agenda/beheer" />
    </Layout>
  );
}

export function MyRegistrationsPage(p: {
  ctx: ViewContext;
  rows: MyRegistrationRow[];
  total: number;
  page: number;
  pageSize: number;
  scope: RegistrationScope;
  past: boolean;
  feedUrl: string;
}) {
  const query = {
    wie: p.scope === 'organisation' ? 'organisatie' : undefined,
    wanneer: p.past ? 'voorbij' : undefined,
  };
  const link = (changes: Record<string, string | undefined>, label: string, current: boolean) => (
    <a
      href={withQuery('/mijn-inschrijvingen', query, { ...changes, page: undefined })}
      aria-current={current ? 'page' : undefined}
    >
      {label}
    </a>
  );
  return (
    <Layout
      ctx={p.ctx}
      title="Mijn inschrijvingen"
      breadcrumbs={[...agendaCrumbs, { label: 'Mijn inschrijvingen' }]}
    >
      <h1>Mijn inschrijvingen</h1>
      <nav class="actions" aria-label="Welke inschrijvingen">
        {link({ wie: undefined }, 'Mijn eigen inschrijvingen', p.scope === 'mine')}
        {link(
          { wie: 'organisatie' },
          `Collega's van ${p.ctx.principal?.active.organisationName ?? 'mijn organisatie'}`,
          p.scope === 'organisation',
        )}
        {link({ wanneer: undefined }, 'Komende', !p.past)}
        {link({ wanneer: 'voorbij' }, 'Voorbije', p.past)}
      </nav>
      <Table
        caption={`${p.scope === 'mine' ? 'Mijn' : "Collega's:"} ${p.past ? 'voorbije' : 'komende'} evenementen (${p.total})`}
        path="/mijn-inschrijvingen"
        query={query}
        rows={p.rows}
        empty={
          p.past
            ? 'Geen voorbije inschrijvingen.'
            : 'Geen komende inschrijvingen. Bekijk de agenda om in te schrijven.'
        }
        columns={[
          { key: 'when', label: 'Wanneer', render: (r) => formatDateTime(r.startsAt) },
          {
            key: 'event',
            label: 'Evenement',
            render: (r) => (
              <>
                <a href={`/agenda/${r.eventId}`}>{r.title}</a>
                {r.cancelledAt && (
                  <>
                    {' '}
                    <strong class="tag tag--negative">Evenement geannuleerd</strong>
                  </>
                )}
              </>
            ),
          },
          ...(p.scope === 'organisation'
            ? [{ key: 'who', label: 'Wie', render: (r: MyRegistrationRow) => r.name }]
            : []),
          { key: 'status', label: 'Status', render: (r) => <RegistrationTag status={r.status} public /> },
          {
            key: 'action',
            label: 'Actie',
            render: (r) =>
              r.canCancel ? (
                <ActionButton
                  csrf={p.ctx.csrfToken}
                  action={`/inschrijvingen/${r.id}/annuleren`}
                  label={
                    <>
                      Annuleren<span class="visually-hidden"> voor {r.title}</span>
                    </>
                  }
                  variant="warning"
                />
              ) : (
                ''
              ),
          },
        ]}
      />
      <Pagination
        page={p.page}
        pageSize={p.pageSize}
        total={p.total}
        path="/mijn-inschrijvingen"
        query={query}
      />
      <h2>Mijn evenementen in mijn eigen agenda</h2>
      <p>
        Voeg dit geheime adres toe als agenda-abonnement in Outlook, Google Agenda of op uw telefoon. Uw
        agenda toont dan altijd de evenementen waarvoor u ingeschreven bent. Geef het adres aan niemand door.
      </p>
      <p>
        <label class="field__label" for="feed-url">
          Adres van mijn persoonlijke agenda
        </label>
        <input class="input" id="feed-url" type="text" readOnly value={p.feedUrl} />
      </p>
      <Form ctx={p.ctx} action="/mijn-inschrijvingen/agendalink">
        <p class="field__hint">
          Deelde u het adres per vergissing? Maak een nieuw adres; het oude werkt dan niet meer.
        </p>
        <SubmitButton variant="secondary">Nieuw adres maken</SubmitButton>
      </Form>
    </Layout>
  );
}
