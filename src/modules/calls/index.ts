import type { ModuleManifest } from '../../core/module';
import { isAnyStaff } from './access';
import { callsHomeCard } from './cards';
import { seedCallsDemo } from './demo';
import { callsIsolation, callsSelfScoped } from './isolation';
import { callsMetrics } from './metrics';
import { callsRoutes } from './routes';

export { callApplications, calls, oefenkansen } from './schema';

/** Taaloefenkansen Nederlands: the call, applications, budget, register of oefenkansen and payouts. */
export const callsModule: ModuleManifest = {
  name: 'calls',
  routes: callsRoutes,
  nav: [
    { href: '/oproepen', label: 'Oproepen', order: 40, visible: () => true },
    {
      href: '/aanvragen',
      label: 'Aanvragen',
      order: 41,
      visible: (p) => !!p && (p.active.role === 'local_officer' || isAnyStaff(p)),
    },
    {
      href: '/uitbetalingen',
      label: 'Uitbetalingen',
      order: 42,
      visible: (p) => !!p && isAnyStaff(p),
    },
  ],
  homeCards: [callsHomeCard],
  publicLinks: [
    {
      href: '/oproepen',
      label: 'Oproepen',
      description: 'de oproep taaloefenkansen Nederlands: wie kan intekenen en voor hoeveel.',
    },
  ],
  seedDemo: seedCallsDemo,
  metrics: callsMetrics,
  isolation: callsIsolation,
  selfScoped: callsSelfScoped,
};
