import { and, eq } from 'drizzle-orm';
import type { IsolationRow, IsolationRows } from '../../core/access/isolation';
import { organisations } from '../../core/access/schema';

/**
 * Organisation A is the local government of Mechelen: only its members (and administrators) edit its
 * contact details or read its history. Everything else of this module is public reference data.
 */
export const referenceIsolation: IsolationRows = async ({ db }) => {
  const [mechelen] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.municipalityNis, '12025'), eq(organisations.type, 'local_government')));
  if (!mechelen) throw new Error('reference isolation: Lokaal bestuur Mechelen not found');
  const edit = `/organisaties/${mechelen.id}/bewerken`;
  const history = `/organisaties/${mechelen.id}/historiek`;
  // A valid form, so a refusal cannot come from validation.
  const form = { email: 'gekaapt@example.be', phone: '', website: '', address: '' };
  const others = ['gent', 'medewerker.agii', 'partner.debrug'];
  return others.flatMap((as): IsolationRow[] => [
    { method: 'GET', route: '/organisaties/:id/bewerken', url: edit, as },
    { method: 'POST', route: '/organisaties/:id/bewerken', url: edit, form, as },
    { method: 'GET', route: '/organisaties/:id/historiek', url: history, as },
  ]);
};
