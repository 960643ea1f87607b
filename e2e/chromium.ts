import { chromiumPath } from "../scripts/chromium/decide";

// Debian's Chromium (never `playwright install`; scripts/chromium/ensure.ts provides it before the
// tests, or SLIPWAY_CHROMIUM points at another); the flags keep it off the closed network.
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const chromiumUse = {
  browserName: "chromium" as const,
  launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
  trace: "retain-on-failure" as const,
};
