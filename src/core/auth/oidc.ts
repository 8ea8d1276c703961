import { and, eq, isNull, sql } from 'drizzle-orm';
import * as client from 'openid-client';
import type { Config } from '../../config';
import { users } from '../access/schema';
import { writeAudit } from '../audit/audit';
import type { Db } from '../db/client';
import { loadPrincipal } from './principal-loader';
import { createSession } from './service';

export type OidcSettings = NonNullable<Config['oidc']>;

/** What the browser carries (in a signed, short-lived cookie) between the redirect and the callback. */
export type OidcFlow = { state: string; nonce: string; verifier: string; next: string };

/** Who the provider says signed in. */
export type OidcIdentity = {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
};

export type OidcFailure =
  /** The state does not match: a tampered, replayed or foreign callback. */
  | 'state'
  /** The user cancelled or refused at the provider. */
  | 'denied'
  /** The provider answered with an error (authorization or token endpoint). */
  | 'provider'
  /** The provider's answer did not pass validation (ID token, nonce, issuer, ...). */
  | 'invalid'
  /** The provider could not be reached. */
  | 'unavailable';

export class OidcError extends Error {
  constructor(
    readonly reason: OidcFailure,
    options?: { cause?: unknown },
  ) {
    super(`OIDC login failed: ${reason}`, options);
  }
}

export const OIDC_SCOPE = 'openid email profile';
/** Server metadata is re-read once a day; signing keys are refreshed by openid-client on an unknown kid. */
const DISCOVERY_TTL_MS = 24 * 3_600_000;
const HTTP_TIMEOUT_SECONDS = 10;

export type OidcClient = {
  redirectUri: string;
  /** The provider's authorization URL and the flow secrets to keep until the callback. */
  start(next: string): Promise<{ url: URL; flow: OidcFlow }>;
  /** Validates the callback (state, PKCE, nonce, ID token) and returns the identity. */
  finish(query: string, flow: OidcFlow): Promise<OidcIdentity>;
};

async function discover(settings: OidcSettings): Promise<client.Configuration> {
  const issuer = new URL(settings.issuer);
  // Plain HTTP only for an http:// issuer (a local test provider); a real provider is HTTPS-only.
  const execute = issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];
  const discovered = await client.discovery(
    issuer,
    settings.clientId,
    settings.clientSecret,
    client.ClientSecretBasic(settings.clientSecret),
    { execute, timeout: HTTP_TIMEOUT_SECONDS },
  );
  // client_secret_basic is the default of the spec; use client_secret_post only when that is all it takes.
  const methods = discovered.serverMetadata().token_endpoint_auth_methods_supported;
  if (!methods || methods.includes('client_secret_basic') || !methods.includes('client_secret_post')) {
    return discovered;
  }
  const configuration = new client.Configuration(
    discovered.serverMetadata(),
    settings.clientId,
    settings.clientSecret,
    client.ClientSecretPost(settings.clientSecret),
  );
  configuration.timeout = HTTP_TIMEOUT_SECONDS;
  for (const apply of execute) apply(configuration);
  return configuration;
}

