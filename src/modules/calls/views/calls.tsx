import type { FieldErrors } from '../../../core/http/errors';
import { formatDate, formatEuro, todayIso } from '../../../core/i18n/format';
import type { ViewContext } from '../../../core/views/context';
import {
  DateField,
  Form,
  MoneyField,
  NumberField,
  SubmitButton,
  TextArea,
  TextField,
} from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import { SummaryList, Table } from '../../../core/views/table';
import type { Eligibility } from '../rules';
import { windowState } from '../rules';
import type { Call } from '../service';

const windowText = (call: Call) => {
  const state = windowState(call, todayIso());
  if (state === 'not_yet') return `Intekenen kan vanaf ${formatDate(call.applicationOpens)}.`;
  if (state === 'closed')
    return `Afgesloten: intekenen kon tot en met ${formatDate(call.applicationCloses)}.`;
  return `Open: intekenen kan tot en met ${formatDate(call.applicationCloses)}.`;
};

export function CallListPage({ ctx, calls }: { ctx: ViewContext; calls: Call[] }) {
  return (
    <Layout ctx={ctx} title="Oproepen" breadcrumbs={[{ href: '/', label: 'Start' }, { label: 'Oproepen' }]}>
      <h1>Oproepen</h1>
      <p class="lead">
        Oproepen waarop lokale besturen kunnen intekenen voor ondersteuning en cofinanciering.
      </p>
      <Table
        caption={`Oproepen (${calls.length})`}
        path="/oproepen"
        empty="Er zijn nu geen oproepen."
        rows={calls}
        columns={[
          { key: 'title', label: 'Oproep', render: (c) => <a href={`/oproepen/${c.id}`}>{c.title}</a> },
          { key: 'window', label: 'Intekenen', render: (c) => windowText(c) },
          {
            key: 'rate',
            label: 'Cofinanciering per oefenkans',
            numeric: true,
            render: (c) => formatEuro(c.rateCents),
          },
        ]}
      />
    </Layout>
  );
}

export function EligibilityPanel({ eligibility }: { eligibility: Eligibility }) {
  if (eligibility.eligible) return null;
  return (
    <div class="notice notice--warning" role="status">
      <h2>U kunt niet intekenen op deze oproep</h2>
      <ul>
        {eligibility.reasons.map((r) => (
          <li>{r}</li>
        ))}
      </ul>
      <p>
        Hebt u vragen? Neem contact op met uw aanspreekpersoon bij het agentschap of via{' '}
        <a href="mailto:lokaalbestuur@integratie-inburgering.be">lokaalbestuur@integratie-inburgering.be</a>.
      </p>
    </div>
  );
}

export function CallPage({
  ctx,
  call,
  eligibility,
  ownApplicationId,
  isStaff,
  canManage = false,
  rulesText,
}: {
  ctx: ViewContext;
  call: Call;
  eligibility: Eligibility | null;
  ownApplicationId: string | null;
  isStaff: boolean;
  canManage?: boolean;
  rulesText: string[];
}) {
  const open = windowState(call, todayIso()) === 'open';
  return (
    <Layout
      ctx={ctx}
      title={call.title}
      breadcrumbs={[
        { href: '/', label: 'Start' },
        { href: '/oproepen', label: 'Oproepen' },
        { label: call.title },
      ]}
    >
      <h1>{call.title}</h1>
      <p class="lead">{call.summary}</p>
      {!ownApplicationId && eligibility && !isStaff && <EligibilityPanel eligibility={eligibility} />}
      {call.description.split('\n\n').map((p) => (
        <p>{p}</p>
      ))}
      <h2>De oproep in het kort</h2>
      <SummaryList
        items={[
          ['Intekenen', windowText(call)],
          [
            'Uitvoeringsperiode',
            `${formatDate(call.implementationStart)} tot en met ${formatDate(call.implementationEnd)}`,
          ],
          ['Cofinanciering', `${formatEuro(call.rateCents)} per georganiseerde oefenkans`],
          ['Eigen inbreng', `${call.ownContributionPct}% van de kosten`],
          [
            'Maximum per aanvrager',
            [
              call.maxUnitsPerApplicant !== null ? `${call.maxUnitsPerApplicant} oefenkansen` : null,
              call.maxAmountPerApplicantCents !== null ? formatEuro(call.maxAmountPerApplicantCents) : null,
            ]
              .filter(Boolean)
              .join(' of '),
          ],
          ['Voorschot', `${call.advancePct}% na de toekenning, het saldo na het eindrapport`],
          [
            'Tussentijdse controle',
            `Op ${formatDate(call.interimCheckDate)} moet minstens ${call.interimThresholdPct}% van het toegekende aantal oefenkansen gerealiseerd zijn.`,
          ],
          ['Budget van de oproep', formatEuro(call.budgetCents)],
          ['Voorwaarden', rulesText.join(' ')],
        ]}
      />
      {isStaff && (
        <p class="actions">
          <a class="button button--primary" href={`/oproepen/${call.id}/overzicht`}>
            Overzicht van de oproep
          </a>{' '}
          <a href={`/aanvragen?callId=${call.id}`}>Alle aanvragen</a>
          {canManage && (
            <>
              {' '}
              · <a href={`/oproepen/${call.id}/bewerken`}>Oproep aanpassen</a>
            </>
          )}
        </p>
      )}
      {!ctx.principal && (
        <p>
          <a
            class="button button--primary"
            href={`/login?next=${encodeURIComponent(`/oproepen/${call.id}`)}`}
          >
            Meld u aan om in te tekenen
          </a>
        </p>
      )}
      {ownApplicationId && (
        <p>
          <a class="button button--primary" href={`/aanvragen/${ownApplicationId}`}>
            Naar uw aanvraag
          </a>
        </p>
      )}
      {!ownApplicationId && eligibility && !isStaff && (
        <>
          {eligibility.eligible && open && (
            <Form ctx={ctx} action={`/oproepen/${call.id}/starten`} once>
              <p>
                {ctx.principal?.active.organisationName} kan intekenen. U vult de aanvraag stap voor stap in;
                elke stap wordt bewaard als ontwerp.
              </p>
              <SubmitButton>Aanvraag starten</SubmitButton>
            </Form>
          )}
          {eligibility.eligible && !open && <p>{windowText(call)}</p>}
        </>
      )}
    </Layout>
  );
}

