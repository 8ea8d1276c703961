import type { VNode } from 'preact';
import { roleLabels } from '../access/roles';
import type { PublicLink } from '../module';
import type { ViewContext } from '../views/context';
import { Layout } from '../views/layout';

export function LandingPage({ ctx, links }: { ctx: ViewContext; links: PublicLink[] }) {
  return (
    <Layout ctx={ctx} title="Welkom">
      <section class="hero">
        <h1>Regiekamer</h1>
        <p class="lead">
          Uw gemeente voert het lokale integratiebeleid. Regiekamer is de plek waar u de steun van Vlaanderen
          en de agentschappen vindt, aanvraagt en opvolgt.
        </p>
        {!ctx.principal && (
          <p>
            <a class="button button--primary" href="/login">
              Aanmelden
            </a>
          </p>
        )}
      </section>
      <h2>Wat vindt u hier?</h2>
      <ul class="card-list">
        <li class="card">
          <h3>Vaste aanspreekpersoon en basispakket</h3>
          <p>
            Elk lokaal bestuur heeft een vaste aanspreekpersoon bij het agentschap en kiest gratis diensten
            uit een basispakket.
          </p>
        </li>
        <li class="card">
          <h3>Kennis delen</h3>
          <p>Netwerkmomenten, lerende netwerken, vormingen, goede praktijken en praktische tools.</p>
        </li>
        <li class="card">
          <h3>Taaloefenkansen Nederlands</h3>
          <p>Lokale besturen vragen cofinanciering aan voor elke georganiseerde oefenkans Nederlands.</p>
        </li>
        <li class="card">
          <h3>Participatie- en netwerktraject</h3>
          <p>Organisaties tonen hun activiteiten. Nieuwkomers vinden er een plek om hun 40 uur te doen.</p>
        </li>
        <li class="card">
          <h3>Cijfers en opvolging</h3>
          <p>
            Indicatoren per gemeente, vergelijkingen met andere gemeenten en actieplannen met meetbare
            resultaten.
          </p>
        </li>
      </ul>
      <h2>Zonder aanmelden</h2>
      <ul class="link-list">
        <li>
          <a href="/gemeenten">Gemeenten</a>: de 304 gemeenten, hun regionaal netwerk en hun agentschap.
        </li>
        {links.map((l) => (
          <li>
            <a href={l.href}>{l.label}</a>: {l.description}
          </li>
        ))}
        <li>
          <a href="/api/docs">API en open data</a>: gegevens hergebruiken in uw eigen toepassing.
        </li>
      </ul>
    </Layout>
  );
}

export function HomePage({ ctx, cards }: { ctx: ViewContext; cards: VNode[] }) {
  const p = ctx.principal!;
  return (
    <Layout ctx={ctx} title="Start">
      <h1>Welkom, {p.name}</h1>
      <p class="lead">
        U werkt als {roleLabels[p.active.role].toLowerCase()} voor {p.active.organisationName}.
      </p>
      <div class="card-grid">
        <section class="card" aria-labelledby="card-profile">
          <h2 id="card-profile">Mijn gegevens</h2>
          <p>
            {p.name}
            <br />
            {p.email}
          </p>
          <p>
            <a href="/account">Mijn account beheren</a>
          </p>
        </section>
        <section class="card" aria-labelledby="card-org">
          <h2 id="card-org">Mijn organisatie</h2>
          <p>{p.active.organisationName}</p>
          <p>
            <a href={`/organisaties/${p.active.organisationId}`}>Gegevens van de organisatie</a>
          </p>
        </section>
        {cards}
      </div>
    </Layout>
  );
}

export function TextPage({
  ctx,
  title,
  children,
}: {
  ctx: ViewContext;
  title: string;
  children: preact.ComponentChildren;
}) {
  return (
    <Layout ctx={ctx} title={title} narrow breadcrumbs={[{ href: '/', label: 'Start' }, { label: title }]}>
      <h1>{title}</h1>
      {children}
    </Layout>
  );
}
