import { expect, type Browser, type Page } from "@playwright/test";
import { signInAs } from "./sign-in";

// Shared by the journeys that request runs through the generated forms and approve them.

export async function runAs(
  browser: Browser,
  user: string,
  startUrl: string,
  fill: (page: Page) => Promise<void>,
  submit: string,
): Promise<{ page: Page; url: string }> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, user, startUrl);
  await fill(page);
  await page.getByRole("button", { name: submit }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  return { page, url: new URL(page.url()).pathname };
}

export async function approve(browser: Browser, user: string, runUrl: string, changeTicket?: string) {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, user, runUrl);
  if (changeTicket) await page.getByLabel("Change ticket").fill(changeTicket);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("run-approvals")).toContainText(`${user.split(" ")[0]!.toLowerCase()}@slipway.local`);
  await page.context().close();
}

// rjsf gives every input the id root_<property>.
export const field = (page: Page, name: string) => page.locator(`#root_${name}`);
export const succeeded = (page: Page) =>
  expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 60_000 });
