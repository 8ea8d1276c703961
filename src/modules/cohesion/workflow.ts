import type { Role } from '../../core/access/roles';
import { defineWorkflow, type Workflow } from '../../core/workflow/workflow';

/** Agency staff who run the learning offer and coach local governments. */
export const agencyRoles = ['agency_staff', 'contact_person'] as const satisfies readonly Role[];
const agencyOrAdmin: readonly Role[] = [...agencyRoles, 'platform_admin'];
const localOrAdmin: readonly Role[] = ['local_officer', 'platform_admin'];

export const coachingStatuses = ['requested', 'active', 'closed', 'declined', 'withdrawn'] as const;
export type CoachingStatus = (typeof coachingStatuses)[number];

/**
 * One-to-one coaching: a local government asks, the agency opens a trajectory (coach, start, goals)
 * or declines, and closes it with an end evaluation. The local government may withdraw its request
 * until the agency has opened it.
 */
export const coachingWorkflow: Workflow<CoachingStatus> = defineWorkflow<CoachingStatus>(
  'coaching',
  [
    {
      code: 'requested',
      label: 'Aangevraagd',
      publicLabel: 'Aangevraagd: het agentschap bekijkt uw vraag',
      class: 'pending',
      counts: false,
    },
    { code: 'active', label: 'Lopend', publicLabel: 'Begeleiding loopt', class: 'positive', counts: true },
    {
      code: 'closed',
      label: 'Afgerond',
      publicLabel: 'Afgerond met eindevaluatie',
      class: 'neutral',
      counts: true,
      final: true,
    },
    {
      code: 'declined',
      label: 'Niet opgenomen',
      publicLabel: 'Niet opgenomen door het agentschap',
      class: 'negative',
      counts: false,
      final: true,
    },
    {
      code: 'withdrawn',
      label: 'Ingetrokken',
      publicLabel: 'Ingetrokken',
      class: 'negative',
      counts: false,
      final: true,
    },
  ],
  [
    { from: 'requested', to: 'active', action: 'open', label: 'Traject openen', roles: agencyOrAdmin },
    { from: 'requested', to: 'declined', action: 'decline', label: 'Niet opnemen', roles: agencyOrAdmin },
    { from: 'active', to: 'closed', action: 'close', label: 'Afronden', roles: agencyOrAdmin },
    {
      from: 'requested',
      to: 'withdrawn',
      action: 'withdraw',
      label: 'Aanvraag intrekken',
      roles: localOrAdmin,
    },
  ],
);

export const bookingStatuses = ['booked', 'cancelled'] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

/** A local government's booking of an expert programme for one municipality and year. */
export const bookingWorkflow: Workflow<BookingStatus> = defineWorkflow<BookingStatus>(
  'booking',
  [
    { code: 'booked', label: 'Geboekt', publicLabel: 'Geboekt', class: 'positive', counts: true },
    {
      code: 'cancelled',
      label: 'Geannuleerd',
      publicLabel: 'Geannuleerd',
      class: 'negative',
      counts: false,
      final: true,
    },
  ],
  [{ from: 'booked', to: 'cancelled', action: 'cancel', label: 'Boeking annuleren', roles: localOrAdmin }],
);
