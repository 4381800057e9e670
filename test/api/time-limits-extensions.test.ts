import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiClient } from '../support/api-client.js';
import { assertProblem } from '../support/bad-input.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';
import {
  act,
  addUser,
  allNotifications,
  at,
  clockOf,
  createTicket,
  cst,
  notificationsAbout,
  readTicket,
  REFUND_NO_REPLY,
  showCst,
  slaTimeline,
  sweep,
  timeline,
  type SlaTicket,
} from '../support/time-limits.js';

/*
 * Extension requests (延时申请): a handler asks for a later due time with a reason, a supervisor
 * of the department decides. The tickets are refunds on the standard policy: the refunds step
 * is 480 working minutes (created Monday 2026-11-23 09:30 Shanghai → due Tuesday 10:00), handling
 * 960 (→ Wednesday 10:30); extensions default to 2 per clock, 1440 working minutes each.
 */

interface ExtensionRequest {
  id: string;
  ticketId: string;
  target: string;
  status: string;
  requestedBy: string;
  reason: string;
  previousDueAt: string | null;
  requestedUntil: string;
  decidedBy: string | null;
  decisionReason: string | null;
}

for (const dialect of dialects()) {
  describe(`extension requests (延时申请) (${dialect})`, () => {
    let t: TestApp;
    let agent: ApiClient;
    let handler: ApiClient;
    let supervisor: ApiClient;
    let admin: ApiClient;
    /** A supervisor of the call centre: not of the refunds department. */
    let hotlineLead: ApiClient;
    const ids = new Map<string, string>();

    before(async () => {
      t = await startTestApp(dialect);
      [agent, handler, supervisor, admin] = [t.as('agent'), t.as('handler'), t.as('supervisor'), t.as('admin')];
      hotlineLead = await addUser(t, 'hotline_lead', 'supervisor', ['call_center']);
      for (const username of ['handler', 'supervisor']) ids.set(username, (await admin.get<{ id: string }>(`/api/v1/users/${username}`)).body.id);
    });
    after(async () => t?.close());

    /** A refund created Monday 09:30 and accepted by the handler at 09:40. */
    async function acceptedRefund(): Promise<SlaTicket> {
      at(t, '2026-11-23 09:30');
      const ticket = await createTicket(agent, REFUND_NO_REPLY);
      at(t, '2026-11-23 09:40');
      return act(handler, ticket, 'accept');
    }

    const ask = (client: ApiClient, ticket: { id: string }, target: string, untilLocal: string, reason = '等待银行退款回执') =>
      client.post<ExtensionRequest>(`/api/v1/tickets/${ticket.id}/extension-requests`, { target, until: `${untilLocal.replace(' ', 'T')}:00+08:00`, reason });
    const approve = (client: ApiClient, request: { id: string }, reason?: string) =>
      client.post<ExtensionRequest>(`/api/v1/extension-requests/${request.id}/approve`, reason === undefined ? {} : { reason });
    const reject = (client: ApiClient, request: { id: string }, body: Record<string, unknown>) =>
      client.post<ExtensionRequest>(`/api/v1/extension-requests/${request.id}/reject`, body);

    it('the handler asks, the supervisor approves: the step falls due at the requested time and its warnings re-arm', async () => {
      const ticket = await acceptedRefund();
      at(t, '2026-11-23 17:05');
      await sweep(t);
      assert.deepEqual(await slaTimeline(handler, ticket.id), ['sla.warning step #1 @ 2026-11-23 17:00']);

      const asked = await ask(handler, ticket, 'step', '2026-11-24 14:00', '等待银行退款回执，预计明天下午');
      assert.equal(asked.status, 201, JSON.stringify(asked.body));
      assert.deepEqual(
        [asked.body.status, asked.body.target, asked.body.requestedBy, showCst(asked.body.previousDueAt), showCst(asked.body.requestedUntil)],
        ['pending', 'step', ids.get('handler'), '2026-11-24 10:00', '2026-11-24 14:00'],
      );
      const requested = (await timeline(handler, ticket.id)).at(-1)!;
      assert.deepEqual([requested.type, requested.content, requested.data.requestedUntil], ['extension.requested', '等待银行退款回执，预计明天下午', cst('2026-11-24 14:00')]);
      assert.deepEqual(await notificationsAbout(supervisor, ticket.id), ['sla.warning step #1 @ 2026-11-23 17:00', 'extension.requested step pending']);
      const toDecide = await supervisor.get<{ items: ExtensionRequest[] }>('/api/v1/extension-requests?status=pending');
      assert.equal(toDecide.status, 200, JSON.stringify(toDecide.body));
      assert.ok(toDecide.body.items.some((r) => r.id === asked.body.id), 'the supervisor finds it among the requests to decide');
      const mine = await handler.get<{ items: ExtensionRequest[] }>('/api/v1/extension-requests');
      assert.ok(mine.body.items.some((r) => r.id === asked.body.id), 'the handler finds their own request');
      const elsewhere = await hotlineLead.get<{ items: ExtensionRequest[] }>('/api/v1/extension-requests?status=pending');
      assert.equal(elsewhere.status, 200);
      assert.ok(!elsewhere.body.items.some((r) => r.id === asked.body.id), 'another department’s supervisor does not see it');
      assert.equal((await readTicket(handler, ticket.id)).sla.targets?.find((d) => d.target === 'step')?.dueAt, cst('2026-11-24 10:00'), 'asking moves nothing');

      at(t, '2026-11-23 17:10');
      const approved = await approve(supervisor, asked.body, '同意，请明天下午前完成');
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      assert.deepEqual([approved.body.status, approved.body.decidedBy, approved.body.decisionReason], ['approved', ids.get('supervisor'), '同意，请明天下午前完成']);
      const step = clockOf(await readTicket(handler, ticket.id), 'step');
      // 370 minutes used by 17:10, plus 17:10–18:00 and Tuesday until 14:00 (lunch excluded): 260 more.
      assert.deepEqual(
        [showCst(step.dueAt), step.state, step.warnedAt, step.extensions, step.allowedMinutes, step.spentMinutes],
        ['2026-11-24 14:00', 'running', null, 1, 630, 370],
      );
      const decided = (await timeline(handler, ticket.id)).at(-1)!;
      assert.deepEqual([decided.type, decided.content], ['extension.approved', '同意，请明天下午前完成']);
      const toldToDecide = (await allNotifications(supervisor)).filter((n) => n.ticket?.id === ticket.id && n.kind === 'extension.requested');
      assert.deepEqual(toldToDecide.map((n) => n.readAt !== null), [true], 'decided: the request no longer waits among the unread');
      assert.deepEqual((await notificationsAbout(handler, ticket.id)).at(-1), 'extension.decided step approved');

      // The warnings of the longer budget: 75 % of 630 at Tuesday 09:52:30, 30 working minutes before 14:00 at 12:00.
      for (const local of ['2026-11-24 09:52', '2026-11-24 09:53', '2026-11-24 12:00', '2026-11-24 14:00']) {
        at(t, local);
        await sweep(t);
      }
      assert.deepEqual(await slaTimeline(handler, ticket.id), [
        'sla.warning step #1 @ 2026-11-23 17:00',
        'sla.warning step #1 @ 2026-11-24 09:52:30',
        'sla.warning step #2 @ 2026-11-24 12:00',
        'sla.breach step @ 2026-11-24 14:00',
      ]);
    });

    it('the supervisor rejects with a reason: the due time stays and the handler is told', async () => {
      const ticket = await acceptedRefund();
      const asked = await ask(handler, ticket, 'handling', '2026-11-25 17:00');
      assert.equal(asked.status, 201, JSON.stringify(asked.body));
      assertProblem(await reject(supervisor, asked.body, {}), 400, 'validation_failed', ['reason']);

      const rejected = await reject(supervisor, asked.body, { reason: '退款流程无需延时，请按时处理' });
      assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
      assert.deepEqual([rejected.body.status, rejected.body.decisionReason], ['rejected', '退款流程无需延时，请按时处理']);
      const handling = clockOf(await readTicket(handler, ticket.id), 'handling');
      assert.deepEqual([showCst(handling.dueAt), handling.extensions], ['2026-11-25 10:30', 0]);
      const decided = (await timeline(handler, ticket.id)).at(-1)!;
      assert.deepEqual([decided.type, decided.content], ['extension.rejected', '退款流程无需延时，请按时处理']);
      assert.deepEqual(await notificationsAbout(handler, ticket.id), ['extension.decided handling rejected']);

      assertProblem(await approve(supervisor, asked.body), 409, 'extension_decided');
      assert.equal((await ask(handler, ticket, 'handling', '2026-11-25 12:00')).status, 201, 'a rejected request no longer blocks a new one');
    });

    it('refuses requests and decisions that break the rules, each with its reason', async () => {
      const ticket = await acceptedRefund();
      // Only the people who handle the ticket ask.
      assertProblem(await ask(agent, ticket, 'step', '2026-11-24 14:00'), 403, 'extension_forbidden');
      assertProblem(await ask(t.as('auditor'), ticket, 'step', '2026-11-24 14:00'), 403, 'extension_forbidden');
      // Only clocks still running.
      assertProblem(await ask(handler, ticket, 'firstResponse', '2026-11-24 14:00'), 409, 'no_running_deadline');
      assertProblem(await ask(handler, ticket, 'reply', '2026-11-24 14:00'), 409, 'no_running_deadline');
      // Later than the due time (Tuesday 10:00), by at most 1440 working minutes: Friday 11:30.
      assertProblem(await ask(handler, ticket, 'step', '2026-11-24 09:30'), 422, 'extension_not_later', ['until']);
      const tooLong = assertProblem(await ask(handler, ticket, 'step', '2026-11-27 11:31'), 422, 'extension_too_long', ['until']);
      assert.match(tooLong.detail, /adds 1441 minutes; the policy allows at most 1440/);
      const longest = await ask(handler, ticket, 'step', '2026-11-27 11:30');
      assert.equal(longest.status, 201, JSON.stringify(longest.body));
      // One request at a time per clock.
      assertProblem(await ask(handler, ticket, 'step', '2026-11-24 12:00'), 409, 'extension_pending');

      // Only a supervisor of the ticket's department (or an admin) decides; a supervisor who
      // cannot see the ticket is answered as if the request did not exist.
      for (const [who, client] of [['agent', agent], ['auditor', t.as('auditor')], ['handler', handler]] as const) {
        assertProblem(await approve(client, longest.body), 403, 'extension_forbidden', [], who);
      }
      const unseen = assertProblem(await approve(hotlineLead, longest.body), 404, 'not_found');
      const unknown = assertProblem(await approve(supervisor, { id: '01900000-0000-7000-8000-000000000000' }), 404, 'not_found');
      assert.equal(unseen.title, unknown.title);
      assert.equal((await approve(supervisor, longest.body)).status, 200);
      assertProblem(await approve(supervisor, longest.body), 409, 'extension_decided');
      assert.equal(showCst(clockOf(await readTicket(handler, ticket.id), 'step').dueAt), '2026-11-27 11:30');

      // Two approved extensions per clock.
      const second = await ask(handler, ticket, 'step', '2026-11-27 12:00');
      assert.equal(second.status, 201, JSON.stringify(second.body));
      assert.equal((await approve(admin, second.body)).status, 200, 'an admin decides too');
      assertProblem(await ask(handler, ticket, 'step', '2026-11-27 15:00'), 409, 'extension_limit_reached');
      const history = await handler.get<{ items: ExtensionRequest[] }>(`/api/v1/tickets/${ticket.id}/extension-requests`);
      assert.deepEqual(history.body.items.map((r) => [r.status, showCst(r.requestedUntil)]), [['approved', '2026-11-27 12:00'], ['approved', '2026-11-27 11:30']]);

      // A supervisor who asks does not decide their own request.
      const own = await ask(supervisor, ticket, 'resolution', '2026-12-01 12:00');
      assert.equal(own.status, 201, JSON.stringify(own.body));
      assertProblem(await approve(supervisor, own.body), 403, 'self_approval');
      assert.equal((await approve(admin, own.body)).status, 200);
    });

    /** A refund whose handler asks for more time on `target`, then transfers it to 外协部, with a supervisor of 外协部. */
    async function askedThenTransferred(target: string, untilLocal: string, lead: string) {
      const partnersLead = await addUser(t, `${lead}_${dialect}`, 'supervisor', ['external_partners']);
      const ticket = await acceptedRefund();
      const asked = await ask(handler, ticket, target, untilLocal);
      assert.equal(asked.status, 201, JSON.stringify(asked.body));
      await act(handler, ticket, 'transfer', { department: 'external_partners', reason: '需外协部联系商家' });
      return { partnersLead, ticket, asked };
    }

    it('a request made before a transfer is decided by the department holding the ticket now', async () => {
      const { partnersLead, ticket, asked } = await askedThenTransferred('handling', '2026-11-25 17:00', 'partners_lead');

      const pendingOf = async (client: ApiClient) =>
        (await client.get<{ items: ExtensionRequest[] }>('/api/v1/extension-requests?status=pending')).body.items.map((r) => r.id);
      assert.ok(!(await pendingOf(supervisor)).includes(asked.body.id), 'the refunds supervisor no longer lists it, with its ticket number and reason');
      assert.ok((await pendingOf(partnersLead)).includes(asked.body.id), 'the supervisor of external partners finds it to decide');
      assertProblem(await approve(supervisor, asked.body), 404, 'not_found');
      assert.equal((await supervisor.get(`/api/v1/tickets/${ticket.id}`)).status, 404, 'trying to decide gave the refunds supervisor no access to the ticket');

      const approved = await approve(partnersLead, asked.body, '同意');
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      assert.equal(showCst(clockOf(await readTicket(handler, ticket.id), 'handling').dueAt), '2026-11-25 17:00');
    });

    it('a request moving with a transfer is announced to the supervisors who decide it now, and settled for those who no longer can', async () => {
      const { partnersLead, ticket, asked } = await askedThenTransferred('handling', '2026-11-25 17:00', 'partners_lead3');
      const toldOf = async (client: ApiClient) =>
        (await allNotifications(client))
          .filter((n) => n.kind === 'extension.requested' && n.data.requestId === asked.body.id)
          .map((n) => [n.ticket?.number, n.data.target, n.data.status, n.readAt === null ? 'unread' : 'read']);
      assert.deepEqual(await toldOf(partnersLead), [[ticket.number, 'handling', 'pending', 'unread']], '外协部 is told: it decides now');
      assert.deepEqual(await toldOf(supervisor), [[ticket.number, 'handling', 'pending', 'read']], 'no 待你审批 left for a request that answers 404');

      // And back again: each move hands the request on.
      await act(partnersLead, ticket, 'transfer', { department: 'refunds', reason: '商家已联系，转回退款组' });
      assert.deepEqual(await toldOf(partnersLead), [[ticket.number, 'handling', 'pending', 'read']]);
      assert.deepEqual((await toldOf(supervisor)).map((n) => n.at(-1)), ['read', 'unread']);
      // Returned to dispatch, no department holds it (admins decide); dispatched again, that department's supervisors are told.
      await act(supervisor, ticket, 'return', { reason: '需重新派单' });
      assert.deepEqual((await toldOf(supervisor)).map((n) => n.at(-1)), ['read', 'read']);
      await act(agent, ticket, 'dispatch', { department: 'external_partners' });
      assert.deepEqual((await toldOf(partnersLead)).map((n) => n.at(-1)), ['read', 'unread']);
      assert.equal((await approve(partnersLead, asked.body)).status, 200);
      assert.deepEqual((await toldOf(partnersLead)).map((n) => n.at(-1)), ['read', 'read'], 'decided: settled for everyone');
    });

    it('a supervisor of both departments keeps the one 待你审批 they have when the request moves with a transfer', async () => {
      const ticket = await acceptedRefund();
      const asked = await ask(handler, ticket, 'handling', '2026-11-25 17:00');
      assert.equal(asked.status, 201, JSON.stringify(asked.body));
      // 王主管 supervises 退款组 and 售后/疑难组 both.
      await act(handler, ticket, 'transfer', { department: 'difficult_cases', reason: '转疑难组' });
      const told = (await allNotifications(supervisor)).filter((n) => n.kind === 'extension.requested' && n.data.requestId === asked.body.id);
      assert.deepEqual(told.map((n) => n.readAt), [null], 'still theirs to decide: neither settled nor sent twice');
      assert.equal((await approve(supervisor, asked.body)).status, 200);
    });

    it('a request on the step lapses when a transfer ends the step: nobody is left to decide what cannot be approved', async () => {
      const { partnersLead, ticket, asked } = await askedThenTransferred('step', '2026-11-24 14:00', 'partners_lead2');
      const listed = (await partnersLead.get<{ items: ExtensionRequest[] }>('/api/v1/extension-requests?status=pending')).body.items;
      assert.ok(!listed.some((r) => r.id === asked.body.id), 'not in the new department’s list to decide');
      const history = (await handler.get<{ items: Array<ExtensionRequest & { decisionReason: string | null }> }>(`/api/v1/tickets/${ticket.id}/extension-requests`)).body.items;
      assert.deepEqual(
        history.filter((r) => r.id === asked.body.id).map((r) => [r.status, r.decidedBy, r.decisionReason]),
        [['lapsed', null, 'the time limit ended (ticket.transferred)']],
      );
      assertProblem(await approve(partnersLead, asked.body), 409, 'extension_decided');
      const told = (await allNotifications(supervisor)).filter((n) => n.ticket?.id === ticket.id && n.kind === 'extension.requested');
      assert.deepEqual(told.map((n) => n.readAt !== null), [true], 'lapsed: nothing left to decide');
      const toldLead = (await allNotifications(partnersLead)).filter((n) => n.ticket?.id === ticket.id && n.kind === 'extension.requested');
      assert.deepEqual(toldLead, [], 'a lapsed request is not handed on');
    });

    it('an approved extension survives a re-classification that keeps the policy (medium to low, both standard)', async () => {
      const ticket = await acceptedRefund();
      at(t, '2026-11-23 10:00');
      const asked = await ask(handler, ticket, 'step', '2026-11-24 14:00');
      assert.equal((await approve(supervisor, asked.body)).status, 200);
      const edited = await agent.patch<SlaTicket>(`/api/v1/tickets/${ticket.id}`, { priority: 'low' });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.deepEqual([showCst(clockOf(edited.body, 'step').dueAt), clockOf(edited.body, 'step').extensions], ['2026-11-24 14:00', 1]);
    });

    it('refuses an extension once the limit is breached, and an approval after the requested time', async () => {
      at(t, '2026-11-23 09:30');
      const unanswered = await createTicket(agent, REFUND_NO_REPLY);
      at(t, '2026-11-23 10:00');
      await sweep(t);
      assert.equal(clockOf(await readTicket(handler, unanswered.id), 'firstResponse').state, 'breached');
      assertProblem(await ask(handler, unanswered, 'firstResponse', '2026-11-23 11:00'), 409, 'deadline_breached');

      const ticket = await acceptedRefund();
      const asked = await ask(handler, ticket, 'step', '2026-11-24 11:00');
      assert.equal(asked.status, 201);
      at(t, '2026-11-24 11:01');
      assertProblem(await approve(supervisor, asked.body), 409, 'extension_expired');
      assert.equal(showCst(clockOf(await readTicket(handler, ticket.id), 'step').dueAt), '2026-11-24 10:00');
    });

    it('refuses an extension once the due time has passed, even before the sweeper recorded the breach', async () => {
      const ticket = await acceptedRefund();
      at(t, '2026-11-24 10:00'); // the step falls due now; no sweep has run since Monday
      assertProblem(await ask(handler, ticket, 'step', '2026-11-24 12:00'), 409, 'deadline_breached');
      await sweep(t);
      assert.deepEqual(await slaTimeline(handler, ticket.id), ['sla.warning step #1 @ 2026-11-23 17:00', 'sla.warning step #2 @ 2026-11-24 09:30', 'sla.breach step @ 2026-11-24 10:00']);
    });

    it('keeps the breach when a request asked in time is decided after the due time', async () => {
      const ticket = await acceptedRefund();
      at(t, '2026-11-24 09:50');
      const asked = await ask(handler, ticket, 'step', '2026-11-24 14:00');
      assert.equal(asked.status, 201, JSON.stringify(asked.body));
      at(t, '2026-11-24 10:05'); // due at 10:00; the sweeper has not run yet
      assertProblem(await approve(supervisor, asked.body), 409, 'deadline_breached');
      await sweep(t);
      assert.equal(clockOf(await readTicket(handler, ticket.id), 'step').state, 'breached');
      const rejected = await reject(supervisor, asked.body, { reason: '已超时，按超时处理' });
      assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
    });

    it('an extension until Monday 09:00 falls due then, not at Friday’s close, and work done before it is on time', async () => {
      // Created Thursday 2026-11-26 09:30: the step is due Friday 10:00.
      at(t, '2026-11-26 09:30');
      const ticket = await act(handler, await createTicket(agent, REFUND_NO_REPLY), 'accept');
      at(t, '2026-11-27 09:00');
      const asked = await ask(handler, ticket, 'step', '2026-11-30 09:00', '供应商周一上班后确认');
      assert.equal(asked.status, 201, JSON.stringify(asked.body));
      assert.equal((await approve(supervisor, asked.body)).status, 200);
      const step = clockOf(await readTicket(handler, ticket.id), 'step');
      assert.deepEqual([showCst(step.dueAt), step.state], ['2026-11-30 09:00', 'running']);
      at(t, '2026-11-27 18:30');
      await sweep(t);
      at(t, '2026-11-30 08:50');
      await sweep(t);
      assert.ok(!(await slaTimeline(handler, ticket.id)).some((e) => e.startsWith('sla.breach')), 'no breach on Friday evening');
      const resolved = await act(handler, ticket, 'resolve', { result: '供应商已确认退款' });
      assert.equal(clockOf(resolved, 'step').state, 'met');
    });

    it('never shortens a limit: a request against a waiting ticket’s stale due time, or one the wait overtook, is refused', async () => {
      const ticket = await acceptedRefund(); // the step: 480 working minutes, due Tuesday 10:00
      at(t, '2026-11-23 10:40');
      await act(handler, ticket, 'wait', { reason: '等客户提供凭证', until: null });
      // Tuesday 09:00, still waiting: 60 minutes used, 420 left if it resumed now (due 17:00), not the stale 10:00.
      at(t, '2026-11-24 09:00');
      assertProblem(await ask(handler, ticket, 'step', '2026-11-24 11:00'), 422, 'extension_not_later');
      const asked = await ask(handler, ticket, 'step', '2026-11-25 12:00');
      assert.equal(asked.status, 201, JSON.stringify(asked.body));
      // The wait goes on until Wednesday 11:00: resumed then, the step would fall due on Thursday, after the requested time.
      at(t, '2026-11-25 11:00');
      await act(handler, ticket, 'resume');
      const before = clockOf(await readTicket(handler, ticket.id), 'step');
      assertProblem(await approve(supervisor, asked.body), 409, 'extension_not_later');
      const after = clockOf(await readTicket(handler, ticket.id), 'step');
      assert.deepEqual([after.dueAt, after.allowedMinutes, after.extensions], [before.dueAt, 480, 0]);
    });
  });
}
