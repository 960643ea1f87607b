export type Crumb = { href: string; label: string };

const SECTION_LABELS: Record<string, string> = {
  catalog: "Catalog",
  dashboards: "Dashboards",
  actions: "Actions",
  runs: "Runs",
  admin: "Admin",
  audit: "Audit log",
  blueprints: "Blueprints",
  me: "Profile",
  sandbox: "Sandbox",
  git: "Git",
  new: "New",
  edit: "Edit",
};

// Path segments that are not pages of their own: no link for them.
const NOT_PAGES = new Set(["/catalog", "/admin", "/sandbox", "/sandbox/git"]);

/** The trail from the catalog home to the current page, derived from the URL (one per page, no wiring). */
export function crumbsFor(pathname: string, blueprintTitles: Record<string, string> = {}): Crumb[] {
  const parts = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const crumbs: Crumb[] = [{ href: "/", label: "Home" }];
  parts.forEach((part, i) => {
    const href = `/${parts
      .slice(0, i + 1)
      .map(encodeURIComponent)
      .join("/")}`;
    if (NOT_PAGES.has(href)) return;
    const isRun = parts[0] === "runs" && i === 1;
    const isBlueprint = parts[0] === "catalog" && i === 1;
    const label = isRun
      ? `Run ${part.slice(0, 8)}`
      : isBlueprint
        ? (blueprintTitles[part] ?? part)
        : (SECTION_LABELS[part] ?? part);
    crumbs.push({ href, label });
  });
  return crumbs;
}
