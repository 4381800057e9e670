/**
 * Application errors carry everything an RFC 9457 problem document needs. Use cases throw
 * them; the HTTP layer renders them. A stable `code` lets clients react without parsing text.
 */
export interface FieldIssue {
  field: string;
  /** What is wrong with the field, stable for clients to explain in their own language. */
  code: FieldIssueCode;
  /** The English explanation, for people reading the API's answers. */
  message: string;
  /** What the code refers to: a limit (`min`, `max`), a format, another value. */
  params?: Record<string, string | number>;
}

/**
 * The reasons a field is refused. Clients key their texts on these (the console has one per code,
 * in Chinese and English), so a code keeps its meaning once published; add new ones instead.
 */
export const FIELD_ISSUE_CODES = [
  'required',
  'unknown_field',
  'invalid_type',
  'too_short',
  'too_long',
  'too_small',
  'too_large',
  'too_few',
  'too_many',
  'not_allowed',
  'invalid_format',
  'invalid_text',
  'taken',
  'duplicate',
  'unknown_reference',
  'not_applicable',
  'forbidden',
  'conflicts',
  'cycle',
  'not_later',
  'too_far',
  'out_of_range',
  'ends_before_start',
  'overlaps',
  'no_working_hours',
  'no_working_day',
  'options_required',
  'min_above_max',
  'invalid_cursor',
  'incorrect',
  'invalid',
] as const;
export type FieldIssueCode = (typeof FIELD_ISSUE_CODES)[number];

/** One field's refusal; `params` only when the code refers to something. */
export const fieldIssue = (field: string, code: FieldIssueCode, message: string, params?: Record<string, string | number>): FieldIssue =>
  params ? { field, code, message, params } : { field, code, message };

/** An RFC 9457 problem document; `code` is the stable, machine-readable reason. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: FieldIssue[];
  [extension: string]: unknown;
}

/** A problem's extension members; `errors`, when given, is the field issues. */
export type ProblemExtra = { errors?: FieldIssue[] } & Record<string, unknown>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: ProblemExtra = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, extra?: ProblemExtra) =>
  new AppError(400, code, message, extra);

export const unauthorized = (message = 'Sign in first: send the session cookie or an API token.') =>
  new AppError(401, 'unauthenticated', message);

export const forbidden = (code: string, message: string, extra?: ProblemExtra) =>
  new AppError(403, code, message, extra);

/** Whether an error is a 404 answer, as a lookup of something missing or invisible throws. */
export const isNotFound = (error: unknown): boolean => error instanceof AppError && error.status === 404;

export const notFound = (what: string, ref: string | number) =>
  new AppError(404, 'not_found', `${what} ${JSON.stringify(String(ref))} does not exist or is not visible to you.`, {
    resource: what,
  });

export const conflict = (code: string, message: string, extra?: ProblemExtra) =>
  new AppError(409, code, message, extra);

/** A request whose syntax is fine but whose content breaks a rule (unknown reference, missing form field …). */
export const unprocessable = (code: string, message: string, errors?: FieldIssue[]) =>
  new AppError(422, code, message, errors ? { errors } : {});

/** A 422 about one field: `issue` says what is wrong with it, `code` is the problem's. */
export const invalidField = (
  field: string,
  issue: FieldIssueCode,
  message: string,
  code = 'invalid_field',
  params?: Record<string, string | number>,
) => unprocessable(code, `${field}: ${message}`, [fieldIssue(field, issue, message, params)]);
