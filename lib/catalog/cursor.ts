import { AppError } from "@/lib/errors";

// Keyset cursor: the sort value and id of the last row served, opaque to clients.
export type Cursor = { v: string; id: number };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.v, c.id]), "utf8").toString("base64url");
}

export function decodeCursor(raw: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && typeof parsed[0] === "string" && Number.isSafeInteger(parsed[1])) {
      return { v: parsed[0], id: parsed[1] as number };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError("validation", "Invalid cursor", { cursor: ["Invalid or expired cursor"] });
}
