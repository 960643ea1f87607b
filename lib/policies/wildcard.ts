// Kyverno's wildcards (ext/wildcard): `*` any run of characters, `?` exactly one.
const cache = new Map<string, RegExp>();

export function matchWildcard(pattern: string, text: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    const body = pattern
      .split("")
      .map((c) => (c === "*" ? "[\\s\\S]*" : c === "?" ? "[\\s\\S]" : c.replace(/[.+^${}()|[\]\\/]/g, "\\$&")))
      .join("");
    re = new RegExp(`^${body}$`);
    if (cache.size > 500) cache.clear();
    cache.set(pattern, re);
  }
  return re.test(text);
}

export const hasWildcard = (text: string) => text.includes("*") || text.includes("?");
