import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { e2eSkipReason, screenshot, signIn, startConsoleHarness, waitUntil, type ConsoleHarness } from '../support/console-e2e.js';

/**
 * The new-ticket page in a real browser (issue 5 point 2): an agent takes a call — the phone
 * number first, the screen pop with the customer and their open tickets, the service item
 * found by searching the tree, its form, submitted with the keyboard only; a draft that
 * survives a reload and a network blink without a second ticket; answered on the spot; a new
 * caller; a possible duplicate the call is added to instead. Saves docs/screenshots/new-ticket.png.
 */

interface Ticket {
  id: string;
  number: string;
  title: string;
  status: string;
  result: string | null;
  category: { code: string };
  serviceItem: { code: string };
  priority: { code: string };
  channel: string;
  fields: Record<string, string | number>;
  customer: { id: string; name: string } | null;
}

const KNOWN = { name: '周海燕', phone: '13811112222', tier: 'VIP' };
const skip = e2eSkipReason();

describe('the new-ticket page in chromium', { skip }, () => {
  let h: ConsoleHarness;
  let customerId: string;
  let openTicket: Ticket;
  let outage: Ticket;

  before(async () => {
    h = await startConsoleHarness();
    const agent = h.t.as('agent');
    const customer = await agent.post<{ id: string }>('/api/v1/customers', { name: KNOWN.name, tier: KNOWN.tier, phones: [{ number: KNOWN.phone }] });
    assert.equal(customer.status, 201, JSON.stringify(customer.body));
    customerId = customer.body.id;
    const open = await agent.post<Ticket>('/api/v1/tickets', {
      title: '退货退款一直未到账',
      description: '客户来电：商城订单已退货，退款一周未到账。',
      category: 'refund',
      serviceItem: 'mall_aftersales',
      priority: 'high',
      customer: { id: customerId },
      fields: { orderNumber: 'SO-2026-551100' },
    });
    assert.equal(open.status, 201, JSON.stringify(open.body));
    openTicket = open.body;
    const other = await agent.post<Ticket>('/api/v1/tickets', {
      title: '阳光花园小区停电',
      description: '阳光花园小区3号楼从早上八点开始停电，整栋楼都没电，电梯也停了。',
      category: 'fault',
      serviceItem: 'other',
      priority: 'urgent',
    });
    assert.equal(other.status, 201, JSON.stringify(other.body));
    outage = other.body;
  });

  after(async () => {
    await h?.close();
  });

  /** `serverClock: false` keeps the page's real clock, whose performance timeline the lookup timing reads. */
  const withPage = (work: (page: Page) => Promise<void>, options: { serverClock?: boolean } = {}) => h.withPage(work, options);

  // Page scripts are strings: the server's TypeScript settings have no DOM types.
  const activeId = (page: Page) => page.evaluate<string>("document.activeElement?.id ?? ''");
  const draftsStored = (page: Page) => page.evaluate<number>("Object.keys(localStorage).filter((k) => k.startsWith('gongdan.newTicketDraft.')).length");

  /** Tab to the next field and check it is the one expected: the tab order is part of the page. */
  async function tabTo(page: Page, id: string): Promise<void> {
    await page.keyboard.press('Tab');
    assert.equal(await activeId(page), id, `Tab reaches ${id}`);
  }

  /** Polls a condition in the page (a string: the console's CSP forbids the eval of waitForFunction). */
  /**
   * Enter on a searchable select or tree once the option the search made active is on screen, and
   * on when its list has closed, as a person sees it (a Tab while antd's list is still open picks
   * the active option again instead of moving on).
   */
  async function pickActive(page: Page, text: string): Promise<void> {
    await page.locator('.ant-select-item-option-active, .ant-select-tree-treenode-active').filter({ hasText: text }).first().waitFor();
    await page.keyboard.press('Enter');
    await waitUntil(page, "document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').length === 0");
  }

  async function getTicket(ref: string): Promise<Ticket> {
    const response = await h.t.as('admin').get<Ticket>(`/api/v1/tickets/${ref}`);
    assert.equal(response.status, 200);
    return response.body;
  }

  async function openNewTicket(page: Page): Promise<void> {
    await signIn(page, 'agent', '/tickets/new');
    await page.waitForURL('**/tickets/new');
    await page.getByTestId('new-ticket-form').waitFor();
  }

  interface LookupTiming {
    url: string;
    /** last digit's keydown → the customer panel (or "new customer") in the page */
    panel: number;
    /** last digit's keydown → the lookup request sent, and its answer received */
    sent: number;
    answered: number;
  }

  /** Types the number, timing the screen pop from the keydown of its last digit, in the page's own clock. */
  /** The server records the next ticket, but its answer is lost on the way (a network blink); true once it happened. */
  async function loseNextCreateAnswer(page: Page): Promise<() => boolean> {
    let blinked = false;
    await page.route((url) => url.pathname === '/api/v1/tickets', async (route) => {
      if (blinked || route.request().method() !== 'POST') return route.fallback();
      blinked = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    return () => blinked;
  }

  /** A known caller, and the classification a complaint or an inquiry needs. */
  async function takeKnownCall(page: Page, category: string): Promise<void> {
    await openNewTicket(page);
    await page.keyboard.type(KNOWN.phone);
    await page.getByTestId('caller-customer').getByText(KNOWN.name).waitFor();
    await page.locator('#category').fill(category);
    await pickActive(page, category);
    await page.locator('#serviceItem').fill('其它');
    await pickActive(page, '其它');
  }

  async function typePhoneTimed(page: Page, phone: string): Promise<LookupTiming> {
    await page.keyboard.type(phone.slice(0, -1), { delay: 20 });
    await page.evaluate(`{
      window.gdKeyAt = undefined;
      window.gdPanelAt = undefined;
      document.addEventListener('keydown', () => (window.gdKeyAt = performance.now()), { once: true, capture: true });
      const observer = new MutationObserver(() => {
        if (document.querySelector('[data-testid="caller-customer"], [data-testid="caller-unknown"]')) {
          window.gdPanelAt = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document.body, { childList: true, subtree: true });
    }`);
    await page.keyboard.press(phone.slice(-1));
    await page.locator('[data-testid="caller-customer"], [data-testid="caller-unknown"]').first().waitFor();
    return page.evaluate<LookupTiming>(`(() => {
      const request = performance.getEntriesByType('resource').filter((e) => e.name.includes('/customers/lookup')).pop();
      return {
        url: request ? request.name : performance.getEntriesByType('resource').length + ' entries',
        panel: window.gdPanelAt - window.gdKeyAt,
        sent: request ? request.startTime - window.gdKeyAt : NaN,
        answered: request ? request.responseEnd - window.gdKeyAt : NaN,
      };
    })()`);
  }

  const describeTiming = (timing: LookupTiming) =>
    `${timing.panel.toFixed(0)} ms (request sent at +${timing.sent.toFixed(0)} ms, answered at +${timing.answered.toFixed(0)} ms; ${timing.url})`;

  it('takes a call from a known customer and files a new ticket with the keyboard only', async () => {
    await withPage(async (page) => {
      await openNewTicket(page);
      // The pointer rests in a corner (it clicked "sign in"); from here on only the keyboard is used.
      await page.mouse.move(1430, 890);
      assert.equal(await activeId(page), 'phone', 'the phone number has the focus');

      const timing = await typePhoneTimed(page, KNOWN.phone);
      console.log(`# last digit of a known caller's number → customer panel: ${describeTiming(timing)}`);
      const panel = page.getByTestId('caller-customer');
      await panel.getByText(KNOWN.name).waitFor();
      await panel.getByText(KNOWN.tier, { exact: true }).waitFor();
      await panel.getByTestId('caller-number').getByText(KNOWN.phone).waitFor();
      await panel.getByText(openTicket.number).waitFor();
      await panel.getByText(openTicket.title).waitFor();

      // Tab into the open tickets: "new ticket" is chosen; Tab again goes on to the ticket's fields.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate<string>("document.activeElement?.value ?? ''"), 'new');
      await tabTo(page, 'category');
      await page.keyboard.type('咨询');
      await pickActive(page, '咨询');
      await tabTo(page, 'serviceItem');
      await page.keyboard.type('退改');
      await pickActive(page, '机票退改签');
      await page.getByTestId('service-item-fields').getByText('航班号').waitFor();
      await tabTo(page, 'priority');
      await tabTo(page, 'channel');
      await tabTo(page, 'title');
      await page.keyboard.type('航班改签咨询');
      await tabTo(page, 'description');
      await page.keyboard.type('客户询问 CA1234 航班改签到下周需要多少手续费。');
      await tabTo(page, 'fields_flightNumber');
      // Ctrl+Enter with a required field empty: nothing is sent, the field says why and has the focus.
      await page.keyboard.press('Control+Enter');
      await page.getByText('请填写订单号').waitFor();
      assert.equal(await activeId(page), 'fields_flightNumber');
      await page.keyboard.type('CA1234');
      await tabTo(page, 'fields_orderNumber');
      await page.keyboard.type('FL-2026-0099');
      await page.getByText('请填写订单号').waitFor({ state: 'detached' });
      // The caller's open ticket is offered as a possible duplicate.
      await page.getByTestId('similar-tickets').getByText(openTicket.number).waitFor();
      await screenshot(page, 'new-ticket.png');

      await page.keyboard.press('Control+Enter');
      await page.waitForURL(/\/tickets\/GD-\d{8}-\d{6}$/);
      const number = new URL(page.url()).pathname.split('/').pop()!;
      await page.getByText(`工单 ${number} 已创建`).waitFor();
      await page.getByTestId('ticket-title').getByText('航班改签咨询').waitFor();

      const ticket = await getTicket(number);
      assert.equal(ticket.category.code, 'inquiry');
      assert.equal(ticket.serviceItem.code, 'flights_change');
      assert.equal(ticket.priority.code, 'medium');
      assert.equal(ticket.channel, 'phone');
      assert.deepEqual(ticket.fields, { flightNumber: 'CA1234', orderNumber: 'FL-2026-0099' });
      assert.equal(ticket.customer?.id, customerId);
      assert.equal(ticket.status === 'closed', false);
      // Submitted: the draft is gone.
      assert.equal(await draftsStored(page), 0);
    }, { serverClock: false });
  });

  it('restores a draft after a reload and never makes a second ticket when the network blinks', async () => {
    await withPage(async (page) => {
      await takeKnownCall(page, '投诉');
      await page.locator('#title').fill('快递员态度恶劣');
      await page.locator('#description').fill('客户投诉快递员送货时态度恶劣，要求道歉。');
      await waitUntil(page, `Object.entries(localStorage).some(([k, v]) => k.startsWith('gongdan.newTicketDraft.') && v.includes('要求道歉'))`);

      await page.reload();
      await page.getByTestId('draft-restored').waitFor();
      assert.equal(await page.locator('#title').inputValue(), '快递员态度恶劣');
      assert.equal(await page.locator('#description').inputValue(), '客户投诉快递员送货时态度恶劣，要求道歉。');
      assert.equal(await page.locator('#phone').inputValue(), KNOWN.phone);
      await page.getByTestId('caller-customer').getByText(KNOWN.name).waitFor();
      await page.getByTestId('category-select').getByText('投诉').waitFor();

      // The server records the ticket but the answer is lost: the page says so and keeps the draft.
      const blinked = await loseNextCreateAnswer(page);
      await page.locator('#description').focus();
      await page.keyboard.press('Control+Enter');
      await page.getByText('无法连接服务器，请检查网络后重试').waitFor();
      assert.ok(blinked());
      assert.match(new URL(page.url()).pathname, /\/tickets\/new$/);

      // The retry sends the same Idempotency-Key: the server answers the ticket it already made.
      await page.keyboard.press('Control+Enter');
      await page.waitForURL(/\/tickets\/GD-\d{8}-\d{6}$/);
      const found = await h.t.as('admin').get<{ items: Ticket[] }>('/api/v1/tickets?limit=100');
      assert.equal(found.status, 200);
      assert.equal(found.body.items.filter((ticket) => ticket.title === '快递员态度恶劣').length, 1, 'one ticket, not two');
    });
  });

  it('after a network blink and a change to the form, opens the ticket the first submission made instead of refusing', async () => {
    await withPage(async (page) => {
      await takeKnownCall(page, '咨询');
      await page.locator('#title').fill('积分兑换咨讯');
      await page.locator('#description').fill('客户咨询会员积分怎么兑换。');
      const blinked = await loseNextCreateAnswer(page);
      await page.keyboard.press('Control+Enter');
      await page.getByText('无法连接服务器，请检查网络后重试').waitFor();
      // The agent fixes a typo and sends again: the same key with another body names the ticket already made.
      await page.locator('#title').fill('积分兑换咨询');
      await page.keyboard.press('Control+Enter');
      const made = (await h.t.as('admin').get<{ items: Ticket[] }>('/api/v1/tickets?limit=100')).body.items.filter((ticket) => ticket.title.startsWith('积分兑换'));
      assert.equal(made.length, 1);
      const notice = page.getByTestId('earlier-ticket');
      await notice.getByText(`这通来电已建单 ${made[0]!.number}`).waitFor();
      await notice.getByTestId('open-earlier-ticket').click();
      await page.waitForURL(new RegExp(`/tickets/${made[0]!.number}$`));
      await page.getByTestId('side-menu').getByRole('menuitem', { name: '新建工单' }).click();
      await page.getByTestId('new-ticket-form').waitFor();
      assert.equal(await page.getByTestId('draft-restored').count(), 0, 'the draft went with the ticket it made');
    });
  });

  it('explains a phone number it cannot take, and does not look up the digits inside it', async () => {
    await withPage(async (page) => {
      await openNewTicket(page);
      const lookups: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/customers/lookup')) lookups.push(request.url());
      });
      await page.locator('#phone').fill('138 0013 800 转 2');
      await page.locator('#phone').press('Enter');
      await page.getByText('请输入电话号码：3–20 位数字，可含空格、+、-、括号').waitFor();
      await page.waitForTimeout(800);
      assert.deepEqual(lookups, [], 'its digits alone are another number');
      assert.equal(await page.getByTestId('caller-unknown').count(), 0, 'no "new customer" for it');
    });
  });

  it('discards a restored draft on demand', async () => {
    await withPage(async (page) => {
      await openNewTicket(page);
      await page.locator('#description').fill('这份草稿会被丢弃');
      await waitUntil(page, `Object.entries(localStorage).some(([k, v]) => k.startsWith('gongdan.newTicketDraft.') && v.includes('这份草稿会被丢弃'))`);
      await page.reload();
      await page.getByTestId('draft-restored').waitFor();
      await page.getByTestId('discard-draft').click();
      await page.getByTestId('draft-restored').waitFor({ state: 'detached' });
      assert.equal(await page.locator('#description').inputValue(), '');
      assert.equal(await activeId(page), 'phone');
      await page.reload();
      await page.getByTestId('new-ticket-form').waitFor();
      assert.equal(await page.getByTestId('draft-restored').count(), 0);
    });
  });

  it('answers a call on the spot: the ticket is created closed, with its result', async () => {
    await withPage(async (page) => {
      await openNewTicket(page);
      await page.keyboard.type(KNOWN.phone);
      await page.getByTestId('caller-customer').waitFor();
      await page.locator('#category').fill('业务受理');
      await pickActive(page, '业务受理');
      await page.locator('#serviceItem').fill('mobile');
      await pickActive(page, '手机充值');
      await page.locator('#description').fill('客户询问如何给家人手机充值。');
      await page.locator('#fields_mobile').fill('13911110000');
      // Checked in the page as the server checks it: the top-up amount is at least 1.
      await page.locator('#fields_amount').fill('0');
      await page.locator('#fields_amount').press('Tab');
      await page.getByText('充值金额不能小于 1').waitFor();
      await page.locator('#fields_amount').fill('50');
      await page.getByTestId('answered-on-spot').click();
      await page.getByTestId('new-ticket-submit').getByText('提交并办结').waitFor();
      await page.getByTestId('new-ticket-submit').click();
      await page.getByText('当场办结须填写答复内容').waitFor();
      await page.locator('#result').fill('已告知客户可通过 App 为家人号码充值。');
      await page.getByTestId('new-ticket-submit').click();
      await page.waitForURL(/\/tickets\/GD-\d{8}-\d{6}$/);
      const number = new URL(page.url()).pathname.split('/').pop()!;
      await page.getByText(`工单 ${number} 已创建并办结`).waitFor();
      const ticket = await getTicket(number);
      assert.equal(ticket.status, 'closed');
      assert.equal(ticket.result, '已告知客户可通过 App 为家人号码充值。');
      assert.equal(ticket.serviceItem.code, 'mobile_topup');
      assert.deepEqual(ticket.fields, { mobile: '13911110000', amount: 50 });
    });
  });

  it('creates the customer for a number nobody has', async () => {
    const phone = '13977776666';
    await withPage(async (page) => {
      await openNewTicket(page);
      const timing = await typePhoneTimed(page, phone);
      console.log(`# last digit of an unknown number → "new customer": ${describeTiming(timing)}`);
      await page.getByTestId('caller-unknown').waitFor();
      await page.keyboard.press('Tab');
      assert.equal(await activeId(page), 'customerName');
      await page.keyboard.type('吴建国');
      await page.locator('#category').fill('建议');
      await pickActive(page, '建议');
      await page.locator('#serviceItem').fill('商城售前');
      await pickActive(page, '商城售前');
      await page.locator('#description').fill('建议商城增加夜间人工客服。');
      await page.keyboard.press('Control+Enter');
      await page.waitForURL(/\/tickets\/GD-\d{8}-\d{6}$/);
      const number = new URL(page.url()).pathname.split('/').pop()!;
      const ticket = await getTicket(number);
      assert.equal(ticket.customer?.name, '吴建国');
      const lookup = await h.t.as('agent').get<{ customer: { id: string; name: string } }>(`/api/v1/customers/lookup?phone=${phone}`);
      assert.equal(lookup.status, 200);
      assert.equal(lookup.body.customer.name, '吴建国');
      assert.equal(lookup.body.customer.id, ticket.customer?.id);
    }, { serverClock: false });
  });

  it('lets a handler, who sees numbers masked, choose the customer by name instead of by number', async () => {
    await withPage(async (page) => {
      await signIn(page, 'handler', '/tickets/new');
      await page.getByTestId('new-ticket-form').waitFor();
      assert.equal(await page.getByTestId('caller-phone').count(), 0, 'no phone field: a number would tell whose it is');
      await page.getByTestId('caller-customer-picker').click();
      await page.keyboard.type(KNOWN.name.slice(0, 2));
      await page.locator('.ant-select-dropdown >> visible=true').locator('.ant-select-item-option').filter({ hasText: KNOWN.name }).click();
      await page.locator('#category').fill('建议');
      await pickActive(page, '建议');
      await page.locator('#serviceItem').fill('商城售前');
      await pickActive(page, '商城售前');
      await page.locator('#description').fill('客户建议售后电话延长服务时间。');
      await page.getByTestId('new-ticket-submit').click();
      await page.waitForURL(/\/tickets\/GD-\d{8}-\d{6}$/);
      const ticket = await getTicket(new URL(page.url()).pathname.split('/').pop()!);
      assert.equal(ticket.customer?.name, KNOWN.name);
    });
  });

  it('shows a similar open ticket while typing, and adds the call to it instead', async () => {
    await withPage(async (page) => {
      await openNewTicket(page);
      await page.locator('#description').fill('阳光花园小区停电了，3号楼整栋没电');
      const similar = page.getByTestId('similar-tickets').getByTestId('similar-ticket').filter({ hasText: outage.number });
      await similar.getByText('阳光花园小区停电').waitFor();
      await similar.getByRole('button', { name: '记录到此工单' }).click();
      await page.getByTestId('add-to-ticket').getByText(`记录到工单 ${outage.number}`).waitFor();
      assert.equal(await page.locator('#description').inputValue(), '阳光花园小区停电了，3号楼整栋没电');
      await page.keyboard.press('Control+Enter');
      await page.waitForURL(`**/tickets/${outage.number}`);
      await page.getByText(`来电已记录到工单 ${outage.number}`).waitFor();
      const events = await h.t.as('admin').get<{ items: Array<{ type: string; content: string | null }> }>(`/api/v1/tickets/${outage.id}/events`);
      assert.ok(events.body.items.some((event) => event.type === 'ticket.note_added' && event.content === '阳光花园小区停电了，3号楼整栋没电'));
    });
  });
});
