/** Roles a membership (user × organisation) can carry. */
export const roles = [
  'platform_admin',
  'agency_staff',
  'contact_person',
  'local_officer',
  'network_coordinator',
  'partner_editor',
  'counsellor',
  'finance_officer',
] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  platform_admin: 'Platformbeheerder',
  agency_staff: 'Medewerker agentschap',
  contact_person: 'Aanspreekpersoon lokale besturen',
  local_officer: 'Medewerker lokaal bestuur',
  network_coordinator: 'Netwerkcoördinator',
  partner_editor: 'Redacteur partnerorganisatie',
  counsellor: 'Trajectbegeleider',
  finance_officer: 'Financieel medewerker',
};

export const organisationTypes = [
  'flemish_administration',
  'agency',
  'local_government',
  'vgc',
  'de_rand',
  'intermunicipal_partnership',
  'network',
  'expert_organisation',
  'partner_organisation',
] as const;
export type OrganisationType = (typeof organisationTypes)[number];

export const organisationTypeLabels: Record<OrganisationType, string> = {
  flemish_administration: 'Vlaamse administratie',
  agency: 'Agentschap',
  local_government: 'Lokaal bestuur',
  vgc: 'Vlaamse Gemeenschapscommissie',
  de_rand: 'vzw De Rand',
  intermunicipal_partnership: 'Intergemeentelijk samenwerkingsverband',
  network: 'Regionaal organisatienetwerk',
  expert_organisation: 'Expertenorganisatie',
  partner_organisation: 'Partnerorganisatie',
};

/** Which roles make sense in which kind of organisation; invitations are checked against it. */
export const rolesByOrganisationType: Record<OrganisationType, readonly Role[]> = {
  flemish_administration: ['platform_admin'],
  agency: ['platform_admin', 'agency_staff', 'contact_person', 'counsellor', 'finance_officer'],
  local_government: ['local_officer'],
  vgc: ['local_officer'],
  de_rand: ['local_officer'],
  intermunicipal_partnership: ['local_officer'],
  network: ['network_coordinator'],
  expert_organisation: ['partner_editor'],
  partner_organisation: ['partner_editor'],
};
