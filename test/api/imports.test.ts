import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { ImportWorker } from '../../src/transfer/import-worker.job.js';
import type { ApiClient, ApiResponse } from '../support/api-client.js';
import { assertProblem } from '../support/bad-input.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

interface Job {
  id: string;
  kind: string;
  status: string;
  encoding: string;
  dryRun: boolean;
  onDuplicate: string | null;
  columns: Array<{ header: string; imports: string | null }>;
  ignoredColumns: string[];
  counts: { total: number; processed: number; created: number; updated: number; skipped: number; failed: number };
  progress: number;
  createdBy: { username: string } | null;
  error: string | null;
  links: { self: string; errors: string; errorsCsv: string };
}
interface ErrorItem {
  row: number;
  column: string | null;
  value: string | null;
  code: string;
  message: string;
}
interface Customer {
  id: string;
  name: string;
  type: string;
  tier: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  parent: { id: string; name: string } | null;
  phones: Array<{ number: string; label: string | null; primary: boolean }>;
  emails: Array<{ address: string; label: string | null }>;
  externalIds: Array<{ kind: string; value: string }>;
}
interface Ticket {
  id: string;
  number: string;
  title: string;
  status: string;
  department: { code: string } | null;
  category: { code: string };
  serviceItem: { code: string };
  priority: { code: string };
  channel: string;
  customer: { id: string; name: string; phone: string | null } | null;
  createdBy: { username: string };
  fields: Record<string, unknown>;
  result: string | null;
  sla: { state: string | null; dueAt: string | null };
}

const I = '/api/v1/imports';
const BOM = '\uFEFF';
const LIMIT = 256 * 1024;

/** Lines joined as Excel writes them (CRLF), with the UTF-8 byte-order mark of "CSV UTF-8". */
const utf8File = (lines: string[]) => Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');

