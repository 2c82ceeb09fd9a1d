// A real, certified OpenID provider (the npm package oidc-provider) for the test suite only:
// one confidential client for Autoport, any login name accepted through the package's
// development login form, and a `groups` claim. Listens on loopback only.
//
//   OIDC_PORT            port (default 4011); the issuer is http://127.0.0.1:<port>
//   OIDC_REDIRECT_URIS   comma-separated redirect URLs of Autoport
//                        (default http://127.0.0.1:3100/auth/oidc/callback)
//
// A login name containing "coord" gets the group autoport-coordinators.
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT ?? 4011);
const issuer = `http://127.0.0.1:${port}`;
const redirectUris = (process.env.OIDC_REDIRECT_URIS ?? "http://127.0.0.1:3100/auth/oidc/callback")
  .split(",")
  .map((u) => u.trim())
  .filter(Boolean);

export const CLIENT_ID = "autoport";
export const CLIENT_SECRET = "autoport-test-secret";

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  async findAccount(_ctx, id) {
    const login = String(id).toLowerCase().replace(/[^a-z0-9.-]/g, "");
    return {
      accountId: login,
      async claims() {
        return {
          sub: login,
          email: `${login}@sso.test`,
          email_verified: true,
          name: `${login[0]?.toUpperCase() ?? ""}${login.slice(1)} Single`,
          groups: login.includes("coord") ? ["staff", "autoport-coordinators"] : ["staff"],
        };
      },
    };
  },
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name"],
    groups: ["groups"],
  },
  scopes: ["openid", "email", "profile", "groups"],
  // Put the scopes' claims in the ID token itself (Autoport reads the ID token only).
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["autoport-e2e-only"] },
});
// The development login form is expected here; keep the console quiet about it.
provider.on("server_error", (_ctx, err) => console.error("oidc-provider:", err));

const server = provider.listen(port, "127.0.0.1", () => {
  console.log(`oidc-provider listening at ${issuer}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
