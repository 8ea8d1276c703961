import type { FieldErrors } from '../../../core/http/errors';
import { formatDate, formatDateTime, todayIso } from '../../../core/i18n/format';
import type { ViewContext } from '../../../core/views/context';
import { FilterBar, FilterSelect, FilterText } from '../../../core/views/filter-bar';
import {
  ErrorSummary,
  Form,
  Radios,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import { Pagination, SummaryList, withQuery } from '../../../core/views/table';
import type { LocalGovernment } from '../access';
import { paths } from '../paths';
import {
  actionsFor,
  isOverdue,
  type RequestStatus,
  requestStatuses,
  statusLabel,
  workingDaysBetween,
} from '../rules';
import { type CatalogueItem, MAX_MESSAGE_LENGTH, type RequestDetail, type RequestRow } from '../service';
import { normText } from './catalogue';
import { ContactPersonSummary, RequestTable } from './governments';
import { ExportLink, OverdueTag, StatusTag } from './parts';

export type RequestQuery = {
  status?: string | undefined;
  jaar?: number | undefined;
  bestuur?: string | undefined;
  telaat?: string | undefined;
  open?: string | undefined;
  q?: string | undefined;
};

export function RequestListPage({
  ctx,
  rows,
  total,
  page,
  pageSize,
  query,
  governmentName,
}: {
  ctx: ViewContext;
  rows: RequestRow[];
  total: number;
  page: number;
  pageSize: number;
  query: RequestQuery;
  governmentName: string | null;
}) {
  const forLocal = ctx.principal?.active.role === 'local_officer';
  const title = governmentName ? `Vragen van ${governmentName}` : 'Vragen';
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: '/home', label: 'Start' },
        { href: paths.catalogue, label: 'Dienstverlening' },
        { label: 'Vragen' },
      ]}
    >
      <h1>{title}</h1>
      <FilterBar action={paths.requests}>
        {query.bestuur && <input type="hidden" name="bestuur" value={query.bestuur} />}
        <FilterText name="q" label="Zoek" value={query.q} />
        <FilterSelect
          name="status"
          label="Status"
          value={query.status}
          all="Alle statussen"
          options={requestStatuses.map((s) => ({ value: s, label: statusLabel(s, forLocal) }))}
        />
        <div class="field">
          <label class="field__label" for="flt-jaar">
            Jaar
          </label>
          <input
            class="input input--short"
            id="flt-jaar"
            name="jaar"
            inputMode="numeric"
            value={query.jaar ? String(query.jaar) : ''}
          />
        </div>
        <div class="field choice">
          <input
            class="choice__input"
            id="flt-telaat"
            type="checkbox"
            name="telaat"
            value="1"
            checked={!!query.telaat}
          />
          <label class="choice__label" for="flt-telaat">
            Alleen te laat
          </label>
        </div>
      </FilterBar>
      <RequestTable
        rows={rows}
        caption={`${title} (${total})`}
        showGovernment={!forLocal}
        forLocalGovernment={forLocal}
        path={paths.requests}
        query={query}
      />
      <Pagination page={page} pageSize={pageSize} total={total} path={paths.requests} query={query} />
      <ExportLink href={withQuery(paths.requestsCsv, query, {})} label="Deze vragen" />
    </Layout>
  );
}

