import type { FastifyInstance } from 'fastify';
import type { VNode } from 'preact';
import { HomePage, LandingPage, TextPage } from './views';

export async function siteRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', { config: { public: true } }, async (_request, reply) => {
    const links = app.manifests.flatMap((m) => m.publicLinks ?? []);
    return reply.render(<LandingPage ctx={reply.view()} links={links} />);
  });

  app.get('/home', async (request, reply) => {
    const ctx = request.ctx();
    const cards = await Promise.all(app.manifests.flatMap((m) => m.homeCards ?? []).map((card) => card(ctx)));
    return reply.render(<HomePage ctx={reply.view()} cards={cards.filter((c): c is VNode => c !== null)} />);
  });

  app.get('/toegankelijkheid', { config: { public: true } }, async (_request, reply) =>
    reply.render(
      <TextPage ctx={reply.view()} title="Toegankelijkheidsverklaring">
        <p>
          Regiekamer wil voor iedereen bruikbaar zijn, ook voor wie een schermlezer gebruikt, alleen met het
          toetsenbord werkt, of weinig Nederlands of digitale ervaring heeft.
        </p>
        <h2>Nalevingsstatus</h2>
        <p>
          We bouwen volgens de Web Content Accessibility Guidelines (WCAG) 2.1, niveau AA. Elke pagina wordt
          bij elke wijziging automatisch getest met axe. Alle pagina's werken zonder JavaScript en elke
          grafiek heeft een tabel met dezelfde cijfers.
        </p>
        <h2>Een probleem melden</h2>
        <p>
          Lukt iets niet, of is iets niet duidelijk? Meld het aan uw aanspreekpersoon bij het agentschap. We
          antwoorden binnen vijf werkdagen.
        </p>
      </TextPage>,
    ),
  );

  app.get('/privacy', { config: { public: true } }, async (_request, reply) =>
    reply.render(
      <TextPage ctx={reply.view()} title="Privacy">
        <p>
          Regiekamer bewaart alleen de gegevens die nodig zijn om de ondersteuning van lokale besturen te
          organiseren. Gegevens over nieuwkomers zijn pseudoniem, alleen zichtbaar voor wie ze nodig heeft, en
          elke inzage wordt gelogd.
        </p>
        <p>Cijfers over personen tonen we nooit voor groepen kleiner dan vijf.</p>
        <p>We gebruiken alleen cookies die nodig zijn om u aan te melden en formulieren te beveiligen.</p>
      </TextPage>,
    ),
  );
}
