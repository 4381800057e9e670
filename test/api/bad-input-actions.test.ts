import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  assertInvalidField,
  assertProblem,
  assertRefusesBrokenBodies,
  assertTicketUntouched,
  assertUnknownKeyRefused,
  type ProblemBody,
} from '../support/bad-input.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

interface Ticket {
  id: string;
  number: string;
  status: string;
  version: number;
}

type Action =
  | 'dispatch' | 'assign' | 'claim' | 'accept' | 'note' | 'transfer' | 'return' | 'wait'
  | 'resume' | 'resolve' | 'reply' | 'close' | 'reopen' | 'cancel' | 'merge';

/** A body each action would accept (the merge target is filled in once it exists). */
const VALID: Record<Action, Record<string, unknown>> = {
  dispatch: { department: 'refunds' },
  assign: { assignee: 'handler' },
  claim: {},
  accept: {},
  note: { content: '已联系客户' },
  transfer: { department: 'exceptions', reason: '需报障组处理' },
  return: { reason: '信息不全' },
  wait: { reason: '等待客户回电', until: '2026-11-24T10:00:00+08:00' },
  resume: { note: '客户已回电' },
  resolve: { result: '已退款' },
  reply: { channel: 'phone', content: '已告知客户', objection: false },
  close: { note: '结案' },
  reopen: { reason: '客户再次来电' },
  cancel: { reason: '客户撤销' },
  merge: { into: 'GD-20261123-000001' },
};
const ACTIONS = Object.keys(VALID) as Action[];

/** For each action: bodies with a wrong type, an unknown enum value or a missing required field, and the field to blame. */
const INVALID: Record<Action, Array<[field: string, body: Record<string, unknown>]>> = {
  dispatch: [['department', { department: 7 }], ['department', { department: '' }], ['version', { version: 'one' }]],
  assign: [['assignee', {}], ['assignee', { assignee: 5 }], ['assignee', { assignee: null }]],
  claim: [['version', { version: '2' }], ['version', { version: 0 }], ['version', { version: 1.5 }]],
  accept: [['version', { version: true }], ['version', { version: -3 }]],
  note: [['content', {}], ['content', { content: 5 }], ['content', { content: '   ' }], ['internal', { content: 'x', internal: 'no' }]],
  transfer: [['department', { reason: 'x' }], ['reason', { department: 'exceptions' }], ['department', { department: ['exceptions'], reason: 'x' }]],
  return: [['reason', {}], ['reason', { reason: { text: 'x' } }], ['reason', { reason: '' }]],
  wait: [['reason', {}], ['until', { reason: 'x', until: 'tomorrow' }], ['until', { reason: 'x', until: '2026-02-30T10:00:00Z' }], ['until', { reason: 'x', until: 1764000000 }]],
  resume: [['note', { note: 5 }], ['note', { note: '' }]],
  resolve: [['result', {}], ['result', { result: ['已退款'] }], ['result', { result: ' ' }]],
  reply: [
    ['channel', { channel: 'fax', content: 'x' }],
    ['channel', { content: 'x' }],
    ['content', { channel: 'phone' }],
    ['objection', { channel: 'phone', content: 'x', objection: 'yes' }],
  ],
  close: [['note', { note: 5 }], ['version', { version: '3' }]],
  reopen: [['reason', {}], ['reason', { reason: 5 }]],
  cancel: [['reason', {}], ['reason', { reason: false }]],
  merge: [['into', {}], ['into', { into: 5 }], ['note', { into: 'x', note: [] }]],
};