export function NewRequestPage({
  ctx,
  lg,
  items,
  values,
  errors,
}: {
  ctx: ViewContext;
  lg: LocalGovernment;
  items: CatalogueItem[];
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  return (
    <Layout
      ctx={ctx}
      title="Een vraag stellen"
      narrow
      breadcrumbs={[
        { href: '/home', label: 'Start' },
        { href: paths.government(lg.id), label: lg.name },
        { label: 'Een vraag stellen' },
      ]}
    >
      <h1>Een vraag stellen</h1>
      <p class="lead">
        Uw vraag gaat naar uw vaste aanspreekpersoon. U krijgt een e-mail zodra er een antwoord is.
      </p>
      <Form ctx={ctx} action={paths.newRequest(lg.id)} errors={errors} once>
        <SelectField
          name="item"
          label="Over welke dienst gaat het?"
          hint="Kies een dienst uit de catalogus, of kies 'Een andere vraag'."
          value={values.item}
          errors={errors}
          options={[
            { value: '', label: 'Een andere vraag' },
            ...items.map((i) => ({
              value: i.code,
              label: `${i.title} (${normText(i.normWorkingDays).toLowerCase()})`,
            })),
          ]}
        />
        <TextField
          name="subject"
          label="Onderwerp"
          value={values.subject}
          errors={errors}
          required
          maxLength={200}
        />
        <TextArea
          name="message"
          label="Uw vraag"
          hint="Vertel wat u wilt bereiken en tegen wanneer."
          value={values.message}
          errors={errors}
          required
          rows={8}
          maxLength={MAX_MESSAGE_LENGTH}
        />
        <SubmitButton>Vraag versturen</SubmitButton>
      </Form>
    </Layout>
  );
}

export function RequestPage({
  ctx,
  detail,
  canReply,
  values,
  errors,
}: {
  ctx: ViewContext;
  detail: RequestDetail;
  canReply: boolean;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  const { request: r, messages, contact } = detail;
  const role = ctx.principal!.active.role;
  const forLocal = role === 'local_officer';
  const today = todayIso();
  const overdue = isOverdue(r, today);
  const actions = canReply ? actionsFor(r.status as RequestStatus, role) : [];
  const open = !['done', 'cancelled'].includes(r.status);
  return (
    <Layout
      ctx={ctx}
      title={`Vraag ${r.number}: ${r.subject}`}
      breadcrumbs={[
        { href: '/home', label: 'Start' },
        { href: paths.government(r.organisationId), label: r.organisationName },
        { href: withQuery(paths.requests, {}, { bestuur: r.organisationId }), label: 'Vragen' },
        { label: `Vraag ${r.number}` },
      ]}
    >
      <h1>
        {r.subject} <StatusTag status={r.status} forLocalGovernment={forLocal} /> {overdue && <OverdueTag />}
      </h1>
      {overdue && (
        <div class="notice notice--warning">
          Deze vraag had beantwoord moeten zijn op {formatDate(r.dueDate)} (
          {workingDaysBetween(r.dueDate, today)} werkdagen geleden).
        </div>
      )}
      <div class="two-columns">
        <SummaryList
          items={[
            ['Nummer', String(r.number)],
            ['Lokaal bestuur', <a href={paths.government(r.organisationId)}>{r.organisationName}</a>],
            ['Dienst', r.itemCode ? <a href={paths.item(r.itemCode)}>{r.itemTitle}</a> : 'Vrije vraag'],
            ['Gesteld op', formatDate(r.submittedOn)],
            ['Antwoord tegen', formatDate(r.dueDate)],
            ['Afgesloten op', r.closedOn ? formatDate(r.closedOn) : null],
          ]}
        />
        <section aria-labelledby="h-contact">
          <h2 id="h-contact">Aanspreekpersoon</h2>
          <ContactPersonSummary contact={contact} agencyCode={r.agencyCode} />
        </section>
      </div>
      <h2>Berichten</h2>
      <ol class="link-list" aria-label="Berichten, oudste eerst">
        {messages.map((m) => (
          <li class="card">
            <p>
              <strong>{m.authorName ?? (m.side === 'agency' ? 'Het agentschap' : r.organisationName)}</strong>{' '}
              <span class="field__hint">
                ({m.side === 'agency' ? 'agentschap' : 'lokaal bestuur'}) · {formatDateTime(m.createdAt)}
              </span>
            </p>
            {m.statusTo && m.statusFrom && (
              <p>
                Status: {statusLabel(m.statusFrom, forLocal)} →{' '}
                <StatusTag status={m.statusTo} forLocalGovernment={forLocal} />
              </p>
            )}
            {m.body && (
              <div class="message-body">
                {m.body.split(/\n{2,}/).map((para) => (
                  <p>
                    {para.split('\n').map((line, i) => (
                      <>
                        {i > 0 && <br />}
                        {line}
                      </>
                    ))}
                  </p>
                ))}
              </div>
            )}
          </li>
        ))}
      </ol>
      {/* A reply posted where no form is offered (closed, or no next step): still say what was wrong. */}
      {!(canReply && (open || actions.length > 0)) && <ErrorSummary errors={errors} />}
      {canReply && (open || actions.length > 0) && (
        <section aria-labelledby="h-reply">
          <h2 id="h-reply">{open ? 'Antwoorden' : 'Verder gaan'}</h2>
          <Form ctx={ctx} action={paths.reply(r.id)} errors={errors} once>
            {open && (
              <TextArea
                name="message"
                label="Bericht"
                hint={
                  forLocal && r.status === 'waiting_for_local_government'
                    ? 'Uw antwoord gaat naar uw aanspreekpersoon, die uw vraag dan verder behandelt.'
                    : undefined
                }
                value={values.message}
                errors={errors}
                rows={6}
                maxLength={MAX_MESSAGE_LENGTH}
              />
            )}
            {actions.length > 0 && (
              <Radios
                name="action"
                label="Volgende stap"
                value={values.action ?? ''}
                errors={errors}
                options={[
                  ...(open ? [{ value: '', label: 'Status niet wijzigen' }] : []),
                  ...actions.map((a) => ({
                    value: a.action,
                    label: a.label,
                    hint: `Nieuwe status: ${statusLabel(a.to, forLocal)}`,
                  })),
                ]}
              />
            )}
            <SubmitButton>{open ? 'Versturen' : 'Bevestigen'}</SubmitButton>
          </Form>
        </section>
      )}
    </Layout>
  );
}
