import type { Clock } from '../platform/clock.js';
import type { AppUnitOfWork } from './repositories.js';

/** What every use case receives: the unit of work, the clock and the few settings use cases read. */
export interface UseCaseContext {
  uow: AppUnitOfWork;
  clock: Clock;
  timeZone: string;
  scryptLogN: number;
  /** Added to landline numbers written without an area code (GONGDAN_DEFAULT_AREA_CODE). */
  defaultAreaCode?: string;
}
