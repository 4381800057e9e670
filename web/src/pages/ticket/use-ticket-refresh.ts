import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useCallback } from 'react';
import { ticketQuery } from '../../api/queries';
import type { TicketDetail } from '../../api/tickets';

/**
 * After a change to a ticket: show the ticket as the server answered it at once (so the page
 * never shows an older version than the one just made), then re-read everything about tickets —
 * this one, its timeline, extension requests, the lists and the customer's history — and say so.
 */
export function useTicketChanged(): (updated: TicketDetail | null, successText: string) => void {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return useCallback(
    (updated, successText) => {
      if (updated) {
        queryClient.setQueryData(ticketQuery(updated.number).queryKey, updated);
        queryClient.setQueryData(ticketQuery(updated.id).queryKey, updated);
      }
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
      void message.success({ content: successText, key: 'ticket-action' });
    },
    [queryClient, message],
  );
}

/** Re-reads the ticket and everything about it (the "refresh" of a stale page). */
export function useRefreshTicket(): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: ['tickets'] }), [queryClient]);
}
