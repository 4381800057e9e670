import { queryOptions } from '@tanstack/react-query';
import { api } from './client';
import type { Board } from '../../../src/live/domain/board';

/** The shapes of GET /api/v1/board: the server's own types (src/live/domain/board.ts, pure). */
export type { Board, BoardCell, BoardRow } from '../../../src/live/domain/board';
export const DISPATCH_ROW = 'dispatch';

export function getBoard(signal?: AbortSignal): Promise<Board> {
  return api.get<Board>('/board', undefined, signal);
}

/**
 * The board. The live stream invalidates it when a row changes; the interval is only a safety
 * net for a change the stream could not deliver (a stream that dropped, a very late commit).
 */
export const boardQuery = queryOptions({
  queryKey: ['board'],
  queryFn: ({ signal }) => getBoard(signal),
  refetchInterval: 60_000,
});
