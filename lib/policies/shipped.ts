import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// The policies Slipway ships (the seed's PCI-DSS and HIPAA examples and a baseline set), as the
// YAML files an admin adds to the GitOps repository's `policies/` directory.
export const SHIPPED_POLICIES_DIR = path.resolve(process.cwd(), "lib/policies/shipped");

export type PolicyFile = { file: string; text: string };

export function listShippedPolicies(): PolicyFile[] {
  return readdirSync(SHIPPED_POLICIES_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((file) => ({ file, text: readFileSync(path.join(SHIPPED_POLICIES_DIR, file), "utf8") }));
}
