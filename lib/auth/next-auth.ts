import NextAuth from "next-auth";
import { getEnv } from "@/lib/env";
import { buildAuthConfig } from "./auth-config";

// Lazy config: the environment is read on first request, not while `next build` imports this file.
export const { handlers, signIn, signOut } = NextAuth(() => buildAuthConfig(getEnv()));
