/** The benchmark's scenarios, as data: what each one requests and whom it signs in as. */

export type Account = 'anonymous' | 'agencyStaff' | 'localOfficer' | 'counsellor' | 'eventUsers';

export type Scenario = {
  name: string;
  kind: 'page' | 'api' | 'write';
  description: string;
  account: Account;
  /** The path (read scenarios); writes build their requests in the runner. */
  path?: string;
  /** Read scenarios get an SQL baseline (the same queries replayed, rows as JSON). */
  sqlBaseline: boolean;
};

export type Lookups = {
  year: number;
  nis: string;
  mapIndicator: string;
  mapPeriod: string;
  callId: string;
  registerApplicationId: string;
  registerRows: number;
  agencyStaffEmail: string;
  localOfficerEmail: string;
  counsellorEmail: string;
  eventUserEmails: string[];
  /** [userIndex, eventId] pairs not registered yet. */
  eventPairs: Array<[number, string]>;
  /** [trajectoryId, activityId, earliest date] of active trajectories of the counsellor's agency. */
  hourTargets: Array<[string, string, string]>;
};

export function scenarios(l: Lookups): Scenario[] {
  return [
    {
      name: 'offer-search',
      kind: 'page',
      description: 'Public offer search: full text and filters (category, Dutch level), first page',
      account: 'anonymous',
      path: '/aanbod?q=praattafel&categorie=language_practice&niveau=A2',
      sqlBaseline: true,
    },
    {
      name: 'offer-search-api',
      kind: 'api',
      description: 'The same search over the JSON API',
      account: 'anonymous',
      path: '/api/v1/offers?q=praattafel&category=language_practice&dutchLevel=A2',
      sqlBaseline: true,
    },
    {
      name: 'municipal-profile',
      kind: 'page',
      description: `Monitoring profile of a municipality (${l.nis}) with every indicator`,
      account: 'anonymous',
      path: `/monitoring/gemeenten/${l.nis}`,
      sqlBaseline: true,
    },
    {
      name: 'municipality-page',
      kind: 'page',
      description: `Public reference page of a municipality (${l.nis})`,
      account: 'anonymous',
      path: `/gemeenten/${l.nis}`,
      sqlBaseline: true,
    },
    {
      name: 'map',
      kind: 'page',
      description: `Map page: one indicator (${l.mapIndicator}), latest period, every municipality`,
      account: 'anonymous',
      path: `/monitoring/kaart?indicator=${l.mapIndicator}&periode=${l.mapPeriod}`,
      sqlBaseline: true,
    },
    {
      name: 'agency-requests',
      kind: 'page',
      description: 'Agency overview of the standard service (requests, contacts) for AgII staff',
      account: 'agencyStaff',
      path: `/dienstverlening/agentschappen/AGII/${l.year}`,
      sqlBaseline: true,
    },
    {
      name: 'agency-requests-api',
      kind: 'api',
      description: 'Service requests over the API, as AgII staff (first page)',
      account: 'agencyStaff',
      path: '/api/v1/service-requests',
      sqlBaseline: true,
    },
    {
      name: 'call-overview',
      kind: 'page',
      description: 'Overview of the latest call round for the agency',
      account: 'agencyStaff',
      path: `/oproepen/${l.callId}/overzicht`,
      sqlBaseline: true,
    },
    {
      name: 'oefenkansen-register',
      kind: 'page',
      description: `An applicant's oefenkansen register (${l.registerRows} rows), first page`,
      account: 'localOfficer',
      path: `/aanvragen/${l.registerApplicationId}/register`,
      sqlBaseline: true,
    },
    {
      name: 'oefenkansen-register-api',
      kind: 'api',
      description: 'The same register over the API (first page)',
      account: 'localOfficer',
      path: `/api/v1/applications/${l.registerApplicationId}/register`,
      sqlBaseline: true,
    },
    {
      name: 'event-registration',
      kind: 'write',
      description: 'Local officers register for open events (POST /api/v1/events/:id/registrations)',
      account: 'eventUsers',
      sqlBaseline: false,
    },
    {
      name: 'hour-registration',
      kind: 'write',
      description: 'A counsellor registers hours on active trajectories (POST …/trajectories/:id/hours)',
      account: 'counsellor',
      sqlBaseline: false,
    },
  ];
}
