import type { ModuleManifest } from '../../core/module';
import { canReadCohesion } from './access';
import { cohesionCard, reachToReportCard } from './cards';
import { seedCohesionDemo } from './demo';
import { cohesionIsolation, cohesionSelfScoped } from './isolation';
import { cohesionRoutes } from './routes';

export { bookings as cohesionBookings } from './schema';

/**
 * Focus support for social cohesion: the agencies' learning offer, one-to-one coaching, expert
 * programmes with reach against targets for women and girls, and the closing of Plan Samenleven.
 */
export const cohesionModule: ModuleManifest = {
  name: 'cohesion',
  routes: cohesionRoutes,
  nav: [
    { href: '/sociale-cohesie', label: 'Sociale cohesie', order: 36, visible: (p) => canReadCohesion(p) },
  ],
  homeCards: [cohesionCard, reachToReportCard],
  seedDemo: seedCohesionDemo,
  isolation: cohesionIsolation,
  selfScoped: cohesionSelfScoped,
};
