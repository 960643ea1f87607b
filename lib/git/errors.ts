import { AppError } from "@/lib/errors";

// Subclasses of AppError so route handlers map them to HTTP statuses without knowing about git.

export class NotFoundError extends AppError {
  constructor(what: string) {
    super("not_found", `${what} not found`);
    this.name = "NotFoundError";
  }
}

/** The branch is not where the caller expected: nothing was written, re-read and retry. */
export class HeadMovedError extends AppError {
  readonly branch: string;
  readonly expected: string | null;
  readonly actual: string | null;

  constructor(branch: string, expected: string | null, actual: string | null) {
    super("conflict", `Branch ${branch} is at ${actual ?? "(none)"}, expected ${expected ?? "(none)"}`);
    this.name = "HeadMovedError";
    this.branch = branch;
    this.expected = expected;
    this.actual = actual;
  }
}

export class MergeConflictError extends AppError {
  readonly paths: string[];

  constructor(what: string, paths: string[]) {
    super(
      "conflict",
      `${what} cannot be merged automatically${paths.length > 0 ? `: conflicts in ${paths.join(", ")}` : ""}`,
    );
    this.name = "MergeConflictError";
    this.paths = paths;
  }
}

export class InvalidGitInputError extends AppError {
  constructor(message: string) {
    super("bad_request", message);
    this.name = "InvalidGitInputError";
  }
}
