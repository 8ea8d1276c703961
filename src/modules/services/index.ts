import { and, eq, inArray } from 'drizzle-orm';
import type { IsolationEnv, IsolationRow } from '../../core/access/isolation';
import { organisations, users } from '../../core/access/schema';
import { todayIso } from '../../core/i18n/format';
import type { ModuleManifest } from '../../core/module';
import { demoEmail } from '../reference';
import { seedServicesDemo } from './demo';
import { agencyStaffCard, contactPersonCard, officerCard } from './home';
import { servicesMetrics } from './metrics';
import { paths } from './paths';
import { servicesRoutes } from './routes';
import { dueDateFor } from './rules';
import { serviceCatalogueItems, serviceRequestMessages, serviceRequests } from './schema';

export { serviceContactAssignments, serviceRequests } from './schema';

const currentYear = () => Number(todayIso().slice(0, 4));

async function idOf(db: IsolationEnv['db'], where: ReturnType<typeof eq>): Promise<string> {
  const [row] = await db.select({ id: organisations.id }).from(organisations).where(where);
  if (!row) throw new Error('isolation fixture: organisation missing');
  return row.id;
}

/** Finds (or makes) a request of a local government, as organisation A's example resource. */
async function requestOf(
  db: IsolationEnv['db'],
  organisationId: string,
  agencyCode: string,
): Promise<string> {
  const [existing] = await db
    .select({ id: serviceRequests.id })
    .from(serviceRequests)
    .where(eq(serviceRequests.organisationId, organisationId))
    .limit(1);
  if (existing) return existing.id;
  const today = todayIso();
  const [created] = await db
    .insert(serviceRequests)
    .values({
      organisationId,
      agencyCode,
      subject: 'Voorbeeldvraag voor de isolatietest',
      status: 'submitted',
      submittedOn: today,
      dueDate: dueDateFor(today, 10),
    })
    .returning({ id: serviceRequests.id });
  await db
    .insert(serviceRequestMessages)
    .values({ requestId: created!.id, side: 'local_government', body: 'Voorbeeld', statusTo: 'submitted' });
  return created!.id;
}

async function itemOnlyOf(db: IsolationEnv['db'], agency: string, code: string): Promise<string> {
  const [existing] = await db
    .select({ code: serviceCatalogueItems.code })
    .from(serviceCatalogueItems)
    .where(eq(serviceCatalogueItems.code, code));
  if (existing) return existing.code;
  await db.insert(serviceCatalogueItems).values({
    code,
    title: `Voorbeelddienst ${agency}`,
    summary: 'Voor de isolatietest.',
    description: 'Voor de isolatietest.',
    category: 'methods',
    form: 'advice',
    agencies: [agency],
    validFrom: '2020-01-01',
    normWorkingDays: 10,
  });
  return code;
}

/**
 * Organisation A: Lokaal bestuur Mechelen (AgII), its request, AgII's overview and Fatima's portfolio;
 * and Antwerpen (Atlas). Organisation B: another local government's officer (Gent), the other agency's
 * staff, a contact person outside her portfolio, and roles that have no part in the service.
 */
