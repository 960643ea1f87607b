// Playwright runs Debian's Chromium (never a downloaded browser); SLIPWAY_CHROMIUM points elsewhere.
export const DEBIAN_CHROMIUM = "/usr/bin/chromium";

export function chromiumPath(configured = process.env.SLIPWAY_CHROMIUM): string {
  return configured || DEBIAN_CHROMIUM;
}

export type BrowserProbes = {
  configured?: string;
  exists: (file: string) => boolean;
  isRoot: boolean;
  hasApt: boolean;
};

export type BrowserPlan = { kind: "found"; path: string } | { kind: "install" } | { kind: "refuse"; line: string };

/** Use the browser that is there; install Debian's when we may; otherwise one line saying what to run. */
export function planBrowser(p: BrowserProbes): BrowserPlan {
  const path = chromiumPath(p.configured);
  if (p.exists(path)) return { kind: "found", path };
  if (p.configured)
    return {
      kind: "refuse",
      line: `SLIPWAY_CHROMIUM=${p.configured} does not exist: point it at a Chromium binary, or unset it to use Debian's chromium`,
    };
  if (!p.hasApt)
    return {
      kind: "refuse",
      line: `No Chromium at ${DEBIAN_CHROMIUM} and no apt-get to install it: install Chromium and set SLIPWAY_CHROMIUM to its binary`,
    };
  if (!p.isRoot)
    return {
      kind: "refuse",
      line: `No Chromium at ${DEBIAN_CHROMIUM}: run \`sudo apt-get install -y chromium\` (or set SLIPWAY_CHROMIUM), then run the tests again`,
    };
  return { kind: "install" };
}
