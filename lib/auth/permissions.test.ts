import { describe, expect, it } from "vitest";
import { can, forbiddenMessage } from "./permissions";
import { rolesFromGroups, splitGroups, teamsFromGroups, type SessionUser } from "./roles";

const mapping = { admin: ["slipway-admins"], sre: ["sre"], developer: [] };
const user = (groups: string[], teams: string[] = []): SessionUser => ({
  id: groups.join("+") || "nobody",
  email: "u@example.com",
  name: "U",
  groups,
  roles: rolesFromGroups(groups, mapping),
  teams,
});

describe("rolesFromGroups", () => {
  it("maps configured groups to roles; everyone signed in is a developer by default", () => {
    expect(rolesFromGroups(["slipway-admins"], mapping)).toEqual(["admin", "developer"]);
    expect(rolesFromGroups(["sre", "team-payments"], mapping)).toEqual(["sre", "developer"]);
    expect(rolesFromGroups([], mapping)).toEqual(["developer"]);
  });

  it("requires a developer group when one is configured", () => {
    expect(rolesFromGroups(["contractors"], { ...mapping, developer: ["engineering"] })).toEqual([]);
    expect(rolesFromGroups(["engineering"], { ...mapping, developer: ["engineering"] })).toEqual(["developer"]);
  });

  it("splits comma-separated settings and finds teams by OIDC group", () => {
    expect(splitGroups(" a, b ,,c ")).toEqual(["a", "b", "c"]);
    const teams = [
      { team: "payments", group: "team-payments" },
      { team: "checkout", group: "team-checkout" },
    ];
    expect(teamsFromGroups(["team-payments", "sre"], teams)).toEqual(["payments"]);
  });
});

describe("can", () => {
  const admin = user(["slipway-admins"]);
  const dev = user([], ["payments"]);
  const sre = user(["sre"]);

  it("refuses everything to anonymous users", () => {
    expect(can(null, "read", { kind: "catalog" })).toBe(false);
  });

  it("lets everyone signed in read, but only admins edit blueprints", () => {
    expect(can(dev, "read", { kind: "blueprint" })).toBe(true);
    expect(can(dev, "update", { kind: "blueprint", identifier: "service" })).toBe(false);
    expect(can(admin, "update", { kind: "blueprint", identifier: "service" })).toBe(true);
  });

  it("lets team members edit their team's entities and nobody else's", () => {
    expect(can(dev, "update", { kind: "entity", blueprint: "service", identifier: "ledger", team: "payments" })).toBe(
      true,
    );
    expect(can(dev, "update", { kind: "entity", blueprint: "service", identifier: "cart", team: "checkout" })).toBe(
      false,
    );
    expect(can(dev, "delete", { kind: "entity", blueprint: "environment", identifier: "prod", team: null })).toBe(
      false,
    );
    expect(can(dev, "update", { kind: "entity", blueprint: "team", identifier: "payments", team: null })).toBe(true);
    expect(can(admin, "delete", { kind: "entity", blueprint: "environment", identifier: "prod", team: null })).toBe(
      true,
    );
  });

  it("keeps the audit log to admins and tokens to their owners", () => {
    expect(can(sre, "read", { kind: "audit" })).toBe(false);
    expect(can(admin, "read", { kind: "audit" })).toBe(true);
    expect(can(dev, "delete", { kind: "token", owner: dev.id })).toBe(true);
    expect(can(dev, "delete", { kind: "token", owner: "someone-else" })).toBe(false);
  });

  it("applies an action's declared roles and the target team", () => {
    const promote = { kind: "action" as const, id: "promote", allowedRoles: ["developer" as const], team: "payments" };
    expect(can(dev, "execute", promote)).toBe(true);
    expect(can(user([], ["checkout"]), "execute", promote)).toBe(false);
    expect(can(sre, "execute", promote)).toBe(true);
    const approveProd = { kind: "action" as const, id: "promote", allowedRoles: ["sre" as const] };
    expect(can(dev, "approve", approveProd)).toBe(false);
    expect(can(sre, "approve", approveProd)).toBe(true);
  });

  it("tells a developer of another team which team they are missing, and others that the role is", () => {
    const create = { kind: "action" as const, id: "create-microservice", allowedRoles: ["developer" as const] };
    const outsider = user([], ["checkout"]);
    expect(forbiddenMessage("execute", { ...create, team: "payments" }, outsider)).toBe(
      "You are not a member of team payments",
    );
    const approveOnly = { ...create, allowedRoles: ["sre" as const], team: "checkout" };
    expect(forbiddenMessage("execute", approveOnly, outsider)).toBe(
      "Running the action create-microservice needs the role sre or admin; your roles: developer",
    );
  });
});
