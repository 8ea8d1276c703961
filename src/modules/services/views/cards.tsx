import { formatDate } from '../../../core/i18n/format';
import { Tag } from '../../../core/views/table';
import type { LocalGovernment } from '../access';
import { paths } from '../paths';
import { agencyLabels } from '../rules';
import type { CurrentContact, LocalGovernmentActivity } from '../service';

export function OfficerCard({
  lg,
  contact,
  openRequests,
  year,
}: {
  lg: LocalGovernment;
  contact: CurrentContact | null;
  openRequests: number;
  year: number;
}) {
  return (
    <section class="card" aria-labelledby="card-contact-person">
      <h2 id="card-contact-person">Uw aanspreekpersoon</h2>
      {contact ? (
        <p>
          <strong>{contact.name}</strong>
          <br />
          {contact.agencyName ?? agencyLabels[contact.agencyCode]}
          <br />
          <a href={`mailto:${contact.email}`}>{contact.email}</a>
          {(contact.phone ?? contact.agencyPhone) && (
            <>
              <br />
              {contact.phone ?? contact.agencyPhone}
            </>
          )}
        </p>
      ) : (
        <p>Nog niet toegewezen. U kunt terecht bij {agencyLabels[lg.agencyCode] ?? lg.agencyCode}.</p>
      )}
      <p>
        {openRequests === 0
          ? 'U hebt geen open vragen.'
          : `U hebt ${openRequests} open ${openRequests === 1 ? 'vraag' : 'vragen'}.`}
      </p>
      <ul class="link-list">
        <li>
          <a href={paths.newRequest(lg.id)}>Een vraag stellen</a>
        </li>
        <li>
          <a href={paths.package(lg.id, year)}>Basispakket {year}</a>
        </li>
        <li>
          <a href={paths.government(lg.id)}>Onze dienstverlening</a>
        </li>
      </ul>
    </section>
  );
}

export function ContactPersonCard({
  userId,
  rows,
  total,
}: {
  userId: string;
  rows: LocalGovernmentActivity[];
  total: number;
}) {
  return (
    <section class="card" aria-labelledby="card-portfolio">
      <h2 id="card-portfolio">Mijn lokale besturen</h2>
      {rows.length === 0 ? (
        <p>Er zijn u nog geen lokale besturen toegewezen.</p>
      ) : (
        <ul class="link-list">
          {rows.map((g) => (
            <li>
              <a href={paths.government(g.id)}>{g.name}</a>:{' '}
              {g.openRequests === 0 ? 'geen open vragen' : `${g.openRequests} open`}
              {g.overdueRequests > 0 && (
                <>
                  {' '}
                  <Tag kind="negative">{g.overdueRequests} te laat</Tag>
                </>
              )}
              <br />
              <span class="field__hint">
                Laatste contact: {g.lastContact ? formatDate(g.lastContact) : 'nog geen'}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={paths.portfolio(userId)}>
          {total > rows.length ? `Alle ${total} lokale besturen` : 'Mijn portefeuille'}
        </a>
      </p>
    </section>
  );
}

export function AgencyStaffCard({
  agencyCode,
  year,
  openRequests,
  overdue,
}: {
  agencyCode: string;
  year: number;
  openRequests: number;
  overdue: number;
}) {
  return (
    <section class="card" aria-labelledby="card-service">
      <h2 id="card-service">Standaarddienstverlening</h2>
      <p>
        {openRequests} open {openRequests === 1 ? 'vraag' : 'vragen'}
        {overdue > 0 && (
          <>
            , waarvan <Tag kind="negative">{overdue} te laat</Tag>
          </>
        )}
        .
      </p>
      <ul class="link-list">
        <li>
          <a href={paths.agency(agencyCode, year)}>Overzicht {year}</a>
        </li>
        <li>
          <a href={paths.governments}>Lokale besturen en aanspreekpersonen</a>
        </li>
        <li>
          <a href={`${paths.requests}?open=1`}>Open vragen</a>
        </li>
      </ul>
    </section>
  );
}
