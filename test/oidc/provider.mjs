// A local OpenID Connect provider for test/oidc.e2e.spec.ts, run with `node test/oidc/provider.mjs <port>`.
// One confidential client, one test account (an aanbieder with a KvK number), PKCE required. The
// interaction URL logs the test account in and grants what the client asked for, without a form.
// Prints `READY <issuer>` once it listens on 127.0.0.1.
//
// Settings (argv[2] or OIDC_PORT for the port; the rest from the environment):
//   OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI   the registered client
//   OIDC_KVK                                                the KvK number in the account's claims
//   OIDC_SUB, OIDC_NAME (optional)                          the account's subject and name
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import Provider from "oidc-provider";

const need = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} ontbreekt`);
  return v;
};

const port = Number(process.argv[2] ?? process.env.OIDC_PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error("geef een poort mee (argv of OIDC_PORT)");
const issuer = `http://127.0.0.1:${port}`;
const account = {
  sub: process.env.OIDC_SUB || "e2e-aanbieder",
  name: process.env.OIDC_NAME || "Test Aanbieder",
  email: "e2e-aanbieder@example.org",
  inkoop_rol: "aanbieder",
  kvk: need("OIDC_KVK"),
};

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: need("OIDC_CLIENT_ID"),
      client_secret: need("OIDC_CLIENT_SECRET"),
      redirect_uris: [need("OIDC_REDIRECT_URI")],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "e2e", use: "sig", alg: "RS256" }] },
  cookies: { keys: [randomBytes(32).toString("base64url")] },
  // inkoop asks for "openid profile email" by default: the role and KvK number come with profile.
  claims: { openid: ["sub"], profile: ["name", "inkoop_rol", "kvk"], email: ["email"] },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, id) {
    if (id !== account.sub) return undefined;
    return { accountId: id, claims: async () => ({ ...account }) };
  },
});

/** The interaction: log in the test account, then consent to every scope and claim the client asked for. */
async function interaction(req, res) {
  const { prompt, params } = await provider.interactionDetails(req, res);
  if (prompt.name === "login") {
    await provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
    return;
  }
  if (prompt.name === "consent") {
    const grant = new provider.Grant({ accountId: account.sub, clientId: params.client_id });
    if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(" "));
    if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    return;
  }
  res.writeHead(400, { "content-type": "text/plain" }).end(`onbekende prompt ${prompt.name}`);
}

const callback = provider.callback();
const server = createServer((req, res) => {
  if (req.method === "GET" && /^\/interaction\/[^/?]+(\?|$)/.test(req.url ?? "")) {
    interaction(req, res).catch((err) => {
      console.error("interactie mislukt:", err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(err?.message ?? err));
    });
    return;
  }
  callback(req, res);
});
server.listen(port, "127.0.0.1", () => console.log(`READY ${issuer}`));

function stop() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
