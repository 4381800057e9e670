import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { lookupCustomer } from '../../api/customers';
import { isPhoneNumber, PLAUSIBLE_LOOKUP_DELAY_MS, phoneDigits, phoneReadiness } from './phone';

export const callerQuery = (number: string) =>
  queryOptions({
    queryKey: ['customers', 'lookup', number],
    queryFn: ({ signal }) => lookupCustomer(number, signal),
    staleTime: 30_000,
  });

/** The caller already looked up for this number: undefined when it never was (the server then finds or creates them by phone). */
export function cachedCaller(queryClient: QueryClient, phone: string | undefined) {
  return phone ? queryClient.getQueryData(callerQuery(phoneDigits(phone)).queryKey) : undefined;
}

/**
 * Asks for the caller on the keystroke that completes the number, before React renders the
 * page again: the answer is on its way a render earlier (the page's query then shares it).
 */
export function prefetchCompleteNumber(queryClient: QueryClient, text: string): void {
  if (phoneReadiness(text) === 'complete') void queryClient.prefetchQuery(callerQuery(phoneDigits(text)));
}

/**
 * The screen pop: the caller behind the number in the phone field. A complete number is looked
 * up on the keystroke that completes it; a plausible one after a pause; `lookUpNow` (Enter)
 * looks up whatever is typed. `caller` is undefined until answered, null for a number nobody has.
 */
export function useCallerLookup(phone: string | undefined) {
  const queryClient = useQueryClient();
  const text = phone ?? '';
  const digits = phoneDigits(text);
  const readiness = phoneReadiness(text);
  // The digits the agent settled on: by pausing on a plausible number, or by pressing Enter.
  const [settled, setSettled] = useState<string | null>(null);

  useEffect(() => {
    if (readiness !== 'plausible') return;
    const timer = window.setTimeout(() => setSettled(digits), PLAUSIBLE_LOOKUP_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [digits, readiness]);

  const number = readiness === 'complete' ? digits : settled === digits && isPhoneNumber(text) ? digits : null;
  const query = useQuery({ ...callerQuery(number ?? ''), enabled: number !== null });

  return {
    number,
    caller: number === null ? undefined : query.data,
    isLooking: number !== null && query.isPending,
    isError: number !== null && query.isError,
    lookUpNow: () => setSettled(digits),
    onPhoneTyped: useCallback((typed: string) => prefetchCompleteNumber(queryClient, typed), [queryClient]),
  };
}
