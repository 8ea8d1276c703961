import type { ModuleManifest } from '../core/module';
import { adminModule } from './admin';
import { callsModule } from './calls';
import { cohesionModule } from './cohesion';
import { knowledgeModule } from './knowledge';
import { monitoringModule } from './monitoring';
import { participationModule } from './participation';
import { referenceModule } from './reference';
import { servicesModule } from './services';

/** Every module of the platform, in registration order (reference data first: others build on it). */
export const modules: ModuleManifest[] = [
  referenceModule,
  adminModule,
  servicesModule,
  knowledgeModule,
  callsModule,
  monitoringModule,
  participationModule,
  cohesionModule,
];
