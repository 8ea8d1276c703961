import type { ModuleManifest } from '../../core/module';
import { seedReferenceDemo } from './demo';
import { ensureReferenceData } from './load';
import { referenceRoutes } from './routes';

export { demoAccountSpecs, demoEmail } from './demo';
export { municipalities, networks, organisationMunicipalities } from './schema';
export { getMunicipality, listMunicipalities } from './service';

export const referenceModule: ModuleManifest = {
  name: 'reference',
  routes: referenceRoutes,
  nav: [
    { href: '/gemeenten', label: 'Gemeenten', order: 80, visible: () => true },
    { href: '/organisaties', label: 'Organisaties', order: 90, visible: (p) => !!p },
  ],
  onStart: ensureReferenceData,
  seedDemo: seedReferenceDemo,
};
