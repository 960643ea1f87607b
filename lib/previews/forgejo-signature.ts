import { isValidBodySignature, signBody } from "@/lib/http/hmac-signature";

// Forgejo and Gitea sign each delivery with HMAC-SHA256 of the raw body under the webhook's
// secret, hex-encoded, in X-Forgejo-Signature (Forgejo) and X-Gitea-Signature (both send it).

export const signForgejoBody = signBody;

/** Constant-time; false when no secret is configured or no signature was sent. */
export function hasValidForgejoSignature(body: string, headers: Headers, secret: string | undefined): boolean {
  const given = headers.get("x-forgejo-signature") ?? headers.get("x-gitea-signature") ?? "";
  return isValidBodySignature(body, given, secret);
}

/** The event type header (`pull_request`, `push`, …), whichever of the two the server sent. */
export const forgejoEventType = (headers: Headers) =>
  headers.get("x-forgejo-event") ?? headers.get("x-gitea-event") ?? headers.get("x-gogs-event") ?? "";

/** The delivery's id: the same on a re-delivery, so a replay is recognised. */
export const forgejoDeliveryId = (headers: Headers) =>
  headers.get("x-forgejo-delivery") ?? headers.get("x-gitea-delivery") ?? headers.get("x-gogs-delivery") ?? null;
