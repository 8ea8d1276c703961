import type { OrganisationType, Role } from './roles';

export type Membership = {
  id: string;
  role: Role;
  organisationId: string;
  organisationName: string;
  organisationType: OrganisationType;
  agencyCode: string | null;
  municipalityNis: string | null;
  networkCode: string | null;
};

/** The signed-in user as every service sees them: who, and on behalf of which organisation. */
export type Principal = {
  userId: string;
  name: string;
  email: string;
  memberships: Membership[];
  /** The membership the user acts under now; switched in the header. */
  active: Membership;
};

/** Ensures a principal acts in one of the given roles (in its active membership). */
export function hasRole(principal: Principal | null | undefined, ...roleList: Role[]): boolean {
  return !!principal && roleList.includes(principal.active.role);
}

export function isPlatformAdmin(principal: Principal | null | undefined): boolean {
  return hasRole(principal, 'platform_admin');
}
