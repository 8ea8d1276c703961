import type { Role } from '../../core/access/roles';
import { countingStatuses, defineWorkflow, type Workflow } from '../../core/workflow/workflow';

/** Who organises events and learning networks, and so approves, promotes and records attendance. */
export const organiserRoles = [
  'agency_staff',
  'contact_person',
  'network_coordinator',
  'platform_admin',
] as const;

/** Anyone may hold a registration; whether they may register is decided by the event's audience. */
const everyone: readonly Role[] = [
  'platform_admin',
  'agency_staff',
  'contact_person',
  'local_officer',
  'network_coordinator',
  'partner_editor',
  'counsellor',
];

export const registrationStatuses = [
  'registered',
  'pending_approval',
  'waitlisted',
  'cancelled',
  'attended',
  'no_show',
] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

/**
 * Registrations for an event. A place is held by `registered` and `pending_approval` (so approving can
 * never overbook), and stays taken after the event (`attended`, `no_show`); the waitlist and
 * cancellations hold none.
 */
export const registrationWorkflow: Workflow<RegistrationStatus> = defineWorkflow<RegistrationStatus>(
  'registration',
  [
    {
      code: 'registered',
      label: 'Ingeschreven',
      publicLabel: 'Ingeschreven',
      class: 'positive',
      counts: true,
    },
    {
      code: 'pending_approval',
      label: 'Wacht op goedkeuring',
      publicLabel: 'Wacht op goedkeuring van de organisator',
      class: 'pending',
      counts: true,
    },
    {
      code: 'waitlisted',
      label: 'Op de wachtlijst',
      publicLabel: 'Op de wachtlijst',
      class: 'waiting',
      counts: false,
    },
    {
      code: 'cancelled',
      label: 'Geannuleerd',
      publicLabel: 'Geannuleerd',
      class: 'negative',
      counts: false,
      final: true,
    },
    { code: 'attended', label: 'Aanwezig', publicLabel: 'Was aanwezig', class: 'positive', counts: true },
    { code: 'no_show', label: 'Afwezig', publicLabel: 'Was niet aanwezig', class: 'negative', counts: true },
  ],
  [
    {
      from: 'pending_approval',
      to: 'registered',
      action: 'approve',
      label: 'Goedkeuren',
      roles: organiserRoles,
    },
    { from: 'pending_approval', to: 'cancelled', action: 'reject', label: 'Weigeren', roles: organiserRoles },
    // Promotion from the waitlist happens automatically when a place frees; organisers may also do it.
    { from: 'waitlisted', to: 'registered', action: 'promote', label: 'Plaats geven', roles: organiserRoles },
    {
      from: 'waitlisted',
      to: 'pending_approval',
      action: 'promote_for_approval',
      label: 'Plaats geven (met goedkeuring)',
      roles: organiserRoles,
    },
    {
      from: ['registered', 'pending_approval', 'waitlisted'],
      to: 'cancelled',
      action: 'cancel',
      label: 'Annuleren',
      roles: everyone,
    },
    {
      from: ['registered', 'no_show', 'attended'],
      to: 'attended',
      action: 'mark_attended',
      label: 'Aanwezig',
      roles: organiserRoles,
    },
    {
      from: ['registered', 'attended', 'no_show'],
      to: 'no_show',
      action: 'mark_no_show',
      label: 'Afwezig',
      roles: organiserRoles,
    },
  ],
);

/** The statuses that take a place, for the capacity count in SQL. */
export const countingRegistrationStatuses: RegistrationStatus[] = countingStatuses(registrationWorkflow);

/** Statuses that mean "this person is on the list" (for duplicates and the organisation limit). */
export const activeRegistrationStatuses: RegistrationStatus[] = registrationStatuses.filter(
  (s) => s !== 'cancelled',
);

/** Editors of good practices and tools. */
export const editorRoles = ['agency_staff', 'platform_admin'] as const;
/** Who may submit a good practice: local governments and the agencies. */
export const practiceSubmitterRoles = [
  'local_officer',
  'agency_staff',
  'contact_person',
  'platform_admin',
] as const;

export const practiceStatuses = ['submitted', 'published', 'sent_back'] as const;
export type PracticeStatus = (typeof practiceStatuses)[number];

/** Good practices: submitted by a local government or an agency, published or sent back by an editor. */
export const practiceWorkflow: Workflow<PracticeStatus> = defineWorkflow<PracticeStatus>(
  'practice',
  [
    {
      code: 'submitted',
      label: 'Ingediend',
      publicLabel: 'Wordt nagekeken door de redactie',
      class: 'pending',
      counts: false,
    },
    {
      code: 'published',
      label: 'Gepubliceerd',
      publicLabel: 'Gepubliceerd',
      class: 'positive',
      counts: false,
    },
    {
      code: 'sent_back',
      label: 'Teruggestuurd',
      publicLabel: 'Teruggestuurd: pas aan en dien opnieuw in',
      class: 'waiting',
      counts: false,
    },
  ],
  [
    { from: 'submitted', to: 'published', action: 'publish', label: 'Publiceren', roles: editorRoles },
    {
      from: ['submitted', 'published'],
      to: 'sent_back',
      action: 'send_back',
      label: 'Terugsturen',
      roles: editorRoles,
    },
    {
      from: 'sent_back',
      to: 'submitted',
      action: 'resubmit',
      label: 'Opnieuw indienen',
      roles: practiceSubmitterRoles,
    },
  ],
);

/**
 * The target of a step the platform takes itself (e.g. promotion from the waitlist after someone
 * else cancelled): the step must exist in the workflow, but no role of the caller is needed.
 */
export function systemTransition<S extends string>(workflow: Workflow<S>, from: S, action: string): S {
  const t = workflow.transitions.find((x) => x.action === action && ([x.from].flat() as S[]).includes(from));
  if (!t) throw new Error(`${workflow.name}: no ${action} from ${from}`);
  return t.to;
}
