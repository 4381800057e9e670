import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiClient } from '../support/api-client.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * Two administrators (or two browser tabs) changing one calendar or one time-limit policy at the
 * same moment. Each change reads the row, merges what it was given and writes the whole row back;
 * on PostgreSQL the row is locked from that read to the commit, so the second change builds on
 * the first instead of overwriting it with what it read before. (SQLite runs one writer at a
 * time, so there the second always reads what the first wrote.) A change answered 200 is kept.
 * Each case runs a few rounds on fresh rows: without the lock the race was lost nearly every time.
 */

interface CalendarView {
  id: string;
  code: string;
  name: string;
  holidays: string[];
  workdays: string[];
  active: boolean;
}
interface ImportView extends CalendarView {
  added: { holidays: number; workdays: number };
}
interface PolicyView {
  id: string;
  name: string;
  active: boolean;
  match: { channel: string[] };
  extensions: { maxPerDeadline: number; maxMinutes: number };
  targets: Record<string, { minutes: number }>;
}

const OFFICE_HOURS = [
  ['09:00', '12:00'],
  ['13:30', '18:00'],
];
const WEEK = { mon: OFFICE_HOURS, tue: OFFICE_HOURS, wed: OFFICE_HOURS, thu: OFFICE_HOURS, fri: OFFICE_HOURS };
const ROUNDS = 3;

