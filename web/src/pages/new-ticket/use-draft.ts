import { useCallback, useEffect, useRef, useState } from 'react';
import type { NewTicketValues, TargetTicket } from './values';
import { hasContent } from './values';

/**
 * The form kept in localStorage per user as the agent types, so an accidental reload (or a
 * crashed tab) during a call loses nothing. The draft also keeps the Idempotency-Key of its
 * submission: a retry after a network blink — even after a reload — sends the same key, and the
 * server answers the ticket the first attempt created instead of making a second one.
 */

export interface Draft {
  values: NewTicketValues;
  target: TargetTicket | null;
  idempotencyKey: string;
  savedAt: string;
}

const STORAGE_PREFIX = 'gongdan.newTicketDraft.';
export const DRAFT_SAVE_DELAY_MS = 400;

/** A random key; crypto.randomUUID exists only in secure contexts, getRandomValues everywhere. */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `nt-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function isDraft(value: unknown): value is Draft {
  if (typeof value !== 'object' || value === null) return false;
  const draft = value as Partial<Draft>;
  return typeof draft.idempotencyKey === 'string' && typeof draft.savedAt === 'string' && typeof draft.values === 'object' && draft.values !== null;
}

function readDraft(storageKey: string): Draft | null {
  try {
    const text = localStorage.getItem(storageKey);
    const parsed: unknown = text ? JSON.parse(text) : null;
    return isDraft(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function writeDraft(storageKey: string, draft: Draft): void {
  try {
    if (!hasContent(draft.values) && !draft.target) localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, JSON.stringify(draft));
  } catch {
    // Storage full or disabled (private mode): the form still works, only without a draft.
  }
}

export function useDraft(userId: string) {
  const storageKey = `${STORAGE_PREFIX}${userId}`;
  // Read once, before the first render, so the form starts with the draft's values.
  const [restored, setRestored] = useState<Draft | null>(() => readDraft(storageKey));
  const keyRef = useRef<string>(restored?.idempotencyKey ?? newKey());
  const pending = useRef<Draft | null>(null);
  const timer = useRef<number | undefined>(undefined);

  const flush = useCallback(() => {
    window.clearTimeout(timer.current);
    if (pending.current) writeDraft(storageKey, pending.current);
    pending.current = null;
  }, [storageKey]);

  const save = useCallback(
    (values: NewTicketValues, target: TargetTicket | null) => {
      pending.current = { values, target, idempotencyKey: keyRef.current, savedAt: new Date().toISOString() };
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(flush, DRAFT_SAVE_DELAY_MS);
    },
    [flush],
  );

  /** After a successful submit or a discard: the next ticket is a new request with a new key. */
  const clear = useCallback(() => {
    window.clearTimeout(timer.current);
    pending.current = null;
    try {
      localStorage.removeItem(storageKey);
    } catch {
      // nothing stored then
    }
    keyRef.current = newKey();
    setRestored(null);
  }, [storageKey]);

  // A reload within the save delay still keeps the last keystrokes.
  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  /** The next submission is a new ticket, knowingly: the draft keeps its values under a new key. */
  const renewKey = useCallback(() => {
    keyRef.current = newKey();
  }, []);

  return { restored, dismissNotice: () => setRestored(null), idempotencyKey: () => keyRef.current, save, clear, renewKey };
}
