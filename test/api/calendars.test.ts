import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiClient } from '../support/api-client.js';
import { assertInvalidField, assertProblem } from '../support/bad-input.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

type Interval = [string, string];
type Week = Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', Interval[]>;
interface CalendarView {
  id: string;
  code: string;
  name: string;
  timeZone: string;
  week: Week;
  holidays: string[];
  workdays: string[];
  alwaysOpen: boolean;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}
interface ImportView extends CalendarView {
  added: { holidays: number; workdays: number };
  arrangement: string;
}
interface DuePreview {
  due: string;
  businessMinutes: number;
  timeZone: string;
}
interface CalendarRef {
  id: string;
  code: string;
  name: string;
}
interface DepartmentView {
  id: string;
  code: string;
  calendar: CalendarRef | null;
}
interface Items<T> {
  items: T[];
}

const URL = '/api/v1/calendars';
const OFFICE_HOURS: Interval[] = [
  ['09:00', '12:00'],
  ['13:30', '18:00'],
];
/** The reference call centre of DOMAIN.md: Shanghai, 09:00–12:00 and 13:30–18:00, Monday to Friday. */
const DOMAIN = {
  code: 'domain',
  name: '呼叫中心工作日',
  timeZone: 'Asia/Shanghai',
  week: { mon: OFFICE_HOURS, tue: OFFICE_HOURS, wed: OFFICE_HOURS, thu: OFFICE_HOURS, fri: OFFICE_HOURS },
  // Hand-entered before the import: 2026-02-14 (a Saturday) is really a make-up workday of the
  // Spring Festival, 2026-02-16 really a holiday; 2026-12-31 is the centre's own closing day.
  holidays: ['2026-12-31', '2026-01-01', '2026-02-14'],
  workdays: ['2026-02-16'],
};

