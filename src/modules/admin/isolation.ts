import { and, eq } from 'drizzle-orm';
import type { IsolationRow, IsolationRows } from '../../core/access/isolation';
import { memberships, organisations, users } from '../../core/access/schema';
import { demoEmail } from '../reference';

/**
 * The admin pages are for platform administrators; agency staff see (and invite into) their own agency
 * only. Organisation A is AgII, with its contact person as the user under test.
 */
export const adminIsolation: IsolationRows = async ({ db }) => {
  const [target] = await db
    .select({ userId: users.id, membershipId: memberships.id, agiiId: organisations.id })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(users.email, demoEmail('aanspreekpersoon.agii')), eq(organisations.agencyCode, 'AGII')));
  if (!target) throw new Error('admin isolation: demo user aanspreekpersoon.agii not found');
  const user = `/beheer/gebruikers/${target.userId}`;
  const removal = `${user}/lidmaatschappen/${target.membershipId}/verwijderen`;
  const membershipForm = { organisationId: target.agiiId, role: 'counsellor' };
  const invitation = (role: string) => ({
    email: 'nieuw.persoon@example.be',
    name: 'Nieuwe Persoon',
    organisationId: target.agiiId,
    role,
  });

  const rows: IsolationRow[] = [
    // Not for local governments, networks or partners at all.
    { method: 'GET', route: '/beheer', url: '/beheer', as: 'gent', expect: [403] },
    { method: 'GET', route: '/beheer', url: '/beheer', as: 'aanspreekpersoon.agii', expect: [403] },
    { method: 'GET', route: '/beheer/gebruikers', url: '/beheer/gebruikers', as: 'gent', expect: [403] },
    {
      method: 'GET',
      route: '/beheer/gebruikers',
      url: '/beheer/gebruikers?q=agii',
      as: 'partner.debrug',
      expect: [403],
    },
    { method: 'GET', route: '/beheer/gebruikers/:id', url: user, as: 'gent', expect: [403] },
    { method: 'GET', route: '/beheer/uitnodigen', url: '/beheer/uitnodigen', as: 'gent', expect: [403] },
    {
      method: 'POST',
      route: '/beheer/uitnodigen',
      url: '/beheer/uitnodigen',
      form: invitation('counsellor'),
      as: 'netwerk.regiogent',
      expect: [403],
    },
    { method: 'GET', route: '/beheer/audit', url: '/beheer/audit', as: 'mechelen', expect: [403] },

    // Staff of another agency do not see AgII's users and cannot invite into AgII.
    { method: 'GET', route: '/beheer/gebruikers/:id', url: user, as: 'medewerker.atlas', expect: [404] },
    {
      method: 'POST',
      route: '/beheer/uitnodigen',
      url: '/beheer/uitnodigen',
      form: invitation('counsellor'),
      as: 'medewerker.atlas',
      expect: [403],
    },

    // Agency staff see their own agency's users, but memberships, accounts and the log are the
    // administrators' (and staff never hand out the administrator role).
    {
      method: 'POST',
      route: '/beheer/uitnodigen',
      url: '/beheer/uitnodigen',
      form: invitation('platform_admin'),
      as: 'medewerker.agii',
      expect: [403],
    },
    { method: 'GET', route: '/beheer/audit', url: '/beheer/audit', as: 'medewerker.agii', expect: [403] },
    ...(['medewerker.agii', 'medewerker.atlas'] as const).flatMap((as): IsolationRow[] => [
      {
        method: 'POST',
        route: '/beheer/gebruikers/:id/lidmaatschappen',
        url: `${user}/lidmaatschappen`,
        form: membershipForm,
        as,
        expect: [403],
      },
      {
        method: 'GET',
        route: '/beheer/gebruikers/:id/lidmaatschappen/:membershipId/verwijderen',
        url: removal,
        as,
        expect: [403],
      },
      {
        method: 'POST',
        route: '/beheer/gebruikers/:id/lidmaatschappen/:membershipId/verwijderen',
        url: removal,
        form: {},
        as,
        expect: [403],
      },
      {
        method: 'GET',
        route: '/beheer/gebruikers/:id/uitschakelen',
        url: `${user}/uitschakelen`,
        as,
        expect: [403],
      },
      {
        method: 'POST',
        route: '/beheer/gebruikers/:id/uitschakelen',
        url: `${user}/uitschakelen`,
        form: {},
        as,
        expect: [403],
      },
      {
        method: 'GET',
        route: '/beheer/gebruikers/:id/inschakelen',
        url: `${user}/inschakelen`,
        as,
        expect: [403],
      },
      {
        method: 'POST',
        route: '/beheer/gebruikers/:id/inschakelen',
        url: `${user}/inschakelen`,
        form: {},
        as,
        expect: [403],
      },
    ]),
  ];
  return rows;
};
