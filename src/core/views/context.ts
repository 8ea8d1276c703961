import type { Principal } from '../access/principal';

export type Flash = { kind: 'success' | 'info' | 'warning'; message: string };

export type NavLink = { href: string; label: string };

/** What every page needs from the request: who is looking, the form token and the menu. */
export type ViewContext = {
  principal: Principal | null;
  csrfToken: string;
  path: string;
  nav: NavLink[];
  flash: Flash | null;
  demo: boolean;
};
