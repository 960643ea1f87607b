// One place maps domain error codes to HTTP statuses.
export const ERROR_CODES = [
  "bad_request",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "payload_too_large",
  "unsupported_media_type",
  "validation",
  "internal",
  "unavailable",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;

  constructor(code: ErrorCode, message: string, fields?: FieldErrors) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fields = fields;
  }
}

export function statusForCode(code: ErrorCode): number {
  switch (code) {
    case "bad_request":
      return 400;
    case "unauthenticated":
      return 401;
    case "forbidden":
      return 403;
    case "not_found":
      return 404;
    case "conflict":
      return 409;
    case "payload_too_large":
      return 413;
    case "unsupported_media_type":
      return 415;
    case "validation":
      return 422;
    case "internal":
      return 500;
    case "unavailable":
      return 503;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
export const conflict = (message: string) => new AppError("conflict", message);
/** Seconds a client is told to wait (Retry-After) before trying an "unavailable" request again. */
export const RETRY_AFTER_SECONDS = 2;
export const unavailable = (message: string) => new AppError("unavailable", message);
export const invalid = (fields: FieldErrors, message = "Validation failed") =>
  new AppError("validation", message, fields);

export function addFieldError(fields: FieldErrors, path: string, message: string): void {
  (fields[path] ??= []).push(message);
}

/** The error and what it wraps, outermost first (the query builder wraps what a query threw in its own error). */
export function causeChain(err: unknown): Error[] {
  const chain: Error[] = [];
  for (let e = err; e instanceof Error && chain.length < 5; e = e.cause) chain.push(e);
  return chain;
}
