import type { Role } from '../../core/access/roles';
import { ConflictError } from '../../core/http/errors';
import { defineWorkflow, type Workflow } from '../../core/workflow/workflow';

/** Who may publish offers: partner organisations, local governments and network coordinators. */
export const publisherRoles = [
  'partner_editor',
  'local_officer',
  'network_coordinator',
] as const satisfies Role[];
/** Who moderates: the network coordinator of the region, the local government of the municipality. */
export const moderatorRoles = ['local_officer', 'network_coordinator'] as const satisfies Role[];

export const offerStatuses = [
  'draft',
  'awaiting_validation',
  'published',
  'sent_back',
  'expired',
  'archived',
] as const;
export type OfferStatus = (typeof offerStatuses)[number];

export const offerWorkflow = defineWorkflow<OfferStatus>(
  'offer',
  [
    { code: 'draft', label: 'Ontwerp', publicLabel: 'Nog niet ingediend', class: 'neutral', counts: false },
    {
      code: 'awaiting_validation',
      label: 'Wacht op nazicht',
      publicLabel: 'Wordt nagekeken',
      class: 'pending',
      counts: false,
    },
    {
      code: 'published',
      label: 'Gepubliceerd',
      publicLabel: 'Te zien op het aanbodplatform',
      class: 'positive',
      counts: true,
    },
    {
      code: 'sent_back',
      label: 'Teruggestuurd',
      publicLabel: 'Aanpassen en opnieuw indienen',
      class: 'negative',
      counts: false,
    },
    {
      code: 'expired',
      label: 'Verlopen',
      publicLabel: 'Verlopen: vernieuw het aanbod',
      class: 'waiting',
      counts: false,
    },
    {
      code: 'archived',
      label: 'Gearchiveerd',
      publicLabel: 'Niet meer actief',
      class: 'neutral',
      counts: false,
      final: true,
    },
  ],
  [
    {
      from: ['draft', 'sent_back', 'expired'],
      to: 'awaiting_validation',
      action: 'submit',
      label: 'Indienen voor nazicht',
      roles: publisherRoles,
    },
    {
      from: 'published',
      to: 'awaiting_validation',
      action: 'revise',
      label: 'Wijziging laten nakijken',
      roles: publisherRoles,
    },
    {
      from: 'awaiting_validation',
      to: 'published',
      action: 'approve',
      label: 'Goedkeuren en publiceren',
      roles: moderatorRoles,
    },
    {
      from: ['awaiting_validation', 'published'],
      to: 'sent_back',
      action: 'send_back',
      label: 'Terugsturen',
      roles: moderatorRoles,
    },
    { from: 'published', to: 'expired', action: 'expire', label: 'Laten verlopen', roles: [] },
    {
      from: ['draft', 'awaiting_validation', 'published', 'sent_back', 'expired'],
      to: 'archived',
      action: 'archive',
      label: 'Archiveren',
      roles: publisherRoles,
    },
  ],
);

export const hourStatuses = ['registered', 'confirmed', 'disputed', 'validated', 'rejected'] as const;
export type HourStatus = (typeof hourStatuses)[number];

/**
 * A one-time confirmation link carries the authority of the activity's contact person, who confirms
 * as the offering organisation's editor would when logged in.
 */
export const LINK_ROLE: Role = 'partner_editor';

export const hourWorkflow = defineWorkflow<HourStatus>(
  'hours',
  [
    {
      code: 'registered',
      label: 'Wacht op bevestiging',
      publicLabel: 'Wacht op bevestiging',
      class: 'pending',
      counts: false,
    },
    {
      code: 'confirmed',
      label: 'Bevestigd, te valideren',
      publicLabel: 'Bevestigd door de organisatie',
      class: 'waiting',
      counts: false,
    },
    {
      code: 'disputed',
      label: 'Niet bevestigd',
      publicLabel: 'De organisatie bevestigt dit niet',
      class: 'negative',
      counts: false,
    },
    {
      code: 'validated',
      label: 'Gevalideerd',
      publicLabel: 'Telt mee',
      class: 'positive',
      counts: true,
      final: true,
    },
    {
      code: 'rejected',
      label: 'Afgewezen',
      publicLabel: 'Telt niet mee',
      class: 'negative',
      counts: false,
      final: true,
    },
  ],
  [
    {
      from: 'registered',
      to: 'confirmed',
      action: 'confirm',
      label: 'Bevestigen',
      roles: publisherRoles,
    },
    {
      from: 'registered',
      to: 'disputed',
      action: 'dispute',
      label: 'Niet bevestigen',
      roles: publisherRoles,
    },
    { from: 'confirmed', to: 'validated', action: 'validate', label: 'Valideren', roles: ['counsellor'] },
    {
      from: ['registered', 'confirmed', 'disputed'],
      to: 'rejected',
      action: 'reject',
      label: 'Afwijzen',
      roles: ['counsellor'],
    },
  ],
);

export const trajectoryStatuses = ['active', 'completed', 'stopped'] as const;
export type TrajectoryStatus = (typeof trajectoryStatuses)[number];

export const trajectoryWorkflow = defineWorkflow<TrajectoryStatus>(
  'trajectory',
  [
    { code: 'active', label: 'Lopend', publicLabel: 'Lopend', class: 'pending', counts: true },
    {
      code: 'completed',
      label: 'Afgerond',
      publicLabel: 'Afgerond met attest',
      class: 'positive',
      counts: false,
      final: true,
    },
    { code: 'stopped', label: 'Stopgezet', publicLabel: 'Stopgezet', class: 'negative', counts: false },
  ],
  [
    { from: 'active', to: 'completed', action: 'close', label: 'Afsluiten', roles: ['counsellor'] },
    { from: 'active', to: 'stopped', action: 'stop', label: 'Stopzetten', roles: ['counsellor'] },
    { from: 'stopped', to: 'active', action: 'resume', label: 'Hervatten', roles: ['counsellor'] },
  ],
);

/** A step the platform takes itself (e.g. an offer expiring); no role takes it by hand. */
export function systemTransition<S extends string>(workflow: Workflow<S>, from: S, action: string): S {
  const t = workflow.transitions.find((x) => x.action === action && [x.from].flat().includes(from));
  if (!t) {
    throw new ConflictError(
      `Dit kan niet meer: de status is nu "${workflow.statuses[from]?.label ?? from}". Laad de pagina opnieuw.`,
    );
  }
  return t.to;
}

export const statusLabel = <S extends string>(workflow: Workflow<S>, code: string): string =>
  workflow.statuses[code as S]?.label ?? code;
export const statusClass = <S extends string>(workflow: Workflow<S>, code: string): string =>
  workflow.statuses[code as S]?.class ?? 'neutral';
