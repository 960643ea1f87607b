// Names of a dev environment's objects, shared by the actions, the expiry job, the page and the
// pull-request previews. Client-safe.

export const getDevNamespace = (env: string) => `dev-${env}`;
export const getDevApplicationName = (env: string, service: string) => `dev-${env}-${service}`;
/** Where the environment answers: `<env>.dev.<apps domain>`. */
export const getDevUrl = (env: string, domain: string) => `https://${env}.dev.${domain}`;

/** `<service>-pr-<number>`: the preview environment of one pull request. */
export const getPreviewName = (service: string, pr: number) => `${service}-pr-${pr}`;

export type DevService = { name: string; git?: string; branch?: string; image?: string };

/** The services the entity lists (its `services` property), tolerating hand-edited values. */
export function readDevServices(properties: Record<string, unknown>): DevService[] {
  const list = Array.isArray(properties.services) ? properties.services : [];
  return list.flatMap((s) =>
    s && typeof s === "object" && typeof (s as DevService).name === "string" ? [s as DevService] : [],
  );
}
