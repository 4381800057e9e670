import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client';
import type { FieldIssue } from '../../api/domain';
import { describeFieldIssue } from '../../errors/describe-error';
import { reportError } from '../../errors/ErrorNotifier';

/**
 * The codes of refusals that name the fields at fault (problem `errors`). Their notification is
 * held back so the form can show each issue under its field; what no field of the form can show
 * still reaches the error notifier.
 */
const FIELD_CODES = [
  'validation_failed',
  'code_taken',
  'username_taken',
  'name_taken',
  'invalid_reference',
  'invalid_calendar',
  'invalid_field',
  'duplicate_field_key',
  'select_without_options',
  'catalog_cycle',
  'duplicate_department',
  'cannot_deactivate_self',
  'current_password_required',
  'current_password_incorrect',
  'target_required',
  'step_only',
  'warning_not_before_due',
  'duplicate_warning',
  'holiday_year_unknown',
  'holiday_region_unknown',
  'invalid_customer',
  'identity_taken',
] as const;

type NamePath = Array<string | number>;

/** `fields.0.key` → ['fields', 0, 'key'], the form's own name for it. */
export function toNamePath(field: string): NamePath {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

const same = (a: readonly (string | number)[], b: readonly (string | number)[]) => a.length === b.length && a.every((part, i) => part === b[i]);

/**
 * Puts a refusal's field issues on the form's fields (those it has); true when every issue found
 * its field. `rename` maps an API field to the form's name when they differ; `text` words an issue
 * in the user's language.
 */
export function showFieldIssues(form: FormInstance, error: unknown, text: (issue: FieldIssue) => string, rename?: (field: string) => string | undefined): boolean {
  if (!(error instanceof ApiError) || error.fieldIssues.length === 0) return false;
  const known = form.getFieldsError().map((entry) => entry.name);
  const found: Array<{ name: NamePath; errors: string[] }> = [];
  let all = true;
  for (const issue of error.fieldIssues) {
    const name = toNamePath(rename?.(issue.field) ?? issue.field);
    if (known.some((candidate) => same(candidate, name))) found.push({ name, errors: [text(issue)] });
    else all = false;
  }
  form.setFields(found);
  return all;
}

interface AdminFormOptions<TResult> {
  /** the reads the change makes stale */
  invalidate: readonly QueryKey[];
  onSuccess?: (result: TResult) => void;
  rename?: (field: string) => string | undefined;
  /** the form's own words for a refusal under its field, when the refusal's details decide them */
  text?: (error: ApiError) => string | undefined;
}

/** A form's save: the call, field issues on their fields, the other failures notified, the lists re-read. */
export function useAdminForm<TValues, TResult>(form: FormInstance, save: (values: TValues) => Promise<TResult>, options: AdminFormOptions<TResult>) {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: save,
    meta: { quietCodes: FIELD_CODES },
    onError: (error) => {
      const quiet = error instanceof ApiError && (FIELD_CODES as readonly string[]).includes(error.code);
      const own = error instanceof ApiError ? options.text?.(error) : undefined;
      const text = (issue: FieldIssue) => own ?? describeFieldIssue(issue, t, error instanceof ApiError ? error.code : undefined);
      if (quiet && !showFieldIssues(form, error, text, options.rename)) reportError(error);
    },
    onSuccess: async (result) => {
      await Promise.all(options.invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      options.onSuccess?.(result);
    },
  });
}

/**
 * A change without a form (deactivate, delete, reorder, a switch): failures go to the error
 * notifier, and the lists are re-read after a failure too. Such an action is built from what the
 * list shows, so a refusal usually means the list is out of date (a rule added or deleted
 * elsewhere, an item already deactivated): showing it as the server has it now lets the next
 * click work, where the old list would be refused again and again. The action stays pending until
 * the list is back, so its buttons cannot send another change built on the old one.
 */
export function useAdminAction<TInput, TResult>(run: (input: TInput) => Promise<TResult>, invalidate: readonly QueryKey[], onSuccess?: (result: TResult) => void) {
  const queryClient = useQueryClient();
  const reread = () => Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  return useMutation({
    mutationFn: run,
    onSuccess: async (result) => {
      await reread();
      onSuccess?.(result);
    },
    onError: reread,
  });
}
