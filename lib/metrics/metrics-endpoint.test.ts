import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertMayScrape } from "./metrics-endpoint";

const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });
const codeOf = (fn: () => void) => {
  try {
    fn();
    return "ok";
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
};

describe("who may scrape /metrics", () => {
  it("nobody while SLIPWAY_METRICS_TOKEN is unset: the endpoint does not exist", () => {
    expect(codeOf(() => assertMayScrape(bearer("anything-at-all-here"), undefined))).toBe("not_found");
  });

  it("only a caller sending the configured token", () => {
    const token = "scrape-token-0123456789";
    expect(codeOf(() => assertMayScrape(bearer(token), token))).toBe("ok");
    expect(codeOf(() => assertMayScrape(bearer(`${token}x`), token))).toBe("unauthenticated");
    expect(codeOf(() => assertMayScrape(new Headers(), token))).toBe("unauthenticated");
    expect(codeOf(() => assertMayScrape(new Headers({ authorization: token }), token))).toBe("unauthenticated");
  });
});
