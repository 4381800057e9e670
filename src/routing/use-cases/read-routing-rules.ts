import type { UseCaseContext } from '../../app/context.js';
import type { RoutingRule } from '../domain/routing-rules.js';

export function listRoutingRules(ctx: UseCaseContext): Promise<RoutingRule[]> {
  return ctx.uow.read((repos) => repos.routing.list(false));
}
