import { useEffect, useState } from 'react';
import { leaveTicket, sendHeartbeat, type Presence } from '../../api/presence';

const DEFAULT_HEARTBEAT_MS = 10_000;

/**
 * Announces that this page shows the ticket, every ~10 s while it is open, and says goodbye when
 * it closes; answers who else is viewing and the ticket's current version. A failed heartbeat is
 * not reported: the next one tries again, and the server forgets a silent viewer after 30 s.
 */
export function usePresence(ticketId: string | undefined): Presence | null {
  const [presence, setPresence] = useState<Presence | null>(null);
  useEffect(() => {
    if (!ticketId) return;
    const controller = new AbortController();
    let timer: number | undefined;
    const beat = async () => {
      let next = DEFAULT_HEARTBEAT_MS;
      try {
        const answer = await sendHeartbeat(ticketId, controller.signal);
        setPresence(answer);
        next = answer.heartbeatSeconds * 1000;
      } catch {
        // Retried by the next heartbeat (network blink, session ending, page leaving).
      }
      if (!controller.signal.aborted) timer = window.setTimeout(() => void beat(), next);
    };
    void beat();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
      setPresence(null);
      leaveTicket(ticketId).catch(() => undefined);
    };
  }, [ticketId]);
  return presence;
}
