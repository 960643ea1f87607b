import { buttonClass, Card, secondaryButtonClass } from "@/components/ui/page-header";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { DEMO_USERS } from "@/lib/auth/demo-users";
import { SANDBOX_ONLY_MESSAGE } from "@/lib/auth/sandbox-sign-in";
import { getEnv } from "@/lib/env";
import { signInAsDemoUser, signInWithOidc } from "./actions";

export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  sandbox_only: SANDBOX_ONLY_MESSAGE,
  unknown_demo_user: "That demo user does not exist; pick one from the list.",
  Configuration: "Sign-in is misconfigured on the server (see its log for the reason).",
  AccessDenied: "Your identity provider refused the sign-in.",
  CallbackRouteError: "The identity provider's answer could not be verified. Try again.",
  OAuthCallbackError: "The identity provider reported an error. Try again.",
  CredentialsSignin: "That demo user could not sign in.",
};

type Props = { searchParams: Promise<{ error?: string; callbackUrl?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const { error, callbackUrl: rawCallback } = await searchParams;
  const callbackUrl = safeCallbackUrl(rawCallback);
  const env = getEnv();
  const oidcConfigured = Boolean(env.SLIPWAY_OIDC_ISSUER);
  return (
    <main className="mx-auto max-w-lg px-6 py-16">
      <h1 className="mb-1 text-2xl font-semibold tracking-tight">⚓ Sign in to Slipway</h1>
      <p className="mb-6 text-sm text-slate-500">
        {env.mode === "sandbox"
          ? "Sandbox mode: pick a demo user to try the portal as."
          : `Sign in with your ${env.SLIPWAY_OIDC_NAME} account.`}
      </p>
      {error ? (
        <p role="alert" className="mb-4 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {ERRORS[error] ?? "Sign-in failed. Try again."}
        </p>
      ) : null}
      {oidcConfigured ? (
        <form action={signInWithOidc} className="mb-6">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button className={buttonClass} type="submit">
            Sign in with {env.SLIPWAY_OIDC_NAME}
          </button>
        </form>
      ) : null}
      {env.mode === "sandbox" ? (
        <Card title="Demo users">
          <ul className="divide-y divide-slate-100">
            {DEMO_USERS.map((u) => (
              <li key={u.id} className="flex items-center justify-between gap-4 py-2">
                <div>
                  <div className="text-sm font-medium">{u.name}</div>
                  <div className="text-xs text-slate-500">
                    {u.description} · groups: {u.groups.join(", ")}
                  </div>
                </div>
                <form action={signInAsDemoUser}>
                  <input type="hidden" name="user" value={u.id} />
                  <input type="hidden" name="callbackUrl" value={callbackUrl} />
                  <button className={secondaryButtonClass} type="submit" aria-label={`Sign in as ${u.name}`}>
                    Sign in
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </main>
  );
}
