import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import { forbidden } from '../../platform/errors.js';
import { boardScope, localDay, shapeBoard, type Board } from '../domain/board.js';

/**
 * The live board as the actor may see it: supervisors their departments (and the dispatch row),
 * administrators and auditors everything. "Today" is the calendar day in the organisation's
 * time zone at the application clock's now.
 */
export async function readBoard(ctx: UseCaseContext, actor: Actor): Promise<Board> {
  const scope = boardScope(actor);
  if (!scope) throw forbidden('board_not_allowed', 'Only supervisors, administrators and auditors see the board.');
  const now = ctx.clock.now();
  const day = localDay(now, ctx.timeZone);
  return ctx.uow.read(async (repos) => {
    const [reference, open, oldest, createdToday, closedToday] = await Promise.all([
      repos.reference(),
      repos.board.openCounts(),
      repos.board.oldestWaiting(),
      repos.board.createdSince(day.from),
      repos.board.closedSince(day.from),
    ]);
    return shapeBoard({ open, oldest, createdToday, closedToday, departments: reference.departments.all }, scope, now, day);
  });
}
