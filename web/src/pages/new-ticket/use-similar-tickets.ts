import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { probeSimilarTickets, type SimilarProbe } from '../../api/new-ticket';

export const SIMILAR_DELAY_MS = 500;

/**
 * Possible duplicates while the agent types: the probe (POST /tickets/similar, which creates
 * nothing) is asked once the typing pauses, not on every keystroke, and the last answer stays
 * on screen while the next one is on its way.
 */
export function useSimilarTickets(title: string | undefined, description: string | undefined, customer: SimilarProbe['customer']) {
  const customerKey = customer ? ('id' in customer ? `id:${customer.id}` : `phone:${customer.phone}`) : '';
  const probe = useMemo<SimilarProbe | null>(() => {
    const text = description?.trim() ?? '';
    if (text.length < 2) return null;
    const trimmedTitle = title?.trim();
    return { description: text, ...(trimmedTitle ? { title: trimmedTitle.slice(0, 200) } : {}), ...(customer ? { customer } : {}) };
    // customerKey stands for `customer`, whose object identity changes on every render.
  }, [title, description, customerKey]);

  const [settled, setSettled] = useState<SimilarProbe | null>(probe);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(probe), SIMILAR_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [probe]);

  const query = useQuery({
    queryKey: ['tickets', 'similar-probe', settled],
    queryFn: () => (settled ? probeSimilarTickets(settled) : Promise.resolve([])),
    enabled: settled !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  return { active: probe !== null, items: settled ? query.data : undefined, isFetching: query.isFetching };
}
