import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';
import { reportError } from '../errors/ErrorNotifier';

/** One client for the whole console; every failure goes to the error notifier (see errors/). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => reportError(error, query.meta?.quietCodes) }),
    mutationCache: new MutationCache({ onError: (error, _variables, _context, mutation) => reportError(error, mutation.meta?.quietCodes) }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // The server's refusals are answers, not blips: retry only when the network failed.
        retry: (failures, error) => !(error instanceof ApiError) && failures < 2,
      },
    },
  });
}
