import type { ForgejoPort } from "@/lib/git/forgejo-port";
import { logger } from "@/lib/logger";
import { parseCatalogInfo } from "./backstage-descriptor";
import { ensureImportBlueprints } from "./import-blueprints";
import { runImport, type ImportSummary, type SourceObject } from "./run-import";

// Forgejo repositories with a Backstage catalog-info.yaml at their root → catalog entities. A full
// sync reads every repository of the configured organisations and marks what disappeared Missing;
// a push webhook re-reads one repository.

export const DESCRIPTOR_PATH = "catalog-info.yaml";
const SOURCE = "backstage";

const repoPrefix = (owner: string, repo: string) => `${owner}/${repo}/`.toLowerCase();

/** The objects of one repository: each descriptor document, mapped or with its reason. */
async function readRepository(forgejo: ForgejoPort, owner: string, name: string): Promise<SourceObject[]> {
  const repo = await forgejo.getRepo(owner, name);
  if (!repo) return [];
  const revision = await forgejo.branchHead(repo.owner, repo.name, repo.defaultBranch);
  if (!revision) return [];
  const text = await forgejo.readFile(repo.owner, repo.name, DESCRIPTOR_PATH, revision);
  if (text === null) return [];
  const base = `${repoPrefix(repo.owner, repo.name)}${DESCRIPTOR_PATH}`;
  return parseCatalogInfo(text, repo.htmlUrl).map((doc) =>
    "entity" in doc
      ? { object: `${base}#${doc.entity.blueprint}/${doc.entity.identifier}`, revision, entity: doc.entity }
      : { object: `${base}#${doc.index}`, revision, error: doc.error },
  );
}

/** Reads a repository, turning a read failure into one failed object so the rest of the sync goes on. */
async function readSafely(forgejo: ForgejoPort, owner: string, name: string): Promise<SourceObject[]> {
  try {
    return await readRepository(forgejo, owner, name);
  } catch (error) {
    logger.warn("Backstage import could not read a repository", { owner, name, error: String(error) });
    return [
      {
        object: `${repoPrefix(owner, name)}${DESCRIPTOR_PATH}`,
        revision: null,
        error: error instanceof Error ? error.message : String(error),
        // An unreadable repository is not a removed one: keep its entities as they are.
        keepsPrefix: true,
      },
    ];
  }
}

/** Every repository of the organisations; entities whose repository or descriptor is gone are marked Missing. */
export async function syncBackstageOrgs(forgejo: ForgejoPort, orgs: string[], trigger: string): Promise<ImportSummary> {
  await ensureImportBlueprints();
  return runImport(SOURCE, trigger, async () => {
    const objects: SourceObject[] = [];
    const scopes: string[] = [];
    for (const org of orgs) {
      const repos = await forgejo.listRepos(org);
      scopes.push(`${org.toLowerCase()}/`);
      for (const repo of repos) objects.push(...(await readSafely(forgejo, repo.owner, repo.name)));
    }
    return { objects, scopes };
  });
}

/** One repository, as a push webhook asks: a deleted repository's entities become Missing. */
export async function syncBackstageRepo(
  forgejo: ForgejoPort,
  owner: string,
  name: string,
  trigger: string,
): Promise<ImportSummary> {
  await ensureImportBlueprints();
  return runImport(SOURCE, trigger, async () => ({
    objects: await readSafely(forgejo, owner, name),
    scopes: [repoPrefix(owner, name)],
  }));
}
