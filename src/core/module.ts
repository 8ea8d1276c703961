import type { FastifyPluginAsync } from 'fastify';
import type { VNode } from 'preact';
import type { Config } from '../config';
import type { IsolationRows, SelfScopedRoute } from './access/isolation';
import type { Principal } from './access/principal';
import type { ServiceContext } from './context';
import type { Db, Executor } from './db/client';
import type { Logger } from './log';

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

/**
 * One cell of a platform-computed indicator: an area (a 2025 NIS code, or a network code for
 * network-level indicators), a period (2025 or 2025-Q1) and a breakdown (default totaal). A count
 * gives only `numerator`; a rate gives both.
 */
export type MetricRow = {
  area: string;
  period: string;
  breakdown?: string;
  numerator: number;
  denominator?: number | null;
};

/**
 * A figure a module computes from its own data for monitoring. Monitoring fills the indicator whose
 * `computedBy` equals `key`, on a schedule and on demand; it suppresses small cells when it shows them.
 */
export type ModuleMetric = {
  key: string;
  /** What is computed, in Dutch, for the administrator's overview. */
  label: string;
  compute: (db: Executor) => Promise<MetricRow[]>;
};

/** What start-up work gets: the database, the configuration, every manifest, and the logger for background work. */
export type StartContext = { db: Db; config: Config; manifests: ModuleManifest[]; log: Logger };

/** What a module brings to the platform; app.ts registers every manifest in one list. */
export type ModuleManifest = {
  name: string;
  routes: FastifyPluginAsync;
  nav?: NavEntry[];
  homeCards?: HomeCard[];
  /** Links for the public landing page. */
  publicLinks?: PublicLink[];
  /** Runs at every start, after migrations (e.g. loading reference data once, starting timers). */
  onStart?: (start: StartContext) => Promise<void>;
  /** Rows of the isolation matrix for every non-public route of this module (see test/isolation.test.ts). */
  isolation?: IsolationRows;
  /** Non-public routes that only ever touch the caller's own data, with the reason. */
  selfScoped?: SelfScopedRoute[];
  /** Figures computed from this module's data for platform-computed monitoring indicators. */
  metrics?: ModuleMetric[];
  /** Adds this module's demo data; runs once, in the order of the manifest list. */
  seedDemo?: (db: Db, config: Config) => Promise<void>;
};
