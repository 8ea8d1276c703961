import type { ModuleManifest } from '../../core/module';
import { seedReferenceDemo } from './demo';
import { referenceIsolation } from './isolation';
import { ensureReferenceData } from './load';
import { referenceRoutes } from './routes';

export { loadReferenceData } from './data';
export { demoAccountSpecs, demoEmail } from './demo';
export { municipalityAreas } from './map';
export { municipalities, networks, organisationMunicipalities } from './schema';
export { getMunicipality, listMunicipalities } from './service';

export const referenceModule: ModuleManifest = {
  name: 'reference',
  routes: referenceRoutes,
  nav: [
    { href: '/gemeenten', label: 'Gemeenten', order: 80, visible: () => true },
    { href: '/organisaties', label: 'Organisaties', order: 90, visible: (p) => !!p },
  ],
  onStart: ({ db }) => ensureReferenceData(db),
  seedDemo: seedReferenceDemo,
  isolation: referenceIsolation,
};
