import type { QueryClient } from '@tanstack/react-query';
import { NOTIFICATIONS_KEY, unreadCountQuery } from '../api/notifications';
import type { LiveEvent } from './live-connection';

/**
 * What a live message means for the console's caches: which TanStack Query entries to re-read.
 * Only queries on screen refetch at once; the others are marked stale and refetch when shown.
 */

/** Lists re-read at most this often, however busy the stream: a list refetches every page it has loaded. */
const LIST_INTERVAL_MS = 3_000;

export function createLiveCache(queryClient: QueryClient): (event: LiveEvent) => void {
  let listTimer: number | null = null;
  let listPending = false;
  const invalidateLists = () => {
    if (listTimer !== null) {
      listPending = true;
      return;
    }
    void queryClient.invalidateQueries({ queryKey: ['tickets', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['views'] });
    listTimer = window.setTimeout(() => {
      listTimer = null;
      if (listPending) {
        listPending = false;
        invalidateLists();
      }
    }, LIST_INTERVAL_MS);
  };

  return (event) => {
    switch (event.type) {
      case 'board':
        void queryClient.invalidateQueries({ queryKey: ['board'] });
        return;
      case 'ticket':
        for (const ticket of event.tickets) {
          // A ticket's page is cached under the reference in its URL: the number, or the internal id.
          for (const ref of [ticket.id, ticket.number]) {
            void queryClient.invalidateQueries({ queryKey: ['tickets', 'one', ref] });
            void queryClient.invalidateQueries({ queryKey: ['tickets', 'events', ref] });
          }
          // Its extension requests: a supervisor's page offers 批准 for one filed elsewhere at once.
          void queryClient.invalidateQueries({ queryKey: ['tickets', 'extensions', ticket.id] });
        }
        invalidateLists();
        return;
      case 'notification':
        queryClient.setQueryData(unreadCountQuery.queryKey, event.unreadCount);
        void queryClient.invalidateQueries({ queryKey: [...NOTIFICATIONS_KEY, 'list'] });
        return;
      case 'resync':
        // Changes may have been missed while disconnected: read everything live again.
        void queryClient.invalidateQueries({ queryKey: ['board'] });
        void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
        void queryClient.invalidateQueries({ queryKey: ['tickets'] });
        return;
    }
  };
}
