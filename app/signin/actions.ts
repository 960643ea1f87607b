"use server";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { findDemoUser } from "@/lib/auth/demo-users";
import { OIDC_PROVIDER_ID, SANDBOX_PROVIDER_ID } from "@/lib/auth/auth-config";
import { signIn, signOut } from "@/lib/auth/next-auth";
import { getEnv } from "@/lib/env";

const back = (error: string, callbackUrl: string) =>
  redirect(`/signin?error=${encodeURIComponent(error)}&callbackUrl=${encodeURIComponent(callbackUrl)}`);

async function signInOrExplain(provider: string, options: Record<string, string>, callbackUrl: string) {
  try {
    await signIn(provider, { ...options, redirectTo: callbackUrl });
  } catch (err) {
    // Auth.js reports failures as AuthError; anything else (including Next's redirect) passes through.
    if (err instanceof AuthError) back(err.type, callbackUrl);
    throw err;
  }
}

export async function signInAsDemoUser(form: FormData) {
  const callbackUrl = safeCallbackUrl(form.get("callbackUrl"));
  if (getEnv().mode !== "sandbox") back("sandbox_only", callbackUrl);
  const user = String(form.get("user") ?? "");
  if (!findDemoUser(user)) back("unknown_demo_user", callbackUrl);
  await signInOrExplain(SANDBOX_PROVIDER_ID, { user }, callbackUrl);
}

export async function signInWithOidc(form: FormData) {
  await signInOrExplain(OIDC_PROVIDER_ID, {}, safeCallbackUrl(form.get("callbackUrl")));
}

export async function signOutAction() {
  await signOut({ redirectTo: "/signin" });
}
