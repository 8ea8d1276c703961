import { ForbiddenError } from '../http/errors';
import type { Principal } from './principal';

export type Resource = { type: string; [key: string]: unknown };
type Rule = (principal: Principal, resource: Resource) => boolean;

const rules = new Map<string, Rule>();

/** Modules declare who may do what to their resources: `<resourceType>:<action>`. */
export function definePolicy<R extends Resource>(
  resourceType: R['type'],
  action: string,
  rule: (principal: Principal, resource: R) => boolean,
): void {
  rules.set(`${resourceType}:${action}`, rule as Rule);
}

/** The one policy question: may this user do this action to this resource? Unknown rules deny. */
export function can(principal: Principal | null | undefined, action: string, resource: Resource): boolean {
  if (!principal) return false;
  const rule = rules.get(`${resource.type}:${action}`);
  return rule ? rule(principal, resource) : false;
}

export function authorize(principal: Principal | null | undefined, action: string, resource: Resource): void {
  if (!can(principal, action, resource)) throw new ForbiddenError();
}
