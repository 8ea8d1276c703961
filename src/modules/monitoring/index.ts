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
  onStart: async (db, config, manifests) => {
    await startComputedIndicators(db, config, manifests);
    startAggregates(db, config.backgroundJobs);
  },
  seedDemo: seedMonitoringDemo,
  isolation: monitoringIsolation,
  selfScoped: monitoringSelfScoped,
};
