import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { e2eSkipReason, screenshot, signIn, startConsoleHarness, type ConsoleHarness } from '../support/console-e2e.js';

/**
 * 系统管理 in a real browser (issue 5 point 7): an administrator creates a user, adds a
 * department member, builds a service item's form, adds a routing rule, imports holidays,
 * edits a time-limit policy and creates and revokes an API token — each checked against the
 * server afterwards. A non-admin is refused the pages.
 */

interface Ref {
  id: string;
  code: string;
}

const skip = e2eSkipReason();

describe('the administration console in chromium', { skip }, () => {
  let h: ConsoleHarness;

  before(async () => {
    h = await startConsoleHarness();
  });

  after(async () => {
    await h?.close();
  });

  const withPage = (work: (page: Page) => Promise<void>) => h.withPage(work);

  /**
   * Opens an antd select and picks the option with this text (a multiple select stays open:
   * `close` clicks away; `search` types it first), then checks that its form field shows the
   * choice: under load a click on a list still opening can be lost, so a lost pick is tried again.
   */
  async function choose(page: Page, select: Locator, text: string, close?: Locator, search = false): Promise<void> {
    const field = page.locator('.ant-form-item').filter({ has: select }).first();
    for (let attempt = 1; ; attempt++) {
      await pick(page, select, text, close, search);
      if ((await field.count()) === 0) return;
      try {
        await field.getByText(text).first().waitFor({ timeout: 3_000 });
        return;
      } catch (error) {
        if (attempt === 2) throw error;
      }
    }
  }

  async function pick(page: Page, select: Locator, text: string, close: Locator | undefined, search: boolean): Promise<void> {
    await select.click();
    // A long list renders only the options in view: a searchable one is narrowed by typing first.
    if (search) await select.locator('input').fill(text);
    await page.locator('.ant-select-dropdown >> visible=true').locator('.ant-select-item-option').filter({ hasText: text }).first().click();
    if (close) await close.click();
    // The list closes with an animation; until it is gone it covers what lies below it. On a
    // loaded machine a list caught mid-animation may stay open after the pick: Escape closes it.
    const open = page.locator('.ant-select-dropdown >> visible=true');
    await open.waitFor({ state: 'hidden', timeout: 5_000 }).catch(async () => {
      await page.keyboard.press('Escape');
      await open.waitFor({ state: 'hidden' });
    });
  }

  const admin = () => h.t.as('admin');

  it('refuses the administration pages to a non-admin', async () => {
    await withPage(async (page) => {
      await signIn(page, 'agent', '/admin/users');
      await page.waitForURL('**/admin/users');
      await page.getByText('您的角色无权访问此页面').waitFor();
      assert.equal(await page.getByTestId('users-table').count(), 0);
    });
  });

  it('creates a user, showing a taken username on its field, and the user can sign in', async () => {
    await withPage(async (page) => {
      await signIn(page, 'admin', '/admin');
      await page.waitForURL('**/admin/users');
      await page.getByTestId('users-table').getByText('李座席').waitFor();
      await page.getByRole('button', { name: '新建用户' }).click();
      const dialog = page.getByRole('dialog');
      // Client-side rules first: a short password is refused before anything is sent.
      await dialog.getByLabel('用户名').fill('agent');
      await dialog.getByLabel('姓名').fill('周新人');
      await dialog.getByLabel('初始密码').fill('short');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.getByText('密码长度为 8 到 200 个字符').waitFor();
      await dialog.getByLabel('初始密码').fill('new-user-password-1');
      await choose(page, dialog.getByLabel('角色'), '处理人员');
      await choose(page, dialog.getByLabel('所属部门'), '退款组', dialog.locator('.ant-modal-title'));
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      // The server's refusal lands on the field it names.
      await dialog.getByText('已被占用').waitFor();
      await dialog.getByLabel('用户名').fill('zhou.xin');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'detached' });
      const row = page.getByTestId('users-table').locator('.ant-table-row').filter({ hasText: 'zhou.xin' });
      await row.getByText('周新人').waitFor();
      await row.getByText('退款组').waitFor();
      // Filters live in the URL.
      await page.getByPlaceholder('搜索用户名或姓名').fill('zhou');
      await page.getByPlaceholder('搜索用户名或姓名').press('Enter');
      await page.waitForURL(/q=zhou/);
      await page.getByTestId('users-table').getByText('李座席').waitFor({ state: 'detached' });
      assert.equal(await page.getByTestId('users-table').locator('.ant-table-row').count(), 1);
    });
    const signedIn = await h.t.anonymous.post<{ user: { role: string; displayName: string } }>('/api/v1/auth/login', { username: 'zhou.xin', password: 'new-user-password-1' });
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
    assert.equal(signedIn.body.user.role, 'handler');
    assert.equal(signedIn.body.user.displayName, '周新人');
  });

  it('adds a member to a department from its members drawer', async () => {
    await withPage(async (page) => {
      await signIn(page, 'admin', '/admin/departments');
      await page.getByTestId('members-refunds').click();
      await page.waitForURL(/\/admin\/departments\/[^/]+$/);
      const drawer = page.getByTestId('members-drawer');
      await drawer.getByText('张处理').waitFor();
      await choose(page, drawer.getByTestId('add-member-select'), '陈班长');
      await drawer.getByRole('button', { name: '加入部门' }).click();
      await drawer.getByTestId('members-table').getByText('陈班长').waitFor();
    });
    const members = await admin().get<{ items: Array<{ username: string }> }>('/api/v1/departments/refunds/members');
    assert.ok(members.body.items.some((m) => m.username === 'lead'), JSON.stringify(members.body));
  });

  it('sets the classification of tickets from channels that cannot classify, which an e-mail ticket then gets', async () => {
    const names = async (path: string, code: string) =>
      (await admin().get<{ items: Array<{ code: string; name: string; children?: unknown[] }> }>(`/api/v1/${path}`)).body.items.find((i) => i.code === code)!.name;
    const [inquiry, presales, low] = [await names('categories', 'inquiry'), await names('service-items', 'mall_presales'), await names('priorities', 'low')];
    await withPage(async (page) => {
      await signIn(page, 'admin', '/admin/categories');
      const card = page.getByTestId('intake-defaults-setting');
      // The demo's defaults show first: 其他 / 其他 / 中.
      await card.getByTestId('intake-priority').getByText('中', { exact: true }).waitFor();
      await choose(page, card.getByTestId('intake-category'), inquiry);
      await choose(page, card.getByTestId('intake-serviceItem'), presales, undefined, true);
      await choose(page, card.getByTestId('intake-priority'), low);
      await card.getByTestId('intake-save').click();
      await page.getByText('默认分类已保存').first().waitFor();
    });
    const email = await admin().post<{ category: { code: string }; serviceItem: { code: string }; priority: { code: string }; needsTriage: boolean }>('/api/v1/tickets', {
      title: '咨询发票开具',
      description: '客户来信询问电子发票如何开具。',
      channel: 'email',
    });
    assert.equal(email.status, 201, JSON.stringify(email.body));
    assert.deepEqual([email.body.category.code, email.body.serviceItem.code, email.body.priority.code, email.body.needsTriage], ['inquiry', 'mall_presales', 'low', true]);
  });

  it('sets how long a wait without a resume time lasts on the time-limit page, and clears it', async () => {
    const hours = async () => (await admin().get<{ waitReminderHours: number | null }>('/api/v1/settings')).body.waitReminderHours;
    await withPage(async (page) => {
      await signIn(page, 'admin', '/admin/sla-policies');
      const card = page.getByTestId('wait-reminder-setting');
      const input = card.locator('input');
      // The demo's default shows first.
      await card.locator('input[value="15"]').waitFor();
      await input.fill('8');
      await card.getByTestId('wait-reminder-save').click();
      await page.getByText('挂起自动恢复已保存').first().waitFor();
      assert.equal(await hours(), 8);
      await input.fill('');
      await card.getByTestId('wait-reminder-save').click();
      for (let i = 0; i < 50 && (await hours()) !== null; i++) await page.waitForTimeout(100);
    });
    assert.equal(await hours(), null);
    assert.equal((await admin().patch('/api/v1/settings', { waitReminderHours: 15 })).status, 200);
  });

  it('creates a service item under a parent with a form of two fields, which the new-ticket API then enforces', async () => {
    await withPage(async (page) => {
      await signIn(page, 'admin', '/admin/service-items/flights');
      await page.getByTestId('service-item-form').getByText('服务项目：机票').waitFor();
      await page.getByTestId('add-child').click();
      await page.waitForURL(/\/admin\/service-items\/new\?parent=/);
      const form = page.getByTestId('service-item-form');
      await form.getByText('新建服务项目').waitFor();
      await form.getByLabel('编码').fill('flights_baggage');
      await form.getByLabel('名称', { exact: true }).fill('行李问题');
      await form.getByLabel('英文名称').fill('Baggage');
      await form.getByLabel('需要答复客户').click();

      await form.getByRole('button', { name: '添加字段' }).click();
      await form.getByRole('button', { name: '添加字段' }).click();
      const first = form.getByTestId('builder-field').nth(0);
      const second = form.getByTestId('builder-field').nth(1);
      // Built in the wrong order on purpose, then moved.
      await first.getByLabel('字段键').fill('issueType');
      await first.getByLabel('标签', { exact: true }).fill('问题类型');
      await choose(page, first.getByLabel('类型'), '下拉选择');
      await first.getByLabel('必填').click();
      await first.getByRole('button', { name: '添加选项' }).click();
      await first.getByLabel('选项 1 的值').fill('lost');
      await first.getByLabel('选项 1 的显示名称').fill('行李丢失');
      await first.getByRole('button', { name: '添加选项' }).click();
      await first.getByLabel('选项 2 的值').fill('damaged');
      await first.getByLabel('选项 2 的显示名称').fill('行李损坏');
      await second.getByLabel('字段键').fill('baggageTag');
      await second.getByLabel('标签', { exact: true }).fill('行李牌号');
      await choose(page, second.getByLabel('类型'), '订单号');
      await second.getByRole('button', { name: '上移' }).click();
      assert.equal(await form.getByTestId('builder-field').nth(0).getByLabel('字段键').inputValue(), 'baggageTag');

      // The live preview shows the form as agents will fill it.
      const preview = page.getByTestId('form-preview');
      await preview.getByText('行李牌号').waitFor();
      await preview.getByText('问题类型').waitFor();
      await choose(page, preview.getByLabel('问题类型'), '行李损坏');
      await page.evaluate('window.scrollTo(0, 0)');
      await screenshot(page, 'admin-service-items.png');

      await page.getByTestId('save-service-item').click();
      await page.waitForURL((url) => /\/admin\/service-items\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/new'));
      await page.getByTestId('catalog-tree').locator('[data-code="flights_baggage"]').waitFor();
      await form.getByText('服务项目：行李问题').waitFor();
    });

    const item = await admin().get<{ parentId: string; needsReply: boolean; fields: unknown[] }>('/api/v1/service-items/flights_baggage');
    assert.equal(item.status, 200);
    const parent = await admin().get<Ref>('/api/v1/service-items/flights');
    assert.equal(item.body.parentId, parent.body.id);
    assert.equal(item.body.needsReply, true);
    assert.deepEqual(item.body.fields, [
      { key: 'baggageTag', label: '行李牌号', type: 'order_number', required: false },
      {
        key: 'issueType',
        label: '问题类型',
        type: 'select',
        required: true,
        options: [
          { value: 'lost', label: '行李丢失' },
          { value: 'damaged', label: '行李损坏' },
        ],
      },
    ]);

    const ticket = { title: '托运行李丢失', description: '客户航班落地后未找到托运行李。', category: 'inquiry', serviceItem: 'flights_baggage', priority: 'medium', customer: { name: '钱先生', phone: '13800002222' } };
    const missing = await h.t.as('agent').post<{ code: string; errors: Array<{ field: string }> }>('/api/v1/tickets', { ...ticket, fields: { baggageTag: 'MU-123456' } });
    assert.equal(missing.status, 422, JSON.stringify(missing.body));
    assert.ok(missing.body.errors.some((e) => e.field === 'fields.issueType'), JSON.stringify(missing.body));
    const complete = await h.t.as('agent').post('/api/v1/tickets', { ...ticket, fields: { baggageTag: 'MU-123456', issueType: 'lost' } });
    assert.equal(complete.status, 201, JSON.stringify(complete.body));
  });

  it('creates a routing rule, moves it up, and a new ticket lands in its department', async () => {
    const before = await admin().get<{ items: Array<{ id: string; name: string }> }>('/api/v1/routing-rules');
    await withPage(async (page) => {
      await signIn(page, 'admin', '/admin/routing-rules');
      const table = page.getByTestId('routing-table');
      await table.getByText('退款类 → 退款组').waitFor();
      await page.getByRole('button', { name: '新建规则' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('名称').fill('提到“发票” → 外协部');
      await choose(page, dialog.getByLabel('派往部门'), '外协部');
      const keywords = dialog.getByLabel('关键词');
      await keywords.fill('发票');
      await keywords.press('Enter');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'detached' });
      const row = table.locator('.ant-table-row').filter({ hasText: '提到“发票” → 外协部' });
      await row.getByText('关键词: 发票').waitFor();
      assert.equal(await table.locator('.ant-table-row').last().innerText().then((text) => text.includes('发票')), true, 'a new rule comes last');
      await row.getByRole('button', { name: '上移' }).click();
      await table.locator('.ant-table-row').nth(before.body.items.length - 1).filter({ hasText: '发票' }).waitFor();
    });
    const rules = await admin().get<{ items: Array<{ name: string; conditions: { keywords?: string[] } }> }>('/api/v1/routing-rules');
    const names = rules.body.items.map((r) => r.name);
    assert.equal(names.indexOf('提到“发票” → 外协部'), before.body.items.length - 1, names.join(' | '));
    const created = await h.t.as('agent').post<{ department: { code: string } | null }>('/api/v1/tickets', {
      title: '发票抬头开错了',
      description: '客户需要重新开具发票。',
      category: 'inquiry',
      serviceItem: 'other',
      priority: 'low',
      customer: { name: '孙女士', phone: '13800003333' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.department?.code, 'external_partners');
  });

  it('creates a calendar and imports a year of public holidays into it', async () => {
    await withPage(async (page) => {
      await signIn(page, 'admin', '/admin/calendars');
      await page.getByTestId('calendars-table').getByText('workdays_cn').waitFor();
      await page.getByRole('button', { name: '新建日历' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('编码').fill('hotline_cn');
      await dialog.getByLabel('名称').fill('热线日历');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await page.waitForURL(/\/admin\/calendars\/[^/]+$/);
      await page.getByTestId('week-editor').getByText('周一').waitFor();
      await page.getByTestId('holiday-list').getByText('暂无日期').waitFor();
      const importer = page.getByTestId('holiday-import');
      await importer.getByLabel('年份').fill('2026');
      await importer.getByRole('button', { name: /导\s*入/ }).click();
      const preview = page.getByTestId('import-preview');
      await preview.getByText(/已导入 2026 年：新增 \d+ 个节假日、\d+ 个调休工作日/).waitFor();
      await preview.locator('[data-date="2026-10-01"]').waitFor();
      // The calendar's own lists show the imported dates too.
      await page.getByTestId('holiday-list').locator('[data-date="2026-10-01"]').waitFor();
      await page.getByTestId('workday-list').locator('[data-date^="2026-"]').first().waitFor();
    });
    const calendar = await admin().get<{ holidays: string[]; workdays: string[]; week: Record<string, unknown[]> }>('/api/v1/calendars/hotline_cn');
    assert.ok(calendar.body.holidays.includes('2026-10-01'), calendar.body.holidays.join(','));
    assert.ok(calendar.body.workdays.length > 0);
    assert.equal(calendar.body.week.mon?.length, 2, 'office hours by default');
  });

  it("shows the server's refusal of overlapping hours under the interval, in Chinese", async () => {
    const created = await admin().post<{ id: string }>('/api/v1/calendars', {
      code: 'overlap_cn',
      name: '重叠日历',
      week: { mon: [['09:00', '12:00'], ['13:30', '18:00']] },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await withPage(async (page) => {
      await signIn(page, 'admin', `/admin/calendars/${created.body.id}`);
      const monday = page.getByTestId('week-editor').locator('div').filter({ hasText: '周一' }).first();
      const starts = monday.getByLabel('开始时间');
      await starts.nth(1).fill('11:00');
      await page.getByRole('button', { name: /^保\s?存$/ }).click();
      // The second interval starts inside the first: the form cannot see it, the server words it.
      await monday.locator('.ant-form-item-explain-error').getByText('与 09:00–12:00 重叠').waitFor();
    });
    const calendar = await admin().get<{ week: Record<string, string[][]> }>('/api/v1/calendars/overlap_cn');
    assert.deepEqual(calendar.body.week.mon?.[1]?.[0], '13:30', 'nothing was saved');
  });

  it("edits a time-limit policy's target and keeps its escalation chain as it was", async () => {
    const name = '投诉 · 复杂（24 小时，电商投诉预警链）';
    type Policy = { id: string; targets: Record<string, { minutes: number }>; match: unknown; calendar: unknown; extensions: unknown };
    const before = (await admin().get<Policy>(`/api/v1/sla-policies/${encodeURIComponent(name)}`)).body;
    await withPage(async (page) => {
      await signIn(page, 'admin', '/admin/sla-policies');
      await page.getByTestId('sla-table').getByRole('link', { name }).click();
      await page.waitForURL(`**/admin/sla-policies/${before.id}`);
      const handling = page.getByTestId('target-handling');
      await handling.getByText('第 6 级').waitFor();
      const minutes = page.getByTestId('minutes-handling');
      assert.equal(await minutes.inputValue(), '1440');
      await minutes.fill('1500');
      await page.getByTestId('save-sla-policy').click();
      await page.getByTestId('minutes-handling').and(page.locator('[value="1500"]')).waitFor();
      await page.getByRole('link', { name: '时限与升级' }).click();
      await page.getByTestId('sla-table').locator('.ant-table-row').filter({ hasText: name }).getByText(/处理 1天\s?1小时/).waitFor();
      // Working minutes read as working hours: the standard policy's 960 and 2,400 are two and five working days, not 16 hours and 1 day 16 hours.
      const standard = page.getByTestId('sla-table').locator('.ant-table-row').filter({ hasText: '标准时限（工作日）' });
      await standard.getByText('处理 16工作小时').waitFor();
      await standard.getByText('整单 40工作小时').waitFor();
    });
    const after = (await admin().get<Policy>(`/api/v1/sla-policies/${before.id}`)).body;
    assert.equal(after.targets.handling?.minutes, 1500);
    assert.deepEqual({ ...after.targets, handling: { ...after.targets.handling, minutes: 1440 } }, before.targets, 'the rest of the targets, escalation included, is unchanged');
    assert.deepEqual([after.match, after.calendar, after.extensions], [before.match, before.calendar, before.extensions]);
  });

  it('takes no more warning points than the server keeps (ten of each kind)', async () => {
    const policy = (await admin().get<{ id: string }>(`/api/v1/sla-policies/${encodeURIComponent('标准时限（工作日）')}`)).body;
    await withPage(async (page) => {
      await signIn(page, 'admin', `/admin/sla-policies/${policy.id}`);
      const percent = page.getByTestId('target-handling').locator('.ant-form-item').filter({ hasText: '用时百分比预警' });
      await percent.locator('input').click();
      for (let value = 50; value <= 61; value++) {
        await page.keyboard.type(String(value));
        await page.keyboard.press('Enter');
      }
      assert.equal(await percent.locator('.ant-select-selection-item').count(), 10);
    });
  });

  it("asks for a category's order when an edit empties it, instead of keeping the old one without a word", async () => {
    await withPage(async (page) => {
      await signIn(page, 'admin', '/admin/categories');
      const row = page.getByTestId('categories-table').locator('.ant-table-row').filter({ hasText: 'suggestion' });
      await row.getByRole('button', { name: /编\s?辑/ }).click();
      const form = page.getByTestId('categories-form');
      await form.locator('#order').fill('');
      await page.getByRole('dialog').getByRole('button', { name: /^保\s?存$/ }).click();
      await form.getByText('必填').waitFor();
    });
  });

  /** Opens the edit dialog of the user with this username from the users page. */
  async function editUser(page: Page, username: string): Promise<Locator> {
    await signIn(page, 'admin', `/admin/users?q=${username}`);
    await page.getByTestId('users-table').locator('.ant-table-row').filter({ hasText: username }).getByRole('button', { name: '编辑' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('姓名').waitFor();
    return dialog;
  }

  it('renames a user who is also in a department deactivated since, shown by name and marked', async () => {
    assert.equal((await admin().post('/api/v1/departments', { code: 'winding_down', name: '收尾组' })).status, 201);
    const created = await admin().post<{ id: string }>('/api/v1/users', { username: 'shou.wei', displayName: '收尾人', password: 'winding-down-1', role: 'handler', departments: ['refunds', 'winding_down'] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal((await admin().patch('/api/v1/departments/winding_down', { active: false })).status, 200);
    await withPage(async (page) => {
      const dialog = await editUser(page, 'shou.wei');
      await dialog.getByText('收尾组（已停用）').waitFor();
      await dialog.getByLabel('姓名').fill('收尾人（改）');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'detached' });
    });
    const after = (await admin().get<{ displayName: string; departments: string[] }>(`/api/v1/users/${created.body.id}`)).body;
    assert.equal(after.displayName, '收尾人（改）');
    assert.equal(after.departments.length, 2, 'still in both departments');
  });

  it('renaming a user keeps the duty switch they turned off meanwhile', async () => {
    const created = await admin().post<{ id: string }>('/api/v1/users', { username: 'zai.gang', displayName: '在岗人', password: 'on-duty-pass-1', role: 'handler', departments: ['refunds'] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const own = h.t.as(await h.t.tokenFor(created.body.id));
    await withPage(async (page) => {
      const dialog = await editUser(page, 'zai.gang');
      assert.equal((await own.patch('/api/v1/users/zai.gang', { onDuty: false })).status, 200);
      await dialog.getByLabel('姓名').fill('在岗人（改）');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'detached' });
    });
    const after = (await admin().get<{ displayName: string; onDuty: boolean }>(`/api/v1/users/${created.body.id}`)).body;
    assert.deepEqual([after.displayName, after.onDuty], ['在岗人（改）', false]);
  });

  it('shows a user deactivated since by name in an escalation chain, and the policy still saves', async () => {
    const created = await admin().post('/api/v1/users', { username: 'sheng.ji', displayName: '升级联系人', password: 'escalation-pass-1', role: 'supervisor' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const escalation = [{ afterMinutes: 30, actions: [{ type: 'notify', recipients: [{ user: 'sheng.ji' }] }] }];
    const policy = await admin().post<{ id: string }>('/api/v1/sla-policies', { name: '离任联系人策略', match: { category: ['suggestion'] }, targets: { resolution: { minutes: 600, escalation } } });
    assert.equal(policy.status, 201, JSON.stringify(policy.body));
    assert.equal((await admin().patch('/api/v1/users/sheng.ji', { active: false })).status, 200);
    await withPage(async (page) => {
      await signIn(page, 'admin', `/admin/sla-policies/${policy.body.id}`);
      await page.getByTestId('escalation-resolution').getByText('升级联系人 (sheng.ji)（已停用）').waitFor();
      await page.getByTestId('minutes-resolution').fill('700');
      const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/v1/sla-policies/'));
      await page.getByTestId('save-sla-policy').click();
      assert.equal((await saved).status(), 200);
    });
    const after = (await admin().get<{ targets: { resolution: { minutes: number } } }>(`/api/v1/sla-policies/${policy.body.id}`)).body;
    assert.equal(after.targets.resolution.minutes, 700);
  });

  it('creates an API token shown once, which works until it is revoked', async () => {
    let token = '';
    await withPage(async (page) => {
      await signIn(page, 'admin', '/admin/tokens');
      await page.getByRole('button', { name: '新建令牌' }).click();
      await page.getByRole('dialog').getByLabel('令牌名称').fill('报表脚本');
      await page.getByRole('dialog').getByRole('button', { name: /生\s*成/ }).click();
      const shown = page.getByTestId('new-token');
      await shown.waitFor();
      await page.getByText('令牌只显示这一次').waitFor();
      token = await shown.inputValue();
      assert.ok(token.length > 20, token);
      const me = await h.t.as(token).get<{ user: { username: string } }>('/api/v1/auth/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.user.username, 'admin');
      await page.getByRole('button', { name: '我已保存' }).click();
      const row = page.getByTestId('tokens-table').locator('.ant-table-row').filter({ hasText: '报表脚本' });
      await row.getByText('启用').waitFor();
      await row.getByRole('button', { name: '吊销' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
      await row.getByText(/^已吊销/).waitFor();
    });
    const refused = await h.t.as(token).get('/api/v1/auth/me');
    assert.equal(refused.status, 401);
  });

  it("keeps a department given to a user meanwhile when the members drawer adds or removes them", async () => {
    const created = await admin().post<{ id: string }>('/api/v1/users', { username: 'wu.bingfa', displayName: '吴并发', password: 'concurrent-pass-1', role: 'agent', departments: [] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const departments = (await admin().get<{ items: Ref[] }>('/api/v1/departments')).body.items;
    const [refunds, partners] = ['refunds', 'external_partners'].map((code) => departments.find((d) => d.code === code)!.id);
    const departmentsOf = async () => (await admin().get<{ departments: string[] }>(`/api/v1/users/${created.body.id}`)).body.departments;
    await withPage(async (page) => {
      await signIn(page, 'admin', '/admin/departments/refunds');
      const drawer = page.getByTestId('members-drawer');
      await drawer.getByText('张处理').waitFor();
      // The drawer has read the user without a department; another administrator gives them one.
      assert.equal((await admin().patch(`/api/v1/users/${created.body.id}`, { departments: ['external_partners'] })).status, 200);
      await choose(page, drawer.getByTestId('add-member-select'), '吴并发');
      await drawer.getByRole('button', { name: '加入部门' }).click();
      const row = drawer.getByTestId('members-table').locator('.ant-table-row').filter({ hasText: '吴并发' });
      await row.waitFor();
      assert.deepEqual((await departmentsOf()).sort(), [refunds, partners].sort(), 'the department given meanwhile is kept');
      // And the other way round: a removal does not bring back a department taken away meanwhile.
      assert.equal((await admin().patch(`/api/v1/users/${created.body.id}`, { departments: ['refunds'] })).status, 200);
      await row.getByRole('button', { name: '移出' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
      await row.waitFor({ state: 'detached' });
    });
    assert.deepEqual(await departmentsOf(), []);
  });

  it('reads the routing rules again after a move refused because a rule was added meanwhile, and the next move works', async () => {
    await withPage(async (page) => {
      await signIn(page, 'admin', '/admin/routing-rules');
      const table = page.getByTestId('routing-table');
      await table.getByText('退款类 → 退款组').waitFor();
      const added = await admin().post<{ id: string }>('/api/v1/routing-rules', { name: '同时新增的规则', department: 'refunds', conditions: { keywords: ['同时新增专用词'] } });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      const move = (row: Locator, name: string) => Promise.all([page.waitForResponse((r) => r.url().endsWith('/routing-rules/order')).then((r) => r.status()), row.getByRole('button', { name }).click()]);
      const [refused] = await move(table.locator('.ant-table-row').nth(1), '上移');
      assert.equal(refused, 409);
      const row = table.locator('.ant-table-row').filter({ hasText: '同时新增的规则' });
      await row.waitFor({ timeout: 5_000 });
      // The list read again, moves are accepted: up and back down, leaving the order as it was.
      assert.equal((await move(row, '上移'))[0], 200);
      assert.equal((await move(row, '下移'))[0], 200);
      assert.equal((await admin().delete(`/api/v1/routing-rules/${added.body.id}`)).status, 204);
    });
  });

  it("shows a routing rule's channel condition by the channel's name", async () => {
    const added = await admin().post<{ id: string }>('/api/v1/routing-rules', { name: '邮件来的专用词', department: 'refunds', conditions: { channels: ['email'], keywords: ['邮件专用词'] } });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    await withPage(async (page) => {
      await signIn(page, 'admin', '/admin/routing-rules');
      await page.getByTestId('routing-table').locator('.ant-table-row').filter({ hasText: '邮件来的专用词' }).getByText('渠道: 邮件', { exact: true }).waitFor();
    });
    assert.equal((await admin().delete(`/api/v1/routing-rules/${added.body.id}`)).status, 204);
  });

  it('sets the dispatch department, whose supervisors hear of time limits running out before dispatch, next to the difficult-case one', async () => {
    const dispatchDepartment = async () => (await admin().get<{ dispatchDepartmentId: string | null }>('/api/v1/settings')).body.dispatchDepartmentId;
    const departments = await admin().get<{ items: Array<{ id: string; code: string }> }>('/api/v1/departments');
    const id = (code: string) => departments.body.items.find((d) => d.code === code)!.id;
    assert.equal(await dispatchDepartment(), id('call_center'), 'the demo organisation dispatches from the call centre');
    await withPage(async (page) => {
      await signIn(page, 'admin', '/admin/departments');
      const setting = page.getByTestId('dispatchDepartment-setting');
      await setting.getByText('呼叫中心').waitFor();
      await page.getByTestId('difficultCaseDepartment-setting').getByText('售后/疑难组').waitFor();
      await choose(page, setting.getByRole('combobox'), '内控部');
      await setting.getByRole('button', { name: /^保\s?存$/ }).click();
    });
    for (let tries = 0; (await dispatchDepartment()) !== id('internal_control') && tries < 50; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(await dispatchDepartment(), id('internal_control'));
    assert.equal((await admin().patch('/api/v1/settings', { dispatchDepartment: 'call_center' })).status, 200);
  });

  it('tells where the setting is when deactivating the priority new e-mail tickets get by default is refused', async () => {
    const settings = await admin().get<{ intakeDefaults: { priorityId: string } }>('/api/v1/settings');
    const priorities = await admin().get<{ items: Array<{ id: string; name: string }> }>('/api/v1/priorities');
    const name = priorities.body.items.find((p) => p.id === settings.body.intakeDefaults.priorityId)!.name;
    await withPage(async (page) => {
      await signIn(page, 'admin', '/admin/priorities');
      const row = page.getByTestId('priorities-table').locator('.ant-table-row').filter({ has: page.getByText(name, { exact: true }) });
      await row.getByRole('button', { name: '停用' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
      const text = await page.locator('.ant-notification-notice').first().innerText();
      assert.match(text, /「工单分类」页/, text);
      assert.doesNotMatch(text, /本页|部门与成员/, text);
    });
  });
});
