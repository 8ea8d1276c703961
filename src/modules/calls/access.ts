import { eq, type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../core/access/principal';
import type { Role } from '../../core/access/roles';
import { ForbiddenError } from '../../core/http/errors';
import { callApplications, calls } from './schema';

/** Roles of the agency that runs a call and may see every application in it. */
export const staffRoles: readonly Role[] = ['agency_staff', 'contact_person', 'finance_officer'];
export const applicantRoles: readonly Role[] = ['local_officer'];

/** Whether the principal works, in its active membership, for the agency that runs the call. */
export function isCallStaff(p: Principal | null, call: { ownerOrganisationId: string }): boolean {
  if (!p) return false;
  if (p.active.role === 'platform_admin') return true;
  return staffRoles.includes(p.active.role) && p.active.organisationId === call.ownerOrganisationId;
}

/** Whether the principal acts, in its active membership, for the applicant organisation. */
export function isApplicant(p: Principal | null, application: { applicantOrganisationId: string }): boolean {
  return (
    !!p &&
    applicantRoles.includes(p.active.role) &&
    p.active.organisationId === application.applicantOrganisationId
  );
}

export function isAnyStaff(p: Principal | null): boolean {
  return !!p && (p.active.role === 'platform_admin' || staffRoles.includes(p.active.role));
}

/**
 * The applications a principal may see, as one SQL condition (the query joins `calls`): their own
 * organisation's, or every application in the calls their agency runs. Decided per query, not per row.
 */
export function applicationScope(p: Principal): SQL {
  if (p.active.role === 'platform_admin') return sql`true`;
  if (staffRoles.includes(p.active.role)) return eq(calls.ownerOrganisationId, p.active.organisationId);
  if (applicantRoles.includes(p.active.role)) {
    return eq(callApplications.applicantOrganisationId, p.active.organisationId);
  }
  return sql`false`;
}

export function requireRole(p: Principal, roles: readonly Role[], message?: string): void {
  if (!roles.includes(p.active.role)) throw new ForbiddenError(message);
}
