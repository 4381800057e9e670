import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { fireDueDeadlines } from '../../src/sla/use-cases/fire-due-deadlines.js';
import { e2eSkipReason, menuEntries, screenshot, signIn, startConsoleHarness, waitUntil, type ConsoleHarness } from '../support/console-e2e.js';

/**
 * The web console in a real browser (issue 5): signing in as several roles, the menu each
 * gets, the ticket list and its search, the ticket page and its timeline, the language switch,
 * signing out, and deep links. Screenshots go to docs/screenshots/.
 */

interface CreatedTicket {
  id: string;
  number: string;
  title: string;
  version: number;
}

const TICKETS = [
  {
    title: '退货后一直没有退款',
    description: '客户来电：订单已退货两周，退款仍未到账，要求尽快处理。',
    category: 'refund',
    serviceItem: 'mall_aftersales',
    priority: 'high',
    customer: { name: '陈女士', phone: '+86 138 0013 8000' },
    fields: { orderNumber: 'JD-2026-778899', amount: 299.5 },
  },
  {
    title: '宽带无法上网，光猫红灯闪烁',
    description: '客户家中宽带从昨晚开始无法上网，光猫 LOS 灯红灯闪烁，已重启无效。',
    category: 'fault',
    serviceItem: 'other',
    priority: 'urgent',
    customer: { name: '郑伟', phone: '13600001002' },
    // Recorded last Friday: its time limits have run out.
    recordedAt: '2026-11-20T01:30:00.000Z',
  },
  {
    title: '机票改签手续费咨询',
    description: '客户询问 MU5101 航班改签到后天需要多少手续费。',
    category: 'inquiry',
    serviceItem: 'flights_change',
    priority: 'medium',
    customer: { name: '黄晓燕', phone: '13600001001' },
    fields: { flightNumber: 'MU5101', orderNumber: 'FL-2026-1123' },
  },
  {
    title: '鲜花未按时送达，客户投诉',
    description: '订单约定上午十点前送达，实际下午两点才送到，客户要求赔偿。',
    category: 'complaint',
    serviceItem: 'flowers',
    priority: 'high',
    customer: { name: '刘先生', phone: '13700001234' },
    fields: { orderNumber: 'FL-2026-5566' },
    // Recorded 25 minutes ago: the 30-minute first response is about to run out.
    recordedAt: '2026-11-23T01:05:00.000Z',
  },
  {
    title: '手机充值未到账',
    description: '客户充值一百元话费，两小时后仍未到账。',
    category: 'service_request',
    serviceItem: 'mobile_topup',
    priority: 'medium',
    customer: { name: '王女士', phone: '13900001234' },
    fields: { mobile: '13900001234', amount: 100 },
  },
];

const skip = e2eSkipReason();

