import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../../core/access/principal';
import { organisations } from '../../core/access/schema';
import type { Executor } from '../../core/db/client';
import { ForbiddenError, NotFoundError } from '../../core/http/errors';
import { municipalities, organisationMunicipalities } from '../reference';
import { canReadCohesion } from './access';

export const isUuid = (id: string) => z.uuid().safeParse(id).success;

/** Throws a 404 unless `id` is a uuid (so a typo never reaches the database as an error). */
export function requireUuid(id: string, message?: string): string {
  if (!isUuid(id)) throw new NotFoundError(message);
  return id;
}

/** Focus support is for the public sector and the expert organisations. */
export function requireCohesionReader(p: Principal | null | undefined): Principal {
  if (!p) throw new ForbiddenError();
  if (!canReadCohesion(p))
    throw new ForbiddenError(
      'De focusondersteuning sociale cohesie is er voor lokale besturen, agentschappen en expertenorganisaties.',
    );
  return p;
}

/** The municipalities an organisation governs or acts for (its own, or those it covers). */
export async function governedMunicipalities(
  db: Executor,
  organisationId: string,
  municipalityNis: string | null,
) {
  const covered = db
    .select({ nis: organisationMunicipalities.municipalityNis })
    .from(organisationMunicipalities)
    .where(eq(organisationMunicipalities.organisationId, organisationId));
  return db
    .select({
      nis: municipalities.nis,
      name: municipalities.name,
      provinceNis: municipalities.provinceNis,
      supportAgency: municipalities.supportAgency,
    })
    .from(municipalities)
    .where(
      or(
        ...(municipalityNis ? [eq(municipalities.nis, municipalityNis)] : []),
        eq(municipalities.regisseurOrganisationId, organisationId),
        inArray(municipalities.nis, covered),
      ),
    )
    .orderBy(asc(municipalities.name));
}

export async function agencyId(db: Executor, code: string): Promise<string> {
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.agencyCode, code), eq(organisations.type, 'agency')));
  if (!row) throw new NotFoundError(`Het agentschap ${code} bestaat niet.`);
  return row.id;
}

/** A user-typed text: trimmed, with a Dutch message when missing or too long. */
export const text = (label: string, max: number) =>
  z
    .string({ error: `Vul ${label} in.` })
    .trim()
    .min(1, { error: `Vul ${label} in.` })
    .max(max, {
      error: `${label.charAt(0).toUpperCase()}${label.slice(1)} mag hoogstens ${max} tekens lang zijn.`,
    });

/** A whole number typed in a form field (or sent as a number in JSON). */
export const wholeNumber = (label: string, min: number, max: number) =>
  z.union([z.number(), z.string()]).transform((v, c) => {
    const s = typeof v === 'number' ? String(v) : v.trim();
    if (!/^-?\d+$/.test(s)) {
      c.addIssue({ code: 'custom', message: `Vul bij ${label} een geheel getal in.` });
      return z.NEVER;
    }
    const n = Number(s);
    if (n < min || n > max) {
      c.addIssue({
        code: 'custom',
        message: `${label.charAt(0).toUpperCase()}${label.slice(1)} moet tussen ${min} en ${max} liggen.`,
      });
      return z.NEVER;
    }
    return n;
  });
