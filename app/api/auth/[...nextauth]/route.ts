import { handlers } from "@/lib/auth/next-auth";

// GET|POST /api/auth/* — Auth.js sign-in, callback, session and sign-out endpoints (public by nature)
export const { GET, POST } = handlers;
