import type { FastifyContextConfig } from 'fastify';
import type { VNode } from 'preact';
import type { Config } from '../../config';
import type { Principal } from '../access/principal';
import type { ServiceContext } from '../context';
import type { Database, Db } from '../db/client';
import type { ModuleManifest } from '../module';
import type { Flash, ViewContext } from '../views/context';

/** A registered route, recorded by the onRoute hook in app.ts. */
export type RouteRecord = { method: string; url: string; config: FastifyContextConfig | undefined };

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    db: Db;
    manifests: ModuleManifest[];
    routeList: RouteRecord[];
  }
  interface FastifyRequest {
    principal: Principal | null;
    sessionId: string | null;
    /** True when the caller authenticated with a personal API token instead of a session cookie. */
    viaApiToken: boolean;
    /** The service context for this request (who, which database, the form's one-time token). */
    ctx(): ServiceContext;
  }
  interface FastifyReply {
    render(vnode: VNode, status?: number): FastifyReply;
    /** What every page needs: who is looking, the CSRF token, the menu and any flash message. */
    view(): ViewContext;
    flash(kind: Flash['kind'], message: string): FastifyReply;
    /** 303 to `url` after a successful form post (Post/Redirect/Get). */
    seeOther(url: string): FastifyReply;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in and shows no organisation's private data. */
    public?: boolean;
  }
}
