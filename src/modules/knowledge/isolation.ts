import { and, eq } from 'drizzle-orm';
import type { IsolationRow, IsolationRows, SelfScopedRoute } from '../../core/access/isolation';
import { organisations, users } from '../../core/access/schema';
import { demoEmail } from '../reference';
import {
  events,
  learningNetworkMembers,
  learningNetworkResources,
  learningNetworks,
  practices,
  registrations,
  tools,
} from './schema';

/**
 * Organisation A is AgII (organiser of an event, a learning network and a tool) together with
 * Mechelen (a registration for that event, an unpublished good practice, a learning network
 * membership and a shared link). Users of other organisations must not see or change any of it.
 */
export const knowledgeIsolation: IsolationRows = async ({ db }) => {
  const one = async <T>(rows: Promise<T[]>, what: string): Promise<T> => {
    const [row] = await rows;
    if (!row) throw new Error(`knowledge isolation: ${what} not found`);
    return row;
  };
  const agii = await one(
    db.select({ id: organisations.id }).from(organisations).where(eq(organisations.agencyCode, 'AGII')),
    'AgII',
  );
  const mechelen = await one(
    db
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.municipalityNis, '12025'), eq(organisations.type, 'local_government'))),
    'Mechelen',
  );
  const pieter = await one(
    db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, demoEmail('mechelen'))),
    'Pieter',
  );

  const day = 86_400_000;
  const [event] = await db
    .insert(events)
    .values({
      title: 'Isolatie: evenement van AgII',
      description: 'Testevenement.',
      type: 'vorming',
      themes: ['werk'],
      organiserOrganisationId: agii.id,
      audienceKind: 'all_local_governments',
      startsAt: new Date(Date.now() + 30 * day),
      endsAt: new Date(Date.now() + 30 * day + 3_600_000),
      registrationClosesAt: new Date(Date.now() + 29 * day),
      location: 'Brussel',
      capacity: 10,
    })
    .returning();
  const [registration] = await db
    .insert(registrations)
    .values({
      eventId: event!.id,
      userId: pieter.id,
      organisationId: mechelen.id,
      registeredByUserId: pieter.id,
      status: 'registered',
    })
    .returning();
  const [practice] = await db
    .insert(practices)
    .values({
      title: 'Isolatie: praktijk van Mechelen',
      summary: 'Nog niet gepubliceerd.',
      theme: 'werk',
      approach: 'Aanpak.',
      contactName: 'Pieter Janssens',
      contactEmail: 'integratie@mechelen.be',
      organisationId: mechelen.id,
      submittedByUserId: pieter.id,
      status: 'submitted',
    })
    .returning();
  const [network] = await db
    .insert(learningNetworks)
    .values({ name: 'Isolatie: lerend netwerk van AgII', theme: 'werk', organiserOrganisationId: agii.id })
    .returning();
  await db
    .insert(learningNetworkMembers)
    .values({ learningNetworkId: network!.id, organisationId: mechelen.id });
  const [resource] = await db
    .insert(learningNetworkResources)
    .values({
      learningNetworkId: network!.id,
      title: 'Document van Mechelen',
      url: 'https://www.mechelen.be',
      addedByOrganisationId: mechelen.id,
      addedByUserId: pieter.id,
    })
    .returning();
  const [tool] = await db
    .insert(tools)
    .values({
      title: 'Isolatie: tool van AgII',
      description: 'Test.',
      kind: 'template',
      theme: 'werk',
      url: 'https://www.integratie-inburgering.be',
      organisationId: agii.id,
    })
    .returning();

  const e = `/agenda/${event!.id}`;
  const r = `/inschrijvingen/${registration!.id}`;
  const p = `/goede-praktijken/${practice!.id}`;
  const n = `/lerende-netwerken/${network!.id}`;
  const t = `/tools/${tool!.id}/bewerken`;
  const eventForm = {
    title: 'Gekaapt',
    description: 'Gekaapt',
    type: 'vorming',
    themes: 'werk',
    audienceKind: 'all_local_governments',
    startDate: '2099-01-10',
    startTime: '10:00',
    endTime: '12:00',
    location: 'Elders',
  };
  const practiceForm = {
    title: 'Gekaapt',
    summary: 'Gekaapt',
    theme: 'werk',
    approach: 'Gekaapt',
    contactName: 'X',
    contactEmail: 'x@example.be',
  };
  const toolForm = {
    title: 'Gekaapt',
    description: 'x',
    kind: 'template',
    theme: 'werk',
    url: 'https://example.be',
  };
  const otherOrganisations = ['gent', 'medewerker.atlas', 'netwerk.regiogent'];

  const rows: IsolationRow[] = [
    // Another organisation's event: not managed, its participants not seen, attendance not recorded.
    ...otherOrganisations.flatMap((as): IsolationRow[] => [
      { method: 'GET', route: '/agenda/:id/bewerken', url: `${e}/bewerken`, as },
      { method: 'POST', route: '/agenda/:id/bewerken', url: `${e}/bewerken`, form: eventForm, as },
      { method: 'GET', route: '/agenda/:id/annuleren', url: `${e}/annuleren`, as },
      {
        method: 'POST',
        route: '/agenda/:id/annuleren',
        url: `${e}/annuleren`,
        form: { reason: 'Gekaapt' },
        as,
      },
      { method: 'GET', route: '/agenda/:id/deelnemers', url: `${e}/deelnemers`, as },
      { method: 'GET', route: '/agenda/:id/deelnemers.csv', url: `${e}/deelnemers.csv`, as },
      {
        method: 'POST',
        route: '/agenda/:id/aanwezigheid',
        url: `${e}/aanwezigheid`,
        form: { [`a_${registration!.id}`]: 'no_show' },
        as,
      },
      // Mechelen's registration: not cancelled, approved or refused by someone else.
      { method: 'POST', route: '/inschrijvingen/:id/annuleren', url: `${r}/annuleren`, form: {}, as },
      { method: 'POST', route: '/inschrijvingen/:id/goedkeuren', url: `${r}/goedkeuren`, form: {}, as },
      { method: 'POST', route: '/inschrijvingen/:id/weigeren', url: `${r}/weigeren`, form: {}, as },
      {
        method: 'DELETE',
        route: '/api/v1/registrations/:id',
        url: `/api/v1/registrations/${registration!.id}`,
        as,
      },
      // A learning network the organisation is not a member of.
      { method: 'GET', route: '/lerende-netwerken/:id', url: n, as },
      {
        method: 'POST',
        route: '/lerende-netwerken/:id/documenten',
        url: `${n}/documenten`,
        form: { title: 'x', url: 'https://example.be' },
        as,
      },
      {
        method: 'POST',
        route: '/lerende-netwerken/:id/leden',
        url: `${n}/leden`,
        form: { members: '44021' },
        as,
      },
      {
        method: 'POST',
        route: '/lerende-netwerken/:id/leden/:organisationId/verwijderen',
        url: `${n}/leden/${mechelen.id}/verwijderen`,
        form: {},
        as,
      },
      {
        method: 'POST',
        route: '/lerende-netwerken/:id/documenten/:resourceId/verwijderen',
        url: `${n}/documenten/${resource!.id}/verwijderen`,
        form: {},
        as,
      },
    ]),
    // Registering someone of another organisation (a local government may register only colleagues).
    {
      method: 'POST',
      route: '/agenda/:id/inschrijven',
      url: `${e}/inschrijven`,
      form: { participants: pieter.id },
      as: 'gent',
      expect: [422],
    },
    {
      method: 'POST',
      route: '/api/v1/events/:id/registrations',
      url: `/api/v1/events/${event!.id}/registrations`,
      json: { userIds: [pieter.id] },
      as: 'gent',
      expect: [422],
    },
    // A member runs nothing: members and links are the organiser's to manage.
    {
      method: 'POST',
      route: '/lerende-netwerken/:id/leden',
      url: `${n}/leden`,
      form: { members: '44021' },
      as: 'mechelen',
      expect: [403],
    },
    {
      method: 'POST',
      route: '/lerende-netwerken/:id/leden/:organisationId/verwijderen',
      url: `${n}/leden/${mechelen.id}/verwijderen`,
      form: {},
      as: 'mechelen',
      expect: [403],
    },
    // An unpublished practice of Mechelen: others do not read, change or review it.
    ...['gent', 'netwerk.regiogent', 'partner.debrug'].flatMap((as): IsolationRow[] => [
      { method: 'GET', route: '/goede-praktijken/:id/bewerken', url: `${p}/bewerken`, as },
      {
        method: 'POST',
        route: '/goede-praktijken/:id/bewerken',
        url: `${p}/bewerken`,
        form: practiceForm,
        as,
      },
      { method: 'POST', route: '/goede-praktijken/:id/publiceren', url: `${p}/publiceren`, form: {}, as },
      {
        method: 'POST',
        route: '/goede-praktijken/:id/terugsturen',
        url: `${p}/terugsturen`,
        form: { note: 'x' },
        as,
      },
    ]),
    // Mechelen itself does not publish its own practice.
    {
      method: 'POST',
      route: '/goede-praktijken/:id/publiceren',
      url: `${p}/publiceren`,
      form: {},
      as: 'mechelen',
      expect: [403],
    },
    // AgII's tool: not changed by another agency.
    { method: 'GET', route: '/tools/:id/bewerken', url: t, as: 'medewerker.atlas' },
    { method: 'POST', route: '/tools/:id/bewerken', url: t, form: toolForm, as: 'medewerker.atlas' },
    // Pages for organisers and editors only.
    { method: 'GET', route: '/agenda/nieuw', url: '/agenda/nieuw', as: 'mechelen', expect: [403] },
    {
      method: 'POST',
      route: '/agenda/nieuw',
      url: '/agenda/nieuw',
      form: eventForm,
      as: 'partner.debrug',
      expect: [403],
    },
    { method: 'GET', route: '/agenda/beheer', url: '/agenda/beheer', as: 'gent', expect: [403] },
    {
      method: 'GET',
      route: '/lerende-netwerken/nieuw',
      url: '/lerende-netwerken/nieuw',
      as: 'mechelen',
      expect: [403],
    },
    {
      method: 'POST',
      route: '/lerende-netwerken/nieuw',
      url: '/lerende-netwerken/nieuw',
      form: { name: 'x', theme: 'werk' },
      as: 'gent',
      expect: [403],
    },
    {
      method: 'GET',
      route: '/goede-praktijken/nieuw',
      url: '/goede-praktijken/nieuw',
      as: 'partner.debrug',
      expect: [403],
    },
    {
      method: 'POST',
      route: '/goede-praktijken/nieuw',
      url: '/goede-praktijken/nieuw',
      form: practiceForm,
      as: 'netwerk.regiogent',
      expect: [403],
    },
    { method: 'GET', route: '/tools/nieuw', url: '/tools/nieuw', as: 'mechelen', expect: [403] },
    { method: 'POST', route: '/tools/nieuw', url: '/tools/nieuw', form: toolForm, as: 'gent', expect: [403] },
  ];
  return rows;
};

export const knowledgeSelfScoped: SelfScopedRoute[] = [
  {
    method: 'GET',
    route: '/mijn-inschrijvingen',
    reason: 'The caller’s own registrations and those of colleagues in the active organisation.',
  },
  {
    method: 'POST',
    route: '/mijn-inschrijvingen/agendalink',
    reason: 'Renews the caller’s own calendar feed address.',
  },
  {
    method: 'GET',
    route: '/api/v1/me/registrations',
    reason: 'The caller’s own registrations (or colleagues’ in the active organisation).',
  },
  {
    method: 'GET',
    route: '/lerende-netwerken',
    reason: 'Lists only learning networks the active organisation belongs to or runs.',
  },
  {
    method: 'GET',
    route: '/goede-praktijken/overzicht',
    reason: 'Editors see the queue; others only their own organisation’s practices.',
  },
];
