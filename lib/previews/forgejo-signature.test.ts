import { describe, expect, it } from "vitest";
import { forgejoDeliveryId, forgejoEventType, hasValidForgejoSignature, signForgejoBody } from "./forgejo-signature";

const secret = "a-webhook-secret-of-some-length";
const body = '{"action":"opened"}';

describe("Forgejo webhook signatures", () => {
  it("accepts the HMAC-SHA256 hex of the raw body in either header", () => {
    const sig = signForgejoBody(body, secret);
    expect(hasValidForgejoSignature(body, new Headers({ "x-gitea-signature": sig }), secret)).toBe(true);
    expect(hasValidForgejoSignature(body, new Headers({ "x-forgejo-signature": sig }), secret)).toBe(true);
  });

  it("refuses a changed body, another secret, a malformed or missing signature, and an unset secret", () => {
    const sig = signForgejoBody(body, secret);
    expect(hasValidForgejoSignature(`${body} `, new Headers({ "x-gitea-signature": sig }), secret)).toBe(false);
    expect(hasValidForgejoSignature(body, new Headers({ "x-gitea-signature": sig }), `${secret}!`)).toBe(false);
    expect(hasValidForgejoSignature(body, new Headers({ "x-gitea-signature": "abc" }), secret)).toBe(false);
    expect(hasValidForgejoSignature(body, new Headers(), secret)).toBe(false);
    expect(hasValidForgejoSignature(body, new Headers({ "x-gitea-signature": sig }), undefined)).toBe(false);
  });

  it("reads the event type and delivery id from Forgejo's or Gitea's headers", () => {
    expect(forgejoEventType(new Headers({ "x-gitea-event": "pull_request" }))).toBe("pull_request");
    expect(forgejoDeliveryId(new Headers({ "x-forgejo-delivery": "d-1" }))).toBe("d-1");
    expect(forgejoDeliveryId(new Headers())).toBeNull();
  });
});
