import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
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
      // The customer's tickets are the call centre's: the handler has no reason to unmask yet.
      assert.equal(await identities.getByTestId('identity-reveal').count(), 0, 'no ticket of theirs');
      const refund = await h.t.as('agent').post('/api/v1/tickets', {
        description: '宽带费重复扣款，要求退款',
        category: 'refund',
        serviceItem: 'mall_aftersales',
        priority: 'high',
        fields: { orderNumber: 'JD-2026-5566' },
        customer: { id: main.id },
      });
      assert.equal(refund.status, 201, JSON.stringify(refund.body));
      await page.reload();
      await identities.getByTestId('identity-reveal').first().click();
      await identities.getByText(MAIN.phone).waitFor();
      // A number would confirm a mask: the handler's customer search offers names only.
      await page.getByTestId('side-menu').getByRole('menuitem', { name: '客户' }).click();
      await page.getByTestId('customer-search').getByPlaceholder('按姓名查找').waitFor();
    });
    const audit = await h.t.as('admin').get<{ items: Array<{ action: string; actor: { username: string } | null }> }>(
      `/api/v1/audit-log?subject=customer:${main.id}&action=customer.identity_revealed`,
    );
    assert.equal(audit.status, 200, JSON.stringify(audit.body));
    assert.deepEqual(audit.body.items.map((entry) => entry.actor?.username), ['handler']);
  });

  it('lets an auditor read the whole audit log, filtered by action, and open the customer an entry is about', async () => {
    await h.withPage(async (page) => {
      await signIn(page, 'auditor');
      await page.getByTestId('side-menu').getByRole('menuitem', { name: '审计日志' }).click();
      await page.waitForURL(/\/audit$/);
      await page.getByTestId('audit-action').click();
      await page.locator('.ant-select-dropdown >> visible=true').locator('.ant-select-item-option').filter({ hasText: '查看完整信息' }).click();
      await page.waitForURL(/action=customer\.identity_revealed/);
      const table = page.getByTestId('audit-table');
      // Only the unmasking is left once the filtered page is here.
      await waitUntil(page, `document.querySelectorAll('[data-testid="audit-table"] .ant-table-row').length === 1`);
      const row = table.locator('.ant-table-row').filter({ hasText: '查看了完整的电话 139****0001' });
      await row.getByText('张处理').waitFor();
      await row.getByRole('link', { name: '客户' }).click();
      await page.waitForURL(new RegExp(`/customers/${main.id}$`));
    });
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
    assert.deepEqual(tickets.body.items.map((ticket) => ticket.title).sort(), ['催问宽带维修进度', '宽带无法上网', '宽带费重复扣款，要求退款', '电视没有信号']);
  });

  it('exports the customers the list finds as a CSV file, numbers masked for a supervisor', async () => {
    await h.withPage(async (page) => {
      await signIn(page, 'supervisor', `/customers?q=${encodeURIComponent('欧阳')}`);
      await page.getByTestId('customer-table').getByRole('link', { name: MAIN.name, exact: true }).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
      assert.match(download.suggestedFilename(), /^客户-\d{8}-\d{4}\.csv$/);
      const [header, ...rows] = (await readFile(await download.path())).toString('utf8').slice(1).trimEnd().split('\r\n');
      assert.match(header!, /^客户ID,姓名,/);
      assert.ok(rows.length > 0 && rows.every((row) => row.split(',')[1]!.startsWith('欧阳')), rows.join('\n'));
      assert.ok(!rows.join('\n').includes(MAIN.phone), 'a supervisor exports numbers masked');
    });
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

  it('lets an administrator record an external id and an ID number, read the audit trail and delete a customer', async () => {
    const made = await h.t.as('admin').post<Customer>('/api/v1/customers', { name: '诸葛明远', phones: [{ number: '13912340009' }] });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    await h.withPage(async (page) => {
      await signIn(page, 'admin', `/customers/${made.body.id}`);
      const identities = page.getByTestId('customer-identities');
      await identities.getByTestId('identity-add-external').click();
      const form = page.getByTestId('identity-form');
      await form.getByTestId('identity-form-scheme').fill('Account No');
      await form.getByTestId('identity-form-value').fill('A-100234');
      await page.getByRole('dialog').getByRole('button', { name: /^确\s?定$/ }).click();
      await form.getByText('请用小写英文字母、数字和下划线，以字母开头').waitFor();
      await form.getByTestId('identity-form-scheme').fill('account_no');
      await page.getByRole('dialog').getByRole('button', { name: /^确\s?定$/ }).click();
      await identities.getByTestId('identity-external').getByText('A-100234').waitFor();

      // The check character is the server's rule, checked in the browser first.
      await identities.getByTestId('identity-add-id_card').click();
      await form.getByTestId('identity-form-value').fill('110105194912310021');
      await page.getByRole('dialog').getByRole('button', { name: /^确\s?定$/ }).click();
      await form.getByText(/^请输入居民身份证号/).waitFor();
      await form.getByTestId('identity-form-value').fill('11010519491231002x');
      await page.getByRole('dialog').getByRole('button', { name: /^确\s?定$/ }).click();
      await identities.getByTestId('identity-id_card').getByText(/^110\*+002X$/).waitFor();
      assert.equal(await identities.getByTestId('identity-add-id_card').count(), 0, 'one ID number at most');

      const trail = page.getByTestId('customer-audit');
      await trail.getByText(/^添加了身份证号 110\*+002X$/).waitFor();
      await trail.getByText(/^添加了外部账号 account_no /).waitFor();
      await trail.getByText('建档（手工新建）').waitFor();
      // Unmasking is on the trail at once, without a reload.
      await identities.getByTestId('identity-id_card').getByTestId('identity-reveal').click();
      await identities.getByTestId('identity-id_card').getByText('11010519491231002X').waitFor();
      await trail.getByText(/^查看了完整的身份证号 110\*+002X$/).waitFor();

      await page.getByTestId('customer-delete').click();
      await page.getByRole('dialog').getByText('确定删除“诸葛明远”？').waitFor();
      await page.getByRole('dialog').getByRole('button', { name: /^删\s?除$/ }).click();
      await page.waitForURL(/\/customers$/);
      // The audit log keeps the deleted customer's entries, without a link to a page that is gone.
      await page.goto('/audit?subject=customer&action=customer.deleted');
      const deletion = page.getByTestId('audit-table').locator('.ant-table-row').filter({ hasText: '删除客户' });
      await deletion.getByText('客户（已删除）').waitFor();
      assert.equal(await deletion.getByRole('link').count(), 0);
    });
    assert.equal((await h.t.as('admin').get(`/api/v1/customers/${made.body.id}`)).status, 404);
    // Its number is free again.
    const again = await h.t.as('agent').post<Customer>('/api/v1/customers', { name: '诸葛明远', phones: [{ number: '13912340009' }] });
    assert.equal(again.status, 201, JSON.stringify(again.body));
  });

  it('lets a supervisor add a contact to an enterprise and take one off; only administrators and auditors read the audit trail', async () => {
    const person = await h.t.as('agent').post<Customer & { parent: { id: string } | null }>('/api/v1/customers', { name: '慕容雪', phones: [{ number: '13912340010' }] });
    assert.equal(person.status, 201, JSON.stringify(person.body));
    const found = await h.t.as('admin').get<{ items: Array<{ id: string; name: string }> }>(`/api/v1/customers?q=${encodeURIComponent('京华物流有限公司')}`);
    const enterprise = found.body.items.find((c) => c.name === '京华物流有限公司')!;
    const parentOf = async (id: string) => (await h.t.as('admin').get<{ parent: { id: string } | null }>(`/api/v1/customers/${id}`)).body.parent?.id ?? null;

    await h.withPage(async (page) => {
      await signIn(page, 'supervisor', `/customers/${enterprise.id}`);
      const contacts = page.getByTestId('customer-contacts');
      await contacts.getByRole('link', { name: '京华物流 孙经理' }).waitFor();
      assert.equal(await page.getByTestId('customer-audit').count(), 0, 'supervisors do not read the audit trail');
      assert.equal(await page.getByTestId('customer-delete').count(), 0, 'nor delete customers');

      await contacts.getByTestId('contact-add').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('contact-picker').click();
      await dialog.getByTestId('contact-picker').locator('input').fill('慕容');
      await page.locator('.ant-select-dropdown >> visible=true').locator('.ant-select-item-option').filter({ hasText: '慕容雪' }).click();
      await dialog.getByRole('button', { name: /^确\s?定$/ }).click();
      await contacts.getByRole('link', { name: '慕容雪' }).waitFor();
      assert.equal(await parentOf(person.body.id), enterprise.id);

      await contacts.getByTestId('contact-row').filter({ hasText: '慕容雪' }).getByTestId('contact-detach').click();
      await page.locator('.ant-popconfirm >> visible=true').getByRole('button', { name: /^确\s?定$/ }).click();
      await contacts.getByRole('link', { name: '慕容雪' }).waitFor({ state: 'detached' });
      assert.equal(await parentOf(person.body.id), null);
    });

    await h.withPage(async (page) => {
      await signIn(page, 'auditor', `/customers/${person.body.id}`);
      const trail = page.getByTestId('customer-audit');
      // Newest first: taken off, added, created.
      await trail.getByTestId('audit-entry').nth(2).waitFor();
      const lines = await trail.getByTestId('audit-entry').allInnerTexts();
      assert.match(lines[0]!, /修改了所属政企客户/);
      assert.match(lines[1]!, /修改了所属政企客户/);
      assert.match(lines[2]!, /建档（手工新建）/);
      assert.equal(await page.getByTestId('customer-edit').count(), 0, 'auditors only read');
    });

    await h.withPage(async (page) => {
      await signIn(page, 'admin', `/customers/${enterprise.id}`);
      await page.getByTestId('customer-audit').getByTestId('audit-entry').first().waitFor();
      await screenshot(page, 'customer-enterprise.png');
      await page.getByTestId('customer-delete').click();
      await page.getByTestId('delete-customer-blocked').getByText(/还有 2 位联系人/).waitFor();
      assert.equal(await page.getByRole('dialog').getByRole('button', { name: /^删\s?除$/ }).isDisabled(), true);
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
