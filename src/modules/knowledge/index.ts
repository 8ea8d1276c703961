import type { ModuleManifest } from '../../core/module';
import { myEventsCard, newPracticesCard, openRegistrationsCard } from './cards';
import { seedKnowledgeDemo } from './demo';
import { knowledgeIsolation, knowledgeSelfScoped } from './isolation';
import { knowledgeRoutes } from './routes';

export { searchPractices } from './practices';
export { events as knowledgeEvents, practices as knowledgePractices } from './schema';
export { createEvent, listAgenda, registerForEvent } from './service';

/** Knowledge sharing: events with registration, learning networks, good practices and tools. */
export const knowledgeModule: ModuleManifest = {
  name: 'knowledge',
  routes: knowledgeRoutes,
  nav: [
    { href: '/agenda', label: 'Agenda', order: 30, visible: () => true },
    { href: '/lerende-netwerken', label: 'Lerende netwerken', order: 31, visible: (p) => !!p },
    { href: '/goede-praktijken', label: 'Goede praktijken', order: 32, visible: () => true },
    { href: '/tools', label: 'Tools', order: 33, visible: () => true },
  ],
  homeCards: [myEventsCard, openRegistrationsCard, newPracticesCard],
  publicLinks: [
    {
      href: '/agenda',
      label: 'Agenda',
      description: 'netwerkmomenten, lerende netwerken, vormingen en webinars voor lokale besturen.',
    },
    {
      href: '/goede-praktijken',
      label: 'Goede praktijken',
      description: 'hoe andere gemeenten integratie, Nederlands, werk en participatie aanpakken.',
    },
    {
      href: '/tools',
      label: 'Praktische tools',
      description: 'draaiboeken, sjablonen en online tools om zelf aan de slag te gaan.',
    },
  ],
  seedDemo: seedKnowledgeDemo,
  isolation: knowledgeIsolation,
  selfScoped: knowledgeSelfScoped,
};