for (const dialect of dialects()) {
  describe(`CSV import (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect, { GONGDAN_IMPORT_LIMIT_BYTES: String(LIMIT) });
      const industry = await t.as('admin').post('/api/v1/customer-attributes', { key: 'industry', label: '行业', labelEn: 'Industry', type: 'select', options: ['电信', '零售'] });
      assert.equal(industry.status, 201, JSON.stringify(industry.body));
    });
    after(async () => t?.close());

    const upload = (client: ApiClient, query: string, body: Buffer | string, contentType = 'text/csv') =>
      client.raw<Job>('POST', `${I}?${query}`, typeof body === 'string' ? Buffer.from(body) : body, contentType);

    /** Runs the worker by hand until no job has work left. */
    async function runAll(): Promise<void> {
      while (await t.running.imports.runOnce());
    }

    async function imported(client: ApiClient, query: string, body: Buffer | string, contentType?: string): Promise<Job> {
      const started = await upload(client, query, body, contentType);
      assert.equal(started.status, 202, JSON.stringify(started.body));
      await runAll();
      const job = await client.get<Job>(started.headers.location as string);
      assert.equal(job.status, 200);
      return job.body;
    }

    async function errorsOf(client: ApiClient, job: Job): Promise<ErrorItem[]> {
      const items: ErrorItem[] = [];
      let cursor: string | null = null;
      do {
        const page: ApiResponse<{ items: ErrorItem[]; nextCursor: string | null }> = await client.get(`${job.links.errors}?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(page.status, 200, JSON.stringify(page.body));
        items.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      return items;
    }

    async function lookup(phone: string): Promise<Customer | null> {
      const found = await t.as('admin').get<{ customer: Customer }>(`/api/v1/customers/lookup?phone=${encodeURIComponent(phone)}`);
      if (found.status === 404) return null;
      assert.equal(found.status, 200, JSON.stringify(found.body));
      return found.body.customer;
    }

    it('imports customers from a UTF-8 file with a BOM: the good rows go in, each bad row is reported by row number and column', async () => {
      const admin = t.as('admin');
      const lines = [
        '姓名,手机,邮箱,类型,等级,标签,行业,外部编号',
        '陈静,139 1000 2000; 010-6552 8888 [办公],chen.jing@example.com [工作],个人,VIP,VIP；投诉多,电信,wechat_openid:oUpF8uMuAJO',
        ',13911112222,,,,,,',
        '周涛,138-abc,,,,,,',
        '',
        '刘洋,13922223333,not-an-email,,,,,',
        '王芳,13933334444,,个体,,,,',
        '京华科技有限公司,010-8888 6666,,政企,,,零售,',
        '孙丽,13944445555,,,,,金融,',
        '赵磊,13600001001,,,,,,',
        '"钱,多多",13955556666,,,,,,,多出来的',
      ];
      const job = await imported(admin, 'kind=customers', utf8File(lines));
      assert.equal(job.status, 'done');
      assert.equal(job.encoding, 'utf-8');
      assert.equal(job.progress, 100);
      assert.deepEqual(job.counts, { total: 9, processed: 9, created: 2, updated: 0, skipped: 0, failed: 7 }, 'the blank line is no row');

      const errors = await errorsOf(admin, job);
      assert.deepEqual(
        errors.map((e) => [e.row, e.column, e.code]),
        [
          [3, '姓名', 'required'],
          [4, '手机', 'invalid_customer'],
          [6, '邮箱', 'invalid_customer'],
          [7, '类型', 'invalid_value'],
          [9, '行业', 'invalid_customer'],
          [10, '手机', 'duplicate_customer'],
          [11, null, 'too_many_cells'],
        ],
        'row numbers as Excel shows them: the header is row 1, the blank row 5 keeps its number',
      );
      assert.match(errors.find((e) => e.row === 9)!.message, /电信.*零售/, 'the select attribute names its options');
      assert.equal(errors.find((e) => e.row === 10)!.value, '136****01', 'phone numbers are masked in the stored report');

      const chen = await lookup('13910002000');
      assert.ok(chen, 'the first row was imported');
      assert.equal(chen.name, '陈静');
      assert.equal(chen.tier, 'VIP');
      assert.deepEqual([...chen.tags].sort(), ['VIP', '投诉多']);
      assert.deepEqual(chen.attributes, { industry: '电信' });
      assert.deepEqual(chen.phones.map((p) => [p.number, p.label, p.primary]), [
        ['13910002000', null, true],
        ['01065528888', '办公', false],
      ]);
      assert.deepEqual(chen.emails.map((e) => [e.address, e.label]), [['chen.jing@example.com', '工作']]);
      assert.deepEqual(chen.externalIds.map((x) => [x.kind, x.value]), [['wechat_openid', 'oUpF8uMuAJO']]);
      assert.equal((await lookup('010-88886666'))?.type, 'enterprise');
      for (const phone of ['13911112222', '13922223333', '13933334444', '13944445555', '13955556666']) assert.equal(await lookup(phone), null, `${phone}: a failed row wrote nothing`);
      assert.equal((await lookup('13600001001'))?.name, '黄晓燕', 'the existing customer is untouched');

      const audit = await admin.get<{ items: Array<{ action: string; data: Record<string, unknown> }> }>(`/api/v1/audit-log?subject=customer:${chen.id}`);
      assert.deepEqual(audit.body.items.map((e) => [e.action, e.data.via]), [['customer.created', 'import']]);

      // The failed rows as they were, with what is wrong, to fix in Excel and import again.
      const csv = await admin.get(job.links.errorsCsv);
      assert.equal(csv.status, 200);
      assert.match(csv.contentType, /^text\/csv; charset=utf-8/);
      assert.match(String(csv.headers['content-disposition']), /attachment; .*filename\*=UTF-8''/);
      const text = csv.body as unknown as string;
      assert.ok(text.startsWith(BOM), 'a byte-order mark for Excel');
      assert.ok(text.includes('\r\n'));
      const records = parse(text, { bom: true, relax_column_count: true }) as string[][];
      assert.deepEqual(records[0], ['姓名', '手机', '邮箱', '类型', '等级', '标签', '行业', '外部编号', '错误']);
      assert.deepEqual(
        records.slice(1).map((r) => r[0]),
        ['', '周涛', '刘洋', '王芳', '孙丽', '赵磊', '钱,多多'],
      );
      assert.equal(records[2]![1], '138-abc', 'the original cells, in full');
      assert.match(records[2]![8]!, /^第4行: 手机: /);
      assert.match(records[6]![8]!, /第10行: 手机: .*already exists/);
      assert.equal(records[7]!.length, 9, 'cells past the header are not carried over');
      assert.match(records[7]![8]!, /多出来的/, 'but the message quotes them');

      const english = await admin.get(`${job.links.errorsCsv}?lang=en`);
      assert.match((english.body as unknown as string).split('\r\n')[0]!, /,Errors$/);
    });

    it('keeps values without a column (no header, past the last column) masked in the stored report, and in full in the failed rows’ CSV', async () => {
      const admin = t.as('admin');
      // An unnamed second phone column (a common Excel sheet), and a number after one unquoted comma too many.
      const job = await imported(admin, 'kind=customers', utf8File(['姓名,手机,', '己,13922220001,13988889999', '庚,13922220002,,13966667777,另一个']));
      assert.deepEqual(job.counts, { total: 2, processed: 2, created: 0, updated: 0, skipped: 0, failed: 2 });
      const errors = await errorsOf(admin, job);
      assert.deepEqual(
        errors.map((e) => [e.row, e.column, e.value, e.code]),
        [
          [2, '(column 3)', '139****99', 'value_without_header'],
          [3, null, '139****77, ****', 'too_many_cells'],
        ],
      );
      assert.match(errors[1]!.message, /\(5 > 3\), left over: 139\*\*\*\*77, \*\*\*\*; a comma inside a value needs the value in quotes$/);
      const db = t.running.database.db;
      const stored = JSON.stringify(await db.selectFrom('import_errors').selectAll().execute()) + JSON.stringify(await db.selectFrom('import_jobs').selectAll().execute());
      for (const secret of ['13988889999', '13966667777', '13922220001', '13922220002', '另一个']) assert.ok(!stored.includes(secret), `${secret} is stored in plain text`);

      // The rows to fix, as they were: the unnamed column's cell in its place, the left-over cells quoted in full.
      const records = parse((await admin.get(job.links.errorsCsv)).body as unknown as string, { bom: true, relax_column_count: true }) as string[][];
      assert.deepEqual(records[0], ['姓名', '手机', '', '错误']);
      assert.deepEqual(records[1]!.slice(0, 3), ['己', '13922220001', '13988889999']);
      assert.match(records[1]![3]!, /^第2行: \(column 3\): this column has no header/);
      assert.deepEqual(records[2]!.slice(0, 3), ['庚', '13922220002', '']);
      assert.match(records[2]![3]!, /^第3行: the row has more cells than the header has columns \(5 > 3\), left over: 13966667777, 另一个; /);
    });

    it('reads a GBK file (Excel’s "CSV" on a Chinese Windows) with Chinese names, detected or named', async () => {
      const admin = t.as('admin');
      const text = '姓名,电话,标签\r\n欧阳娜娜,13700001111,老客户\r\n诸葛明,13700002222,\r\n';
      const gbk = iconv.encode(text, 'gbk');
      const detected = await imported(admin, 'kind=customers&fileName=客户.csv', gbk);
      assert.equal(detected.encoding, 'gbk');
      assert.deepEqual(detected.counts, { total: 2, processed: 2, created: 2, updated: 0, skipped: 0, failed: 0 });
      assert.equal((await lookup('13700001111'))?.name, '欧阳娜娜');
      assert.deepEqual((await lookup('13700001111'))?.tags, ['老客户']);
      assert.equal((await lookup('13700002222'))?.name, '诸葛明');

      const charset = await imported(admin, 'kind=customers', iconv.encode('姓名,电话\r\n司马云,13700003333\r\n', 'gbk'), 'text/csv; charset=GB2312');
      assert.equal(charset.encoding, 'gbk');
      assert.equal((await lookup('13700003333'))?.name, '司马云');

      assertProblem(await upload(admin, 'kind=customers&encoding=utf-8', gbk), 422, 'invalid_encoding');
    });

    it('a dry run checks every row and writes nothing but its report', async () => {
      const admin = t.as('admin');
      const auditBefore = await admin.get<{ items: unknown[] }>('/api/v1/audit-log?limit=200');
      const job = await imported(admin, 'kind=customers&dryRun=true', utf8File(['姓名,手机', '试运行甲,13811110001', '试运行乙,不是号码', '试运行丙,13811110003', '试运行丁,13811110003']));
      assert.equal(job.dryRun, true);
      assert.equal(job.status, 'done');
      assert.deepEqual(job.counts, { total: 4, processed: 4, created: 2, updated: 0, skipped: 0, failed: 2 });
      assert.deepEqual(
        (await errorsOf(admin, job)).map((e) => [e.row, e.column, e.code]),
        [
          [3, '手机', 'invalid_customer'],
          [5, '手机', 'duplicate_customer'],
        ],
        'the same number twice in one chunk is found, as in the real import',
      );
      assert.equal(await lookup('13811110001'), null);
      assert.equal(await lookup('13811110003'), null);
      const auditAfter = await admin.get<{ items: unknown[] }>('/api/v1/audit-log?limit=200');
      assert.equal(auditAfter.body.items.length, auditBefore.body.items.length, 'not even an audit entry');
    });

    it('handles a customer who exists already (same phone number or 客户ID) as onDuplicate says', async () => {
      const admin = t.as('admin');
      const file = utf8File(['姓名,手机,邮箱,等级,标签', '郑伟,13600001002; 13700009999 [新号],zheng.wei@example.com,VIP,新标签']);
      const error = await imported(admin, 'kind=customers', file);
      assert.equal(error.onDuplicate, 'error', 'the default: nothing is left out without saying so');
      assert.deepEqual([error.counts.created, error.counts.failed], [0, 1]);
      const [refused] = await errorsOf(admin, error);
      assert.deepEqual([refused!.row, refused!.column, refused!.code], [2, '手机', 'duplicate_customer']);

      const skip = await imported(admin, 'kind=customers&onDuplicate=skip', file);
      assert.deepEqual([skip.counts.skipped, skip.counts.failed], [1, 0]);
      const untouched = await lookup('13600001002');
      assert.equal(untouched?.tier, null);
      assert.equal(await lookup('13700009999'), null);

      const update = await imported(admin, 'kind=customers&onDuplicate=update', file);
      assert.deepEqual([update.counts.updated, update.counts.failed], [1, 0]);
      const updated = (await lookup('13700009999'))!;
      assert.equal(updated.id, untouched!.id, 'the new number was added to the same customer');
      assert.equal(updated.tier, 'VIP');
      assert.deepEqual(updated.tags, ['新标签']);
      assert.deepEqual(updated.emails.map((e) => e.address), ['zheng.wei@example.com']);
      assert.deepEqual(
        updated.phones.map((p) => [p.number, p.primary, p.label]),
        [
          ['13600001002', true, '手机'],
          ['01066001002', false, '家庭'],
          ['13700009999', false, '新号'],
        ],
        'numbers it had keep their labels and primary',
      );

      // By 客户ID: the customer is renamed although the file has no phone for them.
      const huang = (await lookup('13600001001'))!;
      const byId = await imported(admin, 'kind=customers&onDuplicate=update', utf8File(['客户ID,姓名,等级', `${huang.id},黄晓燕（VIP）,SVIP`]));
      assert.equal(byId.counts.updated, 1);
      assert.deepEqual([(await lookup('13600001001'))!.name, (await lookup('13600001001'))!.tier], ['黄晓燕（VIP）', 'SVIP']);

      // Numbers of two different customers in one row: which one is meant?
      const ambiguous = await imported(admin, 'kind=customers&onDuplicate=update', utf8File(['姓名,手机', '谁,13600001001; 13600001002']));
      const [both] = await errorsOf(admin, ambiguous);
      assert.equal(both!.code, 'ambiguous_customer');

      // A contact names its enterprise by name; an unknown enterprise refuses the row.
      const contacts = await imported(admin, 'kind=customers', utf8File(['姓名,手机,所属企业', '京华物流 周主管,13600002003,京华物流有限公司', '某人,13600002004,不存在的公司']));
      assert.deepEqual([contacts.counts.created, contacts.counts.failed], [1, 1]);
      const contact = (await lookup('13600002003'))!;
      assert.equal(contact.parent?.name, '京华物流有限公司');
      assert.equal(contact.tier, 'VIP', 'takes its enterprise’s tier, as through the API');
      assert.deepEqual((await errorsOf(admin, contacts)).map((e) => [e.row, e.column, e.code]), [[3, '所属企业', 'unknown_enterprise']]);
    });

    it('refuses a file whose header it cannot use at once, with 422 naming the columns', async () => {
      const admin = t.as('admin');
      const unknown = assertProblem(await upload(admin, 'kind=customers', utf8File(['姓名,手机,会员卡号,积分', '张三,13800000001,A1,10'])), 422, 'unknown_columns', ['会员卡号', '积分']);
      assert.match(unknown.detail, /ignoreUnknownColumns=true/);
      assert.deepEqual(unknown.errors?.map((e) => [e.field, e.code]), [['会员卡号', 'unknown_field'], ['积分', 'unknown_field']], 'each column says what is wrong with it');
      const missing = assertProblem(await upload(admin, 'kind=customers', utf8File(['手机,标签', '13800000001,VIP'])), 422, 'missing_columns', ['姓名']);
      assert.deepEqual(missing.errors?.map((e) => e.code), ['required']);
      assertProblem(await upload(admin, 'kind=customers', utf8File(['姓名,等级,级别', '张三,A,B'])), 422, 'duplicate_columns', ['等级 / 级别']);
      assertProblem(await upload(admin, 'kind=tickets', utf8File(['标题,客户电话', 'x,13800000001'])), 422, 'missing_columns', ['描述']);

      const lenient = await upload(admin, 'kind=customers&ignoreUnknownColumns=true&dryRun=true', utf8File(['姓名,手机,会员卡号', '张三,13800000001,A1']));
      assert.equal(lenient.status, 202, JSON.stringify(lenient.body));
      assert.deepEqual(lenient.body.ignoredColumns, ['会员卡号']);
      assert.deepEqual(lenient.body.columns.map((c) => c.imports), ['name', 'phones', null]);
      await runAll();

      assertProblem(await upload(admin, 'kind=customers', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])), 422, 'not_csv');
      assertProblem(await upload(admin, 'kind=customers', utf8File(['姓名,手机', '"张三,13800000001'])), 422, 'invalid_csv', ['row 2']);
      assertProblem(await upload(admin, 'kind=customers', utf8File(['姓名,手机'])), 422, 'no_rows');
      assertProblem(await upload(admin, 'kind=customers', utf8File(['', '姓名,手机', '张三,13800000001'])), 422, 'missing_header');
      assertProblem(await upload(admin, 'kind=customers', ''), 422, 'empty_file');
      assertProblem(await admin.post(`${I}?kind=customers`, { name: '张三' }), 415, 'unsupported_media_type');
      assertProblem(await upload(admin, 'kind=tickets&onDuplicate=skip', utf8File(['描述', 'x'])), 400, 'validation_failed', ['onDuplicate']);
      assertProblem(await upload(admin, 'kind=orders', utf8File(['描述', 'x'])), 400, 'validation_failed', ['kind']);
    });

    it('refuses a file over the size limit with 413, before reading it', async () => {
      const big = Buffer.alloc(LIMIT + 1024, 'a');
      const refused = await upload(t.as('admin'), 'kind=customers', big);
      assertProblem(refused, 413, 'payload_too_large');
    });

    it('imports 2,000 customers chunk by chunk, the progress moving after each one', async () => {
      const admin = t.as('admin');
      const lines = ['姓名,手机,标签'];
      for (let i = 0; i < 2000; i++) lines.push(`批量客户${i},139${String(50_000_000 + i).padStart(8, '0')},批量`);
      const started = await upload(admin, 'kind=customers', utf8File(lines));
      assert.equal(started.status, 202);
      assert.deepEqual([started.body.status, started.body.progress, started.body.counts.total], ['queued', 0, 2000]);
      const seen: Array<[string, number, number]> = [];
      for (let chunk = 0; chunk < 20; chunk++) {
        const report = await t.running.imports.runOnce();
        assert.ok(report, `chunk ${chunk + 1} ran`);
        const job = await admin.get<Job>(started.headers.location as string);
        seen.push([job.body.status, job.body.counts.processed, job.body.progress]);
      }
      assert.deepEqual(
        seen,
        Array.from({ length: 20 }, (_, i): [string, number, number] => [i < 19 ? 'running' : 'done', (i + 1) * 100, (i + 1) * 5]),
        'chunks of 100 rows, the progress moving 5% each',
      );
      assert.equal(await t.running.imports.runOnce(), null, 'nothing left to do');
      assert.equal((await lookup('13950001999'))?.name, '批量客户1999');
      const list = await admin.get<{ items: unknown[] }>('/api/v1/customers?tag=批量&limit=200');
      assert.equal(list.body.items.length, 200);
    });

    it('cancels a running import: the chunks done stay, the rest is not imported', async () => {
      const admin = t.as('admin');
      const lines = ['姓名,手机'];
      for (let i = 0; i < 1000; i++) lines.push(`取消客户${i},137${String(60_000_000 + i).padStart(8, '0')}`);
      const started = await upload(admin, 'kind=customers', utf8File(lines));
      await t.running.imports.runOnce();
      assertProblem(await t.as('supervisor').post(`${I}/${started.body.id}/cancel`), 404, 'not_found');
      const cancelled = await admin.post<Job>(`${I}/${started.body.id}/cancel`);
      assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
      assert.equal(cancelled.body.status, 'cancelled');
      assert.equal(cancelled.body.counts.processed, 100);
      assert.equal(await t.running.imports.runOnce(), null, 'a cancelled job gets no more chunks');
      assert.equal((await lookup('13760000099'))?.name, '取消客户99');
      assert.equal(await lookup('13760000100'), null);
      assertProblem(await admin.post(`${I}/${started.body.id}/cancel`), 409, 'import_finished');

      assert.equal((await admin.delete(`${I}/${started.body.id}`)).status, 204);
      assertProblem(await admin.get(`${I}/${started.body.id}`), 404, 'not_found');
      assert.equal((await lookup('13760000099'))?.name, '取消客户99', 'deleting the job keeps what it imported');
    });

    it('resumes after the last committed chunk when a worker stops: another one takes over once its lease runs out', async () => {
      const admin = t.as('admin');
      const lines = ['姓名,手机'];
      for (let i = 0; i < 600; i++) lines.push(`续传客户${i},135${String(70_000_000 + i).padStart(8, '0')}`);
      const started = await upload(admin, 'kind=customers', utf8File(lines));
      await t.running.imports.runOnce();
      // The first worker's process "stops" here; a second process's worker finds the job held.
      const other = new ImportWorker(t.ctx, { pollMs: 1000 });
      assert.equal(await other.runOnce(), null, 'the job is held by its worker while the lease runs');
      t.clock.advance(3 * 60_000);
      const resumed = await other.runOnce();
      assert.deepEqual([resumed?.status, resumed?.counts.processed], ['running', 200]);
      await other.drain();
      const job = await admin.get<Job>(started.headers.location as string);
      assert.deepEqual([job.body.status, job.body.counts.created, job.body.counts.failed], ['done', 600, 0], 'each row once');
    });

    it('lets administrators import customers and supervisors tickets; jobs are their creator’s', async () => {
      const file = utf8File(['姓名,手机', '权限测试,13800009999']);
      assertProblem(await upload(t.as('supervisor'), 'kind=customers', file), 403, 'import_forbidden');
      assertProblem(await upload(t.as('agent'), 'kind=tickets', utf8File(['描述', 'x'])), 403, 'import_forbidden');
      assertProblem(await upload(t.as('handler'), 'kind=customers', file), 403, 'import_forbidden');
      assertProblem(await t.as('agent').get(`${I}/template.csv?kind=customers`), 403, 'import_forbidden');
      const mine = await upload(t.as('supervisor'), 'kind=tickets&dryRun=true', utf8File(['描述,工单分类,服务目录,优先级', '权限测试,咨询,其它,低']));
      assert.equal(mine.status, 202, JSON.stringify(mine.body));
      await runAll();
      const lead = t.as(await t.tokenFor((await t.ctx.uow.read((repos) => repos.users.findByRef('lead')))!.id));
      assertProblem(await lead.get(`${I}/${mine.body.id}`), 404, 'not_found');
      assertProblem(await lead.get(`${I}/${mine.body.id}/errors.csv`), 404, 'not_found');
      assertProblem(await lead.post(`${I}/${mine.body.id}/cancel`), 404, 'not_found');
      const supervisorList = await t.as('supervisor').get<{ items: Job[] }>(I);
      assert.deepEqual(supervisorList.body.items.map((j) => j.createdBy?.username), ['supervisor']);
      const adminList = await t.as('admin').get<{ items: Job[]; nextCursor: string | null }>(`${I}?limit=2`);
      assert.equal(adminList.body.items[0]!.id, mine.body.id, 'administrators see everyone’s, newest first');
      assert.ok(adminList.body.nextCursor);
      const next = await t.as('admin').get<{ items: Job[] }>(`${I}?limit=2&cursor=${adminList.body.nextCursor}`);
      assert.equal(next.body.items.length, 2);
      assert.ok(!next.body.items.some((j) => adminList.body.items.some((k) => k.id === j.id)));

      const template = await t.as('admin').get(`${I}/template.csv?kind=customers`);
      assert.equal(template.status, 200);
      assert.equal(template.body as unknown as string, `${BOM}姓名,类型,等级,所属企业,电话,邮箱,外部编号,标签,行业\r\n`);
      const tickets = await t.as('supervisor').get(`${I}/template.csv?kind=tickets&lang=en`);
      assert.match(tickets.body as unknown as string, /^\uFEFFTitle,Description,Channel,Category,Service item,Priority,Department,Customer name,Customer phone,.*Order number/);
    });

    it('imports tickets through the real create: routed, numbered, with time limits, events, customers and search', async () => {
      const supervisor = t.as('supervisor');
      const lines = [
        '标题,描述,渠道,工单分类,服务目录,优先级,客户姓名,客户电话,订单号,金额,在线解答,处理结果',
        '退款未到账,订单SO2026112300017退款一周未到账,电话,退款,商城售后,高,钱多多,13812345678,SO2026112300017,"1,199.00",,',
        '光猫红灯,家里光猫红灯无法上网,微信,故障申报,其它,紧急,,13812345678,,,,',
        '咨询营业时间,问营业时间,电话,咨询,其它,低,孙悟空,13800001111,,,是,工作日9-18点',
        ',缺分类的电话工单,电话,,,,,,,,,',
        '售后没订单号,商城售后问题,电话,退款,商城售后,中,,,,,,',
        '酒店问题,酒店问题,电话,投诉,酒店,高,,,SO1,,,',
        '=HYPERLINK("http://evil"),公式开头的标题,传真,咨询,其它,低,,,,,,',
      ];
      const dry = await imported(supervisor, 'kind=tickets&dryRun=true', utf8File(lines));
      assert.deepEqual([dry.counts.created, dry.counts.failed], [3, 4]);
      const listed = await supervisor.get<{ items: Ticket[] }>('/api/v1/tickets?q=光猫红灯');
      assert.equal(listed.body.items.length, 0, 'the dry run created nothing');

      const job = await imported(supervisor, 'kind=tickets', utf8File(lines));
      assert.equal(job.status, 'done');
      assert.deepEqual(job.counts, { total: 7, processed: 7, created: 3, updated: 0, skipped: 0, failed: 4 });
      assert.deepEqual(
        (await errorsOf(supervisor, job)).map((e) => [e.row, e.column, e.code]),
        [
          [5, '工单分类', 'classification_required'],
          [5, '服务目录', 'classification_required'],
          [5, '优先级', 'classification_required'],
          [6, '订单号', 'invalid_form_fields'],
          [7, '订单号', 'not_a_field'],
          [8, '渠道', 'invalid_value'],
        ],
      );

      const refund = (await supervisor.get<{ items: Ticket[] }>('/api/v1/tickets?q=SO2026112300017')).body.items[0]!;
      assert.ok(refund, 'found by search');
      assert.equal(refund.status, 'pending');
      assert.equal(refund.department?.code, 'refunds', 'routed by the rules');
      assert.deepEqual([refund.category.code, refund.serviceItem.code, refund.priority.code, refund.channel], ['refund', 'mall_aftersales', 'high', 'phone']);
      assert.deepEqual(refund.fields, { orderNumber: 'SO2026112300017', amount: 1199 });
      assert.equal(refund.createdBy.username, 'supervisor');
      assert.equal(refund.customer?.name, '钱多多');
      assert.equal(refund.customer?.phone, '13812345678', 'a supervisor sees the number');
      assert.ok(refund.sla.dueAt, 'its time limits run');
      const events = await supervisor.get<{ items: Array<{ type: string }> }>(`/api/v1/tickets/${refund.id}/events`);
      assert.deepEqual(events.body.items.map((e) => e.type), ['ticket.created', 'ticket.dispatched']);

      const fault = (await supervisor.get<{ items: Ticket[] }>('/api/v1/tickets?q=光猫红灯')).body.items[0]!;
      assert.equal(fault.channel, 'wechat');
      assert.equal(fault.department?.code, 'exceptions');
      assert.equal(fault.customer?.id, refund.customer?.id, 'the second row found the customer the first one created');

      const onSpot = (await supervisor.get<{ items: Ticket[] }>('/api/v1/tickets?q=营业时间')).body.items[0]!;
      assert.deepEqual([onSpot.status, onSpot.result], ['closed', '工作日9-18点']);
      const queue = await t.as('handler').get<{ items: Ticket[] }>('/api/v1/tickets?queue=department');
      assert.ok(queue.body.items.some((ticket) => ticket.id === refund.id), 'in the refunds queue');
    });

    it('refuses a caller’s number Excel turned into 1.38001E+10, or text that is no number, instead of filing different callers under one customer', async () => {
      const supervisor = t.as('supervisor');
      const lines = [
        '标题,描述,工单分类,服务目录,优先级,客户姓名,客户电话',
        'E行1,科学计数,咨询,其它,中,王一,1.38001E+10',
        'E行2,科学计数,咨询,其它,中,李二,1.38001E+10',
        'E行3,分机,咨询,其它,中,张三,分机abc123',
        'E行4,正常号码,咨询,其它,中,赵四,139 0000 7777',
      ];
      const job = await imported(supervisor, 'kind=tickets', utf8File(lines));
      assert.deepEqual([job.counts.created, job.counts.failed], [1, 3]);
      assert.deepEqual(
        (await errorsOf(supervisor, job)).map((e) => [e.row, e.column, e.value, e.code]),
        [
          [2, '客户电话', '1.3****10', 'excel_number'],
          [3, '客户电话', '1.3****10', 'excel_number'],
          [4, '客户电话', '分机a****23', 'invalid_customer'],
        ],
      );
      assert.equal(await lookup('13800110'), null, 'no customer made of the digits Excel left');
      assert.equal(await lookup('123'), null);
      const failed = await supervisor.get(job.links.errorsCsv);
      const records = parse(failed.body as unknown as string, { bom: true }) as string[][];
      assert.deepEqual(records.slice(1).map((r) => r[6]), ['1.38001E+10', '1.38001E+10', '分机abc123']);
    });

    it('writes back an apostrophe a failed row began with as it was, so the fixed file reads as the original did', async () => {
      const supervisor = t.as('supervisor');
      const job = await imported(supervisor, 'kind=tickets', utf8File(['标题,描述,渠道', "'=手写,公式,传真", '=裸公式,公式,传真', "''=两撇,公式,传真"]));
      const records = parse((await supervisor.get(job.links.errorsCsv)).body as unknown as string, { bom: true }) as string[][];
      assert.deepEqual(records.slice(1).map((r) => r[0]), ["'=手写", "'=裸公式", "''=两撇"]);
    });
  });
}
