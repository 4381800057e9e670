import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { DemoUser } from '../support/test-app.js';
import { e2eSkipReason, pageProblems, screenshot, signIn, startConsoleHarness, type ConsoleHarness, type NewPageOptions } from '../support/console-e2e.js';

/**
 * The ticket page's actions in a real browser (issue 5, point 4): the whole flow of DOMAIN.md §4
 * through the UI as the role that does each step — dispatch, claim and accept, a note, an
 * extension request and its approval, resolve, a reply with objection to the difficult-case
 * group and its handling there, a reply without objection that closes, reopen and cancel;
 * transfer and return with reasons; a merge with its lookup — each checked through the API.
 * Then two people on one ticket: the second sees the first, and their stale action is refused
 * with the conflict message and a refresh, the typed text kept.
 */

interface Ticket {
  id: string;
  number: string;
  title: string;
  status: string;
  version: number;
  department: { code: string } | null;
  assignee: { username: string } | null;
  mergedIntoId: string | null;
  waitUntil: string | null;
  sla: { targets?: Array<{ id: string; target: string; current: boolean; dueAt: string | null; extensions: number }> };
}
interface Extension {
  id: string;
  deadlineId: string;
  target: string;
  status: string;
  requestedUntil: string;
}
interface TicketEvent {
  type: string;
  content: string | null;
  data: Record<string, unknown>;
}

const CUSTOMER = { name: '黄晓燕', phone: '13600001001' };
const ACTION_LABELS = {
  dispatch: '派单',
  claim: '领取',
  accept: '受理',
  note: '中途意见',
  transfer: '流转',
  return: '退回',
  resolve: '处理完成',
  reply: '答复',
  reopen: '重新打开',
  cancel: '取消',
  close: '关闭',
  merge: '合并',
  extension: '延时申请',
  wait: '等待客户',
} as const;
type Action = keyof typeof ACTION_LABELS;

const skip = e2eSkipReason();

