import { z } from 'zod';
import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import { actorOf } from '../../auth/http/authentication.js';
import { idParam, problemResponses } from '../../platform/http/schemas.js';
import type { HttpApp } from '../../platform/http/types.js';
import type { TicketView } from '../persistence/ticket-view.js';
import { addNote } from '../use-cases/add-note.js';
import { acceptTicket, assignTicket, claimTicket } from '../use-cases/assign-ticket.js';
import { cancelTicket, closeTicket, reopenTicket } from '../use-cases/close-ticket.js';
import { dispatchTicket } from '../use-cases/dispatch-ticket.js';
import { mergeTicket } from '../use-cases/merge-ticket.js';
import { replyToCustomer } from '../use-cases/reply-to-customer.js';
import { resolveTicket } from '../use-cases/resolve-ticket.js';
import type { ActionRequest } from '../use-cases/ticket-command.js';
import { returnTicket, transferTicket } from '../use-cases/transfer-ticket.js';
import { resumeTicket, waitForCustomer } from '../use-cases/wait-for-customer.js';
import { actionBodies, ticketDetailSchema } from './ticket.schemas.js';
import { expectedVersion, sendTicket } from './tickets.routes.js';

type Bodies = typeof actionBodies;
type Handler<K extends keyof Bodies> = (
  ctx: UseCaseContext,
  actor: Actor,
  request: Omit<ActionRequest, 'action'>,
  body: Omit<z.infer<Bodies[K]>, 'version'>,
) => Promise<TicketView>;

/** Each action's use case and the one line the API document shows for it. */
const ACTIONS: { [K in keyof Bodies]: { run: Handler<K>; summary: string } } = {
  dispatch: { run: dispatchTicket, summary: '派单 Dispatch to a department (named, or by the routing rules)' },
  assign: { run: assignTicket, summary: 'Assign to a member of the department (supervisors)' },
  claim: { run: claimTicket, summary: 'Claim an unassigned ticket from your department queue' },
  accept: { run: acceptTicket, summary: 'Accept the ticket and start handling it' },
  note: { run: addNote, summary: '中途意见 Add a note (internal or customer-visible)' },
  transfer: { run: transferTicket, summary: '流转 Transfer to another department with a reason' },
  return: { run: returnTicket, summary: '退回 Return to dispatch with a reason' },
  wait: { run: waitForCustomer, summary: 'Wait on the customer or a partner' },
  resume: { run: resumeTicket, summary: 'Resume handling after waiting' },
  resolve: { run: resolveTicket, summary: '处理结果 Record the result of handling' },
  reply: { run: replyToCustomer, summary: '答复 Record the reply to the customer, with or without objection' },
  close: { run: closeTicket, summary: 'Close a handled ticket that needs no reply, or a replied one' },
  reopen: { run: reopenTicket, summary: 'Reopen a closed ticket' },
  cancel: { run: cancelTicket, summary: 'Cancel with a reason' },
  merge: { run: mergeTicket, summary: 'Merge this duplicate into a primary ticket' },
};

export function registerTicketActionRoutes(app: HttpApp, ctx: UseCaseContext): void {
  for (const name of Object.keys(ACTIONS) as Array<keyof Bodies>) registerAction(app, ctx, name);
}

function registerAction<K extends keyof Bodies>(app: HttpApp, ctx: UseCaseContext, name: K): void {
  const { run, summary } = ACTIONS[name];
  // A POST without a body counts as `{}`: claim and accept need nothing, the others then name what is missing.
  const body = z.preprocess((value) => value ?? {}, actionBodies[name]);
  app.post(
    `/api/v1/tickets/:id/${name}`,
    {
      schema: {
        tags: ['ticket actions'],
        summary,
        description: 'Send the version you acted on as `If-Match` (or `version`); a stale version answers 409.',
        params: idParam,
        headers: z.object({ 'if-match': z.string().max(50).optional() }),
        body,
        response: { 200: ticketDetailSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { version, ...body } = (request.body ?? {}) as z.infer<Bodies[K]>;
      const ticketRequest = { ref: request.params.id, expectedVersion: expectedVersion(request, version) };
      const ticket = await run(ctx, actor, ticketRequest, body as Omit<z.infer<Bodies[K]>, 'version'>);
      return sendTicket(reply, ticket, actor);
    },
  );
}
