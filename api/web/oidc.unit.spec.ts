import { claimsToUser, claimValue, oidcSettingsFromEnv, openOidcState, sealOidcState, type OidcState } from "./oidc";

// The protocol itself runs through openid-client, which is ESM-only and not loadable in jest: these
// are the parts around it. The flow against a real provider is tried outside jest (see docs/oidc.md).
describe("OpenID Connect: instellingen", () => {
  const env = {
    INKOOP_OIDC_ISSUER: "https://broker.example/oidc",
    INKOOP_OIDC_CLIENT_ID: "inkoop",
    INKOOP_OIDC_CLIENT_SECRET: "geheim",
    INKOOP_OIDC_REDIRECT_URI: "https://inkoop.example/inloggen/oidc/callback",
  };

  it("staat uit zonder variabelen", () => {
    expect(oidcSettingsFromEnv({})).toBeUndefined();
  });

  it("leest de vier verplichte variabelen en de standaard-claims", () => {
    expect(oidcSettingsFromEnv(env)).toEqual({ issuer: env.INKOOP_OIDC_ISSUER, clientId: "inkoop", clientSecret: "geheim", redirectUri: env.INKOOP_OIDC_REDIRECT_URI, roleClaim: "inkoop_rol", kvkClaim: "kvk", only: false });
    expect(oidcSettingsFromEnv({ ...env, INKOOP_OIDC_KVK_CLAIM: "urn:etoegang:1.9:EntityConcernedID:KvKnr", INKOOP_OIDC_DEFAULT_ROLE: "aanbieder", INKOOP_OIDC_ONLY: "1" })).toMatchObject({
      kvkClaim: "urn:etoegang:1.9:EntityConcernedID:KvKnr",
      defaultRole: "aanbieder",
      only: true,
    });
  });

  it("weigert een halve of onveilige configuratie", () => {
    expect(() => oidcSettingsFromEnv({ ...env, INKOOP_OIDC_CLIENT_SECRET: "" })).toThrow(/INKOOP_OIDC_CLIENT_SECRET ontbreekt/);
    expect(() => oidcSettingsFromEnv({ ...env, INKOOP_OIDC_ISSUER: "http://broker.example" })).toThrow(/https/);
    expect(oidcSettingsFromEnv({ ...env, INKOOP_OIDC_ISSUER: "http://localhost:4000" })?.issuer).toBe("http://localhost:4000");
    expect(() => oidcSettingsFromEnv({ ...env, INKOOP_OIDC_DEFAULT_ROLE: "systeem" })).toThrow(/geen rol/);
    expect(() => oidcSettingsFromEnv({ INKOOP_OIDC_ONLY: "1" })).toThrow(/niemand/);
  });
});

describe("OpenID Connect: claims naar gebruiker", () => {
  const settings = { roleClaim: "inkoop_rol", kvkClaim: "kvk" };

  it("een inkoper met naam", () => {
    expect(claimsToUser({ sub: "abc", inkoop_rol: "inkoper", name: "Ingrid Verhoeven" }, settings)).toEqual({ user: { gebruikersnaam: "oidc:abc", naam: "Ingrid Verhoeven", rol: "inkoper" } });
  });

  it("een aanbieder via eHerkenning: KvK-nummer uit de urn-claim, rol als standaard", () => {
    const eh = { roleClaim: "inkoop_rol", kvkClaim: "urn:etoegang:1.9:EntityConcernedID:KvKnr", defaultRole: "aanbieder" as const };
    expect(claimsToUser({ sub: "eh-1", "urn:etoegang:1.9:EntityConcernedID:KvKnr": "12345678" }, eh)).toEqual({ user: { gebruikersnaam: "oidc:eh-1", naam: "KvK 12345678", rol: "aanbieder", kvk: "12345678" } });
  });

  it("een rol uit een lijst of een genest pad", () => {
    expect(claimsToUser({ sub: "x", realm_access: { roles: ["offline_access", "beoordelaar"] } }, { roleClaim: "realm_access.roles" })).toMatchObject({ user: { rol: "beoordelaar" } });
    expect(claimValue({ "a.b": 1, a: { b: 2 } }, "a.b")).toBe(1);
  });

  it.each([
    [{ sub: "x" }, /geen rol/],
    [{ sub: "x", inkoop_rol: "systeem" }, /onbekend/],
    [{ sub: "x", inkoop_rol: ["inkoper", "bosd"] }, /meer dan één rol/],
    [{ sub: "x", inkoop_rol: "aanbieder" }, /geen KvK-nummer/],
    [{ sub: "x", inkoop_rol: "aanbieder", kvk: "1234" }, /8 cijfers/],
    [{ inkoop_rol: "inkoper" }, /sub/],
  ])("weigert %j", (claims, reden) => {
    const r = claimsToUser(claims, settings);
    expect("fout" in r && r.fout).toMatch(reden);
  });

  it("een aanbieder zonder rol-claim zonder standaardrol wordt geweigerd", () => {
    expect(claimsToUser({ sub: "x", kvk: "12345678" }, settings)).toHaveProperty("fout");
  });
});

describe("OpenID Connect: ondertekende state-cookie", () => {
  const secret = "s".repeat(32);
  const s: OidcState = { state: "st", nonce: "no", verifier: "ve", terug: "/inkoper", exp: 2_000 };

  it("komt ongewijzigd terug binnen de tijd", () => {
    expect(openOidcState(sealOidcState(s, secret), secret, 1_000)).toEqual(s);
  });

  it("is ongeldig na de tijd, met een andere sleutel of na knoeien", () => {
    const sealed = sealOidcState(s, secret);
    expect(openOidcState(sealed, secret, 2_000)).toBeNull();
    expect(openOidcState(sealed, "t".repeat(32), 1_000)).toBeNull();
    const [payload, sig] = sealed.split(".");
    const forged = Buffer.from(JSON.stringify({ ...s, terug: "/elders" })).toString("base64url");
    expect(openOidcState(`${forged}.${sig}`, secret, 1_000)).toBeNull();
    expect(openOidcState(`${payload}.${sig}x`, secret, 1_000)).toBeNull();
    expect(openOidcState(undefined, secret, 1_000)).toBeNull();
  });
});