describe('the ticket page actions in chromium', { skip }, () => {
  let h: ConsoleHarness;
  const contexts: BrowserContext[] = [];
  const problemLists: string[][] = [];
  const pages = new Map<DemoUser, Page>();

  const create = async (body: Record<string, unknown>) => {
    const response = await h.t.as('agent').post<Ticket>('/api/v1/tickets', { priority: 'medium', customer: CUSTOMER, ...body });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body;
  };
  const read = async (ref: string) => {
    const response = await h.t.as('admin').get<Ticket>(`/api/v1/tickets/${ref}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body;
  };
  const eventsOf = async (ref: string) => (await h.t.as('admin').get<{ items: TicketEvent[] }>(`/api/v1/tickets/${ref}/events`)).body.items;

  async function newPage(options: NewPageOptions = {}): Promise<Page> {
    const { context, page } = await h.newPage(options);
    contexts.push(context);
    // The machine is shared and often loaded: waits are for visible state, with room to spare.
    page.setDefaultTimeout(60_000);
    // Refused requests (the 409 of a stale action) are the tests' to check.
    problemLists.push(pageProblems(page));
    return page;
  }

  /** One signed-in page per role, kept for the whole file. */
  async function as(user: DemoUser): Promise<Page> {
    let page = pages.get(user);
    if (!page) {
      page = await newPage();
      await signIn(page, user);
      pages.set(user, page);
    }
    return page;
  }

  async function open(page: Page, ticket: Pick<Ticket, 'number' | 'title'>): Promise<void> {
    await page.goto(`/tickets/${ticket.number}`);
    try {
      await page.getByTestId('ticket-title').getByText(ticket.title).waitFor();
      await page.getByTestId('ticket-actions').waitFor();
    } catch (error) {
      await failedOn(page, error);
    }
  }

  /** Opens an action from the header buttons or the "more" menu; answers its form, if it has one. */
  async function start(page: Page, action: Action): Promise<Locator> {
    const button = page.getByTestId('ticket-actions').getByTestId(`action-${action}`);
    if (await button.isVisible()) await button.click();
    else {
      await page.getByTestId('action-more').click();
      await page.locator('.ant-dropdown:visible').getByTestId(`action-${action}`).click();
    }
    // Act once the dialog has finished opening, as a person does. (The harness asks for reduced
    // motion, so it opens at once; a click on 提交 during antd's zoom-in went where the button had been.)
    await page.locator('.ant-modal:not([class*="ant-zoom-"])').filter({ has: page.getByTestId('action-dialog') }).waitFor();
    return page.getByTestId('action-dialog');
  }

  async function done(page: Page, action: Action): Promise<void> {
    try {
      await page.getByText(`操作成功：${ACTION_LABELS[action]}`).first().waitFor();
      await page.getByTestId('action-dialog').waitFor({ state: 'detached' });
    } catch (error) {
      await failedOn(page, error);
    }
  }

  /** Waits for something the page must show; a timeout says what it showed instead. */
  async function shows(page: Page, locator: Locator): Promise<void> {
    try {
      await locator.waitFor();
    } catch (error) {
      await failedOn(page, error);
    }
  }

  /** Rethrows a wait that timed out with what the page showed instead, for whoever reads the failure. */
  async function failedOn(page: Page, error: unknown): Promise<never> {
    const file = `/tmp/ticket-actions-failure-${Date.now()}.png`;
    await page.screenshot({ path: file });
    const dialog = page.getByTestId('action-dialog');
    const shown = (await dialog.count()) > 0 ? `the dialog: ${await dialog.innerText()}` : `the page: ${(await page.locator('body').innerText()).slice(0, 2000)}`;
    throw new Error(`${(error as Error).message}\nScreenshot: ${file}\nThe page showed ${shown}`);
  }

  /** Types into an antd Select with search and picks the first match with Enter. */
  async function choose(dialog: Locator, testId: string, text: string): Promise<void> {
    const select = dialog.getByTestId(testId);
    await select.click();
    await select.locator('input').fill(text);
    await dialog.page().locator('.ant-select-dropdown:visible .ant-select-item-option-active').waitFor();
    await select.locator('input').press('Enter');
    // Until the list has closed, Enter picks an option rather than sending the form (ActionDialog).
    await select.locator('input[aria-expanded="false"]').waitFor();
  }

  before(async () => {
    h = await startConsoleHarness();
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await h?.close();
  });

  it('walks a ticket from dispatch to closing, with an extension, an objection and the difficult-case group', async () => {
    // Nothing routes a flight change: it waits for dispatch. The same customer has a few more tickets.
    const ticket = await create({
      title: '机票改签手续费多扣',
      description: '客户改签 MU5101 后发现手续费比公布标准多扣了 200 元，要求退还差价。',
      category: 'inquiry',
      serviceItem: 'flights_change',
      fields: { flightNumber: 'MU5101', orderNumber: 'FL-2026-1123' },
    });
    assert.equal(ticket.status, 'submitted');
    await create({ title: '酒店预订未确认', description: '客户预订的酒店两天未收到确认短信。', category: 'inquiry', serviceItem: 'hotels', fields: { hotelName: '如家' } });
    // The handler sees the customer's tickets of their own department only: this one.
    await create({ title: '机票退票款未到账', description: '客户上月退票，票款至今未退回。', category: 'refund', serviceItem: 'flights', fields: { flightNumber: 'CA1234' } });

    // 派单 by the agent, to the refunds group, choosing with the keyboard; Enter sends the form.
    const agent = await as('agent');
    await open(agent, ticket);
    let dialog = await start(agent, 'dispatch');
    await choose(dialog, 'field-department', '退款');
    await dialog.getByTestId('field-department').locator('input').press('Enter');
    await done(agent, 'dispatch');
    let now = await read(ticket.id);
    assert.equal(now.status, 'pending');
    assert.equal(now.department?.code, 'refunds');

    // The handler claims it, then accepts it.
    const handler = await as('handler');
    await open(handler, ticket);
    await handler.getByTestId('action-claim').click();
    await done(handler, 'claim');
    now = await read(ticket.id);
    assert.equal(now.assignee?.username, 'handler');
    await handler.getByTestId('action-accept').click();
    await done(handler, 'accept');
    assert.equal((await read(ticket.id)).status, 'in_progress');

    // 中途意见: an internal note, sent with Enter from the text box; it shows marked internal.
    dialog = await start(handler, 'note');
    await dialog.getByTestId('field-content').fill('已联系航司核实，差价确实多扣。');
    await dialog.getByTestId('field-content').press('Enter');
    await done(handler, 'note');
    const note = handler.getByTestId('timeline-event').filter({ hasText: '已联系航司核实，差价确实多扣。' });
    await note.getByText('内部').waitFor();
    const noted = (await eventsOf(ticket.id)).find((e) => e.type === 'ticket.note_added');
    assert.equal(noted?.data.internal, true);

    // 延时申请 by the handler: the running time limit, four more hours, a reason.
    dialog = await start(handler, 'extension');
    await dialog.getByTestId('extension-until').getByText('新的到期时间').waitFor();
    await dialog.getByTestId('field-reason').fill('需等待航司财务回复，预计下午才有结果。');
    await handler.getByTestId('action-submit').click();
    await done(handler, 'extension');
    const requests = (await h.t.as('admin').get<{ items: Extension[] }>(`/api/v1/tickets/${ticket.id}/extension-requests`)).body.items;
    assert.equal(requests.length, 1);
    const request = requests[0]!;
    assert.equal(request.status, 'pending');
    const before = (await read(ticket.id)).sla.targets!.find((d) => d.id === request.deadlineId)!;
    assert.equal(Date.parse(request.requestedUntil) - Date.parse(before.dueAt!), 4 * 3_600_000, 'four hours after the current due time');

    // The supervisor of the department sees it on the ticket and approves it.
    const supervisor = await as('supervisor');
    await open(supervisor, ticket);
    const pending = supervisor.getByTestId('extension-request').filter({ hasText: '待审批' });
    await pending.getByText('需等待航司财务回复').waitFor();
    await pending.getByTestId('extension-approve').click();
    await supervisor.getByText('已批准延时').first().waitFor();
    await supervisor.getByTestId('extension-request').filter({ hasText: '已批准' }).waitFor();
    const extended = (await read(ticket.id)).sla.targets!.find((d) => d.id === request.deadlineId)!;
    assert.equal(extended.dueAt, request.requestedUntil, 'the time limit now falls due at the requested time');
    assert.equal(extended.extensions, 1);

    // The ticket page as the handler sees it mid-way: actions, customer with history, timeline.
    await open(handler, ticket);
    await handler.getByTestId('customer-history-item').filter({ hasText: '机票退票款未到账' }).waitFor();
    assert.equal(await handler.getByTestId('customer-history-item').filter({ hasText: '酒店预订未确认' }).count(), 0, 'not a ticket the handler may see');
    await handler.getByTestId('customer-name').getByText(CUSTOMER.name).waitFor();
    await handler.getByTestId('timeline-event').filter({ hasText: '延时申请已批准' }).waitFor();
    await screenshot(handler, 'ticket.png');

    // 处理完成 with the result.
    dialog = await start(handler, 'resolve');
    await dialog.getByTestId('field-result').fill('已与航司核对，多扣的 200 元差价将原路退还。');
    await handler.getByTestId('action-submit').click();
    await done(handler, 'resolve');
    assert.equal((await read(ticket.id)).status, 'handled');

    // 答复 with an objection: to the difficult-case group (售后/疑难组), unassigned.
    await open(agent, ticket);
    dialog = await start(agent, 'reply');
    await dialog.getByTestId('field-content').fill('已告知客户处理结果，客户认为还应补偿改签损失。');
    await dialog.getByText('有异议（转疑难组处理）').click();
    await agent.getByTestId('action-submit').click();
    await done(agent, 'reply');
    now = await read(ticket.id);
    assert.equal(now.status, 'pending');
    assert.equal(now.department?.code, 'difficult_cases');
    assert.equal(now.assignee, null);
    await agent.getByTestId('timeline-event').filter({ hasText: '客户认为还应补偿' }).getByText('有异议').waitFor();

    // Handled there: the supervisor (a member of the difficult-case group) accepts and resolves.
    await open(supervisor, ticket);
    await supervisor.getByTestId('action-accept').click();
    await done(supervisor, 'accept');
    dialog = await start(supervisor, 'resolve');
    await dialog.getByTestId('field-result').fill('经协商补偿 100 元代金券，客户同意。');
    await supervisor.getByTestId('action-submit').click();
    await done(supervisor, 'resolve');
    now = await read(ticket.id);
    assert.equal(now.status, 'handled');
    assert.equal(now.assignee?.username, 'supervisor');

    // 答复 without objection: closed.
    await open(agent, ticket);
    dialog = await start(agent, 'reply');
    await dialog.getByTestId('field-content').fill('客户对补偿方案无异议。');
    await dialog.getByText('无异议（关闭工单）').click();
    await agent.getByTestId('action-submit').click();
    await done(agent, 'reply');
    assert.equal((await read(ticket.id)).status, 'closed');

    // 重新打开, then 取消, each with a reason.
    dialog = await start(agent, 'reopen');
    await dialog.getByTestId('field-reason').fill('客户来电称代金券未到账。');
    await agent.getByTestId('action-submit').click();
    await done(agent, 'reopen');
    now = await read(ticket.id);
    assert.equal(now.status, 'pending', 'back to the department that last had it');
    assert.equal(now.department?.code, 'difficult_cases');
    dialog = await start(agent, 'cancel');
    await dialog.getByTestId('field-reason').fill('客户重复来电，已另开工单跟进。');
    await agent.getByTestId('action-submit').click();
    await done(agent, 'cancel');
    assert.equal((await read(ticket.id)).status, 'cancelled');
    const reasons = (await eventsOf(ticket.id)).filter((e) => e.type === 'ticket.reopened' || e.type === 'ticket.cancelled').map((e) => e.content);
    assert.deepEqual(reasons, ['客户来电称代金券未到账。', '客户重复来电，已另开工单跟进。']);
  });

  it('transfers with a reason, keeps a closed form as typed, and returns with a reason', async () => {
    // A refund goes to the refunds group by the rules.
    const ticket = await create({
      title: '退货后退款未到账',
      description: '订单已退货两周，退款仍未到账。',
      category: 'refund',
      serviceItem: 'mall_aftersales',
      fields: { orderNumber: 'JD-2026-1001' },
    });
    assert.equal(ticket.department?.code, 'refunds');

    const handler = await as('handler');
    await open(handler, ticket);
    let dialog = await start(handler, 'transfer');
    await dialog.getByTestId('field-reason').fill('涉及商品质量争议，应由售后疑难组处理。');
    // Esc closes the form; opening it again shows what was typed.
    await handler.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    dialog = await start(handler, 'transfer');
    assert.equal(await dialog.getByTestId('field-reason').inputValue(), '涉及商品质量争议，应由售后疑难组处理。');
    // Sending it without a department is refused in the form itself.
    await handler.getByTestId('action-submit').click();
    await shows(handler, dialog.getByText('请选择处理部门'));
    await choose(dialog, 'field-department', '疑难');
    await handler.getByTestId('action-submit').click();
    await done(handler, 'transfer');
    let now = await read(ticket.id);
    assert.equal(now.department?.code, 'difficult_cases');
    assert.equal(now.status, 'pending');
    assert.equal((await eventsOf(ticket.id)).find((e) => e.type === 'ticket.transferred')?.content, '涉及商品质量争议，应由售后疑难组处理。');

    const supervisor = await as('supervisor');
    await open(supervisor, ticket);
    dialog = await start(supervisor, 'return');
    await dialog.getByTestId('field-reason').fill('订单号有误，请座席核实后重新派单。');
    await supervisor.getByTestId('action-submit').click();
    await done(supervisor, 'return');
    now = await read(ticket.id);
    assert.equal(now.status, 'returned');
    assert.equal((await eventsOf(ticket.id)).find((e) => e.type === 'ticket.returned')?.content, '订单号有误，请座席核实后重新派单。');
  });

  /** An after-sales refund the handler has accepted, open on a page of its own with the wait dialog up. */
  async function waitDialogFor(title: string, description: string, orderNumber: string, options: NewPageOptions = {}) {
    const ticket = await create({ title, description, category: 'refund', serviceItem: 'mall_aftersales', fields: { orderNumber } });
    assert.equal((await h.t.as('handler').post(`/api/v1/tickets/${ticket.id}/accept`, {})).status, 200);
    // A page of its own: its clock starts at the server's now, which the earlier tests moved.
    const handler = await newPage(options);
    await signIn(handler, 'handler');
    await open(handler, ticket);
    return { ticket, handler, dialog: await start(handler, 'wait') };
  }

  it('waits for the customer until tomorrow 09:00 in the organisation’s zone, from a browser set to UTC, and shows the ticket back in handling after that time', async () => {
    // A browser left on UTC: 明天 09:00 still means nine in the morning in Shanghai, and the page says so.
    const { ticket, handler, dialog } = await waitDialogFor('银行卡信息待客户提供', '退款需客户提供开户行，客户称明早回电。', 'JD-2026-3003', { timezoneId: 'UTC' });
    await dialog.getByTestId('field-reason').fill('客户明早回电提供开户行信息。');
    await dialog.getByTestId('field-until').click();
    await handler.locator('.ant-picker-dropdown:visible').getByText('明天 09:00').click();
    // The preset closes the picker; under load it once stayed open over the submit button for 60 s
    // (a clean-clone run). A click elsewhere in the dialog (the reason) closes it, keeping the time
    // chosen. (The dialog's test id is on its body, so its title is not inside that locator.)
    if (!(await handler.locator('.ant-picker-dropdown:visible').waitFor({ state: 'detached', timeout: 2000 }).then(() => true, () => false))) {
      await dialog.getByTestId('field-reason').click();
      await handler.locator('.ant-picker-dropdown:visible').waitFor({ state: 'detached' });
    }
    await handler.getByTestId('action-submit').click();
    await done(handler, 'wait');

    const now = h.t.clock.now();
    const shanghaiDate = new Date(now.getTime() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    const until = new Date(`${shanghaiDate}T09:00:00+08:00`).toISOString();
    const waiting = await read(ticket.id);
    assert.deepEqual([waiting.status, waiting.waitUntil], ['waiting', until]);
    await shows(handler, handler.getByTestId('ticket-wait-until').getByText(/09:00 自动恢复/));

    // The morning comes: the sweeper resumes it, and the page shows it back in handling.
    h.t.clock.set(until);
    assert.equal((await h.t.running.slaSweeper.sweep()).waits.resumed, 1);
    await handler.reload();
    await shows(handler, handler.getByTestId('timeline-event').filter({ hasText: '等待到期，自动恢复处理' }));
    assert.equal(await handler.getByTestId('ticket-wait-until').count(), 0);
    assert.equal((await read(ticket.id)).status, 'in_progress');
  });

  it('refuses a resume time already past in Chinese before sending, and keeps a reason to what the server takes', async () => {
    const { ticket, handler, dialog } = await waitDialogFor('等客户回电确认', '客户称稍后回电确认退款账户。', 'JD-2026-3005');
    await dialog.getByTestId('field-reason').fill('等'.repeat(5_100));
    assert.equal((await dialog.getByTestId('field-reason').inputValue()).length, 5_000, 'the server takes 5,000 characters of a reason');
    // Earlier today, typed as the picker shows times (the organisation's wall clock, five-minute steps).
    const anHourAgo = Math.floor((h.t.clock.now().getTime() - 3_600_000) / 300_000) * 300_000;
    await dialog.getByTestId('field-until').click();
    await handler.keyboard.type(new Date(anHourAgo + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' '));
    await dialog.getByTestId('field-reason').click();
    await handler.getByTestId('action-submit').click();
    await shows(handler, dialog.getByText('自动恢复时间须晚于现在'));
    assert.equal((await read(ticket.id)).status, 'in_progress', 'nothing was sent');
    await handler.keyboard.press('Escape');
  });

  it('parks a ticket without a resume time: the dialog names the default wait, the header and timeline its end', async () => {
    const { ticket, handler, dialog } = await waitDialogFor('等客户补充照片', '客户称稍后补充商品破损照片，未约定时间。', 'JD-2026-3004');
    await shows(handler, dialog.getByText('留空则 15 个工作小时后自动恢复'));
    await dialog.getByTestId('field-reason').fill('等客户补充破损照片。');
    await handler.getByTestId('action-submit').click();
    await done(handler, 'wait');

    const waiting = await read(ticket.id);
    assert.equal(waiting.status, 'waiting');
    assert.ok(waiting.waitUntil && waiting.waitUntil > h.t.clock.now().toISOString(), 'a resume time was set from the default');
    await shows(handler, handler.getByTestId('ticket-wait-until').getByText(/自动恢复/));
    await shows(handler, handler.getByTestId('timeline-event').filter({ hasText: '未约定时间，15 个工作小时后自动恢复' }));

    // Nobody calls back: the default wait runs out, and the handler's notification says so.
    h.t.clock.set(waiting.waitUntil!);
    assert.equal((await h.t.running.slaSweeper.sweep()).waits.resumed, 1);
    await handler.goto("/notifications");
    const told = handler.getByTestId('notification-item').filter({ hasText: ticket.number });
    await shows(handler, told.getByText('挂起 15 个工作小时仍未等到回复，工单已恢复处理'));
  });

  it("lists all of a customer's tickets from the customer panel, and the filter can be removed", async () => {
    const caller = { name: '罗先生', phone: '13600009999' };
    const first = await create({ title: '宽带提速咨询', description: '客户询问宽带提速套餐。', category: 'inquiry', serviceItem: 'mall_presales', customer: caller });
    const second = await create({ title: '宽带提速后仍然很慢', description: '客户办理提速后网速没有变化。', category: 'fault', serviceItem: 'other', customer: caller });
    const other = await create({ title: '宽带提速账单疑问', description: '另一位客户询问提速后的账单。', category: 'inquiry', serviceItem: 'mall_presales', customer: { name: '邓女士', phone: '13600008888' } });
    const agent = await as('agent');
    await open(agent, first);
    await agent.getByTestId('customer-all-tickets').click();
    await agent.waitForURL(/\/tickets\?queue=all&customer=/);
    await shows(agent, agent.getByTestId('customer-filter').getByText('客户：罗先生'));
    const table = agent.getByTestId('ticket-table');
    await shows(agent, table.getByText(second.title));
    await table.getByText(first.title).waitFor();
    assert.equal(await table.getByText(other.title).count(), 0, "another customer's ticket is not listed");
    await agent.getByTestId('customer-filter').locator('.ant-tag-close-icon').click();
    await agent.waitForURL((url) => !url.searchParams.has('customer'));
    await shows(agent, table.getByText(other.title));
  });

  it('confirms the classification of a ticket the intake defaulted (待核实分类), filling in the new service item’s form', async () => {
    // An e-mail the channel could not classify: the organisation's intake defaults, flagged for triage.
    const ticket = await create({ title: '邮件：电影票退不了', description: '客户来信称昨晚买的电影票无法退款。', channel: 'email', priority: undefined });
    const page = await as('agent');
    await open(page, ticket);
    await page.getByTestId('ticket-actions').getByTestId('action-edit').getByText('核实分类').waitFor();
    await page.getByTestId('action-edit').click();
    const form = page.getByTestId('edit-ticket-form');
    await form.waitFor();
    await form.getByTestId('edit-category').click();
    await page.keyboard.type('退款');
    await page.keyboard.press('Enter');
    await form.getByTestId('service-item-select').click();
    await page.keyboard.type('电影票');
    await page.keyboard.press('Enter');
    await form.getByLabel('订单号').fill('MV-20261124');
    await page.getByTestId('edit-save').click();
    await page.getByText('已保存修改').first().waitFor();
    const after = (await h.t.as('admin').get<{ category: { code: string }; serviceItem: { code: string }; priority: { code: string }; needsTriage: boolean; fields: Record<string, unknown> }>(`/api/v1/tickets/${ticket.id}`)).body;
    assert.deepEqual(
      [after.category.code, after.serviceItem.code, after.priority.code, after.needsTriage, after.fields.orderNumber],
      ['refund', 'movie_tickets', 'medium', false, 'MV-20261124'],
    );
    // Confirmed: the page offers a plain 编辑 from now on (antd spaces a two-character label: 编 辑).
    await page.getByTestId('ticket-actions').getByTestId('action-edit').getByText(/^编\s?辑$/).waitFor();
  });

  it('keeps the form of a ticket whose service item was deleted since: an edit of its title leaves the values, and they can still be corrected', async () => {
    const admin = h.t.as('admin');
    const item = await admin.post('/api/v1/service-items', {
      code: 'gift_cards', name: '礼品卡', fields: [{ key: 'cardNumber', label: '卡号', type: 'text', required: false }, { key: 'amount', label: '面额', type: 'money', required: false }],
    });
    assert.equal(item.status, 201, JSON.stringify(item.body));
    const ticket = await create({ title: '礼品卡无法使用', description: '客户的礼品卡提示已失效。', category: 'inquiry', serviceItem: 'gift_cards', fields: { cardNumber: 'GC-1001', amount: 200 } });
    assert.equal((await admin.delete('/api/v1/service-items/gift_cards')).status, 204);
    const page = await as('agent');
    await open(page, ticket);
    await page.getByTestId('action-edit').click();
    const form = page.getByTestId('edit-ticket-form');
    await form.getByLabel('卡号').waitFor();
    await form.getByTestId('edit-title').fill('礼品卡无法使用（已核实）');
    await form.getByLabel('卡号').fill('GC-1002');
    await page.getByTestId('edit-save').click();
    await page.getByText('已保存修改').first().waitFor();
    const after = (await admin.get<{ title: string; fields: Record<string, unknown> }>(`/api/v1/tickets/${ticket.id}`)).body;
    assert.deepEqual([after.title, after.fields], ['礼品卡无法使用（已核实）', { cardNumber: 'GC-1002', amount: 200 }]);
  });

  it('keeps what was typed in 编辑 when the dialog is closed, over the ticket as it is now, until it is saved', async () => {
    const ticket = await create({ title: '发票抬头有误', description: '客户称发票抬头写错了。', category: 'inquiry', serviceItem: 'other' });
    const page = await as('agent');
    await open(page, ticket);
    const edit = async () => {
      await page.getByTestId('action-edit').click();
      await page.getByTestId('edit-title').waitFor();
      return page.getByTestId('edit-ticket-form');
    };
    let form = await edit();
    await form.getByTestId('edit-title').fill('发票抬头有误（应为公司全称）');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    // Meanwhile a colleague corrects the description: reopened, the form has the title typed and their description.
    const patched = await h.t.as('admin').patch(`/api/v1/tickets/${ticket.id}`, { description: '客户要求发票抬头改为公司全称。', version: (await read(ticket.id)).version });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    await shows(page, page.getByText('客户要求发票抬头改为公司全称。'));
    form = await edit();
    assert.equal(await form.getByTestId('edit-title').inputValue(), '发票抬头有误（应为公司全称）');
    assert.equal(await form.getByLabel('问题描述').inputValue(), '客户要求发票抬头改为公司全称。');
    await page.getByTestId('edit-save').click();
    await page.getByText('已保存修改').first().waitFor();
    const saved = await h.t.as('admin').get<{ title: string; description: string }>(`/api/v1/tickets/${ticket.id}`);
    assert.deepEqual([saved.body.title, saved.body.description], ['发票抬头有误（应为公司全称）', '客户要求发票抬头改为公司全称。']);
  });

  it('does not offer 延时申请 for time limits that already await a decision on one', async () => {
    const ticket = await create({ title: '退款到账时间待确认', description: '客户要求确认退款到账时间。', category: 'refund', serviceItem: 'mall_aftersales', fields: { orderNumber: 'JD-2026-4004' } });
    const handlerApi = h.t.as('handler');
    assert.equal((await handlerApi.post(`/api/v1/tickets/${ticket.id}/accept`, {})).status, 200);
    for (const deadline of (await read(ticket.id)).sla.targets!.filter((d) => d.current && d.dueAt !== null)) {
      const until = new Date(Date.parse(deadline.dueAt!) + 3_600_000).toISOString();
      const asked = await handlerApi.post(`/api/v1/tickets/${ticket.id}/extension-requests`, { target: deadline.target, until, reason: '等待财务回复。' });
      assert.equal(asked.status, 201, JSON.stringify(asked.body));
    }
    const page = await as('handler');
    await open(page, ticket);
    await shows(page, page.getByTestId('extension-request').first());
    await page.getByTestId('action-more').click();
    await page.locator('.ant-dropdown:visible').getByTestId('action-transfer').waitFor();
    assert.equal(await page.getByTestId('action-extension').count(), 0, 'every running time limit already has a request waiting (the server would answer 409 extension_pending)');
    await page.keyboard.press('Escape');
  });

  it('lists a handled ticket that owes no reply under 待关闭, offers 关闭 as its first button, and closing it takes it off the list', async () => {
    const ticket = await create({ title: '售前咨询已答复', description: '客户咨询商品规格，已查明。', category: 'inquiry', serviceItem: 'mall_presales', department: 'refunds' });
    const handlerApi = h.t.as('handler');
    assert.equal((await handlerApi.post(`/api/v1/tickets/${ticket.id}/accept`, {})).status, 200);
    assert.equal((await handlerApi.post(`/api/v1/tickets/${ticket.id}/resolve`, { result: '已告知商品规格' })).status, 200);
    const page = await newPage();
    await signIn(page, 'handler');
    await page.getByTestId('queue-to_close').click();
    await page.waitForURL(/queue=to_close/);
    await shows(page, page.getByTestId('ticket-table').getByRole('link', { name: ticket.number }));
    await page.getByTestId('ticket-table').getByRole('link', { name: ticket.number }).click();
    await page.getByTestId('ticket-title').getByText(ticket.title).waitFor();
    const first = page.getByTestId('ticket-actions').locator('button').first();
    assert.equal(await first.getAttribute('data-testid'), 'action-close', 'closing is what is left to do');
    await first.click();
    await page.locator('.ant-modal:not([class*="ant-zoom-"])').filter({ has: page.getByTestId('action-dialog') }).waitFor();
    await page.getByTestId('action-submit').click();
    await done(page, 'close');
    await page.goBack();
    await page.getByTestId('ticket-table').getByRole('link', { name: ticket.number }).waitFor({ state: 'detached' });
  });

  it('merges a duplicate after looking up the target and showing its title', async () => {
    const primary = await create({ title: '宽带报装进度查询', description: '客户询问宽带新装预约的上门时间。', category: 'inquiry', serviceItem: 'mall_presales' });
    const duplicate = await create({ title: '宽带上门时间（重复来电）', description: '同一客户再次询问宽带上门时间。', category: 'inquiry', serviceItem: 'mall_presales' });
    const agent = await as('agent');
    await open(agent, duplicate);
    const dialog = await start(agent, 'merge');
    // Without a lookup there is nothing to confirm.
    await agent.getByTestId('action-submit').click();
    await shows(agent, dialog.getByText('请先查找并确认目标工单'));
    await dialog.getByTestId('merge-into').fill('GD-20991231-999999');
    await dialog.getByTestId('merge-lookup').click();
    await dialog.getByText('没有找到该工单，或您无权查看').waitFor();
    await dialog.getByTestId('merge-into').fill(primary.number);
    await dialog.getByTestId('merge-into').press('Enter');
    await dialog.getByTestId('merge-target').getByText(primary.title).waitFor();
    await agent.getByTestId('action-submit').click();
    await done(agent, 'merge');
    const merged = await read(duplicate.id);
    assert.equal(merged.status, 'merged');
    assert.equal(merged.mergedIntoId, primary.id);
  });

  it('shows who else is viewing, and refuses a stale action with the conflict message, a refresh and the text kept', async () => {
    const ticket = await create({
      title: '退款金额与订单不符',
      description: '客户收到的退款比订单金额少 30 元。',
      category: 'refund',
      serviceItem: 'mall_aftersales',
      fields: { orderNumber: 'JD-2026-2002' },
    });
    // Two fresh contexts: the handler opens the ticket first, the supervisor second.
    const first = await newPage();
    await signIn(first, 'handler');
    const second = await newPage();
    // The second's live stream (GET /api/v1/live) is cut, as by a proxy that buffers server-sent
    // events: their page does not re-read the ticket by itself, so the heartbeat is what tells it.
    // Their browser has no shared workers (as Chrome on Android), so the page holds its own
    // stream (the console's fallback), which is what routing can cut.
    await second.context().addInitScript('delete window.SharedWorker');
    await second.context().route('**/api/v1/live**', (route) => route.abort());
    await signIn(second, 'supervisor');
    await open(first, ticket);
    await open(second, ticket);
    await second.getByTestId('ticket-viewers').getByText('张处理 正在查看').waitFor();

    // The second starts a note on what they see; meanwhile the first acts.
    const dialog = await start(second, 'note');
    const text = '主管意见：请核对优惠券抵扣部分。';
    await dialog.getByTestId('field-content').fill(text);
    await first.getByTestId('action-claim').click();
    await done(first, 'claim');
    // The second's next heartbeat (every 10 s) tells their page.
    await second.getByTestId('ticket-stale').getByText('工单已被更新').waitFor({ timeout: 30_000 });

    // The second's note is refused: the conflict message with a refresh, the text still there.
    await second.getByTestId('action-submit').click();
    await second.locator('.ant-notification').getByText('工单已被他人更新，请刷新后再操作').waitFor();
    await second.locator('.ant-notification').getByRole('button', { name: /刷\s*新/ }).waitFor();
    await dialog.getByTestId('action-conflict').waitFor();
    assert.equal(await dialog.getByTestId('field-content').inputValue(), text, 'nothing typed is lost');
    assert.equal((await eventsOf(ticket.id)).filter((e) => e.type === 'ticket.note_added').length, 0, 'the stale note was not written');

    // Refresh, send again: accepted on the current version.
    await dialog.getByTestId('action-conflict').getByRole('button').click();
    await second.getByTestId('ticket-stale').waitFor({ state: 'detached' });
    await second.getByTestId('action-submit').click();
    await done(second, 'note');
    const notes = (await eventsOf(ticket.id)).filter((e) => e.type === 'ticket.note_added');
    assert.deepEqual(
      notes.map((e) => e.content),
      [text],
    );
    assert.equal((await read(ticket.id)).assignee?.username, 'handler', "the first one's claim stands");
    // And the first has seen the second at one of their heartbeats.
    await first.getByTestId('ticket-viewers').getByText('王主管 正在查看').waitFor({ timeout: 30_000 });
  });

  it('logged no errors in any page', () => {
    assert.deepEqual(problemLists.flat(), []);
  });
});
