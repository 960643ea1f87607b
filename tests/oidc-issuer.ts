import { generateKeyPairSync } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { vi } from "vitest";

export type IssuerAccount = { sub: string; email: string; name: string; groups: string[] };

export type IssuerOptions = { clientId: string; clientSecret: string; redirectUri: string; account: IssuerAccount };

export type RunningIssuer = { url: string; stop: () => Promise<void> };

// The slice of oidc-provider's API used here: the package ships no type declarations.
type Interaction = {
  prompt: { name: string; details: { missingOIDCClaims?: string[] } };
  params: Record<string, unknown>;
  grantId?: string;
  session?: { accountId: string };
};
type Grant = { addOIDCScope(scope: string): void; addOIDCClaims(claims: string[]): void; save(): Promise<string> };
type Provider = {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: object,
    opts: { mergeWithLastSubmission: boolean },
  ): Promise<void>;
  Grant: { new (init: { accountId: string; clientId: string }): Grant; find(id: string): Promise<Grant | undefined> };
};

/**
 * A real OIDC issuer (oidc-provider) on an ephemeral loopback port with one confidential client and one
 * account. Its login and consent interactions approve at once, as an IdP with SSO and skipped approval does.
 */
export async function startOidcIssuer(opts: IssuerOptions): Promise<RunningIssuer> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // Two development-only warnings (in-memory adapter; Node 20 is not the LTS it wants) cannot be
  // configured away; they are expected here and would only bury the test output.
  const quiet = vi.spyOn(console, "warn").mockImplementation(() => {});
  let provider: Provider;
  try {
    // @ts-expect-error -- oidc-provider ships no type declarations (see the Provider type above)
    const { default: OidcProvider } = await import("oidc-provider");
    provider = new OidcProvider(url, {
      clients: [
        {
          client_id: opts.clientId,
          client_secret: opts.clientSecret,
          redirect_uris: [opts.redirectUri],
          grant_types: ["authorization_code"],
          response_types: ["code"],
        },
      ],
      // Each scope's claims, as Dex releases them; `groups` is the claim Slipway maps to roles and teams.
      claims: { openid: ["sub"], email: ["email"], profile: ["name"], groups: ["groups"] },
      // Put scope-granted claims in the ID token too (Dex does), since Auth.js reads only the ID token.
      conformIdTokenClaims: false,
      findAccount: (_ctx: unknown, id: string) =>
        id === opts.account.sub ? { accountId: id, claims: async () => ({ ...opts.account }) } : undefined,
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
      jwks: {
        keys: [
          { ...generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }), use: "sig" },
        ],
      },
      // Explicit lifetimes: the defaults print a notice on first use.
      ttl: { AccessToken: 600, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    }) as Provider;
  } finally {
    quiet.mockRestore();
  }

  const interact = async (req: IncomingMessage, res: ServerResponse) => {
    const { prompt, params, grantId, session } = await provider.interactionDetails(req, res);
    if (prompt.name === "login") {
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: opts.account.sub } },
        { mergeWithLastSubmission: false },
      );
    }
    const grant =
      (grantId && (await provider.Grant.find(grantId))) ||
      new provider.Grant({ accountId: session!.accountId, clientId: String(params.client_id) });
    grant.addOIDCScope(String(params.scope));
    if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    return provider.interactionFinished(
      req,
      res,
      { consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: true },
    );
  };
  const callback = provider.callback();
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith("/interaction/")) return callback(req, res);
    interact(req, res).catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });

  return {
    url,
    stop: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

/** Cookies by name across responses, as a browser would keep them for one site (paths ignored). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expires = attrs.map((a) => a.trim()).find((a) => /^expires=/i.test(a));
      const gone =
        value === "" ||
        /max-age=0\b/i.test(line) ||
        (expires !== undefined && Date.parse(expires.slice(8)) < Date.now());
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}