for (const dialect of dialects()) {
  describe(`concurrent changes to one calendar or one time-limit policy all stick (${dialect})`, () => {
    let t: TestApp;
    let admin: ApiClient;
    before(async () => {
      t = await startTestApp(dialect);
      admin = t.as('admin');
    });
    after(async () => t?.close());

    const newCalendar = async (code: string, name = code): Promise<CalendarView> => {
      const created = await admin.post<CalendarView>('/api/v1/calendars', { code, name, timeZone: 'Asia/Shanghai', week: WEEK });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return created.body;
    };
    const readCalendar = async (code: string) => (await admin.get<CalendarView>(`/api/v1/calendars/${code}`)).body;
    const newPolicy = async (name: string): Promise<string> => {
      const body = { name, match: { category: 'inquiry', channel: 'email' }, targets: { handling: { minutes: 600 } } };
      const created = await admin.post<PolicyView>('/api/v1/sla-policies', body);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return `/api/v1/sla-policies/${created.body.id}`;
    };

    it('two holiday imports of different years at once: both years are stored, as both answers said', async () => {
      for (let round = 1; round <= ROUNDS; round++) {
        const code = `two-years-${round}`;
        await newCalendar(code);
        const answers = await Promise.all(
          [2025, 2026].map((year) => admin.post<ImportView>(`/api/v1/calendars/${code}/holidays/import`, { region: 'CN', year })),
        );
        assert.deepEqual(answers.map((a) => a.status), [200, 200], JSON.stringify(answers.map((a) => a.body)));
        const stored = await readCalendar(code);
        assert.deepEqual([...new Set(stored.holidays.map((d) => d.slice(0, 4)))].sort(), ['2025', '2026'], `round ${round}: ${stored.holidays.length} holidays stored`);
        assert.deepEqual([...new Set(stored.workdays.map((d) => d.slice(0, 4)))].sort(), ['2025', '2026']);
        // Each import reports the dates it added; together they are every date stored.
        assert.equal(answers[0]!.body.added.holidays + answers[1]!.body.added.holidays, stored.holidays.length);
        assert.equal(answers[0]!.body.added.workdays + answers[1]!.body.added.workdays, stored.workdays.length);
      }
    });

    it('a rename and a holiday import of one calendar at once: the new name and the holidays both stick', async () => {
      for (let round = 1; round <= ROUNDS; round++) {
        const code = `rename-import-${round}`;
        await newCalendar(code, 'Before');
        const [renamed, imported] = await Promise.all([
          admin.patch<CalendarView>(`/api/v1/calendars/${code}`, { name: 'After' }),
          admin.post<ImportView>(`/api/v1/calendars/${code}/holidays/import`, { region: 'CN', year: 2026 }),
        ]);
        assert.deepEqual([renamed.status, imported.status], [200, 200]);
        const stored = await readCalendar(code);
        assert.deepEqual([stored.name, stored.holidays.length, stored.workdays.length], ['After', imported.body.added.holidays, imported.body.added.workdays], `round ${round}`);
        assert.ok(stored.holidays.length > 0);
      }
    });

    it('a rename and a deactivation of one calendar at once: it is renamed and inactive', async () => {
      for (let round = 1; round <= ROUNDS; round++) {
        const code = `rename-off-${round}`;
        await newCalendar(code, 'Before');
        const answers = await Promise.all([
          admin.patch(`/api/v1/calendars/${code}`, { name: 'After' }),
          admin.patch(`/api/v1/calendars/${code}`, { active: false }),
        ]);
        assert.deepEqual(answers.map((a) => a.status), [200, 200]);
        const stored = await readCalendar(code);
        assert.deepEqual([stored.name, stored.active], ['After', false], `round ${round}`);
      }
    });

    it('two administrators change different fields of one policy at once: both changes stick', async () => {
      for (let round = 1; round <= ROUNDS; round++) {
        const url = await newPolicy(`并发测试-${round}`);
        const answers = await Promise.all([
          admin.patch(url, { name: `并发测试-${round}-改名` }),
          admin.patch(url, { extensions: { maxPerDeadline: 5 } }),
          admin.patch(url, { match: { category: 'inquiry', channel: ['email', 'web'] } }),
        ]);
        assert.deepEqual(answers.map((a) => a.status), [200, 200, 200], JSON.stringify(answers.map((a) => a.body)));
        const stored = (await admin.get<PolicyView>(url)).body;
        assert.deepEqual(
          [stored.name, stored.extensions.maxPerDeadline, stored.match.channel, stored.targets.handling?.minutes],
          [`并发测试-${round}-改名`, 5, ['email', 'web'], 600],
          `round ${round}`,
        );
      }
    });

    it('a change and a delete (deactivation) of one policy at once: the change sticks and the policy is inactive', async () => {
      for (let round = 1; round <= ROUNDS; round++) {
        const url = await newPolicy(`停用并发-${round}`);
        const [changed, deleted] = await Promise.all([admin.patch(url, { targets: { handling: { minutes: 480 } } }), admin.delete(url)]);
        assert.deepEqual([changed.status, deleted.status], [200, 204]);
        const stored = (await admin.get<PolicyView>(url)).body;
        assert.deepEqual([stored.active, stored.targets.handling?.minutes], [false, 480], `round ${round}`);
      }
    });

    it('two administrators change different organisation settings at once: both changes stick', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const cleared = await admin.patch('/api/v1/settings', { dispatchDepartment: null, waitReminderHours: null });
        assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
        const hours = 10 + round;
        const [dispatch, reminder] = await Promise.all([
          admin.patch('/api/v1/settings', { dispatchDepartment: 'call_center' }),
          admin.patch('/api/v1/settings', { waitReminderHours: hours }),
        ]);
        assert.deepEqual([dispatch.status, reminder.status], [200, 200]);
        const stored = (await admin.get<{ dispatchDepartmentId: string | null; waitReminderHours: number | null }>('/api/v1/settings')).body;
        assert.ok(stored.dispatchDepartmentId !== null, `round ${round}: the dispatch department was kept`);
        assert.equal(stored.waitReminderHours, hours, `round ${round}`);
      }
    });

    it('a department named in the settings meanwhile is not deactivated: the settings change and the deactivation take turns', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const code = `turns_${round}`;
        assert.equal((await admin.post('/api/v1/departments', { code, name: code })).status, 201);
        assert.equal((await admin.patch('/api/v1/settings', { dispatchDepartment: 'call_center' })).status, 200);
        const [named, deactivated] = await Promise.all([
          admin.patch('/api/v1/settings', { dispatchDepartment: code }),
          admin.patch(`/api/v1/departments/${code}`, { active: false }),
        ]);
        const stored = (await admin.get<{ dispatchDepartmentId: string | null }>('/api/v1/settings')).body;
        const department = (await admin.get<{ id: string; active: boolean }>(`/api/v1/departments/${code}`)).body;
        // Whichever went first, the settings never name a deactivated department.
        assert.ok(!(stored.dispatchDepartmentId === department.id && !department.active), `round ${round}: ${named.status} ${deactivated.status}`);
        assert.ok([named.status, deactivated.status].includes(200), `round ${round}: one of them goes through`);
      }
      assert.equal((await admin.patch('/api/v1/settings', { dispatchDepartment: 'call_center' })).status, 200);
    });
  });
}
