import { createHmac, timingSafeEqual } from "node:crypto";

// HMAC-SHA256 of a webhook's raw body, hex-encoded: how Forgejo/Gitea and Flux's generic-hmac
// provider sign their deliveries (the header names and prefixes differ, the digest does not).

export function signBody(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

/** Constant-time; false when no secret is configured or `given` is not a 64-hex-digit signature. */
export function isValidBodySignature(body: string, given: string, secret: string | null | undefined): boolean {
  if (!secret) return false;
  const hex = given.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) return false;
  return timingSafeEqual(Buffer.from(hex, "hex"), Buffer.from(signBody(body, secret), "hex"));
}
