import type { Principal } from '../access/principal';
import type { Role } from '../access/roles';
import { ConflictError, ForbiddenError } from '../http/errors';

/** How a status reads at a glance; also the tag colour. */
export type StatusClass = 'pending' | 'positive' | 'negative' | 'waiting' | 'neutral';

export type StatusDefinition = {
  code: string;
  /** Label for staff. */
  label: string;
  /** Label for the public and for the other party, in plain Dutch. */
  publicLabel: string;
  class: StatusClass;
  /** Whether a record in this status uses up capacity or budget. */
  counts: boolean;
  final?: boolean;
};

export type TransitionDefinition<S extends string> = {
  from: S | readonly S[];
  to: S;
  /** The action's name, e.g. 'submit', shown on the button as `label`. */
  action: string;
  label: string;
  roles: readonly Role[];
};

export type Workflow<S extends string> = {
  name: string;
  statuses: Record<S, StatusDefinition & { code: S }>;
  transitions: TransitionDefinition<S>[];
};

/** Declares a workflow as data; one helper serves every module (requests, registrations, applications…). */
export function defineWorkflow<S extends string>(
  name: string,
  statuses: Array<StatusDefinition & { code: S }>,
  transitions: TransitionDefinition<S>[],
): Workflow<S> {
  const byCode = Object.fromEntries(statuses.map((s) => [s.code, s])) as Workflow<S>['statuses'];
  for (const t of transitions) {
    for (const from of [t.from].flat() as S[]) {
      if (!byCode[from]) throw new Error(`${name}: unknown status ${from}`);
    }
    if (!byCode[t.to]) throw new Error(`${name}: unknown status ${t.to}`);
  }
  return { name, statuses: byCode, transitions };
}

const fromList = <S extends string>(t: TransitionDefinition<S>): readonly S[] => [t.from].flat() as S[];

/** The transitions a role may take from a status, in declaration order. */
export function availableTransitions<S extends string>(
  workflow: Workflow<S>,
  from: S,
  role: Role,
): TransitionDefinition<S>[] {
  return workflow.transitions.filter((t) => fromList(t).includes(from) && t.roles.includes(role));
}

/**
 * Checks that `action` may move a record from `from` for this role, and returns the target status.
 * A wrong state is a 409 (someone else moved it first); a wrong role is a 403.
 */
export function transition<S extends string>(workflow: Workflow<S>, from: S, action: string, role: Role): S {
  const candidates = workflow.transitions.filter((t) => t.action === action && fromList(t).includes(from));
  if (candidates.length === 0) {
    throw new ConflictError(
      `Dit kan niet meer: de status is nu "${workflow.statuses[from]?.label ?? from}". Laad de pagina opnieuw.`,
    );
  }
  const allowed = candidates.find((t) => t.roles.includes(role));
  if (!allowed) throw new ForbiddenError('Uw rol mag deze stap niet zetten.');
  return allowed.to;
}

export function transitionFor<S extends string>(
  workflow: Workflow<S>,
  from: S,
  action: string,
  principal: Principal,
): S {
  return transition(workflow, from, action, principal.active.role);
}

/** The statuses that count against capacity or budget, for SQL filters. */
export function countingStatuses<S extends string>(workflow: Workflow<S>): S[] {
  return (Object.values(workflow.statuses) as Array<StatusDefinition & { code: S }>)
    .filter((s) => s.counts)
    .map((s) => s.code);
}
