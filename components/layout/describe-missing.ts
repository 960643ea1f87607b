export type Missing = { title: string; message: string; back: { href: string; label: string } };

const HOME = { href: "/", label: "Back to the catalog" };

/**
 * What a 404 says, from the path that was asked for. `blueprintTitle` is the title of the blueprint the
 * path names (undefined: the path names none; null: it names one that does not exist).
 */
export function describeMissing(path: string, blueprintTitle?: string | null): Missing {
  const parts = path.split("?")[0]!.split("/").filter(Boolean).map(safeDecode);
  const [section, first, second] = parts;
  if ((section === "catalog" || (section === "admin" && first === "blueprints")) && blueprintTitle === null) {
    const id = section === "catalog" ? first : second;
    return {
      title: "Blueprint not found",
      message: `There is no blueprint “${id}”.`,
      back: { href: "/admin/blueprints", label: "See all blueprints" },
    };
  }
  if (section === "catalog" && first && second && blueprintTitle) {
    return {
      title: `${blueprintTitle} not found`,
      message: `There is no ${blueprintTitle.toLowerCase()} “${second}”. It may have been deleted or renamed.`,
      back: {
        href: `/catalog/${encodeURIComponent(first)}`,
        label: `See all ${blueprintTitle.toLowerCase()} entities`,
      },
    };
  }
  if (section === "runs" && first) {
    return {
      title: "Run not found",
      message: `There is no run “${first}”.`,
      back: { href: "/runs", label: "See all runs" },
    };
  }
  if (section === "actions" && first) {
    return {
      title: "Action not found",
      message: `There is no action “${first}”.`,
      back: { href: "/actions", label: "See all actions" },
    };
  }
  if (section === "sandbox" && first === "git") {
    return {
      title: "Not found in the sandbox git server",
      message: `Nothing exists at “${parts.slice(2).join("/")}”: no such repository, revision or file.`,
      back: HOME,
    };
  }
  return { title: "Page not found", message: `There is no page at “${path.split("?")[0]}”.`, back: HOME };
}

/** The blueprint identifier a path names, if any: /catalog/<bp>/… and /admin/blueprints/<bp>. */
export function blueprintInPath(path: string): string | undefined {
  const parts = path.split("?")[0]!.split("/").filter(Boolean).map(safeDecode);
  if (parts[0] === "catalog") return parts[1];
  if (parts[0] === "admin" && parts[1] === "blueprints" && parts[2] !== "new") return parts[2];
  return undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
