import { addFieldError, AppError, invalid, type FieldErrors } from "@/lib/errors";

/** Largest request body any API route reads (the 413 answer names it). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Deepest JSON nesting accepted; real payloads stay far below, hostile ones go to thousands. */
export const MAX_JSON_DEPTH = 32;

/** Reads a JSON body with the size and depth limits; undefined when the body is empty. */
export async function readJsonBody(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
  if (text.trim() === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Request body is not valid JSON");
  }
  const fields: FieldErrors = {};
  checkValue(value, "", 0, fields);
  if (Object.keys(fields).length > 0) throw invalid(fields, "The body contains characters or nesting Slipway refuses");
  return value;
}

/** NUL characters in path or query values are field errors (PostgreSQL text cannot hold them). */
export function rejectNulValues(values: Record<string, unknown>, prefix: string): void {
  const fields: FieldErrors = {};
  for (const [key, value] of Object.entries(values)) checkValue(value, `${prefix}${key}`, 1, fields);
  if (Object.keys(fields).length > 0) throw invalid(fields);
}

function tooLarge(): AppError {
  return new AppError("payload_too_large", `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KiB`);
}

// Iterative over the first levels only: anything deeper than MAX_JSON_DEPTH is refused, not walked.
function checkValue(value: unknown, path: string, depth: number, fields: FieldErrors): void {
  if (typeof value === "string") {
    if (value.includes("\u0000")) addFieldError(fields, path || "body", "Must not contain NUL characters");
    return;
  }
  if (value === null || typeof value !== "object") return;
  if (depth >= MAX_JSON_DEPTH) {
    addFieldError(fields, path || "body", `Nested more than ${MAX_JSON_DEPTH} levels deep`);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes("\u0000")) addFieldError(fields, path || "body", "Keys must not contain NUL characters");
    checkValue(child, childPath, depth + 1, fields);
  }
}