function classify(error: unknown): OidcFailure {
  if (error instanceof OidcError) return error.reason;
  if (error instanceof client.AuthorizationResponseError) {
    return error.error === 'access_denied' ? 'denied' : 'provider';
  }
  if (error instanceof client.ResponseBodyError || error instanceof client.WWWAuthenticateChallengeError) {
    return 'provider';
  }
  // fetch() failures (refused, DNS, TLS) are TypeErrors; a timeout is an AbortSignal's TimeoutError.
  if (error instanceof TypeError || (error instanceof Error && error.name === 'TimeoutError')) {
    return 'unavailable';
  }
  if (error instanceof client.ClientError && error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM')
    return 'provider';
  return 'invalid';
}

function stringClaim(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** An OIDC client for one provider, with discovery done once and cached (and retried after a failure). */
export function createOidcClient(settings: OidcSettings, baseUrl: string): OidcClient {
  const redirectUri = `${baseUrl}/login/oidc/callback`;
  let cached: { configuration: Promise<client.Configuration>; at: number } | null = null;

  const configuration = (): Promise<client.Configuration> => {
    if (!cached || Date.now() - cached.at > DISCOVERY_TTL_MS) {
      const entry = {
        at: Date.now(),
        configuration: discover(settings).catch((cause: unknown) => {
          if (cached === entry) cached = null;
          throw new OidcError(classify(cause) === 'unavailable' ? 'unavailable' : 'invalid', { cause });
        }),
      };
      cached = entry;
    }
    return cached.configuration;
  };

  return {
    redirectUri,

    async start(next) {
      const config = await configuration();
      const flow: OidcFlow = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
        next,
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: OIDC_SCOPE,
        response_type: 'code',
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
      });
      return { url, flow };
    },

    async finish(query, flow) {
      const currentUrl = new URL(redirectUri);
      currentUrl.search = query;
      // Checked before anything else, also for error answers: a callback we did not start is refused.
      if (currentUrl.searchParams.get('state') !== flow.state) throw new OidcError('state');
      try {
        const config = await configuration();
        const tokens = await client.authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims) throw new OidcError('invalid');
        let source: Record<string, unknown> = claims;
        // Many providers put e-mail only in the UserInfo response for the code flow.
        if (!stringClaim(claims.email) && config.serverMetadata().userinfo_endpoint) {
          source = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
        }
        return {
          subject: claims.sub,
          email: stringClaim(source.email),
          emailVerified: source.email_verified === true || source.email_verified === 'true',
          name: stringClaim(source.name),
        };
      } catch (error) {
        throw error instanceof OidcError ? error : new OidcError(classify(error), { cause: error });
      }
    },
  };
}

export type OidcSignIn =
  | { ok: true; token: string; userId: string; linked: boolean }
  | {
      ok: false;
      /** unknown: no (active) account; inactive: an account without any organisation; taken: e-mail linked to another identity */
      reason: 'unknown' | 'inactive' | 'taken';
    };

/**
 * Finds the user of a provider identity: by subject, or on a first login by verified e-mail, linking the
 * subject then (audited in the same transaction). Creates a session like a password login. Never creates
 * users: roles come from an invitation.
 */
export async function signInWithOidc(
  db: Db,
  identity: OidcIdentity,
  meta: { issuer: string; userAgent: string | undefined; requestId: string },
): Promise<OidcSignIn> {
  return db.transaction(async (tx): Promise<OidcSignIn> => {
    const [bySubject] = await tx.select().from(users).where(eq(users.oidcSubject, identity.subject));
    let user = bySubject;
    let linked = false;
    if (user) {
      if (user.disabledAt) return { ok: false, reason: 'unknown' };
    } else {
      if (!identity.email || !identity.emailVerified) return { ok: false, reason: 'unknown' };
      const [byEmail] = await tx
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = ${identity.email.toLowerCase()}`);
      if (!byEmail || byEmail.disabledAt) return { ok: false, reason: 'unknown' };
      if (byEmail.oidcSubject && byEmail.oidcSubject !== identity.subject)
        return { ok: false, reason: 'taken' };
      if (!(await loadPrincipal(tx, byEmail.id, null))) return { ok: false, reason: 'inactive' };
      const updated = await tx
        .update(users)
        .set({ oidcSubject: identity.subject, updatedAt: new Date() })
        .where(and(eq(users.id, byEmail.id), isNull(users.oidcSubject)))
        .returning({ id: users.id });
      if (updated.length === 0) {
        // A concurrent first login may have linked it a moment ago; anything else is another identity.
        const [now] = await tx
          .select({ oidcSubject: users.oidcSubject })
          .from(users)
          .where(eq(users.id, byEmail.id));
        if (now?.oidcSubject !== identity.subject) return { ok: false, reason: 'taken' };
      } else {
        linked = true;
        await writeAudit(
          tx,
          { userId: byEmail.id, organisationId: null, requestId: meta.requestId },
          {
            action: 'user.oidc_linked',
            entityType: 'user',
            entityId: byEmail.id,
            before: { oidcSubject: null },
            after: { oidcSubject: identity.subject, issuer: meta.issuer },
          },
        );
      }
      user = byEmail;
    }
    // Checked before linking on a first login; here for a returning one.
    if (!linked && !(await loadPrincipal(tx, user.id, null))) return { ok: false, reason: 'inactive' };
    const token = await createSession(tx, user.id, meta.userAgent);
    return { ok: true, token, userId: user.id, linked };
  });
}
