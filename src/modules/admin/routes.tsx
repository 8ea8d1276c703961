import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize } from '../../core/access/policy';
import { roleLabels } from '../../core/access/roles';
import { ValidationError } from '../../core/http/errors';
import { readPage } from '../../core/http/pagination';
import { parseInput, toFieldErrors } from '../../core/http/validation';
import {
  type AuditQuery,
  addMembership,
  auditEntityTypes,
  auditFilterSchema,
  disableUser,
  enableUser,
  getMembership,
  getUser,
  grantableRoles,
  inviteUser,
  listUsers,
  mayManageUsers,
  mayReadAudit,
  organisationOptions,
  removeMembership,
  searchGlobalAudit,
} from './service';
import { AdminHomePage, AuditPage, InvitePage } from './views/pages';
import { ConfirmPage, UserListPage, UserPage } from './views/users';

const userParams = z.object({ id: z.uuid({ error: 'Onbekende gebruiker.' }) });
const membershipParams = userParams.extend({ membershipId: z.uuid({ error: 'Onbekend lidmaatschap.' }) });
const listQuery = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
});

/** Only the string values of a query, to carry filters over to pagination links. */
function stringQuery(query: unknown, keys: readonly string[]): Record<string, string | undefined> {
  const q = (query ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    keys.map((k) => [k, typeof q[k] === 'string' && q[k] ? (q[k] as string) : undefined]),
  );
}

