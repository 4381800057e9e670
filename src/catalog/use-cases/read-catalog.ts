import type { UseCaseContext } from '../../app/context.js';
import { notFound } from '../../platform/errors.js';

/** Reference data as every signed-in user reads it (agents need it to classify tickets). */
export function listCatalog(ctx: UseCaseContext) {
  return {
    categories: (includeInactive: boolean) => ctx.uow.read((repos) => repos.catalog.listCategories(includeInactive)),
    priorities: (includeInactive: boolean) => ctx.uow.read((repos) => repos.catalog.listPriorities(includeInactive)),
    serviceItems: (includeInactive: boolean) => ctx.uow.read((repos) => repos.catalog.listServiceItems(includeInactive)),
    serviceItem: (ref: string) =>
      ctx.uow.read(async (repos) => {
        const item = await repos.catalog.findServiceItem(ref);
        if (!item) throw notFound('Service item', ref);
        return item;
      }),
  };
}
