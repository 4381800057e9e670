import { Alert, Button, Flex, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';
import type { FieldIssue } from '../../api/domain';
import { describeError, describeFieldIssue } from '../../errors/describe-error';

/** What each column issue of a refused header says (src/transfer/use-cases/start-import.ts, COLUMN_ISSUES), and the fix that goes with it. */
const COLUMN_ISSUES = {
  unknown_field: 'unknown_columns',
  required: 'missing_columns',
  duplicate: 'duplicate_columns',
} as const;
type ColumnIssue = keyof typeof COLUMN_ISSUES;
const isColumnIssue = (code: string): code is ColumnIssue => code in COLUMN_ISSUES;

/** The refusals with a fix the page can say (`imports.refusal.fix`). */
const FIXES = ['unknown_columns', 'missing_columns', 'duplicate_columns', 'invalid_encoding', 'not_csv', 'invalid_csv', 'empty_file', 'no_rows', 'missing_header', 'payload_too_large'] as const;
type Fix = (typeof FIXES)[number];
const isFix = (code: string): code is Fix => (FIXES as readonly string[]).includes(code);

/** A header refusal names every column at fault; a CSV syntax error the row (`row 12`). */
const HEADER_CODES = new Set(['unknown_columns', 'missing_columns', 'duplicate_columns']);

export interface RetryPatch {
  ignoreUnknownColumns?: boolean;
  encoding?: 'gbk';
}

/**
 * A file the server refused before importing anything, in the user's language: what is wrong
 * (`errors.<code>`), the columns it names grouped by what is wrong with them (unknown, missing,
 * doubled), the row of a CSV syntax error, how to fix it, and where one option fixes it (unknown
 * columns, a GBK file read as UTF-8) a button that sends the same file again with that option.
 */
export function FileRefusal({ error, sent, retrying, onRetry }: { error: ApiError; sent: { encoding?: string }; retrying: boolean; onRetry?: (patch: RetryPatch) => void }) {
  const { t } = useTranslation();
  const columns = new Map<ColumnIssue, string[]>();
  const rows: Array<{ row: string; issue: FieldIssue }> = [];
  const others: FieldIssue[] = [];
  for (const issue of error.fieldIssues) {
    const row = /^row (\d+)$/.exec(issue.field);
    if (row) rows.push({ row: row[1]!, issue });
    else if (isColumnIssue(issue.code)) columns.set(issue.code, [...(columns.get(issue.code) ?? []), issue.field]);
    else others.push(issue);
  }
  const fixes = new Set<Fix>();
  if (isFix(error.code)) fixes.add(error.code);
  for (const code of columns.keys()) fixes.add(COLUMN_ISSUES[code]);
  // Only unknown columns: leaving them out is all it takes.
  const ignoreFixes = columns.has('unknown_field') && columns.size === 1;
  const gbkFixes = error.code === 'invalid_encoding' && sent.encoding !== 'gbk';

  return (
    <Alert
      type="error"
      showIcon
      style={{ marginTop: 16 }}
      title={t('imports.refusal.title')}
      data-testid="import-refusal"
      description={
        <Flex vertical gap={6}>
          <Typography.Text strong data-testid="import-refusal-reason">
            {describeError(error, t)}
          </Typography.Text>
          {[...columns].map(([code, names]) => (
            <div key={code} data-testid={`import-refusal-${COLUMN_ISSUES[code]}`}>
              <span style={{ marginInlineEnd: 8 }}>{t(`imports.refusal.columns.${code}`)}</span>
              {names.map((name) => (
                <Tag key={name} color="red" style={{ marginBlock: 2 }}>
                  {name}
                </Tag>
              ))}
            </div>
          ))}
          {rows.map(({ row, issue }) => (
            <div key={row}>{t('imports.refusal.row', { row, issue: describeFieldIssue(issue, t) })}</div>
          ))}
          {others.map((issue) => (
            <div key={`${issue.field}:${issue.code}`}>{t('imports.refusal.field', { field: issue.field, issue: describeFieldIssue(issue, t) })}</div>
          ))}
          {[...fixes].map((fix) => (
            <div key={fix}>{t(`imports.refusal.fix.${fix}`)}</div>
          ))}
          {!HEADER_CODES.has(error.code) && error.detail && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('imports.refusal.detail', { detail: error.detail })}
            </Typography.Text>
          )}
          {onRetry && (ignoreFixes || gbkFixes) && (
            <Space>
              {ignoreFixes && (
                <Button size="small" loading={retrying} onClick={() => onRetry({ ignoreUnknownColumns: true })} data-testid="import-retry-ignoring">
                  {t('imports.refusal.retryIgnoring')}
                </Button>
              )}
              {gbkFixes && (
                <Button size="small" loading={retrying} onClick={() => onRetry({ encoding: 'gbk' })} data-testid="import-retry-gbk">
                  {t('imports.refusal.retryGbk')}
                </Button>
              )}
            </Space>
          )}
        </Flex>
      }
    />
  );
}