async function isolationRows({ db }: IsolationEnv): Promise<IsolationRow[]> {
  const year = currentYear();
  const mechelen = await idOf(
    db,
    and(eq(organisations.type, 'local_government'), eq(organisations.municipalityNis, '12025'))!,
  );
  const antwerpen = await idOf(
    db,
    and(eq(organisations.type, 'local_government'), eq(organisations.municipalityNis, '11002'))!,
  );
  const mechelenRequest = await requestOf(db, mechelen, 'AGII');
  const antwerpenRequest = await requestOf(db, antwerpen, 'ATLAS');
  const agiiItem = await itemOnlyOf(db, 'AGII', 'ISO-AGII');
  const atlasItem = await itemOnlyOf(db, 'ATLAS', 'ISO-ATLAS');
  const [fatima] = await db
    .select({ id: users.id })
    .from(users)
    .where(inArray(users.email, [demoEmail('aanspreekpersoon.agii')]));
  const fatimaId = fatima!.id;

  const item = {
    title: 'X',
    summary: 'X',
    description: 'X',
    category: 'methods',
    form: 'advice',
    validFrom: '2026-01-01',
    normWorkingDays: '5',
    agencies: 'AGII',
  };
  const rows: IsolationRow[] = [
    // Catalogue management: only administrators and the offering agency's staff.
    { route: paths.newItem, method: 'GET', url: paths.newItem, as: 'mechelen' },
    {
      route: paths.newItem,
      method: 'POST',
      url: paths.newItem,
      form: { code: 'ISO-NEW', ...item },
      as: 'mechelen',
    },
    {
      route: paths.newItem,
      method: 'POST',
      url: paths.newItem,
      form: { code: 'ISO-NEW2', ...item },
      as: 'aanspreekpersoon.agii',
    },
    {
      route: '/dienstverlening/catalogus/:code/bewerken',
      method: 'GET',
      url: paths.editItem(agiiItem),
      as: 'medewerker.atlas',
    },
    {
      route: '/dienstverlening/catalogus/:code/bewerken',
      method: 'POST',
      url: paths.editItem(agiiItem),
      form: item,
      as: 'medewerker.atlas',
    },
    {
      route: '/dienstverlening/catalogus/:code/bewerken',
      method: 'GET',
      url: paths.editItem(atlasItem),
      as: 'medewerker.agii',
    },
    {
      route: '/dienstverlening/catalogus/:code/bewerken',
      method: 'POST',
      url: paths.editItem(atlasItem),
      form: item,
      as: 'mechelen',
    },

    // A local government's service page, package, contact person and contact log.
    { route: '/dienstverlening/besturen/:id', method: 'GET', url: paths.government(mechelen), as: 'gent' },
    {
      route: '/dienstverlening/besturen/:id',
      method: 'GET',
      url: paths.government(mechelen),
      as: 'medewerker.atlas',
    },
    {
      route: '/dienstverlening/besturen/:id',
      method: 'GET',
      url: paths.government(antwerpen),
      as: 'medewerker.agii',
    },
    {
      route: '/dienstverlening/besturen/:id',
      method: 'GET',
      url: paths.government(antwerpen),
      as: 'aanspreekpersoon.agii',
    },
    {
      route: '/dienstverlening/besturen/:id',
      method: 'GET',
      url: paths.government(mechelen),
      as: 'netwerk.regiogent',
    },
    {
      route: '/dienstverlening/besturen/:id/basispakket/:year',
      method: 'GET',
      url: paths.package(mechelen, year),
      as: 'gent',
    },
    {
      route: '/dienstverlening/besturen/:id/basispakket/:year',
      method: 'GET',
      url: paths.package(mechelen, year),
      as: 'medewerker.atlas',
    },
    {
      route: '/dienstverlening/besturen/:id/basispakket/:year',
      method: 'POST',
      url: paths.package(mechelen, year),
      form: { items: 'BP-INSTROOM' },
      as: 'gent',
    },
    {
      route: '/dienstverlening/besturen/:id/basispakket/:year',
      method: 'POST',
      url: paths.package(mechelen, year),
      form: { items: 'BP-INSTROOM' },
      as: 'aanspreekpersoon.agii',
    },
    {
      route: '/dienstverlening/besturen/:id/basispakket/:year',
      method: 'POST',
      url: paths.package(mechelen, year),
      form: { items: 'BP-INSTROOM' },
      as: 'medewerker.agii',
    },
    {
      route: '/dienstverlening/besturen/:id/aanspreekpersoon',
      method: 'GET',
      url: paths.contact(mechelen),
      as: 'medewerker.atlas',
    },
    {
      route: '/dienstverlening/besturen/:id/aanspreekpersoon',
      method: 'GET',
      url: paths.contact(mechelen),
      as: 'mechelen',
    },
    {
      route: '/dienstverlening/besturen/:id/aanspreekpersoon',
      method: 'POST',
      url: paths.contact(mechelen),
      form: { contactUserId: fatimaId },
      as: 'medewerker.atlas',
    },
    {
      route: '/dienstverlening/besturen/:id/aanspreekpersoon',
      method: 'POST',
      url: paths.contact(mechelen),
      form: { contactUserId: fatimaId },
      as: 'mechelen',
    },
    {
      route: '/dienstverlening/besturen/:id/aanspreekpersoon',
      method: 'POST',
      url: paths.contact(antwerpen),
      form: { contactUserId: fatimaId },
      as: 'medewerker.agii',
    },
    {
      route: '/dienstverlening/besturen/:id/contacten',
      method: 'GET',
      url: paths.contactLog(mechelen),
      as: 'gent',
    },
    {
      route: '/dienstverlening/besturen/:id/contacten',
      method: 'GET',
      url: paths.contactLog(mechelen),
      as: 'medewerker.atlas',
    },
    {
      route: '/dienstverlening/besturen/:id/contacten',
      method: 'POST',
      url: paths.contactLog(mechelen),
      form: { occurredOn: '2026-01-05', kind: 'phone', topic: 'X' },
      as: 'medewerker.atlas',
    },
    {
      route: '/dienstverlening/besturen/:id/contacten',
      method: 'POST',
      url: paths.contactLog(mechelen),
      form: { occurredOn: '2026-01-05', kind: 'phone', topic: 'X' },
      as: 'mechelen',
    },
    {
      route: '/dienstverlening/besturen/:id/contacten',
      method: 'POST',
      url: paths.contactLog(antwerpen),
      form: { occurredOn: '2026-01-05', kind: 'phone', topic: 'X' },
      as: 'aanspreekpersoon.agii',
    },
    {
      route: '/dienstverlening/besturen/:id/contacten/export',
      method: 'GET',
      url: paths.contactLogCsv(mechelen),
      as: 'gent',
    },
    {
      route: '/dienstverlening/besturen/:id/contacten/export',
      method: 'GET',
      url: paths.contactLogCsv(mechelen),
      as: 'medewerker.atlas',
    },
    {
      route: '/dienstverlening/besturen/:id/vragen/nieuw',
      method: 'GET',
      url: paths.newRequest(mechelen),
      as: 'gent',
    },
    {
      route: '/dienstverlening/besturen/:id/vragen/nieuw',
      method: 'GET',
      url: paths.newRequest(mechelen),
      as: 'aanspreekpersoon.agii',
    },
    {
      route: '/dienstverlening/besturen/:id/vragen/nieuw',
      method: 'POST',
      url: paths.newRequest(mechelen),
      form: { subject: 'X', message: 'Y' },
      as: 'gent',
    },
    {
      route: '/dienstverlening/besturen/:id/vragen/nieuw',
      method: 'POST',
      url: paths.newRequest(mechelen),
      form: { subject: 'X', message: 'Y' },
      as: 'medewerker.agii',
    },

    // Requests and their thread.
    { route: '/dienstverlening/vragen/:id', method: 'GET', url: paths.request(mechelenRequest), as: 'gent' },
    {
      route: '/dienstverlening/vragen/:id',
      method: 'GET',
      url: paths.request(mechelenRequest),
      as: 'medewerker.atlas',
    },
    {
      route: '/dienstverlening/vragen/:id',
      method: 'GET',
      url: paths.request(mechelenRequest),
      as: 'partner.debrug',
    },
    {
      route: '/dienstverlening/vragen/:id',
      method: 'GET',
      url: paths.request(antwerpenRequest),
      as: 'aanspreekpersoon.agii',
    },
    {
      route: '/dienstverlening/vragen/:id',
      method: 'GET',
      url: paths.request(antwerpenRequest),
      as: 'mechelen',
    },
    {
      route: '/dienstverlening/vragen/:id/antwoord',
      method: 'POST',
      url: paths.reply(mechelenRequest),
      form: { message: 'X' },
      as: 'gent',
    },
    {
      route: '/dienstverlening/vragen/:id/antwoord',
      method: 'POST',
      url: paths.reply(mechelenRequest),
      form: { action: 'complete' },
      as: 'medewerker.atlas',
    },
    {
      route: '/dienstverlening/vragen/:id/antwoord',
      method: 'POST',
      url: paths.reply(antwerpenRequest),
      form: { message: 'X' },
      as: 'medewerker.agii',
    },

    // Agency overviews, settings and exports.
    {
      route: '/dienstverlening/agentschappen/:agency/:year',
      method: 'GET',
      url: paths.agency('AGII', year),
      as: 'medewerker.atlas',
    },
    {
      route: '/dienstverlening/agentschappen/:agency/:year',
      method: 'GET',
      url: paths.agency('AGII', year),
      as: 'mechelen',
    },
    {
      route: '/dienstverlening/agentschappen/:agency/:year',
      method: 'GET',
      url: paths.agency('ATLAS', year),
      as: 'aanspreekpersoon.agii',
    },
    {
      route: '/dienstverlening/agentschappen/:agency/:year/export/:table',
      method: 'GET',
      url: paths.agencyExport('AGII', year, 'afname'),
      as: 'medewerker.atlas',
    },
    {
      route: '/dienstverlening/agentschappen/:agency/:year/export/:table',
      method: 'GET',
      url: paths.agencyExport('AGII', year, 'te-laat'),
      as: 'gent',
    },
    {
      route: '/dienstverlening/agentschappen/:agency/:year/instellingen',
      method: 'GET',
      url: paths.agencySettings('AGII', year),
      as: 'medewerker.atlas',
    },
    {
      route: '/dienstverlening/agentschappen/:agency/:year/instellingen',
      method: 'GET',
      url: paths.agencySettings('AGII', year),
      as: 'aanspreekpersoon.agii',
    },
    {
      route: '/dienstverlening/agentschappen/:agency/:year/instellingen',
      method: 'POST',
      url: paths.agencySettings('AGII', year),
      form: { maxItems: '1', closed: 'on' },
      as: 'medewerker.atlas',
    },
    {
      route: '/dienstverlening/agentschappen/:agency/:year/instellingen',
      method: 'POST',
      url: paths.agencySettings('AGII', year),
      form: { maxItems: '1', closed: 'on' },
      as: 'mechelen',
    },

    // A contact person's portfolio.
    {
      route: '/dienstverlening/aanspreekpersonen/:userId',
      method: 'GET',
      url: paths.portfolio(fatimaId),
      as: 'medewerker.atlas',
    },
    {
      route: '/dienstverlening/aanspreekpersonen/:userId',
      method: 'GET',
      url: paths.portfolio(fatimaId),
      as: 'mechelen',
    },
    {
      route: '/dienstverlening/aanspreekpersonen/:userId/export',
      method: 'GET',
      url: paths.portfolioCsv(fatimaId),
      as: 'medewerker.atlas',
    },

    // API: another organisation's request, and a request on another organisation's behalf.
    {
      route: '/api/v1/service-requests/:id',
      method: 'GET',
      url: `/api/v1/service-requests/${mechelenRequest}`,
      as: 'gent',
    },
    {
      route: '/api/v1/service-requests/:id',
      method: 'GET',
      url: `/api/v1/service-requests/${mechelenRequest}`,
      as: 'medewerker.atlas',
    },
    {
      route: '/api/v1/service-requests/:id',
      method: 'GET',
      url: `/api/v1/service-requests/${antwerpenRequest}`,
      as: 'medewerker.agii',
    },
    {
      route: '/api/v1/service-requests/:id/messages',
      method: 'POST',
      url: `/api/v1/service-requests/${mechelenRequest}/messages`,
      json: { message: 'X' },
      as: 'gent',
    },
    {
      route: '/api/v1/service-requests/:id/messages',
      method: 'POST',
      url: `/api/v1/service-requests/${antwerpenRequest}/messages`,
      json: { action: 'complete' },
      as: 'aanspreekpersoon.agii',
    },
    {
      route: '/api/v1/service-requests',
      method: 'POST',
      url: '/api/v1/service-requests',
      json: { organisationId: mechelen, subject: 'X', message: 'Y' },
      as: 'gent',
    },
  ];
  return rows;
}