export function CallFormPage({
  ctx,
  call,
  values,
  errors,
}: {
  ctx: ViewContext;
  call: Call | null;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  const title = call ? `${call.title} aanpassen` : 'Nieuwe oproep';
  return (
    <Layout
      ctx={ctx}
      title={title}
      narrow
      breadcrumbs={[
        { href: '/oproepen', label: 'Oproepen' },
        ...(call ? [{ href: `/oproepen/${call.id}`, label: call.title }] : []),
        { label: call ? 'Aanpassen' : 'Nieuw' },
      ]}
    >
      <h1>{title}</h1>
      <p>
        Wie kan intekenen, staat als gegevens bij de oproep (lokale besturen behalve Antwerpen, Gent en de
        VGC, samenwerkingsverbanden en vzw De Rand) en wordt op elke aanvraag toegepast.
      </p>
      <Form
        ctx={ctx}
        action={call ? `/oproepen/${call.id}/bewerken` : '/oproepen'}
        errors={errors}
        once={!call}
      >
        <TextField name="title" label="Titel" value={values.title} errors={errors} required />
        <TextArea
          name="summary"
          label="Korte omschrijving"
          value={values.summary}
          errors={errors}
          required
          rows={2}
        />
        <TextArea
          name="description"
          label="Beschrijving"
          hint="Laat een lege regel tussen alinea's."
          value={values.description}
          errors={errors}
          required
          rows={8}
        />
        <DateField
          name="applicationOpens"
          label="Intekenen vanaf"
          value={values.applicationOpens}
          errors={errors}
          required
        />
        <DateField
          name="applicationCloses"
          label="Intekenen tot en met"
          value={values.applicationCloses}
          errors={errors}
          required
        />
        <DateField
          name="implementationStart"
          label="Begin van de uitvoering"
          value={values.implementationStart}
          errors={errors}
          required
        />
        <DateField
          name="implementationEnd"
          label="Einde van de uitvoering"
          value={values.implementationEnd}
          errors={errors}
          required
        />
        <MoneyField
          name="budget"
          label="Budget van de oproep"
          value={values.budget}
          errors={errors}
          required
        />
        <MoneyField
          name="rate"
          label="Cofinanciering per oefenkans"
          value={values.rate}
          errors={errors}
          required
        />
        <NumberField
          name="ownContributionPct"
          label="Eigen inbreng (%)"
          value={values.ownContributionPct}
          errors={errors}
          required
        />
        <NumberField
          name="maxUnitsPerApplicant"
          label="Maximum aantal oefenkansen per aanvrager"
          value={values.maxUnitsPerApplicant}
          errors={errors}
        />
        <MoneyField
          name="maxAmount"
          label="Maximumbedrag per aanvrager"
          value={values.maxAmount}
          errors={errors}
        />
        <NumberField
          name="advancePct"
          label="Voorschot na de toekenning (%)"
          value={values.advancePct}
          errors={errors}
          required
        />
        <NumberField
          name="interimThresholdPct"
          label="Drempel tussentijdse controle (% van het toegekende aantal)"
          value={values.interimThresholdPct}
          errors={errors}
          required
        />
        <DateField
          name="interimCheckDate"
          label="Datum van de tussentijdse controle"
          value={values.interimCheckDate}
          errors={errors}
          required
        />
        <SubmitButton>{call ? 'Wijzigingen bewaren' : 'Oproep aanmaken'}</SubmitButton>{' '}
        <a href={call ? `/oproepen/${call.id}` : '/oproepen'}>Annuleren</a>
      </Form>
    </Layout>
  );
}

/** The form values of an existing call (money shown in euro). */
export function callFormValues(call: Call): Record<string, unknown> {
  return {
    ...call,
    budget: call.budgetCents,
    rate: call.rateCents,
    maxAmount: call.maxAmountPerApplicantCents ?? '',
    maxUnitsPerApplicant: call.maxUnitsPerApplicant ?? '',
  };
}
