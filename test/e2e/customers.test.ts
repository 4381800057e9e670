import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { e2eSkipReason, screenshot, signIn, startConsoleHarness, waitUntil, type ConsoleHarness } from '../support/console-e2e.js';

/**
 * 客户 in a real browser: finding a customer by name and by phone number, the profile with its
 * tickets, editing, a handler unmasking a number (recorded in the audit trail), a supervisor
 * merging a duplicate, creating a customer, and the links from a ticket and to a new ticket.
 */

interface Customer {
  id: string;
  name: string;
  tier: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  mergedIntoId: string | null;
  phones: Array<{ number: string; masked: boolean }>;
}
interface CreatedTicket {
  id: string;
  number: string;
  customer: { id: string } | null;
}

const MAIN = { name: '欧阳建国', phone: '13912340001' };
const DUPLICATE = { name: '欧阳建国（重复建档）', phone: '13912340002' };

const skip = e2eSkipReason();

describe('customers in the console, in chromium', { skip }, () => {
  let h: ConsoleHarness;
  let main: Customer;
  let duplicate: Customer;
  let mainTicket: CreatedTicket;

  const ticketFor = async (phone: string, title: string, name?: string) => {
    const response = await h.t.as('agent').post<CreatedTicket>('/api/v1/tickets', {
      title,
      description: `${title}，客户来电反映，请处理`,
      channel: 'phone',
      category: 'fault',
      serviceItem: 'other',
      priority: 'medium',
      customer: { phone, ...(name && { name }) },
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body;
  };
  const customer = async (id: string) => (await h.t.as('admin').get<Customer>(`/api/v1/customers/${id}`)).body;

  before(async () => {
    h = await startConsoleHarness();
    for (const attribute of [
      { key: 'segment', label: '客户群', type: 'select', options: ['家庭', '商企'] },
      { key: 'contract_end', label: '合同到期', type: 'date' },
    ]) {
      const defined = await h.t.as('admin').post('/api/v1/customer-attributes', attribute);
      assert.equal(defined.status, 201, JSON.stringify(defined.body));
    }
    mainTicket = await ticketFor(MAIN.phone, '宽带无法上网', MAIN.name);
    await ticketFor(MAIN.phone, '电视没有信号');
    const other = await ticketFor(DUPLICATE.phone, '催问宽带维修进度', DUPLICATE.name);
    main = await customer(mainTicket.customer!.id);
    duplicate = await customer(other.customer!.id);
  });

  after(async () => {
    await h?.close();
  });

  const openProfile = async (page: Page, name: string) => {
    await page.getByTestId('side-menu').getByRole('menuitem', { name: '客户' }).click();
    await page.getByTestId('customer-search').getByRole('searchbox').fill(name.slice(0, 2));
    await page.getByTestId('customer-search').getByRole('searchbox').press('Enter');
    await page.getByTestId('customer-table').getByRole('link', { name, exact: true }).click();
    await page.getByTestId('customer-page-name').getByText(name, { exact: true }).waitFor();
  };

  it('lets an agent find a customer by name or number, see their tickets, edit them and start a ticket for them', async () => {
    await h.withPage(async (page) => {
      await signIn(page, 'agent');
      await openProfile(page, MAIN.name);
      assert.match(page.url(), new RegExp(`/customers/${main.id}$`));
      // Agents see numbers in full: they call customers back.
      await page.getByTestId('customer-identities').getByText(MAIN.phone).waitFor();
      await page.getByTestId('customer-open-tickets').getByRole('link', { name: mainTicket.number }).waitFor();
      assert.equal(await page.getByTestId('customer-open-tickets').getByRole('listitem').count(), 2);

      await page.getByTestId('customer-edit').click();
      const form = page.getByTestId('customer-form');
      await form.getByTestId('customer-form-tier').fill('VIP');
      await form.getByTestId('customer-form-tags').locator('input').fill('宽带用户');
      await form.getByTestId('customer-form-tags').locator('input').press('Enter');
      // The administrator's custom attributes, each with a control for its type.
      await form.getByLabel('客户群').click();
      await page.locator('.ant-select-dropdown >> visible=true').locator('.ant-select-item-option').filter({ hasText: '家庭' }).click();
      await form.getByLabel('合同到期').fill('2027-03-31');
      await form.getByLabel('合同到期').press('Enter');
      await page.getByRole('dialog').getByRole('button', { name: /^保\s?存$/ }).click();
      await page.getByTestId('customer-page-tier').getByText('VIP').waitFor();
      await page.getByTestId('customer-page-tags').getByText('宽带用户').waitFor();
      await page.getByTestId('customer-details').getByText('2027-03-31').waitFor();
      await page.getByTestId('customer-details').getByText('家庭').waitFor();
      const saved = await customer(main.id);
      assert.equal(saved.tier, 'VIP');
      assert.deepEqual(saved.tags, ['宽带用户']);
      assert.deepEqual(saved.attributes, { segment: '家庭', contract_end: '2027-03-31' });

      // A number finds its holder, in whatever format it is typed.
      await page.getByTestId('side-menu').getByRole('menuitem', { name: '客户' }).click();
      await page.getByTestId('customer-search').getByRole('searchbox').fill('+86 139 1234 0002');
      await page.getByTestId('customer-search').getByRole('searchbox').press('Enter');
      await page.getByTestId('customer-table').getByRole('link', { name: MAIN.name, exact: true }).waitFor({ state: 'detached' });
      await page.getByTestId('customer-table').getByRole('link', { name: DUPLICATE.name }).waitFor();
      assert.equal(await page.getByTestId('customer-link').count(), 1);

      await page.goto(`/customers/${main.id}`);
      await page.getByTestId('customer-page-tags').getByText('宽带用户').waitFor();
      await screenshot(page, 'customer.png');
      await page.getByTestId('customer-new-ticket').click();
      await page.waitForURL(/\/tickets\/new/);
      assert.equal(await page.getByTestId('caller-phone').inputValue(), MAIN.phone);
      await page.getByTestId('caller-name').getByText(MAIN.name).waitFor();
    });
  });

  it('shows a handler masked numbers and unmasks one on request, recording it in the audit trail', async () => {
    await h.withPage(async (page) => {
      await signIn(page, 'handler', `/customers/${main.id}`);
      const identities = page.getByTestId('customer-identities');
      await identities.getByText('139****0001').waitFor();
      assert.equal(await page.getByTestId('customer-edit').count(), 0, 'handlers do not edit customers');
      assert.equal(await page.getByTestId('customer-merge').count(), 0, 'nor merge them');
      await identities.getByTestId('identity-reveal').click();
      await identities.getByText(MAIN.phone).waitFor();
    });
    const audit = await h.t.as('admin').get<{ items: Array<{ action: string; actor: { username: string } | null }> }>(
      `/api/v1/audit-log?subject=customer:${main.id}&action=customer.identity_revealed`,
    );
    assert.equal(audit.status, 200, JSON.stringify(audit.body));
    assert.deepEqual(audit.body.items.map((entry) => entry.actor?.username), ['handler']);
  });

  it('lets a supervisor merge a duplicate into the customer that stays, tickets and number with it', async () => {
    await h.withPage(async (page) => {
      await signIn(page, 'supervisor', `/customers/${duplicate.id}`);
      await page.getByTestId('customer-page-name').getByText(DUPLICATE.name).waitFor();
      await page.getByTestId('customer-merge').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('merge-customer-target').click();
      await dialog.getByTestId('merge-customer-target').locator('input').fill(MAIN.name);
      await page.locator('.ant-select-dropdown >> visible=true').locator('.ant-select-item-option').filter({ hasText: MAIN.name }).first().click();
      await dialog.getByText(`确定把“${DUPLICATE.name}”合并到“${MAIN.name}”？`).waitFor();
      await dialog.getByRole('button', { name: /^合\s?并$/ }).click();
      await page.waitForURL(new RegExp(`/customers/${main.id}$`));
      await page.getByTestId('customer-identities').getByText(DUPLICATE.phone).waitFor();
    });
    assert.equal((await customer(duplicate.id)).mergedIntoId, main.id);
    assert.equal((await customer(main.id)).phones.length, 2);
    const tickets = await h.t.as('admin').get<{ items: Array<{ title: string }> }>(`/api/v1/tickets?customer=${main.id}`);
    assert.deepEqual(tickets.body.items.map((ticket) => ticket.title).sort(), ['催问宽带维修进度', '宽带无法上网', '电视没有信号']);
  });

  it('fits long tiers and tags (40 characters, the most the server keeps) on a 1366-pixel screen', async () => {
    const long = '超长标签'.repeat(10);
    const made = await h.t.as('agent').post<Customer>('/api/v1/customers', { name: '长标签测试客户', tier: long, tags: [long, `${long.slice(0, 39)}二`, '普通'] });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    await h.withPage(async (page) => {
      await page.setViewportSize({ width: 1366, height: 768 });
      await signIn(page, 'agent', '/customers?q=长标签');
      await page.getByTestId('customer-table').getByRole('link', { name: '长标签测试客户' }).waitFor();
      assert.ok((await page.evaluate<number>('document.documentElement.scrollWidth')) <= 1366, 'the list does not scroll sideways');
      await page.goto(`/customers/${made.body.id}`);
      await page.getByTestId('customer-page-tags').getByText('普通').waitFor();
      assert.ok((await page.evaluate<number>('document.documentElement.scrollWidth')) <= 1366, 'the profile does not scroll sideways');
    });
  });

  it('keeps the stored custom attributes when the edit dialog opens before their definitions have arrived', async () => {
    await h.withPage(async (page) => {
      await signIn(page, 'agent');
      const before = (await customer(main.id)).attributes;
      assert.ok(Object.keys(before).length > 0, JSON.stringify(before));
      let release = () => undefined as void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/api/v1/customer-attributes**', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`/customers/${main.id}`);
      await page.getByTestId('customer-edit').click();
      assert.equal(await page.getByTestId('customer-form').count(), 0, 'no form before the definitions are here');
      release();
      await page.getByTestId('customer-form').getByLabel('客户群').waitFor();
      await page.getByTestId('customer-form-name').fill(`${MAIN.name}先生`);
      await page.getByRole('dialog').getByRole('button', { name: /^保\s?存$/ }).click();
      await page.getByTestId('customer-page-name').getByText(`${MAIN.name}先生`).waitFor();
      assert.deepEqual((await customer(main.id)).attributes, before);
      const renamed = await h.t.as('admin').patch(`/api/v1/customers/${main.id}`, { name: MAIN.name });
      assert.equal(renamed.status, 200);
    });
  });

  it("never drops an unsent draft for another caller when asked for a ticket for this customer", async () => {
    await h.withPage(async (page) => {
      await signIn(page, 'agent', '/tickets/new');
      await page.getByTestId('caller-phone').fill(DUPLICATE.phone);
      await page.locator('#title').fill('另一通电话的草稿');
      await waitUntil(page, `Object.entries(localStorage).some(([k, v]) => k.startsWith('gongdan.newTicketDraft.') && v.includes('另一通电话的草稿'))`);
      await page.goto(`/customers/${main.id}`);
      await page.getByTestId('customer-new-ticket').click();
      const notice = page.getByTestId('draft-restored');
      await notice.getByText(`来电 ${DUPLICATE.phone}`).waitFor();
      await notice.getByText(`没有换成 ${MAIN.phone}`).waitFor();
      assert.equal(await page.getByTestId('caller-phone').inputValue(), DUPLICATE.phone);
      assert.equal(await page.locator('#title').inputValue(), '另一通电话的草稿');
      await page.getByTestId('discard-draft').click();
      await page.getByTestId('caller-name').getByText(MAIN.name).waitFor();
      assert.equal(await page.getByTestId('caller-phone').inputValue(), MAIN.phone);

      // The same number written another way is the same caller: no warning.
      await page.getByTestId('caller-phone').fill(`+86 ${MAIN.phone.slice(0, 3)} ${MAIN.phone.slice(3, 7)} ${MAIN.phone.slice(7)}`);
      await page.locator('#title').fill('同一位客户的草稿');
      await waitUntil(page, `Object.entries(localStorage).some(([k, v]) => k.startsWith('gongdan.newTicketDraft.') && v.includes('同一位客户的草稿'))`);
      await page.goto(`/customers/${main.id}`);
      await page.getByTestId('customer-new-ticket').click();
      await page.getByTestId('draft-restored').waitFor();
      assert.equal(await page.getByTestId('draft-restored').getByText('没有换成').count(), 0);
    });
  });

  it('creates a customer from the list, and a ticket links to its customer', async () => {
    await h.withPage(async (page) => {
      await signIn(page, 'agent', '/customers');
      await page.getByTestId('customer-create').click();
      const form = page.getByTestId('customer-form');
      await form.getByTestId('customer-form-name').fill('司马光华');
      // Checked in the browser first, in Chinese; then what only the server knows, under the field it concerns.
      await form.getByTestId('customer-form-phone').fill('12');
      await page.getByRole('dialog').getByRole('button', { name: /^保\s?存$/ }).click();
      await form.getByText('请输入电话号码：3–20 位数字，可含空格、+、-、括号').waitFor();
      await form.getByTestId('customer-form-phone').fill(MAIN.phone);
      await page.getByRole('dialog').getByRole('button', { name: /^保\s?存$/ }).click();
      await form.getByText('已登记在另一位客户名下；如是同一人，请合并两位客户（主管、管理员可合并）').waitFor();
      await form.getByTestId('customer-form-phone').fill('010-6543 2100');
      await page.getByRole('dialog').getByRole('button', { name: /^保\s?存$/ }).click();
      await page.getByTestId('customer-page-name').getByText('司马光华').waitFor();
      await page.getByTestId('customer-identities').getByText('01065432100').waitFor();

      await page.goto(`/tickets/${mainTicket.number}`);
      await page.getByTestId('customer-panel').getByTestId('customer-name').click();
      await page.waitForURL(new RegExp(`/customers/${main.id}$`));
    });
  });
});
