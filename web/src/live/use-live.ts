import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { createLiveCache } from './live-cache';
import { liveConnection, type LiveEvent, type LiveState } from './live-connection';

/**
 * The live stream in React. `useLiveStream` is mounted once, by the signed-in layout: it opens
 * the page's connection (shared with the user's other tabs) and keeps the caches current. Pages use `useLiveStatus` (the
 * "live" indicator) and `useLiveEvents` (to react to a message themselves).
 */

/** `userId` is the signed-in user (null when signed out): the user's tabs share one stream. */
export function useLiveStream(userId: string | null): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!userId) return undefined;
    const unsubscribe = liveConnection.subscribe(createLiveCache(queryClient));
    liveConnection.start(userId);
    return () => {
      unsubscribe();
      liveConnection.stop();
    };
  }, [userId, queryClient]);
}

export function useLiveStatus(): LiveState {
  return useSyncExternalStore(liveConnection.watch, liveConnection.getState);
}

/** Calls `listener` with every live message while the component is mounted (the latest listener, without resubscribing). */
export function useLiveEvents(listener: (event: LiveEvent) => void): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => liveConnection.subscribe((event) => latest.current(event)), []);
}
