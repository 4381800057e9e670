import { z } from 'zod';
import type { UseCaseContext } from '../../app/context.js';
import { actorOf } from '../../auth/http/authentication.js';
import { noQuery, problemResponses } from '../../platform/http/schemas.js';
import type { HttpApp } from '../../platform/http/types.js';
import { TICKET_STATUSES } from '../../tickets/domain/ticket-state-machine.js';
import { readBoard } from '../use-cases/read-board.js';

const cellSchema = z.object({
  total: z.number().describe('open tickets in this status'),
  overdue: z.number().describe('of which a time limit has run out (超时)'),
  warned: z.number().describe('of which a time limit is about to run out (预警)'),
});

const rowSchema = z.object({
  key: z.string().describe('the department id, or `dispatch` for tickets awaiting dispatch (and any without a department)'),
  department: z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string().nullable() }).nullable(),
  cells: z.partialRecord(z.enum(TICKET_STATUSES), cellSchema).describe('per status; a status without tickets is absent'),
  open: z.number(),
  overdue: z.number(),
  warned: z.number(),
  oldestWaiting: z
    .object({ id: z.string(), number: z.string(), status: z.enum(TICKET_STATUSES), since: z.string().describe('when it was created') })
    .nullable()
    .describe('the oldest ticket waiting to be picked up: pending in the department, or awaiting dispatch'),
  createdToday: z.number().describe('created today, now in this row'),
  closedToday: z.number().describe('closed today, and still closed'),
});

export const boardSchema = z.object({
  generatedAt: z.string(),
  day: z.object({ date: z.string(), timeZone: z.string(), from: z.string() }).describe('the calendar day "today" counts, in the organisation’s time zone'),
  statuses: z.array(z.enum(TICKET_STATUSES)).describe('the open statuses counted, in lifecycle order'),
  rows: z.array(rowSchema),
  totals: z.object({ open: z.number(), overdue: z.number(), warned: z.number(), createdToday: z.number(), closedToday: z.number() }),
});

/** 看板: the live board's figures; the live stream (`/api/v1/live`) says when to read them again. */
export function registerBoardRoutes(app: HttpApp, ctx: UseCaseContext): void {
  app.get(
    '/api/v1/board',
    {
      schema: {
        tags: ['live'],
        summary: 'The live board: open tickets per department and status, overdue and warned, oldest waiting, today’s created and closed',
        description: 'Supervisors see their departments and the dispatch row; administrators and auditors every department. Others: 403 `board_not_allowed`.',
        querystring: noQuery,
        response: { 200: boardSchema, ...problemResponses },
      },
    },
    async (request) => readBoard(ctx, actorOf(request)),
  );
}
