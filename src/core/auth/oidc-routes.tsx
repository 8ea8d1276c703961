import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ViewContext } from '../views/context';
import { Layout } from '../views/layout';
import { createOidcClient, OidcError, type OidcFailure, type OidcFlow, signInWithOidc } from './oidc';
import { setSessionCookie } from './plugin';
import { safeNext } from './routes';
import { endSession } from './service';

const FLOW_COOKIE = 'rk_oidc';
const FLOW_COOKIE_PATH = '/login/oidc';
/** Time to sign in at the provider; the flow secrets are useless afterwards. */
const FLOW_MINUTES = 10;

const flowSchema = z.object({
  state: z.string().min(1).max(200),
  nonce: z.string().min(1).max(200),
  verifier: z.string().min(43).max(128),
  next: z.string().max(2000),
});

const failureMessages: Record<OidcFailure, { status: number; title: string; message: string }> = {
  state: {
    status: 400,
    title: 'Aanmelden niet gelukt',
    message:
      'Uw aanmelding kon niet worden gecontroleerd: ze duurde te lang, werd in een ander venster gestart of het adres werd gewijzigd. U bent niet aangemeld. Start het aanmelden opnieuw.',
  },
  denied: {
    status: 400,
    title: 'Aanmelden afgebroken',
    message:
      'U hebt het aanmelden bij de aanmeldingsdienst van de overheid afgebroken. U bent niet aangemeld.',
  },
  provider: {
    status: 400,
    title: 'Aanmelden niet gelukt',
    message:
      'De aanmeldingsdienst van de overheid meldde een fout. U bent niet aangemeld. Probeer het opnieuw.',
  },
  invalid: {
    status: 400,
    title: 'Aanmelden niet gelukt',
    message:
      'Het antwoord van de aanmeldingsdienst van de overheid kon niet worden gecontroleerd. U bent niet aangemeld. Probeer het opnieuw.',
  },
  unavailable: {
    status: 503,
    title: 'Aanmeldingsdienst niet bereikbaar',
    message:
      'De aanmeldingsdienst van de overheid is nu niet bereikbaar. Probeer het later opnieuw, of meld u aan met uw e-mailadres en wachtwoord.',
  },
};

function OidcProblemPage({ ctx, title, message }: { ctx: ViewContext; title: string; message: string }) {
  return (
    <Layout ctx={ctx} title={title} narrow>
      <h1>{title}</h1>
      <p class="lead">{message}</p>
      <ul>
        <li>
          <a href="/login/oidc">Opnieuw aanmelden met uw overheidsaccount</a>
        </li>
        <li>
          <a href="/login">Aanmelden met e-mailadres en wachtwoord</a>
        </li>
      </ul>
    </Layout>
  );
}

function NoAccountPage({
  ctx,
  email,
  reason,
}: {
  ctx: ViewContext;
  email: string | null;
  reason: 'unknown' | 'inactive' | 'taken';
}) {
  return (
    <Layout ctx={ctx} title="Geen Regiekamer-account" narrow>
      <h1>Geen Regiekamer-account</h1>
      <p class="lead">
        U bent aangemeld bij de aanmeldingsdienst van de overheid
        {email ? (
          <>
            {' '}
            als <strong>{email}</strong>
          </>
        ) : null}
        , maar er hoort geen Regiekamer-account bij deze identiteit.
      </p>
      {reason === 'inactive' && (
        <p>
          Er bestaat wel een account met dit e-mailadres, maar het werkt nog voor geen enkele organisatie.
          Aanvaard eerst de uitnodiging die u per e-mail ontving, of vraag een nieuwe uitnodiging.
        </p>
      )}
      {reason === 'taken' && (
        <p>
          Het account met dit e-mailadres is al gekoppeld aan een andere identiteit bij de aanmeldingsdienst.
          Meld u aan met die identiteit, of vraag een beheerder om de koppeling na te kijken.
        </p>
      )}
      <p>
        Regiekamer maakt geen accounts aan bij de eerste aanmelding: een beheerder van uw organisatie of van
        het agentschap moet u eerst uitnodigen, met het e-mailadres dat de aanmeldingsdienst van u kent.
        Daarna kunt u zich hier aanmelden.
      </p>
      <p>
        <a href="/login">Terug naar aanmelden</a>
      </p>
    </Layout>
  );
}

function readFlow(request: FastifyRequest): OidcFlow | null {
  const raw = request.cookies[FLOW_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  try {
    const parsed = flowSchema.safeParse(JSON.parse(unsigned.value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Login with the government's identity provider (authorization code flow with PKCE, state and nonce).
 * Registers nothing when OIDC is not configured.
 */
export async function oidcRoutes(app: FastifyInstance): Promise<void> {
  const settings = app.config.oidc;
  if (!settings) return;
  const oidc = createOidcClient(settings, app.config.baseUrl);
  const secure = app.config.baseUrl.startsWith('https:');

  const fail = (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    const reason = error instanceof OidcError ? error.reason : 'invalid';
    const { status, title, message } = failureMessages[reason];
    // Only the kind of failure: the provider's answer can hold codes and personal data.
    const cause = error instanceof OidcError ? error.cause : error;
    const detail =
      cause instanceof Error ? { error: cause.name, code: (cause as { code?: unknown }).code } : {};
    request.log[status >= 500 ? 'warn' : 'info']({ reason, ...detail }, 'oidc login failed');
    return reply.render(<OidcProblemPage ctx={reply.view()} title={title} message={message} />, status);
  };

  app.get(
    '/login/oidc',
    { config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const next = safeNext((request.query as { next?: unknown }).next);
      if (request.principal) return reply.seeOther(next);
      try {
        const { url, flow } = await oidc.start(next);
        reply.setCookie(FLOW_COOKIE, JSON.stringify(flow), {
          path: FLOW_COOKIE_PATH,
          httpOnly: true,
          // Lax: the provider sends the browser back with a top-level GET from its own site.
          sameSite: 'lax',
          secure,
          signed: true,
          maxAge: FLOW_MINUTES * 60,
        });
        return reply.seeOther(url.href);
      } catch (error) {
        return fail(request, reply, error);
      }
    },
  );

  app.get(
    '/login/oidc/callback',
    { config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request, reply) => {
      // One use only: whatever happens next, the flow's secrets are gone.
      const flow = readFlow(request);
      if (request.cookies[FLOW_COOKIE]) reply.clearCookie(FLOW_COOKIE, { path: FLOW_COOKIE_PATH });
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      try {
        if (!flow) throw new OidcError('state');
        const identity = await oidc.finish(query, flow);
        const result = await signInWithOidc(app.db, identity, {
          issuer: settings.issuer,
          userAgent: request.headers['user-agent'],
          requestId: request.id,
        });
        if (!result.ok) {
          request.log.info({ reason: result.reason }, 'oidc login refused');
          return reply.render(
            <NoAccountPage ctx={reply.view()} email={identity.email} reason={result.reason} />,
            403,
          );
        }
        // A browser still holding another session gets a clean one.
        if (request.sessionId) await endSession(app.db, request.sessionId);
        setSessionCookie(reply, result.token);
        return reply.seeOther(safeNext(flow.next));
      } catch (error) {
        if (!(error instanceof OidcError)) throw error;
        return fail(request, reply, error);
      }
    },
  );
}
