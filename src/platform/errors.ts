/**
 * Application errors carry everything an RFC 9457 problem document needs. Use cases throw
 * them; the HTTP layer renders them. A stable `code` lets clients react without parsing text.
 */
export interface FieldIssue {
  field: string;
  message: string;
}

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

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, extra?: Record<string, unknown>) =>
  new AppError(400, code, message, extra);

export const unauthorized = (message = 'Sign in first: send the session cookie or an API token.') =>
  new AppError(401, 'unauthenticated', message);

export const forbidden = (code: string, message: string, extra?: Record<string, unknown>) =>
  new AppError(403, code, message, extra);

/** Whether an error is a 404 answer, as a lookup of something missing or invisible throws. */
export const isNotFound = (error: unknown): boolean => error instanceof AppError && error.status === 404;

export const notFound = (what: string, ref: string | number) =>
  new AppError(404, 'not_found', `${what} ${JSON.stringify(String(ref))} does not exist or is not visible to you.`, {
    resource: what,
  });

export const conflict = (code: string, message: string, extra?: Record<string, unknown>) =>
  new AppError(409, code, message, extra);

/** A request whose syntax is fine but whose content breaks a rule (unknown reference, missing form field …). */
export const unprocessable = (code: string, message: string, errors?: FieldIssue[]) =>
  new AppError(422, code, message, errors ? { errors } : {});

export const invalidField = (field: string, message: string, code = 'invalid_field') =>
  unprocessable(code, `${field}: ${message}`, [{ field, message }]);
