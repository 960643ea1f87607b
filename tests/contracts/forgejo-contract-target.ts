import { describeForgejoContract, type ContractTarget } from "./forgejo-contract";
import type { ForgejoPort } from "@/lib/git/forgejo-port";
import { createForgejoAdapter } from "@/lib/integrations/forgejo/forgejo-adapter";
import { call, createForgejoClient, hasStatus } from "@/lib/integrations/forgejo/forgejo-client";

export type ForgejoContractOptions = {
  url: string;
  token: string;
  /** The token's user: put into clone URLs as basic-auth credentials (Forgejo accepts a token as password). */
  username?: string;
};

/**
 * The real-peers tier runs the shared ForgejoPort contract against a live Forgejo with this.
 * Nothing calls it until that tier exists, so no test file here is left skipped.
 * Every organisation and repository the suite creates is deleted again in cleanup().
 */
export function createForgejoContractTarget(options: ForgejoContractOptions): ContractTarget {
  const port = createForgejoAdapter(options);
  const api = createForgejoClient(options.url, options.token);
  const orgs = new Set<string>();
  const repos = new Set<string>();
  const tracked: ForgejoPort = {
    ...port,
    ensureOrg: async (org) => {
      await port.ensureOrg(org);
      orgs.add(org);
    },
    ensureRepo: async (input) => {
      const repo = await port.ensureRepo(input);
      repos.add(`${input.owner}/${input.name}`);
      return repo;
    },
  };
  return {
    port: tracked,
    cloneUrl: (owner, repo) => {
      const url = new URL(`${options.url.replace(/\/+$/, "")}/${owner}/${repo}.git`);
      if (options.username) {
        url.username = options.username;
        url.password = options.token;
      }
      return url.toString();
    },
    cleanup: async () => {
      for (const key of repos) {
        const [owner = "", name = ""] = key.split("/");
        await port.deleteRepo(owner, name).catch(() => undefined);
      }
      for (const org of orgs) {
        await call("delete organisation", () => api.orgs.orgDelete(org)).catch((error: unknown) => {
          if (!hasStatus(error, 404, 422)) throw error;
        });
      }
    },
  };
}

/** Registers the contract suite (a vitest describe block) against a live Forgejo. */
export function describeForgejoAdapterContract(options: ForgejoContractOptions): void {
  describeForgejoContract("forgejo", async () => createForgejoContractTarget(options));
}
