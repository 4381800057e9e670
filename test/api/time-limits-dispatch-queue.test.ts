import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiClient } from '../support/api-client.js';
import { assertProblem } from '../support/bad-input.js';
import { dialects, startTestApp, type DialectName, type TestApp } from '../support/test-app.js';
import { act, addUser, at, createTicket, notificationsAbout, readTicket, REFUND, slaTimeline, sweep } from '../support/time-limits.js';

/*
 * Tickets waiting in the dispatch queue (派单: never dispatched, or returned by a department) run
 * their first-response, handling and resolution clocks, but no department and nobody assigned
 * holds them. The default `notify` (["assignee", "supervisors"]) and `supervisors` in escalation
 * chains then name the people who dispatch: the user who recorded the ticket for `assignee`, the
 * supervisors of the dispatch department (settings.dispatchDepartment, the demo's call centre,
 * whose supervisor is `lead`) for `supervisors`, or without that setting the supervisors of the
 * recording user's departments. Times are Shanghai wall-clock; 2026-11-23 is a Monday.
 */

/** An inquiry no routing rule dispatches: it stays `submitted`. First response 30 working minutes on the standard policy. */
const INQUIRY = { description: '询问电影票能否改签', category: 'inquiry', serviceItem: 'movie_tickets', priority: 'medium', fields: { orderNumber: 'MV-10001' } };

async function withApp(dialect: DialectName, test: (t: TestApp) => Promise<void>): Promise<void> {
  const t = await startTestApp(dialect);
  try {
    await test(t);
  } finally {
    await t.close();
  }
}

/** The time-limit notifications about a ticket of each user named, `{}`-free: every user appears, told nothing or something. */
async function toldAbout(clients: Record<string, ApiClient>, ticketId: string): Promise<Record<string, string[]>> {
  const told: Record<string, string[]> = {};
  for (const [name, client] of Object.entries(clients)) told[name] = await notificationsAbout(client, ticketId);
  return told;
}

type DemoClients = Record<'admin' | 'supervisor' | 'lead' | 'agent' | 'handler', ApiClient>;

async function demoClients(t: TestApp): Promise<DemoClients> {
  const lead = await t.ctx.uow.read((repos) => repos.users.findByRef('lead'));
  return {
    admin: t.as('admin'),
    supervisor: t.as('supervisor'),
    lead: t.as(await t.tokenFor(lead!.id)),
    agent: t.as('agent'),
    handler: t.as('handler'),
  };
}

