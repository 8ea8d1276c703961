import { can, definePolicy } from '../../core/access/policy';
import type { Principal } from '../../core/access/principal';
import type { OrganisationType, Role } from '../../core/access/roles';
import { agencyRoles } from './workflow';

/** Organisations that act as a local government (the regisseur, or on its behalf). */
export const localGovernmentTypes: readonly OrganisationType[] = [
  'local_government',
  'vgc',
  'de_rand',
  'intermunicipal_partnership',
];

const isAgencyRole = (r: Role) => (agencyRoles as readonly Role[]).includes(r);

export const isAdmin = (p: Principal) => p.active.role === 'platform_admin';
/** A local officer acting for a local government (or the VGC, De Rand, a partnership). */
export const isLocalGovernment = (p: Principal) =>
  p.active.role === 'local_officer' && localGovernmentTypes.includes(p.active.organisationType);
/** Staff of an agency (AgII, Atlas, Amal) who run the learning offer and coach. */
export const isAgencyStaff = (p: Principal) =>
  p.active.organisationType === 'agency' && isAgencyRole(p.active.role);
export const isExpert = (p: Principal) =>
  p.active.organisationType === 'expert_organisation' && p.active.role === 'partner_editor';
/** The administration: agency staff and platform administrators see Flanders as a whole. */
export const isAdministration = (p: Principal) => isAdmin(p) || isAgencyStaff(p);

/**
 * Focus support is for the public sector and the expert organisations: local governments, agencies,
 * the administration, regional networks and experts. Partner organisations have no business here.
 */
definePolicy('cohesion', 'read', (p: Principal) =>
  (
    [
      ...localGovernmentTypes,
      'agency',
      'flemish_administration',
      'network',
      'expert_organisation',
    ] as OrganisationType[]
  ).includes(p.active.organisationType),
);

type OwnedByAgency = { type: 'cohesion_trajectory'; agencyOrganisationId: string };
definePolicy('cohesion_trajectory', 'create', (p: Principal) => isAgencyStaff(p));
definePolicy<OwnedByAgency>(
  'cohesion_trajectory',
  'manage',
  (p, r) => isAdmin(p) || (isAgencyStaff(p) && p.active.organisationId === r.agencyOrganisationId),
);
definePolicy('cohesion_trajectory', 'enrol', (p: Principal) => isLocalGovernment(p));

/**
 * A coaching trajectory is seen by the local government that asked, its coach, the municipality's
 * fixed contact person at the agency (standard service) and platform administrators; other staff of
 * the agency do not see it. `contactUserId` is the current contact person of the local government.
 */
type Coaching = {
  type: 'cohesion_coaching';
  organisationId: string;
  agencyOrganisationId: string;
  coachUserId: string | null;
  contactUserId: string | null;
};
/** The coach or the local government's contact person, at the coaching's agency. */
const isCoachingStaff = (p: Principal, r: Coaching) =>
  isAgencyStaff(p) &&
  p.active.organisationId === r.agencyOrganisationId &&
  (r.coachUserId === p.userId || r.contactUserId === p.userId);
definePolicy('cohesion_coaching', 'request', (p: Principal) => isLocalGovernment(p));
definePolicy<Coaching>(
  'cohesion_coaching',
  'read',
  (p, r) =>
    isAdmin(p) ||
    (isLocalGovernment(p) && p.active.organisationId === r.organisationId) ||
    isCoachingStaff(p, r),
);
definePolicy<Coaching>('cohesion_coaching', 'coach', (p, r) => isAdmin(p) || isCoachingStaff(p, r));

type Programme = { type: 'cohesion_programme'; expertOrganisationId: string };
definePolicy('cohesion_programme', 'create', (p: Principal) => isExpert(p));
definePolicy<Programme>(
  'cohesion_programme',
  'manage',
  (p, r) => isExpert(p) && p.active.organisationId === r.expertOrganisationId,
);
definePolicy('cohesion_programme', 'book', (p: Principal) => isLocalGovernment(p));

export const canReadCohesion = (p: Principal | null | undefined) => can(p, 'read', { type: 'cohesion' });
export const canCreateTrajectory = (p: Principal | null | undefined) =>
  can(p, 'create', { type: 'cohesion_trajectory' });
export const canManageTrajectory = (p: Principal | null | undefined, t: { agencyOrganisationId: string }) =>
  can(p, 'manage', { type: 'cohesion_trajectory', agencyOrganisationId: t.agencyOrganisationId });
export const canEnrol = (p: Principal | null | undefined) => can(p, 'enrol', { type: 'cohesion_trajectory' });
export const canRequestCoaching = (p: Principal | null | undefined) =>
  can(p, 'request', { type: 'cohesion_coaching' });
type CoachingRef = Omit<Coaching, 'type'>;
export const canReadCoaching = (p: Principal | null | undefined, c: CoachingRef) =>
  can(p, 'read', { type: 'cohesion_coaching', ...c });
export const canCoach = (p: Principal | null | undefined, c: CoachingRef) =>
  can(p, 'coach', { type: 'cohesion_coaching', ...c });
export const canCreateProgramme = (p: Principal | null | undefined) =>
  can(p, 'create', { type: 'cohesion_programme' });
export const canManageProgramme = (p: Principal | null | undefined, r: { expertOrganisationId: string }) =>
  can(p, 'manage', { type: 'cohesion_programme', expertOrganisationId: r.expertOrganisationId });
export const canBook = (p: Principal | null | undefined) => can(p, 'book', { type: 'cohesion_programme' });
