import { hasRole } from '../../core/access/principal';
import type { ModuleManifest } from '../../core/module';
import { adminIsolation } from './isolation';
import { adminRoutes } from './routes';

/** Platform administration: users and memberships, invitations, the global audit log. */
export const adminModule: ModuleManifest = {
  name: 'admin',
  routes: adminRoutes,
  nav: [
    {
      href: '/beheer',
      label: 'Beheer',
      order: 200,
      visible: (p) => hasRole(p, 'platform_admin', 'agency_staff'),
    },
  ],
  isolation: adminIsolation,
};
