import { defineWorkflow } from '../../core/workflow/workflow';

export const applicationStatuses = [
  'draft',
  'submitted',
  'admissible',
  'not_admissible',
  'assessed',
  'granted',
  'rejected',
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** The life of an application, as data: who may take which step. */
export const applicationWorkflow = defineWorkflow<ApplicationStatus>(
  'call_application',
  [
    { code: 'draft', label: 'Ontwerp', publicLabel: 'Nog niet ingediend', class: 'neutral', counts: false },
    {
      code: 'submitted',
      label: 'Ingediend',
      publicLabel: 'Ingediend, wacht op controle',
      class: 'pending',
      counts: false,
    },
    {
      code: 'admissible',
      label: 'Ontvankelijk',
      publicLabel: 'Ontvankelijk, wordt beoordeeld',
      class: 'waiting',
      counts: false,
    },
    {
      code: 'not_admissible',
      label: 'Niet ontvankelijk',
      publicLabel: 'Niet ontvankelijk',
      class: 'negative',
      counts: false,
      final: true,
    },
    {
      code: 'assessed',
      label: 'Beoordeeld',
      publicLabel: 'Beoordeeld, wacht op beslissing',
      class: 'waiting',
      counts: false,
    },
    {
      code: 'granted',
      label: 'Toegekend',
      publicLabel: 'Toegekend',
      class: 'positive',
      counts: true,
      final: true,
    },
    {
      code: 'rejected',
      label: 'Afgewezen',
      publicLabel: 'Afgewezen',
      class: 'negative',
      counts: false,
      final: true,
    },
  ],
  [
    {
      from: 'draft',
      to: 'submitted',
      action: 'submit',
      label: 'Aanvraag indienen',
      roles: ['local_officer'],
    },
    {
      from: 'submitted',
      to: 'admissible',
      action: 'admit',
      label: 'Ontvankelijk verklaren',
      roles: ['agency_staff'],
    },
    {
      from: 'submitted',
      to: 'not_admissible',
      action: 'refuse',
      label: 'Niet ontvankelijk verklaren',
      roles: ['agency_staff'],
    },
    {
      from: 'admissible',
      to: 'assessed',
      action: 'assess',
      label: 'Beoordeling afronden',
      roles: ['agency_staff'],
    },
    { from: 'assessed', to: 'granted', action: 'grant', label: 'Toekennen', roles: ['agency_staff'] },
    { from: 'assessed', to: 'rejected', action: 'reject', label: 'Afwijzen', roles: ['agency_staff'] },
  ],
);

/** Statuses in which an application holds its municipalities in the call (no one else may cover them). */
export const coverageHoldingStatuses: ApplicationStatus[] = [
  'submitted',
  'admissible',
  'assessed',
  'granted',
];

export const claimStatuses = [
  'requested',
  'programme_approved',
  'finance_approved',
  'paid',
  'rejected',
] as const;
export type ClaimStatus = (typeof claimStatuses)[number];

export const claimKinds = ['advance', 'balance'] as const;
export type ClaimKind = (typeof claimKinds)[number];
export const claimKindLabels: Record<ClaimKind, string> = { advance: 'Voorschot', balance: 'Saldo' };

/** A payout passes two pairs of eyes: programme staff, then finance; then it is paid. */
export const claimWorkflow = defineWorkflow<ClaimStatus>(
  'call_claim',
  [
    { code: 'requested', label: 'Aangevraagd', publicLabel: 'Aangevraagd', class: 'pending', counts: false },
    {
      code: 'programme_approved',
      label: 'Goedgekeurd door programma',
      publicLabel: 'In behandeling',
      class: 'waiting',
      counts: false,
    },
    {
      code: 'finance_approved',
      label: 'Goedgekeurd door financiën',
      publicLabel: 'Goedgekeurd, wordt betaald',
      class: 'waiting',
      counts: false,
    },
    { code: 'paid', label: 'Betaald', publicLabel: 'Betaald', class: 'positive', counts: true, final: true },
    {
      code: 'rejected',
      label: 'Afgekeurd',
      publicLabel: 'Afgekeurd',
      class: 'negative',
      counts: false,
      final: true,
    },
  ],
  [
    {
      from: 'requested',
      to: 'programme_approved',
      action: 'approve_programme',
      label: 'Goedkeuren (programma)',
      roles: ['agency_staff'],
    },
    {
      from: 'programme_approved',
      to: 'finance_approved',
      action: 'approve_finance',
      label: 'Goedkeuren (financiën)',
      roles: ['finance_officer'],
    },
    {
      from: 'finance_approved',
      to: 'paid',
      action: 'mark_paid',
      label: 'Markeren als betaald',
      roles: ['finance_officer'],
    },
    {
      from: ['requested', 'programme_approved'],
      to: 'rejected',
      action: 'reject',
      label: 'Afkeuren',
      roles: ['agency_staff', 'finance_officer'],
    },
  ],
);
