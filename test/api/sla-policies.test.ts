import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SlaPolicyView, TargetView } from '../../src/sla/use-cases/read-sla-policies.js';
import type { ApiClient } from '../support/api-client.js';
import { assertInvalidField, assertProblem, assertRefusesBrokenBodies, assertUnknownKeyRefused } from '../support/bad-input.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

type Body = Record<string, unknown>;
interface Items<T> {
  items: T[];
}
interface Ref {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
}

const URL = '/api/v1/sla-policies';

/** Every target, every recipient kind and every escalation action, by code and username. */
const FULL: Body = {
  name: 'VIP 退款',
  match: { category: 'refund', serviceItem: ['flights', 'hotels'], priority: ['urgent', 'high'], channel: ['phone', 'wechat'], customerTier: 'VIP' },
  calendar: '24x7',
  targets: {
    firstResponse: { minutes: 30, businessTime: false, warnAt: { percent: [50, 80], minutesBefore: [10] }, notify: ['assignee', { user: 'supervisor' }] },
    step: {
      minutes: 240,
      byDepartment: { refunds: 120, difficult_cases: 480 },
      pauseWhileWaiting: false,
      escalation: [
        { afterMinutes: 0, actions: [{ type: 'notify', recipients: ['supervisors', { departmentSupervisors: 'refunds' }] }, { type: 'setPriority', priority: 'urgent' }] },
        { afterMinutes: 60, actions: [{ type: 'reassign', department: 'difficult_cases' }, { type: 'reassign', user: 'handler' }] },
        { afterMinutes: 120, actions: [{ type: 'reassign', department: 'refunds', user: 'handler' }, { type: 'markDifficult' }] },
      ],
    },
    handling: { minutes: 1440, warnAt: { minutesBefore: [120, 60] } },
    reply: { minutes: 480, notify: ['creator'], escalation: [{ afterMinutes: 30, actions: [{ type: 'notify', recipients: ['creator', 'assignee'] }] }] },
    resolution: { minutes: 4320, warnAt: {}, notify: [] },
  },
  extensions: { maxPerDeadline: 3, maxMinutes: 600 },
};

