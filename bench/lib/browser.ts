import { chromium } from "playwright-core";
import { chromiumPath } from "@/scripts/chromium/decide";
import { sandboxSessionCookie as signInOverHttp } from "@/tests/sandbox-session";

// The Playwright smoke of the issue, as a bench phase: each page opened signed in, checked usable
// (answers 200, shows its main content, no error page) and its first contentful paint read from the
// browser's own paint timing. The < 2 s check is printed with the figures, not asserted in a test.

export type PageCheck = { page: string; path: string; status: number; usable: boolean; fcpMs: number | null };

// More pages to open, checked and timed like the ones above: the dashboards.
export const EXTRA_PAGES: { page: string; path: string }[] = [
  { page: "dashboard: catalog", path: "/dashboards/catalog" },
  { page: "dashboard: pipeline", path: "/dashboards/pipeline" },
  { page: "dashboard: resources", path: "/dashboards/resources" },
  { page: "dashboard: DORA", path: "/dashboards/dora" },
];

/** A demo user's session cookie as name and value (what a browser context's addCookies takes). */
export async function sandboxSessionCookie(base: string, user: string): Promise<{ name: string; value: string }> {
  const [name, ...value] = (await signInOverHttp(base, user)).split("=");
  return { name: name!, value: value.join("=") };
}

export async function smokePages(base: string, pages: { page: string; path: string }[]): Promise<PageCheck[]> {
  const cookie = await sandboxSessionCookie(base, "dana");
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  const out: PageCheck[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ ...cookie, url: base }]);
    for (const { page: name, path } of [...pages, ...EXTRA_PAGES]) {
      // First visit warms the server's compiled route and caches; the second is what's measured.
      for (const measured of [false, true]) {
        const page = await context.newPage();
        const res = await page.goto(`${base}${path}`, { waitUntil: "load" });
        const fcpMs = await page.evaluate(
          () =>
            new Promise<number | null>((resolve) => {
              new PerformanceObserver((list) => {
                const fcp = list.getEntriesByName("first-contentful-paint")[0];
                if (fcp) resolve(Math.round(fcp.startTime));
              }).observe({ type: "paint", buffered: true });
              setTimeout(() => resolve(null), 3000);
            }),
        );
        const usable =
          (res?.status() ?? 0) === 200 &&
          (await page.locator("main").first().isVisible()) &&
          !/Application error|Something went wrong/i.test(await page.locator("body").innerText());
        if (measured) out.push({ page: name, path, status: res?.status() ?? 0, usable, fcpMs });
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
  return out;
}
