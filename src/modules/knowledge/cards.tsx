import { formatDate, formatDateTime } from '../../core/i18n/format';
import type { HomeCard } from '../../core/module';
import { latestPractices } from './practices';
import { openForOrganisation, upcomingForUser } from './service';
import { RegistrationTag } from './views/common';

/** My upcoming events, with their status. */
export const myEventsCard: HomeCard = async (ctx) => {
  const rows = await upcomingForUser(ctx, 5);
  return (
    <section class="card" aria-labelledby="card-my-events">
      <h2 id="card-my-events">Mijn evenementen</h2>
      {rows.length === 0 ? (
        <p>U bent voor geen enkel komend evenement ingeschreven.</p>
      ) : (
        <ul class="link-list">
          {rows.map((r) => (
            <li>
              <a href={`/agenda/${r.eventId}`}>{r.title}</a>, {formatDateTime(r.startsAt)}{' '}
              <RegistrationTag status={r.status} public />
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/mijn-inschrijvingen">Al mijn inschrijvingen</a>
      </p>
    </section>
  );
};

/** Events the user's organisation can still register for. */
export const openRegistrationsCard: HomeCard = async (ctx) => {
  const rows = await openForOrganisation(ctx, 5);
  return (
    <section class="card" aria-labelledby="card-open-registrations">
      <h2 id="card-open-registrations">Open inschrijvingen</h2>
      {rows.length === 0 ? (
        <p>Er zijn nu geen evenementen voor uw organisatie waarvoor u nog kunt inschrijven.</p>
      ) : (
        <ul class="link-list">
          {rows.map((r) => (
            <li>
              <a href={`/agenda/${r.id}`}>{r.title}</a>, {formatDate(r.startsAt)} (inschrijven tot{' '}
              {formatDate(r.registrationClosesAt)})
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/agenda">Naar de agenda</a>
      </p>
    </section>
  );
};

/** The newest published good practices. */
export const newPracticesCard: HomeCard = async (ctx) => {
  const rows = await latestPractices(ctx.db, 3);
  if (rows.length === 0) return null;
  return (
    <section class="card" aria-labelledby="card-new-practices">
      <h2 id="card-new-practices">Nieuwe goede praktijken</h2>
      <ul class="link-list">
        {rows.map((r) => (
          <li>
            <a href={`/goede-praktijken/${r.id}`}>{r.title}</a>
            {r.municipalityName ? ` (${r.municipalityName})` : ''}
          </li>
        ))}
      </ul>
      <p>
        <a href="/goede-praktijken">Alle goede praktijken</a>
      </p>
    </section>
  );
};
