import type { QueryClient } from '@tanstack/react-query';
import { sessionQuery, ticketEventsQuery, ticketListQuery, ticketQuery } from './api/queries';
import { preloadPageFor } from './pages/lazy';
import { readTicketListUrl } from './pages/ticket-list-url';

/**
 * The first load asks for everything the page at the address needs at once, instead of one after
 * another as the components mount: who is signed in, the page's code, and — as soon as the
 * session is known — the page's data (the list's first page, or the ticket and its timeline).
 *
 * The promise settles once the session is known and the page's code is here (or either failed):
 * main.tsx renders then, so the first render is the page itself. Rendered earlier, the page
 * would suspend on its code, and React keeps a Suspense fallback up at least 300 ms once it has
 * shown it: the list's rows came 0.3 s after the list was ready to draw them.
 */
export function startFirstLoad(queryClient: QueryClient, location: Location): Promise<void> {
  const code = preloadPageFor(location.pathname);
  const session = queryClient
    .fetchQuery(sessionQuery)
    .then((session) => {
      if (!session) return;
      const { pathname } = location;
      if (pathname === '/' || pathname === '/tickets') {
        const { request } = readTicketListUrl(new URLSearchParams(location.search), session.user.role);
        void queryClient.prefetchInfiniteQuery(ticketListQuery(request));
        return;
      }
      const ticket = /^\/tickets\/([^/]+)$/.exec(pathname)?.[1];
      if (ticket && ticket !== 'new') {
        const ref = decodeURIComponent(ticket);
        void queryClient.prefetchQuery(ticketQuery(ref));
        void queryClient.prefetchQuery(ticketEventsQuery(ref));
      }
    })
    // The guard shows what went wrong once the page renders (the session query keeps the error).
    .catch(() => undefined);
  // A failed chunk is the page's to report when it renders (RouteError).
  return Promise.all([code.catch(() => undefined), session]).then(() => undefined);
}