const auditKeys = ['entityType', 'entityId', 'action', 'actor', 'from', 'to'] as const;

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  /** The scope line for agency staff ("the users of AgII"); null for administrators. */
  const scopeName = (request: FastifyRequest) =>
    request.principal && !mayManageUsers(request.principal)
      ? request.principal.active.organisationName
      : null;

  app.get('/beheer', async (request, reply) => {
    authorize(request.principal, 'view', { type: 'user_admin' });
    return reply.render(
      <AdminHomePage
        ctx={reply.view()}
        canAudit={mayReadAudit(request.principal)}
        scopeName={scopeName(request)}
      />,
    );
  });

  app.get('/beheer/gebruikers', async (request, reply) => {
    const query = listQuery.parse(request.query ?? {});
    const page = readPage(request.query);
    const { items, total } = await listUsers(request.ctx(), query, page);
    return reply.render(
      <UserListPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        query={query}
        scopeName={scopeName(request)}
        canInvite
      />,
    );
  });

  const renderUser = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { values?: Record<string, unknown>; errors?: Record<string, string> } = {},
  ) => {
    const ctx = request.ctx();
    const user = await getUser(ctx, id);
    const canManage = mayManageUsers(ctx.user);
    return reply.render(
      <UserPage
        ctx={reply.view()}
        user={user}
        canManage={canManage}
        canAudit={mayReadAudit(ctx.user)}
        organisations={canManage ? await organisationOptions(ctx) : []}
        roles={grantableRoles(ctx.user)}
        values={extra.values}
        errors={extra.errors}
      />,
      extra.errors ? 422 : 200,
    );
  };

  app.get('/beheer/gebruikers/:id', async (request, reply) => {
    const { id } = parseInput(userParams, request.params);
    return renderUser(request, reply, id);
  });

  app.post('/beheer/gebruikers/:id/lidmaatschappen', async (request, reply) => {
    const { id } = parseInput(userParams, request.params);
    try {
      const membership = await addMembership(request.ctx(), id, request.body);
      reply.flash(
        'success',
        `Het lidmaatschap (${roleLabels[membership.role as keyof typeof roleLabels]}) is toegevoegd.`,
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderUser(request, reply, id, {
        values: request.body as Record<string, unknown>,
        errors: error.fieldErrors,
      });
    }
    return reply.seeOther(`/beheer/gebruikers/${id}`);
  });

  const renderRemoveMembership = async (
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: Record<string, string>,
  ) => {
    const { id, membershipId } = parseInput(membershipParams, request.params);
    const ctx = request.ctx();
    const [user, membership] = await Promise.all([getUser(ctx, id), getMembership(ctx, id, membershipId)]);
    return reply.render(
      <ConfirmPage
        ctx={reply.view()}
        title="Lidmaatschap verwijderen"
        user={user}
        action={`/beheer/gebruikers/${id}/lidmaatschappen/${membershipId}/verwijderen`}
        button="Ja, verwijder dit lidmaatschap"
        errors={errors}
      >
        <p class="lead">
          {user.name} werkt dan niet meer als {roleLabels[membership.role].toLowerCase()} voor{' '}
          {membership.organisationName}.
        </p>
        <p>De persoon behoudt de andere lidmaatschappen. Dit wordt opgenomen in de auditlog.</p>
      </ConfirmPage>,
      errors ? 422 : 200,
    );
  };

  app.get('/beheer/gebruikers/:id/lidmaatschappen/:membershipId/verwijderen', async (request, reply) =>
    renderRemoveMembership(request, reply),
  );

  app.post('/beheer/gebruikers/:id/lidmaatschappen/:membershipId/verwijderen', async (request, reply) => {
    const { id, membershipId } = parseInput(membershipParams, request.params);
    try {
      const removed = await removeMembership(request.ctx(), id, membershipId);
      reply.flash('success', `Het lidmaatschap bij ${removed.organisationName} is verwijderd.`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderRemoveMembership(request, reply, error.fieldErrors);
    }
    return reply.seeOther(`/beheer/gebruikers/${id}`);
  });

  const toggles = [
    {
      path: 'uitschakelen',
      title: 'Gebruiker uitschakelen',
      button: 'Ja, schakel deze gebruiker uit',
      variant: 'warning',
      lead: (name: string) =>
        `${name} kan zich dan niet meer aanmelden. Alle sessies van ${name} worden meteen beëindigd en API-sleutels werken niet meer.`,
      done: (name: string) => `${name} is uitgeschakeld en overal afgemeld.`,
      run: disableUser,
    },
    {
      path: 'inschakelen',
      title: 'Gebruiker weer inschakelen',
      button: 'Ja, schakel deze gebruiker weer in',
      variant: 'primary',
      lead: (name: string) =>
        `${name} kan zich dan weer aanmelden, met dezelfde lidmaatschappen als voorheen.`,
      done: (name: string) => `${name} kan zich weer aanmelden.`,
      run: enableUser,
    },
  ] as const;

  for (const toggle of toggles) {
    app.get(`/beheer/gebruikers/:id/${toggle.path}`, async (request, reply) => {
      const { id } = parseInput(userParams, request.params);
      const ctx = request.ctx();
      authorize(ctx.user, 'manage', { type: 'user_admin' });
      const user = await getUser(ctx, id);
      return reply.render(
        <ConfirmPage
          ctx={reply.view()}
          title={toggle.title}
          user={user}
          action={`/beheer/gebruikers/${id}/${toggle.path}`}
          button={toggle.button}
          variant={toggle.variant}
        >
          <p class="lead">{toggle.lead(user.name)}</p>
          <p>Dit wordt opgenomen in de auditlog.</p>
        </ConfirmPage>,
      );
    });

    app.post(`/beheer/gebruikers/:id/${toggle.path}`, async (request, reply) => {
      const { id } = parseInput(userParams, request.params);
      const user = await toggle.run(request.ctx(), id);
      reply.flash('success', toggle.done(user.name));
      return reply.seeOther(`/beheer/gebruikers/${id}`);
    });
  }

  const renderInvite = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: Record<string, unknown>; errors?: Record<string, string> } = {},
  ) => {
    const ctx = request.ctx();
    return reply.render(
      <InvitePage
        ctx={reply.view()}
        organisations={await organisationOptions(ctx)}
        roles={grantableRoles(ctx.user)}
        values={extra.values}
        errors={extra.errors}
      />,
      extra.errors ? 422 : 200,
    );
  };

  app.get('/beheer/uitnodigen', async (request, reply) => renderInvite(request, reply));

  app.post('/beheer/uitnodigen', async (request, reply) => {
    try {
      const sent = await inviteUser(request.ctx(), request.body);
      reply.flash('success', `De uitnodiging voor ${sent.organisationName} is verstuurd naar ${sent.email}.`);
      return reply.seeOther(`/beheer/gebruikers?q=${encodeURIComponent(sent.email)}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderInvite(request, reply, {
        values: request.body as Record<string, unknown>,
        errors: error.fieldErrors,
      });
    }
  });

  app.get('/beheer/audit', async (request, reply) => {
    const ctx = request.ctx();
    authorize(ctx.user, 'read_all', { type: 'audit' });
    const raw = stringQuery(request.query, auditKeys);
    const page = readPage(request.query);
    let errors: Record<string, string> | undefined;
    let filter: AuditQuery;
    const parsed = auditFilterSchema.safeParse(raw);
    if (parsed.success) filter = parsed.data;
    else {
      // Show what is wrong, and search with the filters that are fine.
      const fieldErrors = toFieldErrors(parsed.error);
      errors = fieldErrors;
      filter = auditFilterSchema.parse(
        Object.fromEntries(Object.entries(raw).filter(([k]) => !(k in fieldErrors))),
      );
    }
    let result: Awaited<ReturnType<typeof searchGlobalAudit>>;
    try {
      result = await searchGlobalAudit(ctx, filter, page);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      errors = { ...errors, ...error.fieldErrors };
      result = await searchGlobalAudit(ctx, { ...filter, actor: undefined }, page);
    }
    return reply.render(
      <AuditPage
        ctx={reply.view()}
        rows={result.items}
        total={result.total}
        page={page.page}
        pageSize={page.pageSize}
        query={raw}
        entityTypes={await auditEntityTypes(ctx)}
        actorName={result.actorName}
        errors={errors}
      />,
      errors ? 422 : 200,
    );
  });
}
