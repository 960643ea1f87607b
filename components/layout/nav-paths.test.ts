import { describe, expect, it } from "vitest";
import { activeHref } from "./active-href";
import { crumbsFor } from "./crumbs";

const links = [
  { href: "/", label: "Service catalog" },
  { href: "/runs", label: "Runs" },
  { href: "/runs?view=approvals", label: "Approvals" },
  { href: "/catalog/service", label: "Service" },
  { href: "/admin/audit", label: "Audit log" },
];
const active = (path: string, query = "") => activeHref(links, path, new URLSearchParams(query));

describe("activeHref", () => {
  it("marks the one link the URL is under, the longest match winning", () => {
    expect(active("/")).toBe("/");
    expect(active("/catalog/service/cart")).toBe("/catalog/service");
    expect(active("/runs/123")).toBe("/runs");
    expect(active("/admin/audit", "actor=x")).toBe("/admin/audit");
  });

  it("prefers a link whose query matches too, and none for pages without a link", () => {
    expect(active("/runs", "view=approvals")).toBe("/runs?view=approvals");
    expect(active("/runs", "view=mine")).toBe("/runs");
    expect(active("/catalogue")).toBeNull();
    expect(active("/me")).toBeNull();
  });
});

describe("crumbsFor", () => {
  it("walks from Home to the page, skipping segments that are not pages", () => {
    expect(crumbsFor("/catalog/service/cart", { service: "Service" })).toEqual([
      { href: "/", label: "Home" },
      { href: "/catalog/service", label: "Service" },
      { href: "/catalog/service/cart", label: "cart" },
    ]);
    expect(crumbsFor("/admin/audit").map((c) => c.label)).toEqual(["Home", "Audit log"]);
    expect(crumbsFor("/runs/0123456789abcdef").at(-1)).toEqual({
      href: "/runs/0123456789abcdef",
      label: "Run 01234567",
    });
  });
});
