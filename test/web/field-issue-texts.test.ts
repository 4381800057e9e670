import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import i18next, { type TFunction } from 'i18next';
import { FIELD_ISSUE_CODES, type FieldIssue } from '../../src/platform/errors.js';

/*
 * The console words the server's field issues (problem `errors[].code`) in the user's language:
 * one text per code in both catalogues, the limit or format filled in, and the server's English
 * only for a code newer than the console.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
// Loaded at run time, as in error-texts.test.ts: the console's sources are written for the bundler.
const load = (file: string) => import(pathToFileURL(path.join(ROOT, file)).href);
type Catalogue = { fieldIssues: Record<string, string> };
const zhCN = ((await load('web/src/i18n/zh-CN.ts')) as { default: Catalogue }).default;
const en = ((await load('web/src/i18n/en.ts')) as { default: Catalogue }).default;
const { describeFieldIssue } = (await load('web/src/errors/describe-error.ts')) as {
  describeFieldIssue: (issue: FieldIssue, t: TFunction, problemCode?: string) => string;
};

async function translator(language: 'zh-CN' | 'en'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: language,
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
  return instance.t;
}

const issue = (code: FieldIssue['code'], params?: FieldIssue['params'], message = 'must be something (server English)'): FieldIssue => ({
  field: 'x',
  code,
  message,
  ...(params && { params }),
});

describe('field issues in the console', () => {
  it('has a text for every code the server publishes, in both catalogues', () => {
    for (const code of FIELD_ISSUE_CODES) {
      assert.ok(zhCN.fieldIssues[code], `zh-CN lacks fieldIssues.${code}`);
      assert.ok(en.fieldIssues[code], `en lacks fieldIssues.${code}`);
    }
  });

  it('words an issue in Chinese with its limit, its format or the value it overlaps', async () => {
    const t = await translator('zh-CN');
    assert.equal(describeFieldIssue(issue('too_long', { max: 200 }), t), '最多 200 个字符');
    assert.equal(describeFieldIssue(issue('required'), t), '此项必填');
    assert.equal(describeFieldIssue(issue('invalid_format', { format: 'phone' }), t), '不是有效的电话号码');
    assert.equal(describeFieldIssue(issue('invalid_format', { format: 'regex' }), t), '格式不正确', 'a format without its own text takes the general one');
    assert.equal(describeFieldIssue(issue('too_far', { days: 30 }), t), '最多 30 天之后');
    assert.equal(describeFieldIssue(issue('too_small', { above: 0 }), t), '须大于 0', 'an exclusive bound is not "at least"');
    assert.equal(describeFieldIssue(issue('overlaps', { other: '09:00–12:00' }), t), '与 09:00–12:00 重叠');
    assert.equal(describeFieldIssue(issue('taken'), t, 'username_taken'), '已被占用');
    assert.equal(describeFieldIssue(issue('incorrect'), t, 'current_password_incorrect'), '当前密码不正确', "the refusal's own words win");
  });

  it("keeps the server's English where it says more than a general text, and for codes it does not know", async () => {
    const t = await translator('en');
    assert.equal(describeFieldIssue(issue('invalid', undefined, 'name a department, a user or both'), t), 'name a department, a user or both');
    assert.equal(describeFieldIssue(issue('too_small', { min: 3 }), t), 'Must be at least 3');
    const zh = await translator('zh-CN');
    const newer = { field: 'x', code: 'some_future_code', message: 'is refused for a new reason' } as unknown as FieldIssue;
    assert.equal(describeFieldIssue(newer, zh), 'is refused for a new reason');
  });
});
