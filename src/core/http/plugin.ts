import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';
import { ServiceContext } from '../context';
import type { Flash, ViewContext } from '../views/context';
import { ErrorPage } from '../views/error-page';
import { renderPage } from '../views/render';
import { AppError, ValidationError } from './errors';
import { DuplicateSubmissionError } from './once';
import { problem } from './problem';
import { toFieldErrors } from './validation';

export const FLASH_COOKIE = 'rk_flash';

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

function readFlash(request: FastifyRequest, reply: FastifyReply): Flash | null {
  const raw = request.cookies[FLASH_COOKIE];
  if (!raw) return null;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  try {
    const parsed = JSON.parse(unsigned.value) as Flash;
    return typeof parsed.message === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

function buildViewContext(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): ViewContext {
  const principal = request.principal;
  const nav = app.manifests
    .flatMap((m) => m.nav ?? [])
    .filter((n) => n.visible(principal))
    .sort((a, b) => a.order - b.order)
    .map(({ href, label }) => ({ href, label }));
  return {
    principal,
    csrfToken: reply.generateCsrf(),
    path: request.url.split('?')[0] ?? '/',
    nav,
    flash: readFlash(request, reply),
    demo: app.config.demo,
  };
}

/**
 * Fastify's own refusals that happen before routing (a path whose %-encoding does not decode, an id
 * longer than the router accepts): answered like any other error, as problem+json under /api and as a
 * Dutch page elsewhere. No hook has run yet (no cookies, no session), so the page is the anonymous one.
 */
export function frameworkErrorHandler(config: Config) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : (error.statusCode ?? 400);
    const safe = status >= 400 && status < 500 ? status : 400;
    const message = 'Dit adres klopt niet. Controleer het adres of zoek via het menu.';
    if (request.url.startsWith('/api/')) {
      return reply
        .code(safe)
        .type('application/problem+json')
        .send(problem(safe, message, { instance: request.url.slice(0, 500) }));
    }
    const ctx: ViewContext = {
      principal: null,
      csrfToken: '',
      path: '/',
      nav: [],
      flash: null,
      demo: config.demo,
    };
    return reply
      .code(safe)
      .type('text/html; charset=utf-8')
      .send(renderPage(ErrorPage({ ctx, status: safe, message })));
  };
}

