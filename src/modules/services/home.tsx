import { todayIso } from '../../core/i18n/format';
import type { HomeCard } from '../../core/module';
import { findLocalGovernment } from './access';
import { currentContact, listLocalGovernments, listRequests } from './service';
import { AgencyStaffCard, ContactPersonCard, OfficerCard } from './views/cards';

const currentYear = () => Number(todayIso().slice(0, 4));
const first = { page: 1, pageSize: 1, offset: 0 };

/** A local government's officer: their contact person, open requests and the way to the service. */
export const officerCard: HomeCard = async (ctx) => {
  const p = ctx.principal;
  if (p?.active.role !== 'local_officer') return null;
  const lg = await findLocalGovernment(ctx.db, p.active.organisationId);
  if (!lg) return null;
  const [contact, open] = await Promise.all([
    currentContact(ctx.db, lg.id),
    listRequests(ctx, { organisationId: lg.id, open: true }, first),
  ]);
  return <OfficerCard lg={lg} contact={contact} openRequests={open.total} year={currentYear()} />;
};

/** A contact person: their local governments, late and busy ones first, with the last contact. */
export const contactPersonCard: HomeCard = async (ctx) => {
  const p = ctx.principal;
  if (p?.active.role !== 'contact_person') return null;
  // A portfolio holds a few dozen local governments at most: sort them all, show the busiest eight.
  const { items, total } = await listLocalGovernments(ctx, {}, { page: 1, pageSize: 200, offset: 0 });
  const rows = [...items]
    .sort((a, b) => b.overdueRequests - a.overdueRequests || b.openRequests - a.openRequests)
    .slice(0, 8);
  return <ContactPersonCard userId={p.userId} rows={rows} total={total} />;
};

/** Agency staff: open and late requests of the agency, and the way to the overview. */
export const agencyStaffCard: HomeCard = async (ctx) => {
  const p = ctx.principal;
  if (p?.active.role !== 'agency_staff' || !p.active.agencyCode) return null;
  const [open, overdue] = await Promise.all([
    listRequests(ctx, { open: true }, first),
    listRequests(ctx, { overdue: true }, first),
  ]);
  return (
    <AgencyStaffCard
      agencyCode={p.active.agencyCode}
      year={currentYear()}
      openRequests={open.total}
      overdue={overdue.total}
    />
  );
};
