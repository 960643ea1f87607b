import { describe, expect, it } from "vitest";
import { routeTemplate } from "./route-template";

describe("routeTemplate", () => {
  it("replaces each matched param by its name", () => {
    expect(routeTemplate("/api/v1/blueprints/service/entities/cart", { blueprint: "service", entity: "cart" })).toBe(
      "/api/v1/blueprints/{blueprint}/entities/{entity}",
    );
    expect(routeTemplate("/api/v1/runs/42/events", { run: "42" })).toBe("/api/v1/runs/{run}/events");
    expect(routeTemplate("/api/health", {})).toBe("/api/health");
  });

  it("matches from the right, so an id equal to a fixed segment before it still lands on its own place", () => {
    expect(routeTemplate("/api/v1/runs/runs/cancel", { run: "runs" })).toBe("/api/v1/runs/{run}/cancel");
  });

  it("never leaves a caller's value in the label unless it equals one of the route's fixed words", () => {
    // The one ambiguity: a value spelled like a fixed segment between it and the next param. The
    // label is then made of fixed words only, so series stay bounded.
    const label = routeTemplate("/api/v1/blueprints/entities/entities/x", { blueprint: "entities", entity: "x" });
    expect(label.split("/").filter((s) => s && !s.startsWith("{"))).toEqual(["api", "v1", "blueprints", "entities"]);
    expect(routeTemplate("/api/v1/tokens/%E0%A4%A", { token: "%E0%A4%A" })).toBe("/api/v1/tokens/{token}");
  });

  it("decodes encoded segments and folds a catch-all into one name", () => {
    expect(routeTemplate("/api/v1/actions/a%20b/runs", { action: "a b" })).toBe("/api/v1/actions/{action}/runs");
    expect(routeTemplate("/api/auth/callback/oidc", { nextauth: ["callback", "oidc"] })).toBe("/api/auth/{nextauth}");
  });
});