for (const dialect of dialects()) {
  describe(`time-limit alerts on tickets in the dispatch queue tell the people who dispatch (${dialect})`, () => {
    it('a ticket nobody dispatched: its first-response warning and breach tell the agent who recorded it and the call centre’s supervisors', () =>
      withApp(dialect, async (t) => {
        const clients = await demoClients(t);
        at(t, '2026-11-23 09:30');
        const ticket = await createTicket(clients.agent, INQUIRY);
        assert.deepEqual([ticket.status, ticket.department], ['submitted', null]);
        at(t, '2026-11-23 10:00');
        await sweep(t);
        const fired = ['sla.warning firstResponse #1 @ 2026-11-23 09:52:30', 'sla.breach firstResponse @ 2026-11-23 10:00'];
        assert.deepEqual(await slaTimeline(clients.admin, ticket.id), fired);
        assert.deepEqual(await toldAbout(clients, ticket.id), { admin: [], supervisor: [], lead: fired, agent: fired, handler: [] });
        // Like everyone a firing tells, the call centre's supervisor may follow the ticket once it is dispatched elsewhere.
        const dispatched = await act(clients.agent, ticket, 'dispatch', { department: 'promotions' });
        assert.equal(dispatched.department?.code, 'promotions');
        assert.equal((await readTicket(clients.lead, ticket.id)).id, ticket.id);
      }));

    it('a ticket returned to dispatch: its handling breach tells the agent and the call centre’s supervisors, no longer the department that returned it', () =>
      withApp(dialect, async (t) => {
        const clients = await demoClients(t);
        at(t, '2026-11-24 09:00');
        const ticket = await createTicket(clients.agent, REFUND);
        assert.equal(ticket.department?.code, 'refunds');
        await act(clients.handler, ticket, 'accept');
        at(t, '2026-11-24 09:10');
        const returned = await act(clients.handler, ticket, 'return', { reason: '不是退款问题，请重新派单' });
        assert.deepEqual([returned.status, returned.department, returned.assignee], ['returned', null, null]);
        // Handling: 960 working minutes from Tuesday 09:00, warned at 75 % (Wednesday 15:00), due Thursday 10:00, when the
        // standard policy's escalation level 1 tells ["assignee", "supervisors"] again.
        at(t, '2026-11-26 11:00');
        await sweep(t);
        const fired = await slaTimeline(clients.admin, ticket.id);
        const handling = ['sla.warning handling #1 @ 2026-11-25 15:00', 'sla.breach handling @ 2026-11-26 10:00', 'sla.escalation handling L1 @ 2026-11-26 10:00'];
        for (const line of handling) assert.ok(fired.includes(line), fired.join('\n'));
        const told = await toldAbout(clients, ticket.id);
        for (const who of ['lead', 'agent']) {
          assert.deepEqual(told[who]!.filter((n) => n.includes(' handling ')), handling, `${who}: ${JSON.stringify(told)}`);
        }
        for (const who of ['supervisor', 'handler', 'admin']) {
          assert.deepEqual(told[who]!.filter((n) => n.includes(' handling ')), [], `${who}: ${JSON.stringify(told)}`);
        }
      }));

    it('a handled ticket awaiting the reply: its reply clock tells the agent who took the call and the call centre’s supervisors, not the handler who resolved it', () =>
      withApp(dialect, async (t) => {
        const clients = await demoClients(t);
        at(t, '2026-11-24 09:00');
        const ticket = await createTicket(clients.agent, REFUND);
        await act(clients.handler, ticket, 'accept');
        at(t, '2026-11-24 09:30');
        const handled = await act(clients.handler, ticket, 'resolve', { result: '已联系仓库，退款今日原路退回' });
        assert.deepEqual([handled.status, handled.department?.code, handled.assignee?.username], ['handled', 'refunds', 'handler']);
        // Reply: 240 working minutes from 09:30, warned at 75 % (12:30, the lunch hour not counted), due 14:30.
        at(t, '2026-11-24 15:00');
        await sweep(t);
        const told = await toldAbout(clients, ticket.id);
        const reply = (who: string) => told[who]!.filter((n) => n.includes(' reply '));
        assert.ok(reply('agent').some((n) => n.startsWith('sla.breach reply')), JSON.stringify(told));
        assert.deepEqual(reply('lead'), reply('agent'), 'the call centre’s supervisor hears what the agent hears');
        for (const who of ['handler', 'supervisor', 'admin']) assert.deepEqual(reply(who), [], `${who}: ${JSON.stringify(told)}`);
      }));

    it('the dispatch department named in the settings is whose supervisors are told, whatever department the agent is in', () =>
      withApp(dialect, async (t) => {
        const admin = t.as('admin');
        assert.equal((await admin.post('/api/v1/departments', { code: 'dispatch_desk', name: '派单组', assignmentMode: 'none' })).status, 201);
        const deskLead = await addUser(t, 'desk_lead', 'supervisor', ['dispatch_desk']);
        const changed = await admin.patch<{ dispatchDepartmentId: string }>('/api/v1/settings', { dispatchDepartment: 'dispatch_desk' });
        assert.equal(changed.status, 200, JSON.stringify(changed.body));
        const clients = { ...(await demoClients(t)), deskLead };
        at(t, '2026-11-23 09:30');
        const ticket = await createTicket(clients.agent, INQUIRY);
        at(t, '2026-11-23 10:00');
        await sweep(t);
        const fired = ['sla.warning firstResponse #1 @ 2026-11-23 09:52:30', 'sla.breach firstResponse @ 2026-11-23 10:00'];
        assert.deepEqual(await toldAbout(clients, ticket.id), { admin: [], supervisor: [], lead: [], agent: fired, handler: [], deskLead: fired });
      }));

    it('without a dispatch department, the supervisors of the departments of whoever recorded the ticket are told', () =>
      withApp(dialect, async (t) => {
        const admin = t.as('admin');
        const cleared = await admin.patch<{ dispatchDepartmentId: string | null }>('/api/v1/settings', { dispatchDepartment: null });
        assert.equal(cleared.body.dispatchDepartmentId, null);
        assert.equal((await admin.post('/api/v1/departments', { code: 'hotline_b', name: '热线二组', assignmentMode: 'none' })).status, 201);
        const agentB = await addUser(t, 'agent_b', 'agent', ['hotline_b']);
        const leadB = await addUser(t, 'lead_b', 'supervisor', ['hotline_b']);
        const clients = { ...(await demoClients(t)), agentB, leadB };
        at(t, '2026-11-23 09:30');
        const ticket = await createTicket(agentB, INQUIRY);
        at(t, '2026-11-23 10:00');
        await sweep(t);
        const fired = ['sla.warning firstResponse #1 @ 2026-11-23 09:52:30', 'sla.breach firstResponse @ 2026-11-23 10:00'];
        assert.deepEqual(await toldAbout(clients, ticket.id), { admin: [], supervisor: [], lead: [], agent: [], handler: [], agentB: fired, leadB: fired });
      }));

    it('in a department’s queue nothing changes: an unassigned ticket’s step warning tells that department’s supervisors, not the agent who recorded it', () =>
      withApp(dialect, async (t) => {
        const clients = await demoClients(t);
        at(t, '2026-11-23 09:30');
        const ticket = await createTicket(clients.agent, REFUND);
        assert.deepEqual([ticket.status, ticket.department?.code, ticket.assignee], ['pending', 'refunds', null]);
        // The refunds step: 480 working minutes from Monday 09:30, warned at 75 % (Monday 17:00).
        at(t, '2026-11-23 17:00');
        await sweep(t);
        const told = await toldAbout(clients, ticket.id);
        const step = (who: string) => told[who]!.filter((n) => n.includes(' step '));
        assert.deepEqual(step('supervisor'), ['sla.warning step #1 @ 2026-11-23 17:00'], JSON.stringify(told));
        for (const who of ['lead', 'agent', 'handler', 'admin']) assert.deepEqual(step(who), [], `${who}: ${JSON.stringify(told)}`);
      }));

    it('the dispatch department is a setting: the demo names the call centre, an unknown one is refused, and it cannot be deleted while named', () =>
      withApp(dialect, async (t) => {
        const admin = t.as('admin');
        const departments = (await admin.get<{ items: Array<{ id: string; code: string }> }>('/api/v1/departments')).body.items;
        const callCentre = departments.find((d) => d.code === 'call_center')?.id;
        assert.ok(callCentre);
        assert.equal((await t.as('agent').get<{ dispatchDepartmentId: string }>('/api/v1/settings')).body.dispatchDepartmentId, callCentre);
        assertProblem(await admin.patch('/api/v1/settings', { dispatchDepartment: 'nowhere' }), 422, 'invalid_reference', ['dispatchDepartment']);
        assert.equal((await t.as('supervisor').patch('/api/v1/settings', { dispatchDepartment: null })).status, 403);
        const refused = await admin.patch<{ code: string; setting: string }>('/api/v1/departments/call_center', { active: false });
        assert.deepEqual([refused.status, refused.body.code, refused.body.setting], [409, 'in_use_by_settings', 'dispatchDepartment']);
        assert.equal((await admin.patch('/api/v1/settings', { dispatchDepartment: null })).status, 200);
        assert.equal((await admin.patch('/api/v1/departments/call_center', { active: false })).status, 200);
      }));
  });
}
