import type { ComponentChildren } from 'preact';
import { roleLabels } from '../access/roles';
import type { ViewContext } from './context';

export type Crumb = { href?: string; label: string };

type LayoutProps = {
  ctx: ViewContext;
  title: string;
  breadcrumbs?: Crumb[];
  /** Narrow pages (forms, login) read better at a shorter line length. */
  narrow?: boolean;
  children: ComponentChildren;
};

function OrganisationSwitcher({ ctx }: { ctx: ViewContext }) {
  const p = ctx.principal;
  if (!p || p.memberships.length < 2) return null;
  return (
    <form method="post" action="/account/switch" class="org-switcher">
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <label for="switch-membership">Ik werk voor</label>
      <select id="switch-membership" name="membershipId">
        {p.memberships.map((m) => (
          <option value={m.id} selected={m.id === p.active.id}>
            {m.organisationName} ({roleLabels[m.role]})
          </option>
        ))}
      </select>
      <button type="submit" class="button button--secondary button--small">
        Wissel
      </button>
    </form>
  );
}

function Header({ ctx }: { ctx: ViewContext }) {
  const p = ctx.principal;
  return (
    <header class="site-header">
      <div class="site-header__bar">
        <div class="container site-header__inner">
          <a href={p ? '/home' : '/'} class="site-header__brand">
            <span class="site-header__logo" aria-hidden="true">
              RK
            </span>
            <span>
              Regiekamer
              <span class="site-header__tagline">Samen lokaal integratiebeleid voeren</span>
            </span>
          </a>
          {p ? (
            <div class="site-header__user">
              <OrganisationSwitcher ctx={ctx} />
              <span class="site-header__who">
                {p.name}
                <span class="site-header__org">
                  {p.active.organisationName} · {roleLabels[p.active.role]}
                </span>
              </span>
              <a href="/account">Mijn account</a>
              <form method="post" action="/logout" class="inline-form">
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <button type="submit" class="link-button">
                  Afmelden
                </button>
              </form>
            </div>
          ) : (
            <div class="site-header__user">
              <a href="/login">Aanmelden</a>
            </div>
          )}
        </div>
      </div>
      {ctx.nav.length > 0 && (
        <nav class="site-nav" aria-label="Hoofdmenu">
          <ul class="container site-nav__list">
            {ctx.nav.map((item) => {
              const current = ctx.path === item.href || ctx.path.startsWith(`${item.href}/`);
              return (
                <li>
                  <a href={item.href} aria-current={current ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
      )}
    </header>
  );
}

function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav class="breadcrumbs" aria-label="Kruimelpad">
      <ol>
        {items.map((c, i) => (
          <li>{c.href && i < items.length - 1 ? <a href={c.href}>{c.label}</a> : <span>{c.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

export function Layout({ ctx, title, breadcrumbs, narrow, children }: LayoutProps) {
  return (
    <html lang="nl-BE">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Regiekamer`}</title>
        <link rel="stylesheet" href="/static/regiekamer.css" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a href="#main" class="skip-link">
          Naar de inhoud
        </a>
        <Header ctx={ctx} />
        <div class={`container${narrow ? ' container--narrow' : ''}`}>
          {breadcrumbs && breadcrumbs.length > 0 && <Breadcrumbs items={breadcrumbs} />}
          <main id="main" tabIndex={-1}>
            {ctx.flash && (
              <div class={`notice notice--${ctx.flash.kind}`} role="status">
                {ctx.flash.message}
              </div>
            )}
            {children}
          </main>
        </div>
        <footer class="site-footer">
          <div class="container site-footer__inner">
            <p>Regiekamer ondersteunt de lokale besturen als regisseur van het lokale integratiebeleid.</p>
            <ul>
              <li>
                <a href="/toegankelijkheid">Toegankelijkheidsverklaring</a>
              </li>
              <li>
                <a href="/privacy">Privacy</a>
              </li>
              <li>
                <a href="/api/docs">API en open data</a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}