/** Bad input to the fifteen ticket actions: refused with the reason, and the ticket left exactly as it was. */
for (const dialect of dialects()) {
  describe(`bad input to the ticket actions is refused cleanly (${dialect})`, () => {
    let t: TestApp;
    let pending: Ticket; // in the refunds queue, unassigned
    let submitted: Ticket; // no routing rule matched: waiting for dispatch
    let closed: Ticket;
    let cancelled: Ticket;
    const T = '/api/v1/tickets';
    const base = { description: '退款未到账', category: 'refund', serviceItem: 'mall_presales', priority: 'medium' };
    const url = (ticket: Ticket, action: string) => `${T}/${ticket.id}/${action}`;

    before(async () => {
      t = await startTestApp(dialect);
      const agent = t.as('agent');
      pending = (await agent.post<Ticket>(T, base)).body;
      submitted = (await agent.post<Ticket>(T, { ...base, description: '询问电影票能否改签', category: 'inquiry', serviceItem: 'movie_tickets', fields: { orderNumber: 'MV-1' } })).body;
      closed = (await agent.post<Ticket>(T, { ...base, answeredOnSpot: true, result: '已当场解答' })).body;
      cancelled = (await agent.post<Ticket>(T, base)).body;
      cancelled = (await agent.post<Ticket>(url(cancelled, 'cancel'), { reason: '重复来电' })).body;
      assert.deepEqual([pending.status, submitted.status, closed.status, cancelled.status], ['pending', 'submitted', 'closed', 'cancelled']);
      VALID.merge = { into: submitted.number };
    });
    after(async () => t?.close());

    for (const action of ACTIONS) {
      it(`POST /tickets/:id/${action} refuses broken bodies, wrong types, unknown enums and missing fields`, async () => {
        const admin = t.as('admin');
        await assertTicketUntouched(admin, pending.id, async () => {
          await assertRefusesBrokenBodies(admin, 'POST', url(pending, action), { valid: VALID[action], nullMeansEmpty: true });
          for (const [field, body] of INVALID[action]) {
            assertInvalidField(await admin.post(url(pending, action), body), field, `${action} ${JSON.stringify(body)}`);
          }
          const extra = await admin.post(url(pending, action), { ...VALID[action], version: pending.version, extra: { nested: 1 } });
          assertUnknownKeyRefused(extra, 'extra', `${action} with an unknown property next to a current version`);
        });
      });
    }

    it('answers every action on a ticket that does not exist with 404', async () => {
      for (const action of ACTIONS) {
        assertProblem(await t.as('admin').post(`${T}/GD-20990101-000001/${action}`, VALID[action]), 404, 'not_found', [], action);
      }
    });

    it('refuses every action but note and reopen on a closed ticket with 409, its status and the allowed actions', async () => {
      const admin = t.as('admin');
      await assertTicketUntouched(admin, closed.id, async () => {
        for (const action of ACTIONS.filter((a) => a !== 'note' && a !== 'reopen')) {
          const refused = assertProblem(await admin.post(url(closed, action), VALID[action]), 409, 'action_not_allowed', [], action);
          assert.equal(refused.ticketStatus, 'closed', action);
          assert.deepEqual(refused.allowedActions, ['note', 'reopen'], action);
          assert.match(refused.detail, /closed/);
        }
        // The call centre gets the same answer, with its own allowed actions.
        const agentCancel = assertProblem(await t.as('agent').post(url(closed, 'cancel'), VALID.cancel), 409, 'action_not_allowed');
        assert.equal(agentCancel.ticketStatus, 'closed');
        assert.ok((agentCancel.allowedActions as string[]).includes('reopen'));
      });
    });

    it('refuses to reopen or act on a cancelled ticket', async () => {
      const admin = t.as('admin');
      await assertTicketUntouched(admin, cancelled.id, async () => {
        for (const action of ['reopen', 'resolve', 'dispatch', 'close', 'cancel'] as const) {
          const refused = assertProblem(await admin.post(url(cancelled, action), VALID[action]), 409, 'action_not_allowed', [], action);
          assert.equal(refused.ticketStatus, 'cancelled');
          assert.deepEqual(refused.allowedActions, ['note']);
        }
      });
    });

    it('names the reference that does not exist or was deleted, and changes nothing', async () => {
      const admin = t.as('admin');
      assert.equal((await admin.post('/api/v1/departments', { code: 'closed_desk', name: '已撤销的组' })).status, 201);
      assert.equal((await admin.patch('/api/v1/departments/closed_desk', { active: false })).status, 200);
      await assertTicketUntouched(admin, pending.id, async () => {
        await assertTicketUntouched(admin, submitted.id, async () => {
          assertProblem(await admin.post(url(pending, 'assign'), { assignee: 'nobody' }), 422, 'invalid_reference', ['assignee']);
          assertProblem(await admin.post(url(pending, 'assign'), { assignee: 'agent' }), 422, 'assignee_not_in_department', ['assignee']);
          for (const department of ['nonsense', 'closed_desk']) {
            const transfer = await admin.post(url(pending, 'transfer'), { department, reason: '转部门' });
            assertProblem(transfer, 422, 'invalid_reference', ['department'], `transfer to ${department}`);
            const dispatch = await admin.post(url(submitted, 'dispatch'), { department });
            assertProblem(dispatch, 422, 'invalid_reference', ['department'], `dispatch to ${department}`);
          }
          assertProblem(await admin.post(url(pending, 'transfer'), { department: 'refunds', reason: '转部门' }), 422, 'same_department', ['department']);
          assertProblem(await admin.post(url(pending, 'merge'), { into: 'GD-20990101-000001' }), 422, 'merge_target_not_found', ['into']);
          assertProblem(await admin.post(url(pending, 'merge'), { into: 'no-such-ticket' }), 422, 'merge_target_not_found', ['into']);
          assertProblem(await admin.post(url(pending, 'merge'), { into: pending.number }), 422, 'merge_into_self', ['into']);
          assertProblem(await admin.post(url(pending, 'merge'), { into: pending.id }), 422, 'merge_into_self', ['into']);
          assertProblem(await admin.post(url(submitted, 'dispatch'), {}), 422, 'no_route');
        });
      });
      await assertTicketUntouched(admin, closed.id, async () => {
        await assertTicketUntouched(admin, pending.id, async () => {
          assertProblem(await admin.post(url(pending, 'merge'), { into: closed.number }), 409, 'merge_target_not_open');
        });
      });
    });

    it('refuses a stale version with 409 version_conflict and the current version', async () => {
      const admin = t.as('admin');
      const current = (await admin.get<Ticket>(`${T}/${pending.id}`)).body.version;
      const stale = current + 1;
      await assertTicketUntouched(admin, pending.id, async () => {
        for (const action of ['note', 'assign', 'claim', 'accept', 'transfer', 'return', 'cancel', 'merge'] as const) {
          const byHeader = await admin.post(url(pending, action), VALID[action], { 'if-match': `"${stale}"` });
          const refused: ProblemBody = assertProblem(byHeader, 409, 'version_conflict', [], `${action} with If-Match`);
          assert.equal(refused.currentVersion, current);
          const byBody = await admin.post(url(pending, action), { ...VALID[action], version: stale });
          assertProblem(byBody, 409, 'version_conflict', [], `${action} with version`);
        }
        const weak = await admin.post(url(pending, 'note'), VALID.note, { 'if-match': `W/"${stale}"` });
        assertProblem(weak, 409, 'version_conflict');
      });
    });

    it('refuses a malformed If-Match with 400 naming If-Match', async () => {
      const admin = t.as('admin');
      await assertTicketUntouched(admin, pending.id, async () => {
        for (const header of ['abc', '"1", "2"', 'W/"x"', '"-1"', '1.5']) {
          for (const action of ['note', 'accept', 'cancel'] as const) {
            const response = await admin.post(url(pending, action), VALID[action], { 'if-match': header });
            assertProblem(response, 400, 'invalid_if_match', ['If-Match'], `${action} If-Match: ${header}`);
          }
        }
        assertInvalidField(await admin.post(url(pending, 'note'), VALID.note, { 'if-match': `"${'9'.repeat(60)}"` }), 'if-match');
      });
    });
  });
}
