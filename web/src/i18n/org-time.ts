import { useSession } from '../auth/session';

/**
 * Times in the organisation's time zone (GONGDAN_TIME_ZONE, from the session), whatever zone the
 * browser is set to: an agent abroad or a machine left on UTC must read "09:30" as the call
 * centre does, and "tomorrow 09:00" must mean 09:00 where the customer will call back. The
 * arithmetic is in zone-clock.ts.
 */

/** The zone the console shows times in; the browser's own until the session is known. */
export function useOrgTimeZone(): string {
  const { session } = useSession();
  return session?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}
