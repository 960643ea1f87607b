import { expect, type Page } from "@playwright/test";

/** Signs in through the sandbox picker as a demo user (by display name) and waits to land in the portal. */
export async function signInAs(page: Page, name: string, path = "/"): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole("button", { name: `Sign in as ${name}` }).click();
  await expect(page.getByTestId("current-user")).toContainText(name);
}

export { sandboxSessionCookie } from "../tests/sandbox-session";