/** Where a NUL character hides in parsed input, if anywhere (PostgreSQL text cannot hold one). */
function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 20 || value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return path;
    const found = findNul(item, path ? `${path}.${key}` : key, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** Status and Dutch message for any error; unknown errors become a 500 without details. */
function classify(error: FastifyError | AppError): { status: number; message: string } {
  if (error instanceof AppError) return { status: error.status, message: error.message };
  const code = (error as FastifyError).code ?? '';
  if (code.startsWith('FST_CSRF')) {
    return {
      status: 403,
      message:
        'Uw formulier is verlopen of kon niet worden gecontroleerd. Laad de pagina opnieuw en probeer het nog eens.',
    };
  }
  if (
    code === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
    code === 'FST_REQ_FILE_TOO_LARGE' ||
    code === 'FST_FILES_LIMIT'
  ) {
    return { status: 413, message: 'Wat u verstuurde is te groot.' };
  }
  // The multipart parser (busboy) throws plain errors for a missing boundary or a cut-off body.
  if (!(error as FastifyError).statusCode && /^Multipart:|multipart data/.test(error.message ?? '')) {
    return {
      status: 400,
      message: 'Het formulier of het bestand kon niet worden gelezen. Probeer het opnieuw.',
    };
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return { status: 415, message: 'Dit formaat wordt niet ondersteund. Gebruik application/json.' };
  }
  const status = (error as FastifyError).statusCode ?? 500;
  if (status === 429)
    return { status, message: 'U deed te veel aanvragen kort na elkaar. Wacht even en probeer opnieuw.' };
  if (status >= 400 && status < 500) {
    return { status, message: 'De aanvraag kon niet worden gelezen. Controleer wat u verstuurde.' };
  }
  return { status: 500, message: 'Er ging iets mis aan onze kant. Wat u verstuurde, werd niet bewaard.' };
}

export const httpPlugin = fp(async (app) => {
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('viaApiToken', false);
  app.decorateRequest('ctx', function (this: FastifyRequest) {
    const body = this.body as Record<string, unknown> | undefined;
    const once = body && typeof body._once === 'string' && body._once.length <= 100 ? body._once : undefined;
    return new ServiceContext(app.db, app.config, this.principal, this.id, once);
  });

  app.decorateReply('render', function (this: FastifyReply, vnode, status = 200) {
    return this.code(status).type('text/html; charset=utf-8').send(renderPage(vnode));
  });
  app.decorateReply('view', function (this: FastifyReply) {
    return buildViewContext(app, this.request, this);
  });
  app.decorateReply('flash', function (this: FastifyReply, kind, message) {
    return this.setCookie(FLASH_COOKIE, JSON.stringify({ kind, message }), {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      signed: true,
      secure: app.config.baseUrl.startsWith('https:'),
    });
  });
  app.decorateReply('seeOther', function (this: FastifyReply, url: string) {
    return this.redirect(url, 303);
  });

  app.setErrorHandler(async (thrown: FastifyError, request, reply) => {
    // A schema parsed with .parse() instead of parseInput: still bad input, not a server fault.
    const error = (
      thrown instanceof z.ZodError ? new ValidationError(toFieldErrors(thrown)) : thrown
    ) as FastifyError;
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors: Record<string, string> = {};
      for (const v of error.validation) {
        const issuePath = (v.params as { issue?: { path?: PropertyKey[] } }).issue?.path ?? [];
        const key =
          v.instancePath.replace(/^\//, '').replace(/\//g, '.') || issuePath.map(String).join('.') || '_';
        errors[key] ??= v.message ?? 'Ongeldige waarde.';
      }
      return reply
        .code(400)
        .type('application/problem+json')
        .send(problem(400, 'De aanvraag bevat ongeldige gegevens.', { errors, instance: request.url }));
    }
    const { status, message } = classify(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: (error as FastifyError).code, status }, 'request refused');

    if (isApiRequest(request)) {
      const extra = error instanceof ValidationError ? { errors: error.fieldErrors } : {};
      return reply
        .code(status)
        .type('application/problem+json')
        .send(problem(status, message, { ...extra, instance: request.url }));
    }
    if (error instanceof DuplicateSubmissionError) {
      reply.flash('info', error.message);
      const referer = request.headers.referer ? new URL(request.headers.referer, 'http://x').pathname : null;
      return reply.seeOther(error.resultUrl ?? referer ?? '/home');
    }
    if (status === 401) return reply.seeOther(`/login?next=${encodeURIComponent(request.url)}`);
    const ctx = buildViewContext(app, request, reply);
    const fieldErrors = error instanceof ValidationError ? error.fieldErrors : undefined;
    return reply.render(ErrorPage({ ctx, status, message, fieldErrors }), status);
  });

  // A form post whose body is missing or not a set of fields (an empty post, a multipart upload the
  // route reads itself, text/plain, a JSON array): handlers and re-rendered forms get an empty set of
  // fields instead of crashing on `undefined`, and answer with the usual field errors.
  app.addHook('preValidation', async (request) => {
    if (isApiRequest(request) || request.method === 'GET' || request.method === 'HEAD') return;
    const body = request.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) request.body = {};
  });

  // A NUL character is never typed by a person and PostgreSQL refuses it in text: turn it away here,
  // as a field error for a body and a bad request for the address, instead of a failed query.
  app.addHook('preHandler', async (request) => {
    const inAddress = findNul(request.params, '') ?? findNul(request.query, '');
    if (inAddress !== null) throw new AppError(400, 'Het adres bevat een ongeldig teken.', 'bad-request');
    const inBody = findNul(request.body, '');
    if (inBody !== null)
      throw new ValidationError({ [inBody || '_form']: 'Dit veld bevat een ongeldig teken.' });
  });

  app.setNotFoundHandler(async (request, reply) => {
    const message = 'Deze pagina bestaat niet (meer). Controleer het adres of zoek via het menu.';
    if (isApiRequest(request)) {
      return reply
        .code(404)
        .type('application/problem+json')
        .send(problem(404, message, { instance: request.url }));
    }
    return reply.render(ErrorPage({ ctx: buildViewContext(app, request, reply), status: 404, message }), 404);
  });
});
