import type { ModuleManifest } from '../../core/module';
import { startAggregates } from './aggregates';
import { startComputedIndicators } from './computed';
import { seedMonitoringDemo } from './demo';
import { monitoringIsolation, monitoringSelfScoped } from './isolation';
import { monitoringRoutes } from './routes';
import { localCard } from './views/home';

export const monitoringModule: ModuleManifest = {
  name: 'monitoring',
  routes: monitoringRoutes,
  nav: [{ href: '/monitoring', label: 'Monitoring', order: 60, visible: () => true }],
  homeCards: [localCard],
  publicLinks: [
    {
      href: '/monitoring',
      label: 'Monitoring',
      description: 'Indicatoren, gemeenteprofielen, kaarten, vergelijkingen en actieplannen.',
    },
  ],
  onStart: async (start) => {
    await startComputedIndicators(start);
    startAggregates(start);
  },
  seedDemo: seedMonitoringDemo,
  isolation: monitoringIsolation,
  selfScoped: monitoringSelfScoped,
};
