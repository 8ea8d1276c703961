import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { UnauthenticatedError } from '../http/errors';
import { isApiRequest } from '../http/plugin';
import { loadPrincipal, loadSessionPrincipal } from './principal-loader';
import { apiTokenSession, SESSION_DAYS } from './service';

export const SESSION_COOKIE = 'rk_session';

export function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.server.config.baseUrl.startsWith('https:'),
    maxAge: SESSION_DAYS * 86_400,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** Resolves who is calling (session cookie or API token) and guards every state change with CSRF. */
export const authPlugin = fp(async (app) => {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer && isApiRequest(request)) {
      const session = TOKEN_SHAPE.test(bearer) ? await apiTokenSession(app.db, bearer) : null;
      if (session) {
        request.principal = await loadPrincipal(app.db, session.userId, session.membershipId);
        request.viaApiToken = !!request.principal;
      }
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    // A tampered or expired cookie simply means: not signed in.
    const session = TOKEN_SHAPE.test(token) ? await loadSessionPrincipal(app.db, token) : null;
    if (!session) {
      clearSessionCookie(reply);
      return;
    }
    request.principal = session.principal;
    request.sessionId = session.sessionId;
  });

  // Deny by default: every route needs a signed-in user unless it declares itself public.
  app.addHook('preHandler', async (request) => {
    if (request.principal || request.is404 || request.routeOptions.config?.public) return;
    throw new UnauthenticatedError();
  });

  app.addHook('preValidation', (request, reply, done) => {
    // API calls without a session carry no ambient authority to forge; they meet a 401 instead.
    const anonymousApi = isApiRequest(request) && !request.principal;
    if (SAFE_METHODS.has(request.method) || request.viaApiToken || anonymousApi) return done();
    app.csrfProtection(request, reply, done);
  });
});
