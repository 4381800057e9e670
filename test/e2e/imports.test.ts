import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { e2eSkipReason, menuEntries, screenshot, signIn, startConsoleHarness, type ConsoleHarness } from '../support/console-e2e.js';

/**
 * 数据导入 in a real browser: an administrator imports customers from a CSV file and reads the
 * job's counts, its failed row's reason and the failed rows' file; a dry run writes nothing; a
 * header naming an unknown column is refused, the column named in Chinese, and the file goes
 * through once unknown columns are left out; a queued import is cancelled; a supervisor is
 * offered tickets only and imports them; an agent does not get the page. The harness does not
 * start the import worker: the tests run it by hand, so a job waits queued until they do, and
 * the page must notice the change by itself (it polls while a job is queued or running).
 */

interface Job {
  id: string;
  kind: string;
  status: string;
  fileName: string;
  dryRun: boolean;
  counts: { total: number; processed: number; created: number; updated: number; skipped: number; failed: number };
  createdBy: { username: string } | null;
}

const BOM = '\uFEFF';
/** Lines as Excel's "CSV UTF-8" writes them. */
const utf8File = (lines: string[]) => Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');

const skip = e2eSkipReason();

describe('imports in the console, in chromium', { skip }, () => {
  let h: ConsoleHarness;

  before(async () => {
    h = await startConsoleHarness();
  });

  after(async () => {
    await h?.close();
  });

  const withPage = (work: (page: Page) => Promise<void>) => h.withPage(work);

  /** Runs the import worker by hand until no job has work left. */
  async function runImports(): Promise<void> {
    while (await h.t.running.imports.runOnce());
  }

  async function chooseFile(page: Page, name: string, lines: string[]): Promise<void> {
    await page.getByTestId('import-file').locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: utf8File(lines) });
    await page.getByTestId('import-form').getByText(name).waitFor();
  }

  /** The list's row of an import, by its file name. */
  const jobRow = (page: Page, fileName: string): Locator => page.getByTestId('imports-table').locator('.ant-table-row').filter({ hasText: fileName });

  async function waitForStatus(row: Locator, status: string): Promise<void> {
    await row.getByTestId('import-status').filter({ hasText: status }).waitFor();
  }

  async function jobsOf(user: 'admin' | 'supervisor'): Promise<Job[]> {
    const list = await h.t.as(user).get<{ items: Job[] }>('/api/v1/imports');
    assert.equal(list.status, 200, JSON.stringify(list.body));
    return list.body.items;
  }

  async function customerByPhone(phone: string): Promise<{ name: string; tier: string | null } | null> {
    const found = await h.t.as('admin').get<{ customer: { name: string; tier: string | null } }>(`/api/v1/customers/lookup?phone=${phone}`);
    if (found.status === 404) return null;
    assert.equal(found.status, 200, JSON.stringify(found.body));
    return found.body.customer;
  }

  it('imports customers as an administrator: the job runs, shows its counts and the failed row’s reason, and its failed rows download', async () => {
    await withPage(async (page) => {
      await signIn(page, 'admin', '/imports');
      await page.getByRole('heading', { name: '数据导入' }).waitFor();
      assert.ok((await menuEntries(page)).includes('数据导入'), 'in the administrator’s menu');
      assert.deepEqual(await page.getByTestId('import-kind').getByRole('radio').evaluateAll((radios) => radios.map((r) => r.closest('label')?.textContent)), ['客户', '工单']);
      assert.ok(await page.getByTestId('import-kind').getByRole('radio', { name: '客户' }).isChecked(), 'customers first');

      // The template of the kind chosen, fetched with the CSRF token and saved under the server's name.
      const [template] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
      assert.equal(template.suggestedFilename(), '客户导入模板.csv');
      const header = (await readFile(await template.path())).toString('utf8');
      assert.ok(header.startsWith(BOM), 'a byte-order mark, for Excel');
      assert.match(header, /^\uFEFF姓名,类型,/);

      await chooseFile(page, '客户名单-十一月.csv', ['姓名,手机,等级', '导入甲,13970000001,VIP', '导入乙,13970000002,', ',13970000003,普通']);
      const submit = page.getByTestId('import-submit');
      assert.match(await submit.innerText(), /^导\s?入$/);
      await submit.click();
      await page.getByText('已上传 客户名单-十一月.csv，正在后台导入').waitFor();
      const row = jobRow(page, '客户名单-十一月.csv');
      // Nothing runs it yet: it waits, and can be cancelled.
      await waitForStatus(row, '排队中');
      await row.getByTestId('import-cancel').waitFor();
      assert.match(await row.innerText(), /系统管理员/);

      // The worker runs it; the page polls and shows the outcome without a reload.
      await runImports();
      await waitForStatus(row, '已完成');
      assert.equal(await row.getByTestId('import-count-created').innerText(), '新建 2');
      assert.equal(await row.getByTestId('import-count-failed').innerText(), '失败 1');
      assert.match(await row.getByTestId('import-counts').innerText(), /已处理 3 \/ 3 行/);
      assert.equal(await row.getByTestId('import-cancel').count(), 0, 'a finished import cannot be cancelled');

      // Once no import is queued or running, the list is not read again.
      let reads = 0;
      page.on('request', (request) => {
        if (request.method() === 'GET' && new URL(request.url()).pathname === '/api/v1/imports') reads += 1;
      });
      await page.waitForTimeout(3_500);
      assert.equal(reads, 0, 'no polling once every import has finished');

      // The first error lines: row 4 has no name.
      await row.getByTestId('import-show-errors').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('错误明细：客户名单-十一月.csv').waitFor();
      const line = dialog.locator('.ant-table-row').filter({ hasText: '必填项为空' });
      await line.waitFor();
      const cells = await line.locator('td').allInnerTexts();
      assert.equal(cells[0], '4', 'the row as Excel numbers it');
      assert.equal(cells[1], '姓名');
      assert.equal(cells[3], 'required');
      assert.match(cells[4]!, /必填项为空/);

      // The failed rows as they were, with the reason, to fix in Excel and import again.
      const [failed] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('import-errors-download').click()]);
      assert.equal(failed.suggestedFilename(), '客户名单-十一月-错误行.csv');
      const text = (await readFile(await failed.path())).toString('utf8');
      assert.ok(text.startsWith(BOM));
      const lines = text.slice(1).trimEnd().split('\r\n');
      assert.equal(lines[0], '姓名,手机,等级,错误');
      assert.equal(lines.length, 2, 'only the failed row');
      assert.match(lines[1]!, /^,13970000003,普通,第4行: 姓名: /);
      await dialog.locator('.ant-modal-footer').getByRole('button', { name: /^关\s?闭$/ }).click();
      await dialog.waitFor({ state: 'hidden' });
    });
    const first = await customerByPhone('13970000001');
    assert.equal(first?.name, '导入甲');
    assert.equal(first?.tier, 'VIP');
    assert.equal((await customerByPhone('13970000002'))?.name, '导入乙');
    assert.equal(await customerByPhone('13970000003'), null, 'the failed row wrote nothing');
  });

  it('runs a dry run that reports what an import would do and creates nothing', async () => {
    await withPage(async (page) => {
      await signIn(page, 'admin', '/imports');
      await page.getByTestId('import-dry-run').check();
      const submit = page.getByTestId('import-submit');
      assert.equal(await submit.innerText(), '试运行');
      await chooseFile(page, '试运行名单.csv', ['姓名,手机', '试运行客户,13970000011', '又一位,13970000012']);
      await submit.click();
      const row = jobRow(page, '试运行名单.csv');
      await row.getByTestId('import-dry-run-tag').waitFor();
      await runImports();
      await waitForStatus(row, '已完成');
      assert.equal(await row.getByTestId('import-count-created').innerText(), '新建 2');
      // The file stays chosen, to be imported for real next.
      await page.getByTestId('import-form').getByText('试运行名单.csv').waitFor();
    });
    const job = (await jobsOf('admin')).find((j) => j.fileName === '试运行名单.csv');
    assert.equal(job?.dryRun, true);
    assert.equal(job?.counts.created, 2);
    assert.equal(await customerByPhone('13970000011'), null, 'a dry run creates nothing');
    assert.equal(await customerByPhone('13970000012'), null);
  });

  it('explains a refused header in Chinese, naming the unknown column, and imports the file once unknown columns are left out', async () => {
    await withPage(async (page) => {
      await signIn(page, 'admin', '/imports');
      await chooseFile(page, '带备注的名单.csv', ['姓名,手机,备注栏', '带备注,13970000021,老客户']);
      await page.getByTestId('import-submit').click();
      const refusal = page.getByTestId('import-refusal');
      await refusal.getByText('文件未被接受，没有导入任何数据').waitFor();
      assert.equal(await refusal.getByTestId('import-refusal-reason').innerText(), '文件中有无法识别的列：请按模板改名或删除，或选择忽略未知列');
      const unknown = refusal.getByTestId('import-refusal-unknown_columns');
      assert.equal((await unknown.innerText()).replace(/\s+/g, ''), '无法识别的列：备注栏');
      await refusal.getByText('也可以勾选“忽略未知列”').waitFor();
      // Shown in place, not as a notification as well.
      assert.equal(await page.locator('.ant-notification-notice').count(), 0);
      assert.equal((await jobsOf('admin')).filter((j) => j.fileName === '带备注的名单.csv').length, 0, 'nothing was accepted');

      await refusal.getByTestId('import-retry-ignoring').click();
      const row = jobRow(page, '带备注的名单.csv');
      await row.getByTestId('import-ignored').getByText('已忽略的列：备注栏').waitFor();
      await refusal.waitFor({ state: 'detached' });
      assert.ok(await page.getByTestId('import-ignore-unknown').isChecked(), 'the option is ticked for the next file');
      await runImports();
      await waitForStatus(row, '已完成');
      assert.equal(await row.getByTestId('import-count-created').innerText(), '新建 1');
    });
    assert.equal((await customerByPhone('13970000021'))?.name, '带备注');
  });

  it('cancels a queued import', async () => {
    await withPage(async (page) => {
      await signIn(page, 'admin', '/imports');
      await chooseFile(page, '取消的名单.csv', ['姓名,手机', '不会导入,13970000031']);
      await page.getByTestId('import-submit').click();
      const row = jobRow(page, '取消的名单.csv');
      await waitForStatus(row, '排队中');
      await row.getByTestId('import-cancel').click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /^确\s?定$/ }).click();
      await waitForStatus(row, '已取消');
      await row.getByTestId('import-delete').waitFor();
      // The page as an administrator finds it after these imports (without the messages above).
      await page.reload();
      await waitForStatus(jobRow(page, '客户名单-十一月.csv'), '已完成');
      await screenshot(page, 'imports.png');
    });
    await runImports();
    assert.equal((await jobsOf('admin')).find((j) => j.fileName === '取消的名单.csv')?.status, 'cancelled');
    assert.equal(await customerByPhone('13970000031'), null, 'a cancelled import imports nothing more');
  });

  it('offers a supervisor tickets only, and imports them', async () => {
    await withPage(async (page) => {
      await signIn(page, 'supervisor', '/imports');
      await page.getByRole('heading', { name: '数据导入' }).waitFor();
      assert.ok((await menuEntries(page)).includes('数据导入'), 'in the supervisor’s menu');
      const kinds = page.getByTestId('import-kind').getByRole('radio');
      assert.equal(await kinds.count(), 1, 'customers are imported by administrators only');
      assert.ok(await page.getByTestId('import-kind').getByRole('radio', { name: '工单' }).isChecked());
      assert.equal(await page.getByTestId('import-on-duplicate').count(), 0, 'no duplicate handling for tickets');
      assert.equal(await page.getByTestId('import-template').innerText(), '下载工单导入模板');
      await chooseFile(page, '投诉清单.csv', ['描述,工单分类,服务目录,优先级', '旅客投诉航班延误后行李迟到两天，要求赔偿,咨询,其它,低']);
      assert.match(await page.getByTestId('import-submit').innerText(), /^导\s?入$/);
      await page.getByTestId('import-submit').click();
      const row = jobRow(page, '投诉清单.csv');
      await waitForStatus(row, '排队中');
      await runImports();
      await waitForStatus(row, '已完成');
      assert.equal(await row.getByTestId('import-count-created').innerText(), '新建 1');
      assert.equal(await row.getByTestId('import-count-failed').innerText(), '失败 0');
      // A supervisor's list holds their own imports only.
      assert.equal(await jobRow(page, '客户名单-十一月.csv').count(), 0);
    });
    const job = (await jobsOf('supervisor')).find((j) => j.fileName === '投诉清单.csv');
    assert.equal(job?.kind, 'tickets');
    assert.equal(job?.createdBy?.username, 'supervisor');
    assert.deepEqual(job?.counts, { total: 1, processed: 1, created: 1, updated: 0, skipped: 0, failed: 0 });
  });

  it('does not give an agent the page', async () => {
    await withPage(async (page) => {
      await signIn(page, 'agent', '/imports');
      await page.waitForURL('**/imports');
      await page.getByText('您的角色无权访问此页面').waitFor();
      assert.equal(await page.getByTestId('imports-page').count(), 0);
      assert.ok(!(await menuEntries(page)).includes('数据导入'), 'not in the agent’s menu');
    });
  });
});
