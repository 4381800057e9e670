import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { createLiveCache } from './live-cache';
import { liveConnection, type LiveEvent, type LiveState } from './live-connection';

/**
 * The live stream in React. `useLiveStream` is mounted once, by the signed-in layout: it opens
 * the page's one connection and keeps the caches current. Pages use `useLiveStatus` (the
 * "live" indicator) and `useLiveEvents` (to react to a message themselves).
 */

export function useLiveStream(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return undefined;
    const unsubscribe = liveConnection.subscribe(createLiveCache(queryClient));
    liveConnection.start();
    return () => {
      unsubscribe();
      liveConnection.stop();
    };
  }, [enabled, queryClient]);
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
