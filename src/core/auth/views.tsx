import type { FieldErrors } from '../http/errors';
import { formatDateTime } from '../i18n/format';
import type { ViewContext } from '../views/context';
import { Form, SubmitButton, TextField } from '../views/form';
import { Layout } from '../views/layout';
import { Table } from '../views/table';

export type DemoAccount = { email: string; name: string; role: string; organisation: string };

export function LoginPage({
  ctx,
  errors,
  email,
  next,
  demoAccounts,
  demoPassword,
  oidc,
}: {
  ctx: ViewContext;
  errors?: FieldErrors;
  email?: string;
  next?: string | undefined;
  demoAccounts: DemoAccount[];
  demoPassword: string | null;
  oidc: boolean;
}) {
  return (
    <Layout ctx={ctx} title="Aanmelden" narrow>
      <h1>Aanmelden bij Regiekamer</h1>
      <Form ctx={ctx} action={`/login${next ? `?next=${encodeURIComponent(next)}` : ''}`} errors={errors}>
        <TextField
          name="email"
          label="E-mailadres"
          type="email"
          autocomplete="username"
          value={email}
          errors={errors}
          required
        />
        <TextField
          name="password"
          label="Wachtwoord"
          type="password"
          autocomplete="current-password"
          errors={errors}
          required
        />
        <SubmitButton>Aanmelden</SubmitButton>
      </Form>
      <p>
        <a href="/wachtwoord-vergeten">Wachtwoord vergeten?</a>
      </p>
      {oidc && (
        <p>
          <a
            class="button button--secondary"
            href={`/login/oidc${next ? `?next=${encodeURIComponent(next)}` : ''}`}
          >
            Aanmelden met uw overheidsaccount
          </a>
        </p>
      )}
      {demoAccounts.length > 0 && demoPassword && (
        <section class="demo-accounts" aria-labelledby="demo-title">
          <h2 id="demo-title">Demo-accounts</h2>
          <p>
            Dit is een demo-omgeving. Alle accounts gebruiken het wachtwoord <code>{demoPassword}</code>.
          </p>
          <Table
            caption="Demo-accounts per rol"
            path="/login"
            columns={[
              { key: 'role', label: 'Rol', render: (a) => a.role },
              { key: 'name', label: 'Naam', render: (a) => a.name },
              { key: 'organisation', label: 'Organisatie', render: (a) => a.organisation },
              { key: 'email', label: 'E-mailadres', render: (a) => <code>{a.email}</code> },
            ]}
            rows={demoAccounts}
          />
        </section>
      )}
    </Layout>
  );
}

export function ForgotPasswordPage({
  ctx,
  errors,
  email,
  sent,
}: {
  ctx: ViewContext;
  errors?: FieldErrors;
  email?: string;
  sent?: boolean;
}) {
  return (
    <Layout
      ctx={ctx}
      title="Wachtwoord vergeten"
      narrow
      breadcrumbs={[{ href: '/login', label: 'Aanmelden' }, { label: 'Wachtwoord vergeten' }]}
    >
      <h1>Wachtwoord vergeten</h1>
      {sent ? (
        <div class="notice notice--success" role="status">
          Als er een account met dit e-mailadres bestaat, ontvangt u binnen enkele minuten een e-mail met een
          link om een nieuw wachtwoord te kiezen.
        </div>
      ) : (
        <Form ctx={ctx} action="/wachtwoord-vergeten" errors={errors}>
          <p>Vul het e-mailadres van uw account in. U krijgt een link om een nieuw wachtwoord te kiezen.</p>
          <TextField
            name="email"
            label="E-mailadres"
            type="email"
            autocomplete="username"
            value={email}
            errors={errors}
            required
          />
          <SubmitButton>Stuur mij een link</SubmitButton>
        </Form>
      )}
    </Layout>
  );
}