describe('the web console in chromium', { skip }, () => {
  let h: ConsoleHarness;
  const created: CreatedTicket[] = [];
  let refund: CreatedTicket;

  before(async () => {
    h = await startConsoleHarness();
    const agent = h.t.as('agent');
    const now = h.t.clock.now();
    for (const { recordedAt, ...body } of TICKETS) {
      h.t.clock.set(recordedAt ?? now);
      const response = await agent.post<CreatedTicket>('/api/v1/tickets', body);
      assert.equal(response.status, 201, JSON.stringify(response.body));
      created.push(response.body);
    }
    h.t.clock.set(now);
    // What the sweeper of a running server would have fired by now: warnings and breaches.
    await fireDueDeadlines(h.t.ctx);
    refund = created[0]!;
    // A few steps, so the ticket page has a timeline to show.
    const handler = h.t.as('handler');
    assert.equal((await handler.post(`/api/v1/tickets/${refund.id}/accept`, {})).status, 200);
    assert.equal((await handler.post(`/api/v1/tickets/${refund.id}/note`, { content: '已联系仓库核实退货签收，等待财务确认。', internal: true })).status, 200);
  });

  after(async () => {
    await h?.close();
  });

  const withPage = (work: (page: Page) => Promise<void>, locale?: string) => h.withPage(work, { locale });

  it('shows the sign-in page in Chinese and refuses a wrong password in the same language', async () => {
    await withPage(async (page) => {
      await page.goto('/');
      await page.waitForURL('**/login');
      await page.getByRole('heading', { name: '登录工单系统' }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
      await screenshot(page, 'sign-in.png');
      await page.getByLabel('用户名').fill('admin');
      await page.getByLabel('密码').fill('not-the-password');
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByTestId('login-error').getByText('用户名或密码错误').waitFor();
      assert.match(new URL(page.url()).pathname, /^\/login/);
    });
  });

  it('gives each role the menu it may use', async () => {
    const expected = {
      admin: { menu: ['工单列表', '新建工单', '客户', '看板', '通知', '审计日志', '数据导入', '系统管理'], name: '系统管理员', role: '管理员' },
      agent: { menu: ['工单列表', '新建工单', '客户', '通知'], name: '李座席', role: '座席' },
      handler: { menu: ['工单列表', '新建工单', '客户', '通知'], name: '张处理', role: '处理人员' },
    } as const;
    for (const [user, { menu, role }] of Object.entries(expected) as Array<[keyof typeof expected, (typeof expected)[keyof typeof expected]]>) {
      await withPage(async (page) => {
        await signIn(page, user);
        assert.deepEqual(await menuEntries(page), menu, `${user}'s menu`);
        const header = await page.getByTestId('current-user').innerText();
        assert.ok(header.includes(role), `${user}'s header names the role: ${header}`);
        if (user === 'handler') {
          // A handler starts on the department queue: the refund ticket was accepted, so it is under "mine".
          await page.getByTestId('queue-mine').click();
          await page.getByRole('link', { name: refund.number }).waitFor();
          assert.match(page.url(), /queue=mine/);
        }
        if (user === 'agent') {
          await page.getByTestId('side-menu').getByRole('menuitem', { name: '新建工单' }).click();
          await page.waitForURL('**/tickets/new');
        }
      });
    }
  });

  it('lists the tickets, searches them, and opens one at /tickets/<number> with its timeline', async () => {
    await withPage(async (page) => {
      await signIn(page, 'admin');
      const table = page.getByTestId('ticket-table');
      for (const ticket of created) await table.getByText(ticket.title, { exact: true }).waitFor();
      await page.getByTestId('ticket-count').getByText(`已全部加载，共 ${created.length} 条`).waitFor();
      // Time limits run on the demo policies: the column counts down, coloured by state.
      const slaStates = await table.locator('[data-sla-state]').evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-sla-state')));
      assert.ok(slaStates.includes('breached') && slaStates.includes('warned') && slaStates.includes('running'), slaStates.join(', '));
      const overdue = table.locator('.ant-table-row').filter({ hasText: '光猫红灯闪烁' }).locator('[data-sla-state]');
      assert.match(await overdue.innerText(), /^超时 /);
      await screenshot(page, 'queue.png');

      const search = page.getByPlaceholder(/搜索工单号/);
      await search.fill('退款');
      await search.press('Enter');
      await page.waitForURL(/q=%E9%80%80%E6%AC%BE/);
      await table.getByRole('link', { name: refund.number }).waitFor();
      await table.getByText('宽带无法上网，光猫红灯闪烁').waitFor({ state: 'detached' });
      assert.equal(await table.getByTestId('ticket-link').count(), 1, 'only the refund ticket matches 退款');

      // Filters live in the URL: a status filter survives a reload.
      await page.goto('/tickets?status=in_progress');
      await table.getByRole('link', { name: refund.number }).waitFor();
      assert.equal(await table.getByTestId('ticket-link').count(), 1, 'only the accepted ticket is in progress');

      await table.getByText(refund.title).click();
      await page.waitForURL(`**/tickets/${refund.number}`);
      await page.getByTestId('ticket-title').getByText(refund.title).waitFor();
      const timeline = page.getByTestId('ticket-timeline');
      await timeline.getByText('已联系仓库核实退货签收，等待财务确认。').waitFor();
      const types = await timeline.getByTestId('timeline-event').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-event-type')));
      assert.deepEqual(types.slice(0, 1), ['ticket.created']);
      assert.ok(types.includes('ticket.accepted') && types.includes('ticket.note_added'), types.join(', '));
      await page.getByTestId('ticket-fields').getByText('JD-2026-778899').waitFor();
      await page.getByTestId('ticket-time-limits').locator('[data-sla-state]').first().waitFor();
      // Back to the list as it was left: the filter holds.
      await page.getByRole('link', { name: /返回工单列表/ }).click();
      await page.waitForURL(/\/tickets\?status=in_progress$/);
      await table.getByRole('link', { name: refund.number }).waitFor();
    });
  });

  it('sorts, shows the overdue and due-soon tickets, acts on a selection and saves it as a view', async () => {
    await withPage(async (page) => {
      await signIn(page, 'admin');
      const table = page.getByTestId('ticket-table');
      // The list first, so no control is re-rendered under the pointer while the page settles.
      await table.getByText(created[0]!.title).waitFor();

      await page.getByRole('combobox', { name: '排序' }).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="优先级从高到低"]').click();
      await page.waitForURL(/sort=priority/);
      await table.locator('.ant-table-row').first().getByText('宽带无法上网，光猫红灯闪烁').waitFor();

      await page.getByTestId('queue-overdue').click();
      await page.waitForURL(/queue=overdue/);
      await table.getByText('宽带无法上网，光猫红灯闪烁').waitFor();
      await table.getByText('手机充值未到账').waitFor({ state: 'detached' });
      assert.equal(await table.getByTestId('ticket-link').count(), 1, 'only the ticket recorded last Friday is overdue');
      await page.getByTestId('queue-warned').click();
      await table.getByText('鲜花未按时送达，客户投诉').waitFor();
      await table.getByText('宽带无法上网，光猫红灯闪烁').waitFor({ state: 'detached' });
      assert.equal(await table.getByTestId('ticket-link').count(), 1, 'only the flowers complaint is about to run out');

      // Three tickets transferred to the refunds group at once: the one still awaiting dispatch cannot be.
      await page.getByTestId('queue-all').click();
      const picked = [created[1]!, created[3]!];
      const undispatched = created[2]!;
      for (const ticket of [...picked, undispatched]) await table.locator('.ant-table-row').filter({ hasText: ticket.title }).getByRole('checkbox').check();
      await page.getByTestId('batch-bar').getByText('已选 3 条').waitFor();
      await page.getByTestId('batch-transfer').click();
      const dialog = page.getByRole('dialog');
      // Under load a click on a list still opening can be lost: the dialog must show the choice.
      for (let attempt = 0; (await dialog.getByText('退款组', { exact: true }).count()) === 0 && attempt < 3; attempt++) {
        await dialog.getByRole('combobox', { name: '流转到部门' }).click();
        await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="退款组"]').click();
      }
      await dialog.getByLabel('流转原因').fill('客户要求退款，转退款组统一处理');
      await dialog.getByRole('button', { name: /确\s*定/ }).click();
      // Whatever the batch came to (or what the dialog refused) is named if it is not the expected result.
      const outcome = page.locator('.ant-message-notice').filter({ hasText: '条成功' }).or(dialog.locator('.ant-form-item-explain-error, .ant-alert'));
      await outcome.first().waitFor();
      assert.match(await outcome.first().innerText(), /2 条成功，1 条未处理/);
      const failures = page.getByTestId('batch-failures');
      await failures.getByText(undispatched.number).waitFor();
      await failures.getByText('工单当前状态不允许此操作').waitFor();
      await page.keyboard.press('Escape');
      const admin = h.t.as('admin');
      for (const ticket of picked) {
        const after = await admin.get<{ department: { code: string } | null; version: number }>(`/api/v1/tickets/${ticket.id}`);
        assert.equal(after.body.department?.code, 'refunds', `${ticket.number} is in the refunds group`);
      }

      // The department filter, kept as a view and chosen again later.
      await page.goto('/tickets?department=refunds');
      for (const ticket of picked) await table.getByText(ticket.title).waitFor();
      await page.getByTestId('view-save').click();
      // Click once the dialog has finished opening (antd's zoom-in): in a clean-clone run under load
      // a click during the motion was lost, and the view never saved.
      await page.locator('.ant-modal:not([class*="ant-zoom-"])').filter({ has: page.getByTestId('view-name') }).waitFor();
      await page.getByTestId('view-name').fill('退款组工单');
      await page.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }).click();
      await page.getByText('视图“退款组工单”已保存').waitFor();
      await page.waitForURL(/view=/);
      const views = await admin.get<{ items: Array<{ name: string; filters: { department?: string[] } }> }>('/api/v1/views');
      const saved = views.body.items.find((view) => view.name === '退款组工单');
      assert.deepEqual(saved?.filters.department, ['refunds']);
      await page.goto('/tickets');
      await page.getByRole('combobox', { name: '视图' }).click();
      await page.locator('.ant-select-item-option').filter({ hasText: '退款组工单' }).click();
      await page.waitForURL(/view=/);
      for (const ticket of picked) await table.getByText(ticket.title).waitFor();
      assert.ok((await table.getByTestId('ticket-link').count()) >= picked.length);
      await table.getByText(undispatched.title).waitFor({ state: 'detached' });
    });
  });

  it('exports the list as it is filtered to a CSV file that Excel opens, named by the server', async () => {
    await withPage(async (page) => {
      await signIn(page, 'admin', `/tickets?q=${encodeURIComponent('光猫红灯')}`);
      await page.getByTestId('ticket-table').locator('.ant-table-row').first().waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
      assert.match(download.suggestedFilename(), /^工单-\d{8}-\d{4}\.csv$/);
      const text = (await readFile(await download.path())).toString('utf8');
      assert.ok(text.startsWith('\uFEFF'), 'a byte-order mark, for Excel');
      const [header, ...rows] = text.slice(1).trimEnd().split('\r\n');
      assert.match(header!, /^工单编号,/);
      assert.ok(rows.length >= 1 && rows.length < created.length, `only the search's tickets: ${rows.length} of ${created.length}`);
      assert.ok(rows.every((row) => row.includes('光猫')), rows.join('\n'));
    });
  });

  it('switches to English and back, and remembers the choice across a reload', async () => {
    await withPage(async (page) => {
      await signIn(page, 'admin');
      await page.getByTestId('language-switch').click();
      await page.getByRole('menuitem', { name: 'English' }).click();
      // The English texts are fetched on demand: the switch is done once they are here.
      await page.getByTestId('side-menu').getByRole('menuitem', { name: 'Tickets' }).waitFor();
      assert.deepEqual(await menuEntries(page), ['Tickets', 'New ticket', 'Customers', 'Board', 'Notifications', 'Audit log', 'Import', 'Administration']);
      await page.getByRole('columnheader', { name: 'Time limit' }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      await page.reload();
      assert.deepEqual(await menuEntries(page), ['Tickets', 'New ticket', 'Customers', 'Board', 'Notifications', 'Audit log', 'Import', 'Administration']);
      // antd's own texts follow the language too (its locale): an empty Select says so in English.
      await page.getByRole('combobox', { name: 'Status' }).click();
      await page.getByRole('combobox', { name: 'Status' }).fill('zzz');
      await page.locator('.ant-empty-description').getByText('No data').waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('language-switch').click();
      await page.getByRole('menuitem', { name: '简体中文' }).click();
      assert.deepEqual(await menuEntries(page), ['工单列表', '新建工单', '客户', '看板', '通知', '审计日志', '数据导入', '系统管理']);
      await page.reload();
      assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    });
  });

  it('after signing in goes back to the page that asked, and never to another site', async () => {
    await withPage(async (page) => {
      await signIn(page, 'agent', '/tickets?tab=mine');
      assert.equal(new URL(page.url()).search, '?tab=mine');
    });
    await withPage(async (page) => {
      // A browser reads /\evil.example as //evil.example, another site.
      await signIn(page, 'agent', '/\\evil.example');
      assert.equal(new URL(page.url()).pathname, '/tickets');
    });
  });

  it('signs out to the sign-in page, after which the console asks to sign in again', async () => {
    await withPage(async (page) => {
      await signIn(page, 'agent');
      await page.getByRole('button', { name: /退出登录/ }).click();
      await page.waitForURL('**/login');
      // The form shows once the server has ended the session (a spinner until then).
      await page.getByLabel('用户名').waitFor();
      await page.goto('/tickets');
      await page.waitForURL(/\/login\?next=%2Ftickets/);
      const me = await page.request.get('/api/v1/auth/me');
      assert.equal(me.status(), 401, 'the session is over on the server too');
    });
  });

  it('lets anyone change their own password from the header, asking for the current one first', async () => {
    const created = await h.t.as('admin').post('/api/v1/users', { username: 'night.agent', displayName: '夜班座席', password: 'night-shift-1', role: 'agent' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const signInAs = async (page: Page, password: string) => {
      await page.goto('/login');
      await page.getByLabel('用户名').fill('night.agent');
      await page.getByLabel('密码').fill(password);
      await page.getByRole('button', { name: /登\s*录/ }).click();
    };
    await withPage(async (page) => {
      await signInAs(page, 'night-shift-1');
      await page.getByTestId('current-user').click();
      await page.getByRole('menuitem', { name: '修改密码' }).click();
      const dialog = page.getByRole('dialog', { name: '修改密码' });
      await dialog.getByLabel('当前密码').fill('not-my-password');
      await dialog.getByLabel('新密码', { exact: true }).fill('night-shift-2');
      await dialog.getByLabel('再次输入新密码').fill('night-shift-2');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.getByText('当前密码不正确').waitFor();

      await dialog.getByLabel('当前密码').fill('night-shift-1');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('密码已修改，请用新密码重新登录').waitFor();
      await page.waitForURL(/\/login/);
      assert.equal((await page.request.get('/api/v1/auth/me')).status(), 401, 'the change signed this session out');

      await signInAs(page, 'night-shift-1');
      await page.getByTestId('login-error').waitFor();
      await signInAs(page, 'night-shift-2');
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    });
  });

  it('opens a deep link directly, after sign-in, and again on reload', async () => {
    await withPage(async (page) => {
      // Signed out: the deep link leads to sign-in, and back to the ticket after.
      await page.goto(`/tickets/${refund.number}`);
      await page.waitForURL(/\/login\?next=/);
      await signIn(page, 'handler', `/tickets/${refund.number}`);
      await page.waitForURL(`**/tickets/${refund.number}`);
      await page.getByTestId('ticket-title').getByText(refund.title).waitFor();
      await page.reload();
      await page.getByTestId('ticket-title').getByText(refund.title).waitFor();
      // The internal id works too and is replaced by the number.
      await page.goto(`/tickets/${refund.id}`);
      await page.waitForURL(`**/tickets/${refund.number}`);
      await page.getByTestId('ticket-title').getByText(refund.title).waitFor();
      // A ticket the handler may not see is a 404, like one that does not exist.
      await page.goto(`/tickets/${created[2]!.number}`);
      await page.getByText('工单不存在，或您无权查看').waitFor();
    });
  });

  it('refuses to be framed by another site at every address that serves it, /index.html included', async () => {
    // Another origin of the same site (another port): the SameSite=Lax cookie goes with its frames.
    let framed = '/';
    const other = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(`<!doctype html><iframe src="${h.baseUrl}${framed}" width="1200" height="800"></iframe>`);
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { context, page } = await h.newPage();
    try {
      await signIn(page, 'agent');
      for (framed of ['/', '/index.html', `/tickets/${refund.number}`]) {
        const refused = page.waitForEvent('console', { predicate: (message) => /frame-ancestors/.test(message.text()), timeout: 15_000 });
        await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
        await refused;
        const frame = page.frames().find((f) => f !== page.mainFrame());
        assert.ok(frame, framed);
        const shown = await frame.evaluate<string>(`document.body ? document.body.innerText : ''`).catch(() => '');
        assert.doesNotMatch(shown, /工单|退出/, `${framed}: the signed-in console rendered inside another site's frame`);
      }
    } finally {
      await context.close();
      other.close();
    }
  });

  it('offers 批量指派 only to people who may take every selected ticket', async () => {
    const disputed = await h.t.as('agent').post<CreatedTicket>('/api/v1/tickets', { ...TICKETS[0], title: '退款争议升级处理', department: 'difficult_cases' });
    assert.equal(disputed.status, 201, JSON.stringify(disputed.body));
    await withPage(async (page) => {
      await signIn(page, 'supervisor', '/tickets?queue=all');
      const table = page.getByTestId('ticket-table');
      const offered = async () => {
        await page.getByTestId('batch-assign').click();
        // Once the dialog has finished opening: its focus moving in would close a list opened during the motion.
        await page.locator('.ant-modal:not([class*="ant-zoom-"])').filter({ has: page.getByTestId('batch-assignee') }).waitFor();
        await page.getByTestId('batch-assignee').click();
        // Read once the list has stopped moving in (antd's slide-up), and 王主管, of both departments, is in it.
        const options = page.locator('.ant-select-dropdown:not([class*="ant-slide-up"]):visible .ant-select-item-option');
        await options.filter({ hasText: '王主管' }).waitFor();
        return (await options.allInnerTexts()).sort();
      };
      // The refunds group's members: not 陈班长 (lead) of the call centre, whom the server would refuse.
      await table.locator('.ant-table-row').filter({ hasText: refund.title }).getByRole('checkbox').check();
      assert.deepEqual(await offered(), ['张处理 (handler)', '王主管 (supervisor)']);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
      // With a ticket of the difficult-case group too: only who belongs to both.
      await table.locator('.ant-table-row').filter({ hasText: disputed.body.title }).getByRole('checkbox').check();
      assert.deepEqual(await offered(), ['王主管 (supervisor)']);
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
      await page.locator('.ant-message-notice').getByText('2 条工单已处理').waitFor();
    });
  });

  it('restores a new-ticket draft with the customer chosen by name, showing the name', async () => {
    await withPage(async (page) => {
      await signIn(page, 'handler', '/tickets/new');
      await page.getByTestId('caller-customer-picker').click();
      await page.keyboard.type('郑伟');
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '郑伟' }).click();
      await page.locator('#description').fill('客户来电催办宽带维修。');
      await waitUntil(page, `Object.entries(localStorage).some(([key, value]) => key.startsWith('gongdan.newTicketDraft.') && value.includes('催办宽带维修'))`);
      await page.reload();
      await page.getByTestId('draft-restored').waitFor();
      // Before the fix the picker showed the customer's internal id: nothing matched it until a search.
      await page.getByTestId('caller-customer-picker').getByText('郑伟', { exact: true }).waitFor();
    });
  });
});
