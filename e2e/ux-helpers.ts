import { expect, type Browser, type Page } from "@playwright/test";
import { signInAs } from "./sign-in";

/** JSON to the API as the page's signed-in user (same-origin, as the browser's own calls are). */
export async function apiAs(page: Page, method: "POST" | "PATCH", path: string, body: unknown) {
  const origin = new URL(page.url()).origin;
  const res = await page.request.fetch(path, { method, data: body, headers: { origin } });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

/**
 * A run of Dana's waiting for an SRE's approval: something for run and approvals pages to show.
 * `withdraw` takes it back afterwards, so later journeys find the approvers' inbox as they expect.
 */
export async function runAwaitingApproval(browser: Browser): Promise<{ url: string; withdraw: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, "Dana Okafor");
  const run = await apiAs(page, "POST", "/api/v1/actions/test-promote/runs", {
    entity: "payment-gateway-staging",
    input: { target_environment: "prod", run_tests: true },
  });
  const url = `/runs/${String(run.id)}`;
  const withdraw = async () => {
    await apiAs(page, "POST", `${url.replace("/runs/", "/api/v1/runs/")}/withdraw`, {});
    await context.close();
  };
  return { url, withdraw };
}

/** The page scrolls sideways when its content is wider than the window. */
export const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
