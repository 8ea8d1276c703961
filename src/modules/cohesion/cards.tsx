import type { HomeCard } from '../../core/module';
import { canReadCohesion, isExpert, isLocalGovernment } from './access';
import { bookingsToReport } from './experts';
import { myTrajectories } from './learning';

/** Local governments: the learning trajectories they take part in, and the way to coaching and experts. */
export const cohesionCard: HomeCard = async (ctx) => {
  const user = ctx.principal;
  if (!user || !canReadCohesion(user) || isExpert(user)) return null;
  const mine = isLocalGovernment(user) ? await myTrajectories(ctx, 5) : [];
  return (
    <section class="card" aria-labelledby="card-cohesion">
      <h2 id="card-cohesion">Sociale cohesie</h2>
      {isLocalGovernment(user) &&
        (mine.length === 0 ? (
          <p>Uw bestuur neemt nog niet deel aan een leertraject.</p>
        ) : (
          <ul class="link-list">
            {mine.map((t) => (
              <li>
                <a href={`/sociale-cohesie/leeraanbod/${t.id}`}>{t.title}</a>
              </li>
            ))}
          </ul>
        ))}
      <ul class="link-list">
        <li>
          <a href="/sociale-cohesie/leeraanbod">Leeraanbod</a>
        </li>
        <li>
          <a href="/sociale-cohesie/begeleiding">Een-op-eenbegeleiding</a>
        </li>
        <li>
          <a href="/sociale-cohesie/expertenaanbod">Expertenaanbod</a>
        </li>
        <li>
          <a href="/sociale-cohesie/bereik">Bereik vrouwen en meisjes</a>
        </li>
      </ul>
    </section>
  );
};

/** Expert organisations: bookings of their programmes that still wait for a reach report. */
export const reachToReportCard: HomeCard = async (ctx) => {
  const user = ctx.principal;
  if (!user || !isExpert(user)) return null;
  const rows = await bookingsToReport(ctx, 5);
  return (
    <section class="card" aria-labelledby="card-reach-todo">
      <h2 id="card-reach-todo">Bereik te rapporteren</h2>
      {rows.length === 0 ? (
        <p>Voor alle boekingen van uw programma's is het bereik gerapporteerd.</p>
      ) : (
        <ul class="link-list">
          {rows.map((r) => (
            <li>
              <a href={`/sociale-cohesie/boekingen/${r.id}`}>
                {r.programmeTitle}: {r.municipalityName} ({r.year})
              </a>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/sociale-cohesie/expertenaanbod?mine=1">Mijn programma's</a>
      </p>
    </section>
  );
};
