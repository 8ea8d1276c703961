import { asc, eq, like } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../access/principal';
import { type Role, roleLabels } from '../access/roles';
import { memberships, organisations, users } from '../access/schema';
import { ValidationError } from '../http/errors';
import { problemSchema } from '../http/problem';
import { fields, parseInput } from '../http/validation';
import { ConfirmPage } from '../views/confirm';
import { clearSessionCookie, setSessionCookie } from './plugin';
import {
  createApiToken,
  endAllSessions,
  endSession,
  isTokenValid,
  listApiTokens,
  listSessions,
  login,
  requestPasswordReset,
  revokeApiToken,
  setPasswordWithToken,
  switchMembership,
} from './service';
import { AccountPage, type DemoAccount, ForgotPasswordPage, LoginPage, SetPasswordPage } from './views';

export const DEMO_EMAIL_DOMAIN = 'demo.regiekamer.be';
export const DEMO_PASSWORD = 'Regiekamer-demo-2026';

/** Only local paths: an open redirect after login would help phishing. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/home';
}

async function demoAccounts(app: FastifyInstance): Promise<DemoAccount[]> {
  if (!app.config.demo) return [];
  const rows = await app.db
    .select({
      email: users.email,
      name: users.name,
      role: memberships.role,
      organisation: organisations.name,
    })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(like(users.email, `%@${DEMO_EMAIL_DOMAIN}`))
    .orderBy(asc(memberships.role), asc(users.name));
  return rows.map((r) => ({ ...r, role: roleLabels[r.role as Role] ?? r.role }));
}

const loginSchema = z.object({
  email: z.string().trim().max(254).default(''),
  password: z.string().max(1000).default(''),
});

const meSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    activeMembership: z.object({
      id: z.string(),
      role: z.string(),
      organisationId: z.string(),
      organisationName: z.string(),
    }),
    memberships: z.array(
      z.object({
        id: z.string(),
        role: z.string(),
        organisationId: z.string(),
        organisationName: z.string(),
      }),
    ),
  })
  .meta({ id: 'Me' });

export async function authRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/me',
    {
      schema: {
        summary: 'The caller: user and memberships',
        tags: ['Account'],
        response: { 200: meSchema, 401: problemSchema },
      },
    },
    async (request) => {
      const p = request.ctx().user;
      const membership = (m: Principal['active']) => ({
        id: m.id,
        role: m.role,
        organisationId: m.organisationId,
        organisationName: m.organisationName,
      });
      return {
        id: p.userId,
        name: p.name,
        email: p.email,
        activeMembership: membership(p.active),
        memberships: p.memberships.map(membership),
      };
    },
  );

  const renderLogin = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: Record<string, string>; email?: string; status?: number } = {},
  ) => {
    const next = (request.query as { next?: string }).next;
    return reply.render(
      <LoginPage
        ctx={reply.view()}
        errors={extra.errors}
        email={extra.email}
        next={next ? safeNext(next) : undefined}
        demoAccounts={await demoAccounts(app)}
        demoPassword={app.config.demo ? DEMO_PASSWORD : null}
        oidc={!!app.config.oidc}
      />,
      extra.status ?? 200,
    );
  };

  app.get('/login', { config: { public: true } }, async (request, reply) => {
    if (request.principal) return reply.seeOther(safeNext((request.query as { next?: string }).next));
    return renderLogin(request, reply);
  });

  app.post(
    '/login',
    { config: { public: true, rateLimit: { max: app.config.loginRateLimit, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const input = loginSchema.safeParse(request.body ?? {});
      const email = input.success ? input.data.email : '';
      const password = input.success ? input.data.password : '';
      const errors: Record<string, string> = {};
      if (!email) errors.email = 'Vul uw e-mailadres in.';
      if (!password) errors.password = 'Vul uw wachtwoord in.';
      if (Object.keys(errors).length) return renderLogin(request, reply, { errors, email, status: 422 });

      const result = await login(app.db, {
        email,
        password,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      if (!result.ok) {
        const message =
          result.reason === 'throttled'
            ? 'Te veel mislukte pogingen. Wacht 15 minuten en probeer het dan opnieuw, of kies een nieuw wachtwoord via "Wachtwoord vergeten".'
            : 'Dit e-mailadres en wachtwoord horen niet bij elkaar. Controleer ze en probeer opnieuw.';
        return renderLogin(request, reply, {
          errors: { email: message },
          email,
          status: result.reason === 'throttled' ? 429 : 401,
        });
      }
      setSessionCookie(reply, result.token);
      return reply.seeOther(safeNext((request.query as { next?: string }).next));
    },
  );

  app.post('/logout', { config: { public: true } }, async (request, reply) => {
    if (request.sessionId) await endSession(app.db, request.sessionId);
    clearSessionCookie(reply);
    reply.flash('success', 'U bent afgemeld.');
    return reply.seeOther('/');
  });

  app.get('/wachtwoord-vergeten', { config: { public: true } }, async (_request, reply) =>
    reply.render(<ForgotPasswordPage ctx={reply.view()} />),
  );

  app.post(
    '/wachtwoord-vergeten',
    { config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      try {
        const { email } = parseInput(z.object({ email: fields.email() }), request.body);
        await requestPasswordReset(request.ctx(), email);
        return reply.render(<ForgotPasswordPage ctx={reply.view()} sent />);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const email = String((request.body as Record<string, unknown>)?.email ?? '');
        return reply.render(
          <ForgotPasswordPage ctx={reply.view()} errors={error.fieldErrors} email={email} />,
          422,
        );
      }
    },
  );

  const tokenForms = [
    {
      path: '/wachtwoord/nieuw',
      purpose: 'password_reset',
      title: 'Kies een nieuw wachtwoord',
      done: 'Uw nieuwe wachtwoord is bewaard. Meld u aan.',
    },
    {
      path: '/uitnodiging',
      purpose: 'invitation',
      title: 'Welkom bij Regiekamer: kies een wachtwoord',
      done: 'Uw account is klaar. Meld u aan met uw e-mailadres en nieuwe wachtwoord.',
    },
  ] as const;
  const tokenBody = z.object({
    token: z.string().max(200).default(''),
    password: z.string().max(1000).default(''),
    confirm: z.string().max(1000).default(''),
  });

  for (const form of tokenForms) {
    app.get(form.path, { config: { public: true } }, async (request, reply) => {
      const token = String((request.query as { token?: string }).token ?? '').slice(0, 200);
      const valid = token ? await isTokenValid(app.db, token, form.purpose) : false;
      return reply.render(
        <SetPasswordPage
          ctx={reply.view()}
          token={token}
          action={form.path}
          title={form.title}
          valid={valid}
        />,
      );
    });
    app.post(form.path, { config: { public: true } }, async (request, reply) => {
      const body = tokenBody.safeParse(request.body ?? {});
      const input = body.success ? body.data : { token: '', password: '', confirm: '' };
      try {
        await setPasswordWithToken(request.ctx(), { ...input, purpose: form.purpose });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return reply.render(
          <SetPasswordPage
            ctx={reply.view()}
            token={input.token}
            action={form.path}
            title={form.title}
            valid
            errors={error.fieldErrors}
          />,
          422,
        );
      }
      reply.flash('success', form.done);
      return reply.seeOther('/login');
    });
  }

  const renderAccount = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { newToken?: string; errors?: Record<string, string> } = {},
  ) => {
    const ctx = request.ctx();
    const [sessionRows, tokenRows] = await Promise.all([listSessions(ctx), listApiTokens(ctx)]);
    return reply.render(
      <AccountPage
        ctx={reply.view()}
        sessions={sessionRows}
        tokens={tokenRows}
        newToken={extra.newToken}
        errors={extra.errors}
      />,
      extra.errors ? 422 : 200,
    );
  };

  app.get('/account', async (request, reply) => renderAccount(request, reply));

  app.post('/account/switch', async (request, reply) => {
    const { membershipId } = parseInput(z.object({ membershipId: z.uuid() }), request.body);
    await switchMembership(request.ctx(), request.sessionId!, membershipId);
    reply.flash('success', 'U werkt nu voor een andere organisatie.');
    return reply.seeOther('/home');
  });

  app.post('/account/sessions/end-all', async (request, reply) => {
    await endAllSessions(request.ctx());
    clearSessionCookie(reply);
    reply.flash('success', 'U bent op alle toestellen afgemeld.');
    return reply.seeOther('/login');
  });

  app.post('/account/tokens', async (request, reply) => {
    try {
      const { name } = parseInput(z.object({ name: fields.requiredText('een naam', 100) }), request.body);
      const token = await createApiToken(request.ctx(), name);
      return renderAccount(request, reply, { newToken: token });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderAccount(request, reply, { errors: error.fieldErrors });
    }
  });

  app.get('/account/tokens/:id/revoke', async (request, reply) => {
    const { id } = parseInput(z.object({ id: z.uuid() }), request.params);
    const token = (await listApiTokens(request.ctx())).find((t) => t.id === id);
    if (!token) return reply.callNotFound();
    return reply.render(
      <ConfirmPage
        ctx={reply.view()}
        title="API-sleutel intrekken"
        action={`/account/tokens/${id}/revoke`}
        confirmLabel="Ja, trek de sleutel in"
        cancelHref="/account#tokens"
        breadcrumbs={[{ href: '/account', label: 'Mijn account' }, { label: 'API-sleutel intrekken' }]}
      >
        <p>
          U trekt de sleutel <strong>{token.name}</strong> ({token.prefix}…) in. Programma's die hem
          gebruiken, krijgen daarna geen toegang meer. Dit kan niet ongedaan worden gemaakt.
        </p>
      </ConfirmPage>,
    );
  });

  app.post('/account/tokens/:id/revoke', async (request, reply) => {
    const { id } = parseInput(z.object({ id: z.uuid() }), request.params);
    await revokeApiToken(request.ctx(), id);
    reply.flash('success', 'De API-sleutel is ingetrokken.');
    return reply.seeOther('/account#tokens');
  });
}