export function SetPasswordPage({
  ctx,
  errors,
  token,
  action,
  title,
  valid,
}: {
  ctx: ViewContext;
  errors?: FieldErrors;
  token: string;
  action: string;
  title: string;
  valid: boolean;
}) {
  return (
    <Layout ctx={ctx} title={title} narrow>
      <h1>{title}</h1>
      {valid ? (
        <Form ctx={ctx} action={action} errors={errors}>
          <input type="hidden" name="token" value={token} />
          <TextField
            name="password"
            label="Nieuw wachtwoord"
            hint="Minstens 12 tekens. Een zin van enkele woorden is sterk en makkelijk te onthouden."
            type="password"
            autocomplete="new-password"
            errors={errors}
            required
          />
          <TextField
            name="confirm"
            label="Herhaal het wachtwoord"
            type="password"
            autocomplete="new-password"
            errors={errors}
            required
          />
          <SubmitButton>Wachtwoord bewaren</SubmitButton>
        </Form>
      ) : (
        <>
          <p class="lead">Deze link is verlopen of werd al gebruikt.</p>
          <p>
            <a href="/wachtwoord-vergeten">Vraag een nieuwe link aan</a>.
          </p>
        </>
      )}
    </Layout>
  );
}

type SessionRow = { id: string; userAgent: string | null; createdAt: Date; lastSeenAt: Date };
type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  organisationName: string;
};

export function AccountPage({
  ctx,
  sessions,
  tokens,
  newToken,
  errors,
}: {
  ctx: ViewContext;
  sessions: SessionRow[];
  tokens: TokenRow[];
  newToken?: string | undefined;
  errors?: FieldErrors | undefined;
}) {
  const p = ctx.principal!;
  return (
    <Layout
      ctx={ctx}
      title="Mijn account"
      breadcrumbs={[{ href: '/home', label: 'Start' }, { label: 'Mijn account' }]}
    >
      <h1>Mijn account</h1>
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>Naam</dt>
          <dd>{p.name}</dd>
        </div>
        <div class="summary-list__row">
          <dt>E-mailadres</dt>
          <dd>{p.email}</dd>
        </div>
      </dl>

      <h2>Waar ik ben aangemeld</h2>
      <Table
        caption="Actieve sessies"
        path="/account"
        columns={[
          { key: 'device', label: 'Toestel', render: (s) => s.userAgent ?? 'Onbekend toestel' },
          { key: 'created', label: 'Aangemeld op', render: (s) => formatDateTime(s.createdAt) },
          { key: 'seen', label: 'Laatst actief', render: (s) => formatDateTime(s.lastSeenAt) },
        ]}
        rows={sessions}
      />
      <Form ctx={ctx} action="/account/sessions/end-all">
        <p>Bent u een toestel kwijt, of meldde u zich aan op een gedeelde computer? Meld u dan overal af.</p>
        <SubmitButton variant="warning">Overal afmelden</SubmitButton>
      </Form>

      <h2 id="tokens">API-sleutels</h2>
      <p>
        Met een persoonlijke API-sleutel haalt een programma gegevens op via de <a href="/api/docs">API</a>,
        met dezelfde rechten als u bij {p.active.organisationName}.
      </p>
      {newToken && (
        <div class="notice notice--success" role="status">
          <p>Uw nieuwe API-sleutel. Kopieer hem nu: we tonen hem maar één keer.</p>
          <p>
            <code class="token">{newToken}</code>
          </p>
        </div>
      )}
      <Table
        caption="Mijn API-sleutels"
        path="/account"
        empty="U hebt nog geen API-sleutels."
        columns={[
          { key: 'name', label: 'Naam', render: (t) => t.name },
          { key: 'prefix', label: 'Begint met', render: (t) => <code>{t.prefix}…</code> },
          { key: 'org', label: 'Organisatie', render: (t) => t.organisationName },
          { key: 'used', label: 'Laatst gebruikt', render: (t) => formatDateTime(t.lastUsedAt) || 'Nooit' },
          {
            key: 'revoke',
            label: 'Actie',
            render: (t) => (
              <a href={`/account/tokens/${t.id}/revoke`}>
                Intrekken<span class="visually-hidden"> ({t.name})</span>
              </a>
            ),
          },
        ]}
        rows={tokens}
      />
      <Form ctx={ctx} action="/account/tokens" errors={errors} once>
        <TextField
          name="name"
          label="Naam van de nieuwe sleutel"
          hint="Bijvoorbeeld: koppeling met ons dossierbeheer"
          errors={errors}
          required
          maxLength={100}
        />
        <SubmitButton variant="secondary">Maak een API-sleutel</SubmitButton>
      </Form>
    </Layout>
  );
}
