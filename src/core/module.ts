import type { FastifyPluginAsync } from 'fastify';
import type { VNode } from 'preact';
import type { Config } from '../config';
import type { IsolationRows, SelfScopedRoute } from './access/isolation';
import type { Principal } from './access/principal';
import type { ServiceContext } from './context';
import type { Db } from './db/client';

export type NavEntry = {
  href: string;
  label: string;
  /** Lower comes first. */
  order: number;
  visible: (principal: Principal | null) => boolean;
};

/** A card on a user's home page; return null to show nothing for this user. */
export type HomeCard = (ctx: ServiceContext) => Promise<VNode | null>;

export type PublicLink = { href: string; label: string; description: string };

/** What a module brings to the platform; app.ts registers every manifest in one list. */
export type ModuleManifest = {
  name: string;
  routes: FastifyPluginAsync;
  nav?: NavEntry[];
  homeCards?: HomeCard[];
  /** Links for the public landing page. */
  publicLinks?: PublicLink[];
  /** Runs at every start, after migrations (e.g. loading reference data once). */
  onStart?: (db: Db, config: Config) => Promise<void>;
  /** Rows of the isolation matrix for every non-public route of this module (see test/isolation.test.ts). */
  isolation?: IsolationRows;
  /** Non-public routes that only ever touch the caller's own data, with the reason. */
  selfScoped?: SelfScopedRoute[];
  /** Adds this module's demo data; runs once, in the order of the manifest list. */
  seedDemo?: (db: Db, config: Config) => Promise<void>;
};
