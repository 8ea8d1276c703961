import { and, count, eq, inArray } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context';
import type { HomeCard } from '../../core/module';
import { isCounsellor, isModerator, isPublisher, municipalitiesInScope } from './access';
import {
  participationHourEntries,
  participationOfferPlaces,
  participationOffers,
  participationTrajectories,
} from './schema';

const card = (title: string, lines: string[], href: string, linkText: string) => (
  <section class="card" aria-label={title}>
    <h2>{title}</h2>
    {lines.map((l) => (
      <p>{l}</p>
    ))}
    <p>
      <a href={href}>{linkText}</a>
    </p>
  </section>
);

export const counsellorCard: HomeCard = async (ctx: ServiceContext) => {
  const p = ctx.principal;
  if (!isCounsellor(p)) return null;
  const rows = await ctx.db
    .select({ status: participationTrajectories.status, n: count() })
    .from(participationTrajectories)
    .where(eq(participationTrajectories.counsellorOrganisationId, p.active.organisationId))
    .groupBy(participationTrajectories.status);
  const [confirmed] = await ctx.db
    .select({ n: count() })
    .from(participationHourEntries)
    .innerJoin(
      participationTrajectories,
      eq(participationTrajectories.id, participationHourEntries.trajectoryId),
    )
    .where(
      and(
        eq(participationTrajectories.counsellorOrganisationId, p.active.organisationId),
        eq(participationHourEntries.status, 'confirmed'),
      ),
    );
  const active = rows.find((r) => r.status === 'active')?.n ?? 0;
  return card(
    'Trajecten',
    [`${active} lopende trajecten.`, `${confirmed?.n ?? 0} bevestigde registraties wachten op uw validatie.`],
    '/participatie/trajecten',
    'Naar de trajecten',
  );
};

export const publisherCard: HomeCard = async (ctx: ServiceContext) => {
  const p = ctx.principal;
  if (!isPublisher(p)) return null;
  const rows = await ctx.db
    .select({ status: participationOffers.status, n: count() })
    .from(participationOffers)
    .where(eq(participationOffers.ownerOrganisationId, p.active.organisationId))
    .groupBy(participationOffers.status);
  const n = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  const lines = [`${n('published')} activiteiten staan op het aanbodplatform.`];
  if (n('sent_back')) lines.push(`${n('sent_back')} activiteiten werden teruggestuurd: pas ze aan.`);
  if (n('expired')) lines.push(`${n('expired')} activiteiten zijn verlopen.`);
  if (isModerator(p)) {
    const scope = await municipalitiesInScope(ctx.db, p);
    if (scope.length) {
      const [waiting] = await ctx.db
        .select({ n: count() })
        .from(participationOffers)
        .where(
          and(
            eq(participationOffers.status, 'awaiting_validation'),
            inArray(
              participationOffers.id,
              ctx.db
                .select({ id: participationOfferPlaces.offerId })
                .from(participationOfferPlaces)
                .where(inArray(participationOfferPlaces.municipalityNis, scope)),
            ),
          ),
        );
      lines.push(`${waiting?.n ?? 0} activiteiten in uw regio wachten op nazicht.`);
    }
  }
  return (
    <section class="card" aria-label="Participatie- en netwerktraject">
      <h2>Aanbod participatie</h2>
      {lines.map((l) => (
        <p>{l}</p>
      ))}
      <ul class="link-list">
        <li>
          <a href="/participatie/mijn-aanbod">Mijn aanbod</a>
        </li>
        <li>
          <a href="/participatie/bevestigingen">Uren van deelnemers bevestigen</a>
        </li>
        {isModerator(p) && (
          <>
            <li>
              <a href="/participatie/moderatie">Aanbod nakijken</a>
            </li>
            <li>
              <a href="/participatie/overzicht">
                Participatie in mijn {p.active.role === 'network_coordinator' ? 'netwerk' : 'gemeente'}
              </a>
            </li>
          </>
        )}
      </ul>
    </section>
  );
};