for (const dialect of dialects()) {
  describe(`business calendars administration (${dialect})`, () => {
    let t: TestApp;
    let admin: ApiClient;
    let agent: ApiClient;
    let domain: CalendarView;
    before(async () => {
      t = await startTestApp(dialect);
      admin = t.as('admin');
      agent = t.as('agent');
    });
    after(async () => t?.close());

    const due = async (calendar: string, start: string, minutes: number, as: ApiClient = admin): Promise<string> => {
      const response = await as.post<DuePreview>(`${URL}/${calendar}/due`, { start, minutes });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body.businessMinutes, minutes);
      return response.body.due;
    };
    const list = async (query = '?includeInactive=true') => (await admin.get<Items<CalendarView>>(`${URL}${query}`)).body.items;

    it('has the built-in 24×7 calendar, readable by everyone signed in', async () => {
      const response = await agent.get<Items<CalendarView>>(URL);
      assert.equal(response.status, 200);
      const builtIn = response.body.items.find((c) => c.code === '24x7');
      assert.equal(builtIn?.alwaysOpen, true);
      assert.deepEqual(builtIn?.week.sun, [['00:00', '24:00']]);
      assert.equal((await agent.get<CalendarView>(`${URL}/24x7`)).body.id, builtIn?.id);
      assertProblem(await t.anonymous.get(URL), 401, 'unauthenticated');
    });

    it('creates the DOMAIN calendar with its dates sorted and every weekday spelled out', async () => {
      const response = await admin.post<CalendarView>(URL, DOMAIN);
      assert.equal(response.status, 201, JSON.stringify(response.body));
      domain = response.body;
      assert.equal(domain.code, 'domain');
      assert.equal(domain.timeZone, 'Asia/Shanghai');
      assert.deepEqual(domain.week, { ...DOMAIN.week, sat: [], sun: [] });
      assert.deepEqual(domain.holidays, ['2026-01-01', '2026-02-14', '2026-12-31']);
      assert.deepEqual(domain.workdays, ['2026-02-16']);
      assert.equal(domain.alwaysOpen, false);
      assert.equal(domain.active, true);
      assert.equal(domain.createdAt, t.clock.now().toISOString());
      assert.deepEqual((await agent.get<CalendarView>(`${URL}/${domain.id}`)).body, domain);
    });

    it('previews due times across lunch, the night and the weekend, with the calendar offset', async () => {
      assert.equal(await due('domain', '2026-11-23T11:00:00+08:00', 120), '2026-11-23T14:30:00+08:00', 'across lunch');
      assert.equal(await due('domain', '2026-11-23T09:00:00+08:00', 180), '2026-11-23T12:00:00+08:00', 'ends at 12:00, not 13:30');
      assert.equal(await due('domain', '2026-11-23T12:15:00+08:00', 30), '2026-11-23T14:00:00+08:00', 'starts after lunch');
      assert.equal(await due('domain', '2026-11-23T17:30:00+08:00', 60), '2026-11-24T09:30:00+08:00', 'overnight');
      assert.equal(await due('domain', '2026-11-23T14:00:00Z', 30), '2026-11-24T09:30:00+08:00', 'a start in Z, at 22:00 Shanghai');
      assert.equal(await due('domain', '2026-11-27T17:00:00+08:00', 120), '2026-11-30T10:00:00+08:00', 'over the weekend');
      assert.equal(await due('domain', '2026-11-28T10:00:00+08:00', 0), '2026-11-28T10:00:00+08:00', 'zero is due at once');
      assert.equal(await due('domain', '2026-11-23T09:00:00+08:00', 0.5), '2026-11-23T09:00:30+08:00', 'fractions of a minute');
      assert.equal(await due('domain', '2026-11-23T10:00:00-05:00', 60, agent), '2026-11-24T10:00:00+08:00', 'any offset (23:00 Shanghai); agents may preview');
      // Before the import the hand-entered dates count: 2026-02-14 is a holiday, 02-16 a workday.
      assert.equal(await due('domain', '2026-02-13T17:00:00+08:00', 120), '2026-02-16T10:00:00+08:00');
    });

    it('counts working minutes between two instants', async () => {
      const between = (from: string, to: string) => admin.post<{ minutes: number }>(`${URL}/domain/between`, { from, to });
      assert.deepEqual((await between('2026-11-23T11:00:00+08:00', '2026-11-23T14:30:00+08:00')).body, { minutes: 120 });
      assert.deepEqual((await between('2026-11-23T14:30:00+08:00', '2026-11-23T11:00:00+08:00')).body, { minutes: -120 });
      assert.deepEqual((await between('2026-11-27T00:00:00+08:00', '2026-12-01T00:00:00+08:00')).body, { minutes: 900 }, 'Friday and Monday');
      assert.equal((await agent.post(`${URL}/24x7/between`, { from: '2026-11-23T00:00:00Z', to: '2026-11-24T00:00:00Z' })).body.minutes, 1440);
    });

    it('imports the 2026 Chinese holidays, replacing the hand-entered guesses the arrangement contradicts', async () => {
      const response = await admin.post<ImportView>(`${URL}/domain/holidays/import`, { region: 'CN', year: 2026 });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      const imported = response.body;
      // 33 official holiday dates (2026-01-01 was already there) and 6 make-up workdays.
      assert.deepEqual(imported.added, { holidays: 32, workdays: 6 });
      assert.equal(imported.holidays.length, 34);
      assert.deepEqual(imported.holidays, [...imported.holidays].sort());
      for (const date of ['2026-01-01', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-23', '2026-10-01', '2026-10-07', '2026-12-31']) {
        assert.ok(imported.holidays.includes(date), `${date} is a holiday`);
      }
      assert.ok(!imported.holidays.includes('2026-02-14'), 'the make-up Saturday left the holidays');
      assert.deepEqual(imported.workdays, ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
      assert.equal(imported.updatedAt, t.clock.now().toISOString());
      const { added: _added, arrangement, ...calendar } = imported;
      assert.equal(arrangement, 'official');
      assert.deepEqual((await admin.get<CalendarView>(`${URL}/domain`)).body, calendar);
    });

    it('counts holidays and make-up workdays in due previews', async () => {
      // 2026-02-14 is a Saturday make-up workday: it works Monday's hours.
      assert.equal(await due('domain', '2026-02-13T17:00:00+08:00', 120), '2026-02-14T10:00:00+08:00', 'into the make-up Saturday');
      assert.equal(await due('domain', '2026-02-14T11:30:00+08:00', 60), '2026-02-14T14:00:00+08:00', 'a make-up Saturday has the lunch break too');
      // Then the Spring Festival: 2026-02-15 to 02-23, back at work on Tuesday 02-24.
      assert.equal(await due('domain', '2026-02-14T17:00:00+08:00', 120), '2026-02-24T10:00:00+08:00', 'over the Spring Festival');
      assert.equal(await due('domain', '2026-02-27T17:30:00+08:00', 60), '2026-02-28T09:30:00+08:00', 'the make-up Saturday after it');
      assert.equal(await due('domain', '2026-09-30T17:00:00+08:00', 120), '2026-10-08T10:00:00+08:00', 'over National Day');
      assert.equal(await due('domain', '2026-12-30T17:00:00+08:00', 120), '2027-01-01T10:00:00+08:00', 'the hand-entered closing day stays');
    });

    it('importing the same year again changes nothing', async () => {
      const before = (await admin.get<CalendarView>(`${URL}/domain`)).body;
      t.clock.advance(60_000);
      const again = await admin.post<ImportView>(`${URL}/domain/holidays/import`, { region: 'CN', year: 2026 });
      assert.equal(again.status, 200);
      assert.deepEqual(again.body.added, { holidays: 0, workdays: 0 });
      const { added: _added, arrangement: _arrangement, ...calendar } = again.body;
      assert.deepEqual(calendar, before, 'same lists, same updatedAt');
    });

    it('the 24×7 calendar previews plain addition', async () => {
      for (const [start, minutes] of [
        ['2026-11-23T10:00:00+08:00', 1000],
        ['2026-11-28T23:59:00Z', 7],
        ['2026-02-14T17:00:00+08:00', 14_400],
      ] as const) {
        const expected = new Date(Date.parse(start) + minutes * 60_000 + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
        assert.equal(await due('24x7', start, minutes), expected, `${start} + ${minutes} min`);
      }
    });

    it('a calendar in another zone answers with that zone’s offset, summer time included', async () => {
      const created = await admin.post<CalendarView>(URL, { name: 'Berlin office', timeZone: 'Europe/Berlin', week: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.code, 'berlin-office', 'the code comes from the name');
      assert.equal(await due('berlin-office', '2026-03-23T16:00:00+01:00', 120), '2026-03-24T10:00:00+01:00');
      assert.equal(await due('berlin-office', '2026-03-30T08:00:00Z', 60), '2026-03-30T11:00:00+02:00');
    });

    it('generates codes from the name, or cal-<n> when the name has no ASCII letters', async () => {
      const week = { mon: [['08:00', '20:00']] };
      const first = await admin.post<CalendarView>(URL, { name: '售后夜班', week });
      assert.equal(first.body.code, 'cal-1');
      assert.equal(first.body.timeZone, 'Asia/Shanghai', 'the organisation time zone by default');
      assert.deepEqual([first.body.holidays, first.body.workdays], [[], []]);
      assert.equal((await admin.post<CalendarView>(URL, { name: '售后白班', week })).body.code, 'cal-2');
      assert.equal((await admin.post<CalendarView>(URL, { name: 'Berlin office', week })).body.code, 'berlin-office-2');
      assertProblem(await admin.post(URL, { ...DOMAIN, name: 'again' }), 409, 'code_taken', ['code']);
      assertProblem(await admin.post(URL, { ...DOMAIN, code: '24x7' }), 409, 'code_taken', ['code']);
    });

    it('changes a calendar: name, hours, dates, zone; a refused change leaves it as it was', async () => {
      const created = (await admin.post<CalendarView>(URL, { code: 'weekend', name: '周末', week: { sat: [['10:00', '16:00']] } })).body;
      t.clock.advance(60_000);
      const changed = await admin.patch<CalendarView>(`${URL}/weekend`, { name: '周末值班', week: { sat: [['10:00', '16:00']], sun: [['10:00', '12:00']] }, holidays: ['2026-12-26'] });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.equal(changed.body.name, '周末值班');
      assert.deepEqual(changed.body.week.sun, [['10:00', '12:00']]);
      assert.deepEqual(changed.body.holidays, ['2026-12-26']);
      assert.equal(changed.body.createdAt, created.createdAt);
      assert.equal(changed.body.updatedAt, t.clock.now().toISOString());
      assert.equal(await due('weekend', '2026-12-25T12:00:00+08:00', 60), '2026-12-27T11:00:00+08:00', 'the new hours and holiday count at once');

      t.clock.advance(60_000);
      assert.deepEqual((await admin.patch<CalendarView>(`${URL}/weekend`, { name: '周末值班' })).body, changed.body, 'an unchanged edit records nothing');

      const before = await list();
      assertProblem(await admin.patch(`${URL}/weekend`, { workdays: ['2026-12-26'] }), 422, 'invalid_calendar', ['workdays.0']);
      assertProblem(await admin.patch(`${URL}/weekend`, { timeZone: 'Europe/Atlantis' }), 422, 'invalid_calendar', ['timeZone']);
      assert.deepEqual(await list(), before);

      const off = await admin.patch<CalendarView>(`${URL}/weekend`, { active: false });
      assert.equal(off.body.active, false);
      assert.ok(!(await list('')).some((c) => c.code === 'weekend'), 'deactivated calendars leave the default list');
      assert.ok((await list()).some((c) => c.code === 'weekend'), 'and stay in includeInactive=true');
      assert.equal(await due('weekend', '2026-12-25T12:00:00+08:00', 60), '2026-12-27T11:00:00+08:00', 'a deactivated calendar still previews');
    });

    it('refuses invalid calendars with 422 invalid_calendar naming each field', async () => {
      const post = (body: Record<string, unknown>) => admin.post(URL, { name: 'bad', week: { mon: OFFICE_HOURS }, ...body });
      const before = await list();
      assertProblem(await post({ week: { mon: [['09:00', '12:60']] } }), 422, 'invalid_calendar', ['week.mon.0.1']);
      assertProblem(await post({ week: { tue: [['9:00', '12:00']] } }), 422, 'invalid_calendar', ['week.tue.0.0']);
      assertProblem(await post({ week: { mon: [['09:00', '12:00'], ['11:00', '13:00']] } }), 422, 'invalid_calendar', ['week.mon.1']);
      assertProblem(await post({ week: { mon: [['12:00', '09:00']] } }), 422, 'invalid_calendar', ['week.mon.0']);
      assertProblem(await post({ week: {} }), 422, 'invalid_calendar', ['week']);
      assertProblem(await post({ timeZone: 'Mars/Olympus_Mons' }), 422, 'invalid_calendar', ['timeZone']);
      assertProblem(await post({ timeZone: '+08:00' }), 422, 'invalid_calendar', ['timeZone']);
      assertProblem(await post({ holidays: ['2026-02-30', '2026-05-01', '2026-05-01'] }), 422, 'invalid_calendar', ['holidays.0', 'holidays.2']);
      assertProblem(await post({ holidays: ['2026-05-01'], workdays: ['2026-05-01'] }), 422, 'invalid_calendar', ['workdays.0']);
      assertProblem(await post({ week: { sat: [['09:00', '12:00']] }, workdays: ['2026-05-09'] }), 422, 'invalid_calendar', ['workdays']);
      // What the schema itself refuses is a 400, as everywhere.
      assertInvalidField(await post({ week: { mon: [['09:00']] } }), 'week');
      assertInvalidField(await post({ week: { monday: OFFICE_HOURS } }), 'week.monday');
      assertInvalidField(await post({ colour: 'red' }), 'colour');
      assertInvalidField(await post({ code: 'Has Spaces' }), 'code');
      assertInvalidField(await admin.post(URL, { week: { mon: OFFICE_HOURS } }), 'name');
      assert.deepEqual(await list(), before, 'nothing was created');
    });

    it('only administrators change calendars', async () => {
      const before = await list();
      assertProblem(await agent.post(URL, DOMAIN), 403, 'admin_only');
      assertProblem(await t.as('supervisor').patch(`${URL}/domain`, { name: 'mine' }), 403, 'admin_only');
      assertProblem(await t.as('auditor').post(`${URL}/domain/holidays/import`, { region: 'CN', year: 2025 }), 403, 'admin_only');
      assert.deepEqual(await list(), before);
    });

    it('refuses imports it cannot do', async () => {
      const unknownYear = assertProblem(await admin.post(`${URL}/domain/holidays/import`, { region: 'CN', year: 2031 }), 422, 'holiday_year_unknown', ['year']);
      assert.match(unknownYear.detail, /2004–2026/);
      assert.deepEqual((unknownYear.knownYears as number[]).slice(-2), [2025, 2026]);
      assertProblem(await admin.post(`${URL}/domain/holidays/import`, { region: 'HK', year: 2026 }), 422, 'holiday_region_unknown', ['region']);
      assertProblem(await admin.post(`${URL}/nope/holidays/import`, { region: 'CN', year: 2026 }), 404, 'not_found');
      assertInvalidField(await admin.post(`${URL}/domain/holidays/import`, { region: 'CN', year: '2026' }), 'year');
      const weekendOnly = (await admin.post<CalendarView>(URL, { name: 'Saturdays', week: { sat: [['09:00', '12:00']] } })).body;
      assertProblem(await admin.post(`${URL}/${weekendOnly.id}/holidays/import`, { region: 'CN', year: 2026 }), 422, 'invalid_calendar', ['workdays']);
    });

    it('imports only the statutory days for a year whose arrangement is not published yet, and the preview honours them', async () => {
      const cal = (await admin.post<CalendarView>(URL, { name: 'Statutory only', timeZone: 'Asia/Shanghai', week: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] } })).body;
      const imported = await admin.post<CalendarView & { added: { holidays: number; workdays: number }; arrangement: string }>(`${URL}/${cal.id}/holidays/import`, { region: 'CN', year: 2027, statutoryOnly: true });
      assert.equal(imported.status, 200, JSON.stringify(imported.body));
      assert.deepEqual([imported.body.arrangement, imported.body.added], ['statutory', { holidays: 13, workdays: 0 }]);
      assert.deepEqual(imported.body.holidays.slice(0, 5), ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'], '元旦, then 除夕 to 初三');
      // Two working hours from New Year's Eve 17:00: one that evening, the other on Monday 4 January (1 January is a Friday).
      const due = await admin.post<{ due: string }>(`${URL}/${cal.id}/due`, { start: '2026-12-31T17:00:00+08:00', minutes: 120 });
      assert.equal(due.body.due, '2027-01-04T10:00:00+08:00');
      assertProblem(await admin.post(`${URL}/${cal.id}/holidays/import`, { region: 'CN', year: 2100, statutoryOnly: true }), 422, 'holiday_year_unknown', ['year']);
    });

    it('refuses to change the built-in 24×7 calendar other than renaming it', async () => {
      const before = (await admin.get<CalendarView>(`${URL}/24x7`)).body;
      for (const body of [{ week: { mon: OFFICE_HOURS } }, { holidays: ['2026-10-01'] }, { timeZone: 'UTC' }, { active: false }]) {
        assertProblem(await admin.patch(`${URL}/24x7`, body), 409, 'calendar_built_in', [], JSON.stringify(body));
      }
      assertProblem(await admin.post(`${URL}/24x7/holidays/import`, { region: 'CN', year: 2026 }), 409, 'calendar_built_in');
      assert.deepEqual((await admin.get<CalendarView>(`${URL}/24x7`)).body, before);
      const { id: _id, code: _code, createdAt: _c, updatedAt: _u, alwaysOpen: _a, ...sameAsBefore } = before;
      assert.equal((await admin.patch<CalendarView>(`${URL}/24x7`, sameAsBefore)).status, 200, 'sending it back unchanged is fine');
      const renamed = await admin.patch<CalendarView>(`${URL}/24x7`, { name: 'Round the clock' });
      assert.equal(renamed.status, 200);
      assert.equal(renamed.body.name, 'Round the clock');
      assert.equal(renamed.body.alwaysOpen, true);
    });

    it('refuses bad previews', async () => {
      assertInvalidField(await admin.post(`${URL}/domain/due`, { start: '2026-11-23T10:00:00', minutes: 60 }), 'start');
      assertInvalidField(await admin.post(`${URL}/domain/due`, { start: '2026-11-23T10:00:00Z', minutes: -1 }), 'minutes');
      assertInvalidField(await admin.post(`${URL}/domain/due`, { start: '2026-11-23T10:00:00Z' }), 'minutes');
      assertProblem(await admin.post(`${URL}/nope/due`, { start: '2026-11-23T10:00:00Z', minutes: 1 }), 404, 'not_found');
      // Instants run from 1970 to 2199, so a due time cannot leave what the databases store.
      assertInvalidField(await admin.post(`${URL}/24x7/due`, { start: '9999-12-31T00:00:00Z', minutes: 1440 }), 'start');
    });

    it('departments choose their calendar by id or code, or none', async () => {
      const created = await admin.post<DepartmentView>('/api/v1/departments', { code: 'night_desk', name: '夜间组', calendar: 'domain' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual(created.body.calendar, { id: domain.id, code: 'domain', name: DOMAIN.name });
      const plain = await admin.post<DepartmentView>('/api/v1/departments', { code: 'plain_desk', name: '普通组' });
      assert.equal(plain.body.calendar, null);

      const url = `/api/v1/departments/${created.body.id}`;
      assert.equal((await admin.patch<DepartmentView>(url, { calendar: '24x7' })).body.calendar?.code, '24x7');
      assert.equal((await admin.patch<DepartmentView>(url, { calendar: domain.id })).body.calendar?.code, 'domain');
      assert.equal((await admin.patch<DepartmentView>(url, { name: '夜间值班组' })).body.calendar?.code, 'domain', 'other edits keep it');
      const listed = await agent.get<Items<DepartmentView>>('/api/v1/departments');
      assert.equal(listed.body.items.find((d) => d.code === 'night_desk')?.calendar?.code, 'domain');
      assert.equal(listed.body.items.find((d) => d.code === 'plain_desk')?.calendar, null);

      assertProblem(await admin.patch(url, { calendar: 'nope' }), 422, 'invalid_reference', ['calendar']);
      assertProblem(await admin.patch(url, { calendar: 'weekend' }), 422, 'invalid_reference', ['calendar']);
      assertProblem(await admin.post('/api/v1/departments', { code: 'other_desk', name: '其他', calendar: 'nope' }), 422, 'invalid_reference', ['calendar']);
      assertInvalidField(await admin.patch(url, { calendar: '' }), 'calendar');
      assertProblem(await agent.patch(url, { calendar: null }), 403, 'admin_only');
      assert.equal((await admin.patch<DepartmentView>(url, { calendar: null })).body.calendar, null);

      // A calendar deactivated after a department chose it stays shown.
      await admin.patch(url, { calendar: 'cal-2' });
      await admin.patch(`${URL}/cal-2`, { active: false });
      assert.equal((await admin.get<Items<DepartmentView>>('/api/v1/departments')).body.items.find((d) => d.code === 'night_desk')?.calendar?.code, 'cal-2');
      // and through the department's later changes, while no other department may choose it.
      const renamed = await admin.patch<DepartmentView>(url, { name: '夜间组', calendar: 'cal-2' });
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
      assert.equal(renamed.body.calendar?.code, 'cal-2');
      assertProblem(await admin.patch(`/api/v1/departments/${plain.body.id}`, { calendar: 'cal-2' }), 422, 'invalid_reference', ['calendar']);
    });

    it('is in the API document', async () => {
      const doc = await t.anonymous.get<{ paths: Record<string, Record<string, { tags?: string[] }>> }>('/api/v1/openapi.json');
      for (const path of [URL, `${URL}/{id}`, `${URL}/{id}/holidays/import`, `${URL}/{id}/due`, `${URL}/{id}/between`]) {
        assert.ok(doc.body.paths[path], `${path} is documented`);
      }
      assert.deepEqual(doc.body.paths[`${URL}/{id}/due`]?.post?.tags, ['time limits']);
    });
  });
}
