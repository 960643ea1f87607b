// Sandbox sign-in: people to try the portal as. Their groups match the default role and team mapping
// (SLIPWAY_ADMIN_GROUPS, SLIPWAY_SRE_GROUPS, and the demo teams' `oidc_group`).
export type DemoUser = { id: string; name: string; email: string; groups: string[]; description: string };

export const DEMO_USERS: readonly DemoUser[] = [
  {
    id: "dana",
    name: "Dana Okafor",
    email: "dana@slipway.local",
    groups: ["team-payments"],
    description: "Developer in team payments",
  },
  {
    id: "carl",
    name: "Carl Jensen",
    email: "carl@slipway.local",
    groups: ["team-checkout"],
    description: "Developer in team checkout",
  },
  {
    id: "sam",
    name: "Sam Rivera",
    email: "sam@slipway.local",
    groups: ["slipway-sres", "team-platform"],
    description: "SRE, approves promotions",
  },
  {
    id: "sofia",
    name: "Sofia Lindqvist",
    email: "sofia@slipway.local",
    groups: ["slipway-sres"],
    description: "Second SRE (prod needs two)",
  },
  {
    id: "ada",
    name: "Ada Moreau",
    email: "ada@slipway.local",
    groups: ["slipway-admins", "team-platform"],
    description: "Portal admin, edits blueprints",
  },
];

export function findDemoUser(id: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.id === id);
}

/** User ids are `<provider>:<subject>`; demo users sign in through the `sandbox` provider. */
export const demoUserId = (id: string) => `sandbox:${id}`;
