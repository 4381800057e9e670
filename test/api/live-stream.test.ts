import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { assertProblem } from '../support/bad-input.js';
import { ADMIN_PASSWORD, dialects, startTestApp, type TestApp } from '../support/test-app.js';

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}
interface TicketHint {
  id: string;
  number: string;
  version: number;
}

/** A live stream read over a real HTTP connection, as a browser's EventSource would. */
class SseStream {
  readonly events: SseEvent[] = [];
  retry: number | null = null;
  ended = false;
  private buffer = '';
  private wake: (() => void) | null = null;

  private constructor(private readonly request: http.ClientRequest) {}

  static open(baseUrl: string, headers: Record<string, string>): Promise<SseStream> {
    return new Promise((resolve, reject) => {
      const request = http.get(`${baseUrl}/api/v1/live`, { headers: { accept: 'text/event-stream', ...headers } });
      const stream = new SseStream(request);
      request.on('error', (error) => (stream.ended ? undefined : reject(error)));
      request.on('response', (response) => {
        if (response.statusCode !== 200) {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => reject(Object.assign(new Error(`HTTP ${response.statusCode}: ${body}`), { status: response.statusCode, body })));
          return;
        }
        assert.match(String(response.headers['content-type']), /^text\/event-stream/);
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => stream.receive(chunk));
        response.on('close', () => {
          stream.ended = true;
          stream.wake?.();
        });
        resolve(stream);
      });
    });
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = 'message';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('retry: ')) this.retry = Number(line.slice(7));
        else if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      if (data) this.events.push({ event, data: JSON.parse(data) as Record<string, unknown> });
    }
    this.wake?.();
  }

  /** The first event (received already or still to come) that matches; fails after `timeoutMs`. */
  async waitFor(what: string, match: (event: SseEvent) => boolean, timeoutMs = 20_000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (this.ended) throw new Error(`The stream ended before ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No ${what} within ${timeoutMs} ms; received: ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Resolves once the server has ended the stream; fails after `timeoutMs`. */
  async waitEnded(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error('The stream is still open');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  ticketHints(): TicketHint[] {
    return this.events.filter((e) => e.event === 'ticket').flatMap((e) => e.data.tickets as TicketHint[]);
  }

  waitForTicket(id: string, minVersion = 0): Promise<SseEvent> {
    return this.waitFor(`a ticket event for ${id} v${minVersion}`, (e) => e.event === 'ticket' && (e.data.tickets as TicketHint[]).some((h) => h.id === id && h.version >= minVersion));
  }

  close(): void {
    this.request.destroy();
  }
}

interface Ticket {
  id: string;
  number: string;
  version: number;
  status: string;
  departmentId?: string;
  assignee?: { id: string } | null;
}

for (const dialect of dialects()) {
  describe(`live stream (${dialect})`, () => {
    let t: TestApp;
    let baseUrl: string;
    let closed = false;
    const streams: SseStream[] = [];
    const tokens = new Map<string, string>();
    const userIds = new Map<string, string>();
    let refundsId: string;

    async function stream(user: string): Promise<SseStream> {
      const opened = await SseStream.open(baseUrl, { authorization: `Bearer ${tokens.get(user)}` });
      streams.push(opened);
      await opened.waitFor('ready', (e) => e.event === 'ready');
      return opened;
    }

    async function createTicket(body: Record<string, unknown>): Promise<Ticket> {
      const response = await t.as('agent').post<Ticket>('/api/v1/tickets', body);
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body;
    }
    const refund = (title: string) => ({ title, description: `${title}，客户要求尽快处理。`, category: 'refund', serviceItem: 'mall_presales', priority: 'high', customer: { phone: '13900003333', name: '吴先生' } });
    const fault = (title: string) => ({ title, description: `${title}，光猫红灯闪烁。`, category: 'fault', serviceItem: 'other', priority: 'medium', customer: { phone: '13900004444', name: '郑女士' } });

    before(async () => {
      t = await startTestApp(dialect, { GONGDAN_LOGIN_RATE_LIMIT: '1000' });
      // The only member of 异常/报障组, which assigns arriving tickets automatically (least open).
      const created = await t.as('admin').post<{ id: string }>('/api/v1/users', {
        username: 'fault.handler',
        displayName: '钱报障',
        password: 'password-123',
        role: 'handler',
        departments: ['exceptions'],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      for (const username of ['supervisor', 'handler', 'agent', 'auditor', 'fault.handler']) {
        const user = await t.ctx.uow.read((repos) => repos.users.findByRef(username));
        userIds.set(username, user!.id);
        tokens.set(username, await t.tokenFor(user!.id));
      }
      refundsId = (await t.ctx.uow.read((repos) => repos.departments.findByRef('refunds')))?.id ?? '';
      await t.running.app.listen({ port: 0, host: '127.0.0.1' });
      baseUrl = `http://127.0.0.1:${(t.running.app.server.address() as AddressInfo).port}`;
    });
    after(async () => {
      for (const s of streams) s.close();
      if (!closed) await t?.close();
    });

    it('opens for a session cookie without a CSRF token, with a retry hint, and refuses strangers', async () => {
      assertProblem(await t.anonymous.get('/api/v1/live'), 401, 'unauthenticated');
      const login = await t.anonymous.post<{ csrfToken: string }>('/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
      assert.equal(login.status, 200, JSON.stringify(login.body));
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      const opened = await SseStream.open(baseUrl, { cookie });
      streams.push(opened);
      const ready = await opened.waitFor('ready', (e) => e.event === 'ready');
      assert.equal(ready.data.at, t.clock.now().toISOString());
      assert.equal(opened.retry, 3000);
      opened.close();
    });

    it('tells the department’s supervisor and handler when another user acts, and not a handler of another department', async () => {
      const [supervisor, handler, faultHandler] = [await stream('supervisor'), await stream('handler'), await stream('fault.handler')];
      const ticket = await createTicket(refund('退款迟迟未到账'));
      assert.equal(ticket.status, 'pending');
      const accepted = await t.as('handler').post<Ticket>(`/api/v1/tickets/${ticket.id}/accept`, {});
      assert.equal(accepted.status, 200);

      await supervisor.waitForTicket(ticket.id, accepted.body.version);
      await supervisor.waitFor('a board hint for 退款组', (e) => e.event === 'board' && (e.data.rows as string[]).includes(refundsId));
      await handler.waitForTicket(ticket.id, accepted.body.version);

      // A change in the other department, which its handler hears of: by then they would have heard of the first.
      const other = await createTicket(fault('宽带断网'));
      await faultHandler.waitForTicket(other.id);
      assert.ok(!faultHandler.ticketHints().some((h) => h.id === ticket.id), 'nothing about the refund reached 异常/报障组');
      assert.ok(!faultHandler.events.some((e) => e.event === 'board'), 'handlers get no board hints');
      // And the supervisor of 退款组 hears of a later refund change, but never of the fault ticket.
      const noted = await t.as('handler').post<Ticket>(`/api/v1/tickets/${ticket.id}/note`, { content: '已催财务。', internal: true });
      await supervisor.waitForTicket(ticket.id, noted.body.version);
      // Routing sent the fault ticket to 异常/报障组 as it was created: it never waited in the dispatch queue supervisors see.
      assert.ok(!supervisor.ticketHints().some((h) => h.id === other.id), 'nothing about 异常/报障组’s ticket reached the supervisor');
    });

    it('keeps telling someone who took part in a ticket after it left their department', async () => {
      const faultHandler = await stream('fault.handler');
      const ticket = await createTicket(fault('光猫反复重启'));
      assert.equal(ticket.assignee?.id, userIds.get('fault.handler'), 'assigned automatically in 异常/报障组');
      await t.as(tokens.get('fault.handler')!).post<Ticket>(`/api/v1/tickets/${ticket.id}/accept`, {});
      const moved = await t.as(tokens.get('fault.handler')!).post<Ticket>(`/api/v1/tickets/${ticket.id}/transfer`, { department: 'refunds', reason: '涉及退费，转退款组' });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      await faultHandler.waitForTicket(ticket.id, moved.body.version);

      // Now 退款组 works on it; the fault handler may still open it, and hears of each change.
      const noted = await t.as('handler').post<Ticket>(`/api/v1/tickets/${ticket.id}/note`, { content: '已联系客户核实费用。', internal: true });
      assert.equal(noted.status, 200, JSON.stringify(noted.body));
      assert.equal((await t.as(tokens.get('fault.handler')!).get(`/api/v1/tickets/${ticket.id}`)).status, 200);
      await faultHandler.waitForTicket(ticket.id, noted.body.version);
    });

    it('tells only those who may see a ticket that routing sends to a department as it is created, and no dispatch hint', async () => {
      const created = await t.as('admin').post<{ id: string }>('/api/v1/users', {
        username: 'agent.two',
        displayName: '孙坐席',
        password: 'password-123',
        role: 'agent',
        departments: ['call_center'],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      tokens.set('agent.two', await t.tokenFor(created.body.id));
      const [supervisor, otherAgent, faultHandler] = [await stream('supervisor'), await stream('agent.two'), await stream('fault.handler')];

      const routed = await createTicket(fault('宽带频繁掉线'));
      assert.equal(routed.status, 'pending');
      await faultHandler.waitForTicket(routed.id);
      // A ticket left in the dispatch queue afterwards: the call centre hears of it, with the dispatch hint.
      const waiting = await createTicket({ description: '客户来电咨询开票流程。', category: 'inquiry', serviceItem: 'other', priority: 'low' });
      assert.equal(waiting.status, 'submitted', JSON.stringify(waiting));
      await otherAgent.waitForTicket(waiting.id);
      await supervisor.waitFor('the dispatch hint', (e) => e.event === 'board' && (e.data.rows as string[]).includes('dispatch'));

      for (const [who, s] of [['supervisor', supervisor], ['another agent', otherAgent]] as const) {
        assert.ok(!s.ticketHints().some((h) => h.id === routed.id), `${who} heard of a ticket they cannot open`);
      }
      assert.equal((await t.as('supervisor').get(`/api/v1/tickets/${routed.id}`)).status, 404);
      const dispatchHints = supervisor.events.filter((e) => e.event === 'board' && (e.data.rows as string[]).includes('dispatch'));
      assert.equal(dispatchHints.length, 1, `one dispatch hint, for the ticket waiting: ${JSON.stringify(supervisor.events)}`);
    });

    it('delivers a notification to its recipient only, with the unread count', async () => {
      const [handler, faultHandler, auditor] = [await stream('handler'), await stream('fault.handler'), await stream('auditor')];
      const ticket = await createTicket(refund('退款被重复扣款'));
      const assigned = await t.as('supervisor').post<Ticket>(`/api/v1/tickets/${ticket.id}/assign`, { assignee: 'handler' });
      assert.equal(assigned.status, 200, JSON.stringify(assigned.body));

      const message = await handler.waitFor('the assignment notification', (e) => e.event === 'notification' && (e.data.notification as { ticket: { id: string } | null }).ticket?.id === ticket.id);
      const notification = message.data.notification as { kind: string; ticket: { number: string; title: string }; readAt: string | null };
      assert.equal(notification.kind, 'ticket.assigned');
      assert.deepEqual(notification.ticket, { id: ticket.id, number: ticket.number, title: '退款被重复扣款' });
      assert.equal(notification.readAt, null);
      const list = await t.as('handler').get<{ unreadCount: number }>('/api/v1/notifications?limit=1');
      assert.equal(message.data.unreadCount, list.body.unreadCount);

      // The fault handler's own assignment arrives; the handler's never did.
      const other = await createTicket(fault('固话无拨号音'));
      await faultHandler.waitFor('their own assignment', (e) => e.event === 'notification' && (e.data.notification as { ticket: { id: string } }).ticket.id === other.id);
      await auditor.waitForTicket(other.id);
      for (const s of [faultHandler, auditor]) {
        const about = s.events.filter((e) => e.event === 'notification').map((e) => (e.data.notification as { ticket: { id: string } }).ticket.id);
        assert.ok(!about.includes(ticket.id), `someone else's notification arrived: ${JSON.stringify(about)}`);
      }
      assert.ok(!auditor.events.some((e) => e.event === 'notification'), 'the auditor sees every ticket, but no one else’s notifications');
    });

    it('ends a stream once its session is signed out, its user deactivated, or their role or departments change, and tells it nothing more', async () => {
      const users = ['live.signed.out', 'live.deactivated', 'live.moved', 'live.promoted'];
      for (const username of users) {
        const created = await t.as('admin').post<{ id: string }>('/api/v1/users', { username, displayName: username, password: 'password-123', role: 'handler', departments: ['refunds'] });
        assert.equal(created.status, 201, JSON.stringify(created.body));
        userIds.set(username, created.body.id);
        tokens.set(username, await t.tokenFor(created.body.id));
      }
      // A signed-out session ends within seconds although nothing changes: the feed checks open streams' credentials on its own.
      const login = await t.anonymous.post<{ csrfToken: string }>('/api/v1/auth/login', { username: 'live.signed.out', password: 'password-123' });
      assert.equal(login.status, 200, JSON.stringify(login.body));
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      const signedOut = await SseStream.open(baseUrl, { cookie });
      streams.push(signedOut);
      await signedOut.waitFor('ready', (e) => e.event === 'ready');
      assert.equal((await t.anonymous.post('/api/v1/auth/logout', undefined, { cookie, 'x-csrf-token': login.body.csrfToken })).status, 204);
      await signedOut.waitEnded();
      await assert.rejects(SseStream.open(baseUrl, { cookie }), (error: { status?: number }) => error.status === 401);

      // The others end at the next delivery at the latest, before hearing of a ticket their old selves would have.
      const [handler, deactivated, moved, promoted] = [await stream('handler'), await stream('live.deactivated'), await stream('live.moved'), await stream('live.promoted')];
      const admin = t.as('admin');
      assert.equal((await admin.patch(`/api/v1/users/${userIds.get('live.deactivated')}`, { active: false })).status, 200);
      assert.equal((await admin.patch(`/api/v1/users/${userIds.get('live.moved')}`, { departments: ['exceptions'] })).status, 200);
      assert.equal((await admin.patch(`/api/v1/users/${userIds.get('live.promoted')}`, { role: 'auditor' })).status, 200);
      const ticket = await createTicket(refund('退款到账金额不符'));
      await handler.waitForTicket(ticket.id);
      for (const [who, s] of [['deactivated', deactivated], ['moved', moved], ['promoted', promoted]] as const) {
        await s.waitEnded();
        assert.ok(!s.ticketHints().some((h) => h.id === ticket.id), `the ${who} user's old stream heard of the ticket`);
      }
      assert.ok(!handler.ended, 'a stream whose credentials still hold stays open');
      // The browser reconnects: refused once deactivated, and as the changed user otherwise.
      await assert.rejects(SseStream.open(baseUrl, { authorization: `Bearer ${tokens.get('live.deactivated')}` }), (error: { status?: number }) => error.status === 401);
      await stream('live.moved');
      await stream('live.promoted');
    });

    it('caps the streams one user holds open', async () => {
      const open = [];
      for (let i = 0; i < 6; i++) open.push(await stream('agent'));
      await assert.rejects(SseStream.open(baseUrl, { authorization: `Bearer ${tokens.get('agent')}` }), (error: { status?: number; body?: string }) => {
        assert.equal(error.status, 429);
        assert.match(String(error.body), /live_connection_limit/);
        return true;
      });
      open[0]!.close();
      // Closing one frees its place once the server has seen the connection go.
      const deadline = Date.now() + 10_000;
      for (;;) {
        try {
          await stream('agent');
          break;
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    });

    it('ends every stream when the server closes, instead of keeping it open', async () => {
      const open = streams.filter((s) => !s.ended);
      assert.ok(open.length >= 5, `${open.length} streams open`);
      closed = true;
      const closing = t.close();
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('the server did not close with live streams open')), 15_000).unref());
      await Promise.race([closing, timeout]);
      // The server ended them before closing; each client sees its end a moment later.
      await Promise.all(open.map((s) => s.waitEnded()));
    });
  });
}
