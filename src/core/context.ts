import type { Config } from '../config';
import type { Principal } from './access/principal';
import type { AuditActor } from './audit/audit';
import type { Db, Tx } from './db/client';
import { UnauthenticatedError } from './http/errors';
import { claimOnce } from './http/once';

/** What a use case needs: the database, who asks, and how to write in one transaction. */
export class ServiceContext {
  #onceToken: string | undefined;

  constructor(
    readonly db: Db,
    readonly config: Config,
    readonly principal: Principal | null,
    readonly requestId?: string,
    onceToken?: string,
  ) {
    this.#onceToken = onceToken;
  }

  get actor(): AuditActor {
    return {
      userId: this.principal?.userId ?? null,
      organisationId: this.principal?.active.organisationId ?? null,
      requestId: this.requestId,
    };
  }

  /** The signed-in user, or a 401 for anonymous callers. */
  get user(): Principal {
    if (!this.principal) throw new UnauthenticatedError();
    return this.principal;
  }

  /**
   * Runs the write in one transaction. The form's one-time token, when present, is claimed in the
   * same transaction, so a double click or a retry changes nothing the second time.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const token = this.#onceToken;
    this.#onceToken = undefined;
    return this.db.transaction(async (tx) => {
      if (token) await claimOnce(tx, token, this.principal?.userId ?? null);
      return work(tx);
    });
  }

  /** A context for the same caller without the form token, e.g. for nested reads. */
  static system(db: Db, config: Config): ServiceContext {
    return new ServiceContext(db, config, null);
  }
}