for (const dialect of dialects()) {
  describe(`time-limit policies (${dialect})`, () => {
    let t: TestApp;
    let admin: ApiClient;
    let agent: ApiClient;
    /** id or code → {id, code, name} of the seeded reference data, users and the 24×7 calendar. */
    const refs = new Map<string, Ref>();
    const users = new Map<string, { id: string; username: string; displayName: string }>();

    before(async () => {
      t = await startTestApp(dialect);
      admin = t.as('admin');
      agent = t.as('agent');
      for (const path of ['/api/v1/categories', '/api/v1/priorities', '/api/v1/departments', '/api/v1/service-items?flat=true']) {
        const list = await admin.get<Items<Ref>>(`${path}${path.includes('?') ? '&' : '?'}includeInactive=true`);
        assert.equal(list.status, 200, JSON.stringify(list.body));
        for (const { id, code, name, nameEn } of list.body.items) refs.set(`${path.split('?')[0]}:${code}`, { id, code, name, nameEn });
      }
      const userList = await admin.get<Items<{ id: string; username: string; displayName: string }>>('/api/v1/users');
      for (const { id, username, displayName } of userList.body.items) users.set(username, { id, username, displayName });
    });
    after(async () => t?.close());

    const ref = (kind: 'categories' | 'priorities' | 'departments' | 'service-items', code: string): Ref => {
      const found = refs.get(`/api/v1/${kind}:${code}`);
      assert.ok(found, `${kind} ${code} is seeded`);
      return found;
    };
    const user = (username: string) => users.get(username)!;
    const create = async (body: Body): Promise<SlaPolicyView> => {
      const response = await admin.post<SlaPolicyView>(URL, body);
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body;
    };
    const list = async (query = '') => (await admin.get<Items<SlaPolicyView>>(`${URL}${query}`)).body.items;
    /** Runs refused writes and proves that no policy changed or appeared. */
    const unchanged = async (refused: () => Promise<void>) => {
      const before = await list('?includeInactive=true');
      await refused();
      assert.deepEqual(await list('?includeInactive=true'), before, 'a refused write changed the policies');
    };

    it('creates a policy with every target and every action kind, and reads it back with references spelled out', async () => {
      const created = await create(FULL);
      assert.equal(created.name, 'VIP 退款');
      assert.equal(created.active, true);
      assert.deepEqual(created.match, {
        category: [ref('categories', 'refund')],
        serviceItem: [ref('service-items', 'flights'), ref('service-items', 'hotels')],
        priority: [ref('priorities', 'urgent'), ref('priorities', 'high')],
        channel: ['phone', 'wechat'],
        customerTier: ['VIP'],
      });
      assert.equal(created.calendar?.code, '24x7');
      assert.equal(typeof created.calendar?.id, 'string');
      assert.deepEqual(created.extensions, { maxPerDeadline: 3, maxMinutes: 600 });
      assert.equal(created.createdAt, t.clock.now().toISOString());
      assert.equal(created.updatedAt, created.createdAt);

      const targets = created.targets;
      assert.deepEqual(Object.keys(targets), ['firstResponse', 'step', 'handling', 'reply', 'resolution']);
      assert.deepEqual(targets.firstResponse, {
        minutes: 30,
        businessTime: false,
        warnAt: { percent: [50, 80], minutesBefore: [10] },
        notify: ['assignee', { user: user('supervisor') }],
        pauseWhileWaiting: true,
        escalation: [],
        byDepartment: [],
      } satisfies TargetView);
      assert.deepEqual(targets.step, {
        minutes: 240,
        businessTime: true,
        warnAt: { percent: [75], minutesBefore: [] },
        notify: ['assignee', 'supervisors'],
        pauseWhileWaiting: false,
        escalation: [
          {
            afterMinutes: 0,
            actions: [
              { type: 'notify', recipients: ['supervisors', { departmentSupervisors: ref('departments', 'refunds') }] },
              { type: 'setPriority', priority: ref('priorities', 'urgent') },
            ],
          },
          {
            afterMinutes: 60,
            actions: [
              { type: 'reassign', department: ref('departments', 'difficult_cases'), user: null },
              { type: 'reassign', department: null, user: user('handler') },
            ],
          },
          {
            afterMinutes: 120,
            actions: [{ type: 'reassign', department: ref('departments', 'refunds'), user: user('handler') }, { type: 'markDifficult' }],
          },
        ],
        byDepartment: [
          { department: ref('departments', 'difficult_cases'), minutes: 480 },
          { department: ref('departments', 'refunds'), minutes: 120 },
        ],
      } satisfies TargetView);
      assert.deepEqual(targets.handling?.warnAt, { percent: [], minutesBefore: [120, 60] }, 'a given warnAt replaces the default whole');
      assert.deepEqual(targets.reply?.notify, ['creator']);
      assert.deepEqual(targets.reply?.escalation, [{ afterMinutes: 30, actions: [{ type: 'notify', recipients: ['creator', 'assignee'] }] }]);
      assert.deepEqual(targets.resolution?.warnAt, { percent: [], minutesBefore: [] }, 'warnAt {} means no warnings');
      assert.deepEqual(targets.resolution?.notify, []);

      // Every signed-in user reads it, by id or by name, alone or in the list.
      for (const who of ['agent', 'handler', 'supervisor', 'auditor'] as const) {
        const byId = await t.as(who).get<SlaPolicyView>(`${URL}/${created.id}`);
        assert.equal(byId.status, 200, `${who}: ${JSON.stringify(byId.body)}`);
        assert.deepEqual(byId.body, created);
      }
      assert.deepEqual((await agent.get(`${URL}/${encodeURIComponent('VIP 退款')}`)).body, created);
      assert.deepEqual((await agent.get<Items<SlaPolicyView>>(URL)).body.items.find((p) => p.id === created.id), created);
      assert.equal((await t.anonymous.get(URL)).status, 401);
      assert.equal((await t.anonymous.get(`${URL}/${created.id}`)).status, 401);
      const openapi = await admin.get<{ paths: Record<string, unknown> }>('/api/v1/openapi.json');
      assert.ok(openapi.body.paths[URL] && openapi.body.paths[`${URL}/{id}`], 'the policies are in the API document');
    });

    it('fills in the defaults of everything left out', async () => {
      const created = await create({ name: '默认', targets: { resolution: { minutes: 480 } } });
      assert.deepEqual(
        { match: created.match, calendar: created.calendar, extensions: created.extensions, active: created.active, targets: created.targets },
        {
          match: { category: [], serviceItem: [], priority: [], channel: [], customerTier: [] },
          calendar: null,
          extensions: { maxPerDeadline: 2, maxMinutes: 1440 },
          active: true,
          targets: {
            resolution: {
              minutes: 480,
              businessTime: true,
              warnAt: { percent: [75], minutesBefore: [] },
              notify: ['assignee', 'supervisors'],
              pauseWhileWaiting: true,
              escalation: [],
              byDepartment: [],
            },
          },
        },
      );
      const inactive = await create({ name: '先不启用', active: false, calendar: null, match: {}, targets: { reply: { minutes: 60 } } });
      assert.equal(inactive.active, false);
      assert.equal(inactive.calendar, null);
    });

    it('changes only what a PATCH gives, replacing match, targets and extensions whole', async () => {
      const created = await create({
        name: '可修改',
        match: { category: ['complaint'], channel: 'phone' },
        calendar: '24x7',
        targets: { step: { minutes: 120, byDepartment: { refunds: 60 } }, handling: { minutes: 600 } },
        extensions: { maxPerDeadline: 5, maxMinutes: 100 },
      });
      t.clock.advance(60_000);
      const url = `${URL}/${created.id}`;

      const renamed = await admin.patch<SlaPolicyView>(url, { name: '已改名' });
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
      assert.deepEqual(renamed.body, { ...created, name: '已改名', updatedAt: t.clock.now().toISOString() });

      const rematched = await admin.patch<SlaPolicyView>(url, { match: { priority: 'low' } });
      assert.deepEqual(rematched.body.match, { category: [], serviceItem: [], priority: [ref('priorities', 'low')], channel: [], customerTier: [] });
      assert.deepEqual(rematched.body.targets, created.targets);

      const retargeted = await admin.patch<SlaPolicyView>(url, { targets: { reply: { minutes: 30 } }, extensions: { maxMinutes: 90 }, calendar: null });
      assert.equal(retargeted.status, 200, JSON.stringify(retargeted.body));
      assert.deepEqual(Object.keys(retargeted.body.targets), ['reply'], 'new targets replace the old ones');
      assert.deepEqual(retargeted.body.extensions, { maxPerDeadline: 2, maxMinutes: 90 }, 'new extensions replace the old ones, with defaults');
      assert.equal(retargeted.body.calendar, null);
      assert.equal(retargeted.body.createdAt, created.createdAt);
      assert.deepEqual((await admin.get(`${URL}/${encodeURIComponent('已改名')}`)).body, retargeted.body);

      assert.equal((await admin.patch<SlaPolicyView>(url, { name: '已改名' })).status, 200, 'keeping its own name is no conflict');
      assert.equal((await admin.patch<SlaPolicyView>(`${URL}/${encodeURIComponent('已改名')}`, { calendar: '24x7' })).body.calendar?.code, '24x7', 'PATCH by name');
    });

    it('deletes by deactivating: the policy stays readable, out of the default list, and can be switched back on', async () => {
      const created = await create({ name: '将停用', targets: { handling: { minutes: 60 } } });
      const url = `${URL}/${created.id}`;
      assert.equal((await admin.delete(url)).status, 204);
      const read = await agent.get<SlaPolicyView>(url);
      assert.equal(read.status, 200);
      assert.equal(read.body.active, false);
      assert.deepEqual({ ...read.body, active: true, updatedAt: created.updatedAt }, created, 'nothing but the flag changed');
      assert.ok(!(await list()).some((p) => p.id === created.id), 'the default list shows active policies only');
      assert.ok((await list('?includeInactive=true')).some((p) => p.id === created.id));
      assert.equal((await admin.delete(url)).status, 204, 'deleting again changes nothing');
      const back = await admin.patch<SlaPolicyView>(url, { active: true });
      assert.equal(back.body.active, true);
      assert.ok((await list()).some((p) => p.id === created.id));
      assertProblem(await admin.delete(`${URL}/nonsense`), 404, 'not_found');
      assertProblem(await admin.get(`${URL}/nonsense`), 404, 'not_found');
      assertProblem(await admin.patch(`${URL}/nonsense`, { active: true }), 404, 'not_found');
    });

    it('refuses a second policy with the same name (409 name_taken)', async () => {
      const first = await create({ name: '唯一', targets: { reply: { minutes: 60 } } });
      const other = await create({ name: '另一个', targets: { reply: { minutes: 60 } } });
      await unchanged(async () => {
        assertProblem(await admin.post(URL, { name: '唯一', targets: { reply: { minutes: 30 } } }), 409, 'name_taken', ['name']);
        assertProblem(await admin.post(URL, { name: '  唯一  ', targets: { reply: { minutes: 30 } } }), 409, 'name_taken', ['name'], 'names are trimmed');
        assertProblem(await admin.patch(`${URL}/${other.id}`, { name: '唯一' }), 409, 'name_taken', ['name']);
        await admin.delete(`${URL}/${first.id}`);
        assertProblem(await admin.post(URL, { name: '唯一', targets: { reply: { minutes: 30 } } }), 409, 'name_taken', ['name'], 'a deactivated policy keeps its name');
        await admin.patch(`${URL}/${first.id}`, { active: true });
      });
    });

    it('names the exact field of an unknown or deleted reference (422 invalid_reference)', async () => {
      assert.equal((await admin.post('/api/v1/departments', { code: 'sla_gone', name: '已撤销部门' })).status, 201);
      assert.equal((await admin.patch('/api/v1/departments/sla_gone', { active: false })).status, 200);
      const base = { name: '引用检查', targets: { step: { minutes: 60 } } };
      const step = (extra: Body) => ({ ...base, targets: { step: { minutes: 60, ...extra } } });
      const escalate = (...actions: Body[]) => step({ escalation: [{ afterMinutes: 0, actions: [{ type: 'markDifficult' }] }, { afterMinutes: 10, actions }] });
      const cases: Array<[string, Body]> = [
        ['match.category', { ...base, match: { category: 'nonsense' } }],
        ['match.category.1', { ...base, match: { category: ['refund', 'nonsense'] } }],
        ['match.serviceItem.0', { ...base, match: { serviceItem: ['nonsense'] } }],
        ['match.priority', { ...base, match: { priority: 'nonsense' } }],
        ['calendar', { ...base, calendar: 'nonsense' }],
        ['targets.step.byDepartment.nowhere', step({ byDepartment: { refunds: 30, nowhere: 30 } })],
        ['targets.step.byDepartment.sla_gone', step({ byDepartment: { sla_gone: 30 } })],
        ['targets.step.notify.1.user', step({ notify: ['assignee', { user: 'nobody' }] })],
        ['targets.step.notify.0.departmentSupervisors', step({ notify: [{ departmentSupervisors: 'nowhere' }] })],
        ['targets.step.escalation.1.actions.0.department', escalate({ type: 'reassign', department: 'nowhere' })],
        ['targets.step.escalation.1.actions.0.user', escalate({ type: 'reassign', department: 'refunds', user: 'nobody' })],
        ['targets.step.escalation.1.actions.1.priority', escalate({ type: 'markDifficult' }, { type: 'setPriority', priority: 'nonsense' })],
        ['targets.step.escalation.1.actions.0.recipients.1.departmentSupervisors', escalate({ type: 'notify', recipients: ['creator', { departmentSupervisors: 'sla_gone' }] })],
        ['targets.step.escalation.1.actions.0.recipients.0.user', escalate({ type: 'notify', recipients: [{ user: 'nobody' }] })],
      ];
      const existing = await create({ name: '引用检查之外', targets: { step: { minutes: 60 } } });
      await unchanged(async () => {
        for (const [field, body] of cases) {
          const refused = assertProblem(await admin.post(URL, body), 422, 'invalid_reference', [field], `POST ${JSON.stringify(body)}`);
          assert.equal(refused.errors?.length, 1, JSON.stringify(refused));
          const { name: _, ...changes } = body;
          assertProblem(await admin.patch(`${URL}/${existing.id}`, changes), 422, 'invalid_reference', [field], `PATCH ${JSON.stringify(changes)}`);
        }
        const deleted = assertProblem(await admin.post(URL, step({ byDepartment: { sla_gone: 30 } })), 422, 'invalid_reference');
        assert.match(deleted.detail, /deleted/, 'a deleted department is told apart from an unknown one');
      });
    });

    it('keeps what a policy names though deactivated since; naming a deactivated one anew is refused', async () => {
      for (const username of ['sla.leaver', 'sla.other']) {
        const created = await admin.post('/api/v1/users', { username, displayName: username, password: 'leaver-password-1', role: 'supervisor' });
        assert.equal(created.status, 201, JSON.stringify(created.body));
      }
      assert.equal((await admin.post('/api/v1/departments', { code: 'sla_wound', name: '收尾部门' })).status, 201);
      const step = (minutes: number, recipient = 'sla.leaver'): Body => ({
        step: {
          minutes,
          byDepartment: { sla_wound: 30 },
          escalation: [{ afterMinutes: 0, actions: [{ type: 'notify', recipients: [{ user: recipient }, { departmentSupervisors: 'sla_wound' }] }, { type: 'reassign', user: recipient }] }],
        },
      });
      const policy = await create({ name: '留任引用', targets: step(60) });
      for (const username of ['sla.leaver', 'sla.other']) assert.equal((await admin.patch(`/api/v1/users/${username}`, { active: false })).status, 200);
      assert.equal((await admin.patch('/api/v1/departments/sla_wound', { active: false })).status, 200);

      const kept = await admin.patch<SlaPolicyView>(`${URL}/${policy.id}`, { targets: step(90) });
      assert.equal(kept.status, 200, JSON.stringify(kept.body));
      assert.equal(kept.body.targets.step?.minutes, 90);
      assert.deepEqual(kept.body.targets.step?.escalation, policy.targets.step?.escalation, 'the chain keeps its deactivated user and department');
      const field = 'targets.step.escalation.0.actions.0.recipients.0.user';
      assertProblem(await admin.patch(`${URL}/${policy.id}`, { targets: step(90, 'sla.other') }), 422, 'invalid_reference', [field]);
      assertProblem(await admin.post(URL, { name: '新策略', targets: step(60) }), 422, 'invalid_reference', ['targets.step.byDepartment.sla_wound']);
    });

    it('refuses time limits that contradict themselves (422), naming the field', async () => {
      const existing = await create({ name: '规则检查之外', targets: { step: { minutes: 60 } } });
      const cases: Array<[string, string, Body]> = [
        ['step_only', 'targets.handling.byDepartment', { handling: { minutes: 60, byDepartment: { refunds: 30 } } }],
        ['step_only', 'targets.firstResponse.byDepartment', { firstResponse: { minutes: 60, byDepartment: { refunds: 30 } } }],
        ['warning_not_before_due', 'targets.step.warnAt.minutesBefore.0', { step: { minutes: 60, warnAt: { minutesBefore: [60] } } }],
        ['warning_not_before_due', 'targets.reply.warnAt.minutesBefore.1', { reply: { minutes: 60, warnAt: { minutesBefore: [30, 90] } } }],
        ['duplicate_warning', 'targets.step.warnAt.percent.1', { step: { minutes: 60, warnAt: { percent: [80, 80] } } }],
        ['duplicate_department', 'targets.step.byDepartment.refunds', { step: { minutes: 60, byDepartment: { [ref('departments', 'refunds').id]: 30, refunds: 40 } } }],
        ['target_required', 'targets', {}],
      ];
      await unchanged(async () => {
        for (const [code, field, targets] of cases) {
          assertProblem(await admin.post(URL, { name: '规则检查', targets }), 422, code, [field], `POST ${JSON.stringify(targets)}`);
          assertProblem(await admin.patch(`${URL}/${existing.id}`, { targets }), 422, code, [field], `PATCH ${JSON.stringify(targets)}`);
        }
      });
    });

    it('refuses bad types, out-of-range numbers and unknown fields (400), naming the field', async () => {
      const existing = await create({ name: '格式检查之外', targets: { step: { minutes: 60 } } });
      const valid = { name: '格式检查', targets: { step: { minutes: 60 } } };
      const step = (extra: Body) => ({ ...valid, targets: { step: { minutes: 60, ...extra } } });
      const action = (a: Body) => step({ escalation: [{ afterMinutes: 0, actions: [a] }] });
      const cases: Array<[string, Body]> = [
        ['name', { targets: valid.targets }],
        ['name', { ...valid, name: '' }],
        ['targets', { name: '格式检查' }],
        ['targets', { ...valid, targets: [] }],
        ['active', { ...valid, active: 'yes' }],
        ['calendar', { ...valid, calendar: 7 }],
        ['match', { ...valid, match: 'refund' }],
        ['match.category', { ...valid, match: { category: 3 } }],
        ['match.channel', { ...valid, match: { channel: 'fax' } }],
        ['match.channel', { ...valid, match: { channel: ['phone', 'fax'] } }],
        ['match.customerTier', { ...valid, match: { customerTier: [''] } }],
        ['targets.step.minutes', { ...valid, targets: { step: {} } }],
        ['targets.step.minutes', step({ minutes: 0 })],
        ['targets.step.minutes', step({ minutes: 525_601 })],
        ['targets.step.minutes', step({ minutes: 1.5 })],
        ['targets.step.minutes', step({ minutes: '60' })],
        ['targets.step.businessTime', step({ businessTime: 'yes' })],
        ['targets.step.pauseWhileWaiting', step({ pauseWhileWaiting: 1 })],
        ['targets.step.warnAt.percent.0', step({ warnAt: { percent: [0] } })],
        ['targets.step.warnAt.percent.0', step({ warnAt: { percent: [100] } })],
        ['targets.step.warnAt.minutesBefore.0', step({ warnAt: { minutesBefore: [-5] } })],
        ['targets.step.notify.0', step({ notify: ['everyone'] })],
        ['targets.step.notify.0', step({ notify: [{ user: 'handler', role: 'x' }] })],
        ['targets.step.byDepartment.refunds', step({ byDepartment: { refunds: 0 } })],
        ['targets.step.escalation', step({ escalation: Array.from({ length: 11 }, () => ({ afterMinutes: 0, actions: [{ type: 'markDifficult' }] })) })],
        ['targets.step.escalation.0.afterMinutes', step({ escalation: [{ afterMinutes: -1, actions: [{ type: 'markDifficult' }] }] })],
        ['targets.step.escalation.0.actions', step({ escalation: [{ afterMinutes: 0, actions: [] }] })],
        ['targets.step.escalation.0.actions.0', action({ type: 'explode' })],
        ['targets.step.escalation.0.actions.0', action({ type: 'reassign' })],
        ['targets.step.escalation.0.actions.0.priority', action({ type: 'setPriority' })],
        ['targets.step.escalation.0.actions.0.recipients', action({ type: 'notify', recipients: [] })],
        ['extensions.maxPerDeadline', { ...valid, extensions: { maxPerDeadline: 21 } }],
        ['extensions.maxMinutes', { ...valid, extensions: { maxMinutes: 0 } }],
      ];
      await unchanged(async () => {
        await assertRefusesBrokenBodies(admin, 'POST', URL, { valid });
        await assertRefusesBrokenBodies(admin, 'PATCH', `${URL}/${existing.id}`, { valid: { name: '改名' } });
        for (const [field, body] of cases) {
          assertInvalidField(await admin.post(URL, body), field, `POST ${JSON.stringify(body)}`);
          if (field === 'name' || field === 'targets') continue;
          const { name: _, ...changes } = body;
          assertInvalidField(await admin.patch(`${URL}/${existing.id}`, changes), field, `PATCH ${JSON.stringify(changes)}`);
        }
        assertUnknownKeyRefused(await admin.post(URL, { ...valid, targets: { lunch: { minutes: 60 } } }), 'targets.lunch');
        assertUnknownKeyRefused(await admin.post(URL, step({ colour: 'red' })), 'targets.step.colour');
        assertUnknownKeyRefused(await admin.post(URL, { ...valid, match: { keywords: ['退款'] } }), 'match.keywords');
        assertUnknownKeyRefused(await admin.post(URL, step({ warnAt: { percent: [50], hours: [1] } })), 'targets.step.warnAt.hours');
        assertUnknownKeyRefused(await admin.post(URL, step({ escalation: [{ afterMinutes: 0, actions: [{ type: 'markDifficult', to: 'x' }] }] })), 'targets.step.escalation.0.actions.0.to');
        assertUnknownKeyRefused(await admin.post(URL, { ...valid, extensions: { maxHours: 1 } }), 'extensions.maxHours');
        assertProblem(await admin.get(`${URL}?colour=red`), 400, 'validation_failed', ['colour']);
        assertProblem(await admin.get(`${URL}/${existing.id}?colour=red`), 400, 'validation_failed', ['colour']);
      });
    });

    it('lets only administrators write (403 admin_only)', async () => {
      const existing = await create({ name: '仅管理员', targets: { step: { minutes: 60 } } });
      await unchanged(async () => {
        for (const who of ['supervisor', 'agent', 'handler', 'auditor'] as const) {
          const client = t.as(who);
          assertProblem(await client.post(URL, { name: `${who} 的策略`, targets: { step: { minutes: 60 } } }), 403, 'admin_only', [], who);
          assertProblem(await client.patch(`${URL}/${existing.id}`, { name: 'x' }), 403, 'admin_only', [], who);
          assertProblem(await client.delete(`${URL}/${existing.id}`), 403, 'admin_only', [], who);
        }
        assert.equal((await t.anonymous.post(URL, { name: 'x', targets: { step: { minutes: 60 } } })).status, 401);
      });
    });
  });
}
