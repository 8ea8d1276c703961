import type { ModuleManifest } from '../core/module';
import { adminModule } from './admin';
import { referenceModule } from './reference';

/** Every module of the platform, in registration order (reference data first: others build on it). */
export const modules: ModuleManifest[] = [referenceModule, adminModule];
