import { giteaApi, type Api, type HttpResponse } from "gitea-js";

export type ForgejoClient = Api<unknown>;

/** A failed Forgejo API call: gitea-js throws the raw Response, this keeps status and message. */
export class ForgejoApiError extends Error {
  readonly status: number;

  constructor(what: string, status: number, detail: string) {
    super(`Forgejo ${what} failed with HTTP ${status}${detail ? `: ${detail}` : ""}`);
    this.name = "ForgejoApiError";
    this.status = status;
  }
}

export function createForgejoClient(url: string, token: string): ForgejoClient {
  // Node 20's global fetch; gitea-js appends /api/v1 to the base URL.
  return giteaApi(url.replace(/\/+$/, ""), { token, customFetch: (input, init) => fetch(input, init) });
}

function detailOf(response: { error?: unknown }): string {
  const body = response.error;
  if (body && typeof body === "object" && "message" in body && typeof body.message === "string") return body.message;
  return "";
}

function isResponse(value: unknown): value is Response & { error?: unknown } {
  return (
    typeof value === "object" &&
    value !== null &&
    "status" in value &&
    typeof value.status === "number" &&
    "ok" in value
  );
}

/** Runs an SDK call and turns a thrown Response into a ForgejoApiError. */
export async function call<T>(
  what: string,
  request: () => Promise<HttpResponse<T, unknown>>,
): Promise<HttpResponse<T, unknown>> {
  try {
    return await request();
  } catch (error) {
    if (isResponse(error)) throw new ForgejoApiError(what, error.status, detailOf(error));
    throw error;
  }
}

export function hasStatus(error: unknown, ...statuses: number[]): error is ForgejoApiError {
  return error instanceof ForgejoApiError && statuses.includes(error.status);
}

/** The SDK interpolates path parameters verbatim: encode each segment, keep the slashes. */
export function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