export const servicesModule: ModuleManifest = {
  name: 'services',
  routes: servicesRoutes,
  nav: [{ href: paths.catalogue, label: 'Dienstverlening', order: 20, visible: () => true }],
  publicLinks: [
    {
      href: paths.catalogue,
      label: 'Dienstverlening',
      description: 'het basispakket en alle diensten en producten van de agentschappen voor lokale besturen.',
    },
  ],
  homeCards: [officerCard, contactPersonCard, agencyStaffCard],
  seedDemo: seedServicesDemo,
  metrics: servicesMetrics,
  isolation: isolationRows,
  selfScoped: [
    {
      method: 'GET',
      route: paths.governments,
      reason: "Lists only the local governments in the caller's scope (own, portfolio or agency).",
    },
    {
      method: 'GET',
      route: paths.requests,
      reason: "Lists only requests in the caller's scope, filtered in the query.",
    },
    {
      method: 'GET',
      route: paths.requestsCsv,
      reason: "Exports only requests in the caller's scope, filtered in the query.",
    },
    { method: 'GET', route: paths.myPortfolio, reason: 'Redirects a contact person to their own portfolio.' },
    {
      method: 'GET',
      route: '/dienstverlening/overzicht',
      reason: "Redirects agency staff to their own agency's overview.",
    },
    {
      method: 'GET',
      route: '/api/v1/basic-package/:year',
      reason: "Reads the caller's own local government's choice; no organisation in the URL.",
    },
    {
      method: 'PUT',
      route: '/api/v1/basic-package/:year',
      reason: "Writes the caller's own local government's choice; no organisation in the URL.",
    },
    {
      method: 'GET',
      route: '/api/v1/service-requests',
      reason: "Lists only requests in the caller's scope, filtered in the query.",
    },
  ],
};
