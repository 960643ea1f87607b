import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { demoUserId, findDemoUser } from "./demo-users";
import type { Identity } from "./identity";

export const SANDBOX_ONLY_MESSAGE =
  "Demo users exist only in sandbox mode. This portal is in connected mode: sign in through your identity provider.";

/** The identity of a demo user; refused outside sandbox mode so a misconfigured install never has a back door. */
export function sandboxIdentity(userId: unknown): Identity {
  if (getEnv().mode !== "sandbox") throw new AppError("forbidden", SANDBOX_ONLY_MESSAGE);
  const demo = typeof userId === "string" ? findDemoUser(userId) : undefined;
  if (!demo) throw new AppError("validation", "Unknown demo user", { user: ["Pick one of the listed demo users"] });
  return { id: demoUserId(demo.id), email: demo.email, name: demo.name, groups: [...demo.groups] };
}
