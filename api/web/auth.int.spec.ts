import type { Express } from "express";
import request from "supertest";
import { hashPassword } from "../../activities/password";
import type { GebruikerRol } from "../../domain/gebruiker/gebruiker";
import { SYSTEEM } from "../../domain/shared/actor";
import { seedDemoUsers } from "../../scripts/seed-demo-users";
import { closeEngine, engine, uniqueId, uniqueKvk } from "../../test/harness/stack";
import { webApp } from "../../test/web-session";
import { aanbiederEntity } from "../../workflows/aanbieder/definition";
import { gebruikerEntity } from "../../workflows/gebruiker/definition";
import { html } from "./html";
import { formatNl, page } from "./layout";
import { requireUser, SESSION_COOKIE } from "./session";

const gebruiker = gebruikerEntity;
const aanbieder = aanbiederEntity;
const WACHTWOORD = "een lang en goed wachtwoord";
const ONBEKEND = "De combinatie van gebruikersnaam en wachtwoord is onbekend";

afterAll(closeEngine);

const homes: Record<GebruikerRol, string> = { inkoper: "/inkoper", beoordelaar: "/beoordelaar", aanbieder: "/aanbieder", programmadirecteur: "/besluiten", bosd: "/besluiten" };

/**
 * The login pages against the real engine: accounts, sessions and lock-out live in Temporal.
 * The role's home pages belong to other modules; where one is not there (yet), a stand-in with the
 * same guard answers, so these tests are about login, not about those pages.
 */
function app(): Express {
  const a = webApp(engine());
  a.get("/inkoper", requireUser("inkoper"), (req, res) => void res.send(page({ title: "Procedures", user: req.user!, body: html`<h1>Procedures</h1>` })));
  a.get("/beoordelaar", requireUser("beoordelaar"), (req, res) => void res.send(page({ title: "Te beoordelen", user: req.user!, body: html`<h1>Te beoordelen</h1>` })));
  a.get("/aanbieder", requireUser("aanbieder"), (req, res) => void res.send(page({ title: "Procedures", user: req.user!, body: html`<h1>Procedures</h1>` })));
  a.get("/besluiten", requireUser("inkoper", "programmadirecteur", "bosd"), (req, res) => void res.send(page({ title: "Besluiten", user: req.user!, body: html`<h1>Besluiten</h1>` })));
  return a;
}

async function createUser(rol: GebruikerRol, o: { wachtwoord?: string; kvk?: string; naam?: string } = {}): Promise<{ gebruikersnaam: string; naam: string; kvk?: string }> {
  const gebruikersnaam = uniqueId(rol).toLowerCase();
  const naam = o.naam ?? `Test ${rol} ${gebruikersnaam.slice(-4)}`;
  const kvk = rol === "aanbieder" ? (o.kvk ?? uniqueKvk()) : undefined;
  await engine()
    .entity(gebruiker, gebruikersnaam)
    .create({ actor: SYSTEEM, gebruiker: { gebruikersnaam, naam, rol, ...(kvk ? { kvk } : {}), wachtwoordHash: await hashPassword(o.wachtwoord ?? WACHTWOORD) } });
  return { gebruikersnaam, naam, ...(kvk ? { kvk } : {}) };
}

const formToken = (text: string): string => /name="_csrf" value="([^"]*)"/.exec(text)?.[1] ?? "";
const fieldValue = (text: string, name: string): string | undefined => new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(text)?.[1];
const cookieFrom = (res: request.Response, name: string): string | undefined =>
  ([] as string[]).concat((res.headers["set-cookie"] as unknown as string[] | undefined) ?? []).find((c) => c.startsWith(`${name}=`) && !c.startsWith(`${name}=;`))?.split(";")[0];

/**
 * A browser: keeps its cookies, fetches the form first, and posts it with the token from the page.
 * `ip`: the address a proxy in front reports (X-Forwarded-For); only an app with "trust proxy" believes it.
 */
function browser(a: Express, ip?: string) {
  const agent = request.agent(a);
  const from = ip ? { "X-Forwarded-For": ip } : {};
  return {
    agent,
    async login(gebruikersnaam: string, wachtwoord: string, terug?: string) {
      const form = await agent.get(`/inloggen${terug !== undefined ? `?terug=${encodeURIComponent(terug)}` : ""}`).set(from);
      return agent
        .post("/inloggen")
        .set(from)
        .type("form")
        .send({ _csrf: formToken(form.text), gebruikersnaam, wachtwoord, ...(terug !== undefined ? { terug } : {}) });
    },
    async register(fields: Record<string, string>) {
      const form = await agent.get("/registreren");
      expect(form.status).toBe(200);
      return agent
        .post("/registreren")
        .type("form")
        .send({ _csrf: formToken(form.text), ...fields });
    },
  };
}

describe("inloggen met gebruikersnaam en wachtwoord (echte Temporal-server)", () => {
  const a = app();

  it.each(Object.entries(homes) as [GebruikerRol, string][])("%s logt in en komt op %s", async (rol, home) => {
    const user = await createUser(rol);
    const b = browser(a);
    const res = await b.login(user.gebruikersnaam.toUpperCase(), WACHTWOORD);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(home);
    expect(cookieFrom(res, SESSION_COOKIE)).toBeDefined();
    const landing = await b.agent.get(home);
    expect(landing.status).toBe(200);
    expect(landing.text).toContain(user.naam);
    expect((await b.agent.get("/")).headers.location).toBe(home);
    expect((await b.agent.get("/inloggen")).headers.location).toBe(home);
    const sessie = await b.agent.get("/sessie");
    expect(sessie.body.gebruiker).toEqual({ gebruikersnaam: user.gebruikersnaam, naam: user.naam, rol, ...(user.kvk ? { kvk: user.kvk } : {}) });
  });

  it("zonder sessie stuurt / naar de inlogpagina, in het Nederlands met CSRF-veld", async () => {
    const res = await request(a).get("/");
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/inloggen");
    const form = await request(a).get("/inloggen");
    expect(form.status).toBe(200);
    expect(form.text).toContain('<html lang="nl"');
    expect(form.text).toContain("Gebruikersnaam");
    expect(formToken(form.text)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookieFrom(form, "inkoop_csrf_pre")).toBeDefined();
    expect(form.headers["cache-control"]).toBe("no-store");
    expect(form.text).not.toContain("eHerkenning");
  });

  it("een fout wachtwoord en een onbekende gebruiker krijgen dezelfde melding; de naam blijft staan, het wachtwoord niet", async () => {
    const user = await createUser("inkoper");
    const b = browser(a);
    const wrong = await b.login(user.gebruikersnaam, "niet-het-goede-wachtwoord");
    const unknownName = uniqueId("onbekend").toLowerCase();
    const unknown = await b.login(unknownName, "niet-het-goede-wachtwoord");
    for (const [res, name] of [
      [wrong, user.gebruikersnaam],
      [unknown, unknownName],
    ] as const) {
      expect(res.status).toBe(401);
      expect(res.text).toContain(ONBEKEND);
      expect(res.text).toContain("Er is 1 fout gevonden");
      expect(fieldValue(res.text, "gebruikersnaam")).toBe(name);
      expect(fieldValue(res.text, "wachtwoord")).toBe("");
      expect(res.text).not.toContain("niet-het-goede-wachtwoord");
      expect(res.headers["retry-after"]).toBe("1");
      expect(cookieFrom(res, SESSION_COOKIE)).toBeUndefined();
    }
    // The whole page is the same but for the name typed.
    expect(wrong.text.replaceAll(user.gebruikersnaam, "NAAM")).toBe(unknown.text.replaceAll(unknownName, "NAAM"));
  });

  it("lege velden worden bij hun veld genoemd", async () => {
    const res = await browser(a).login("", "");
    expect(res.status).toBe(400);
    expect(res.text).toContain("Er zijn 2 fouten gevonden");
    expect(res.text).toContain("Vul uw gebruikersnaam in.");
    expect(res.text).toContain("Vul uw wachtwoord in.");
    expect(res.text).toContain('href="#veld-gebruikersnaam"');
  });

  it("na 5 mislukte pogingen is alleen dat apparaat geblokkeerd, ook voor het juiste wachtwoord; de eigenaar logt op een ander apparaat gewoon in", async () => {
    // As deployed behind a reverse proxy: the client is the address the proxy reports.
    const proxied = app();
    proxied.set("trust proxy", "loopback");
    const user = await createUser("beoordelaar");
    const vreemde = browser(proxied, "203.0.113.7");
    const retry: string[] = [];
    for (let i = 1; i <= 4; i++) {
      const res = await vreemde.login(user.gebruikersnaam, `fout-wachtwoord-${i}`);
      expect(res.status).toBe(401);
      retry.push(res.headers["retry-after"] as string);
    }
    expect(retry).toEqual(["1", "2", "4", "8"]);
    const before = Date.now();
    const fifth = await vreemde.login(user.gebruikersnaam, "fout-wachtwoord-5");
    const after = Date.now();
    expect(fifth.status).toBe(429);
    expect(fifth.headers["retry-after"]).toBe("60");
    const until = (t: number) => formatNl(new Date(Math.ceil((t + 60_000) / 60_000) * 60_000).toISOString());

    const sixth = await vreemde.login(user.gebruikersnaam, WACHTWOORD);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(sixth.headers["retry-after"])).toBeLessThanOrEqual(60);
    expect(sixth.text).toContain("Te veel mislukte pogingen om vanaf dit apparaat in te loggen.");
    expect([until(before), until(after)].some((u) => sixth.text.includes(`U kunt het op dit apparaat opnieuw proberen vanaf ${u}.`))).toBe(true);
    expect(sixth.text).not.toMatch(/Dit account|account is geblokkeerd/); // nothing says whether the name has an account
    expect(fieldValue(sixth.text, "gebruikersnaam")).toBe(user.gebruikersnaam);
    expect(cookieFrom(sixth, SESSION_COOKIE)).toBeUndefined();

    // The owner, from another address, is not locked out by the stranger.
    const eigenaar = await browser(proxied, "198.51.100.23").login(user.gebruikersnaam, WACHTWOORD);
    expect(eigenaar.status).toBe(303);
    expect(cookieFrom(eigenaar, SESSION_COOKIE)).toBeDefined();
    // …and the stranger still is.
    expect((await vreemde.login(user.gebruikersnaam, WACHTWOORD)).status).toBe(429);
    // The account itself is never locked.
    expect(await engine().entity(gebruiker, user.gebruikersnaam).get()).not.toHaveProperty("geblokkeerdTot");
  });

  it("zonder 'trust proxy' gelooft de site X-Forwarded-For niet: een andere kop maakt geen ander apparaat", async () => {
    const user = await createUser("inkoper");
    for (let i = 1; i <= 5; i++) expect((await browser(a, `203.0.113.${i}`).login(user.gebruikersnaam, "fout-wachtwoord-z")).status).toBe(i < 5 ? 401 : 429);
    expect((await browser(a, "198.51.100.23").login(user.gebruikersnaam, WACHTWOORD)).status).toBe(429);
  });

  it("in de engine: per apparaat geteld, en veel apparaten vertragen het account zonder het juiste wachtwoord te weigeren", async () => {
    const user = await createUser("inkoper");
    const account = engine().entity(gebruiker, user.gebruikersnaam);
    const now = () => new Date().toISOString();
    for (let i = 0; i < 5; i++) await account.recordAttempt({ ok: false, at: now(), client: "vreemde" });
    expect(await account.recordAttempt({ ok: true, at: now(), client: "vreemde" })).toMatchObject({ toegestaan: false, geblokkeerdTot: expect.any(String) });
    // Ten failures in a row in all (five of them from other clients, each below its own limit) slow the account down.
    for (let i = 0; i < 5; i++) expect((await account.recordAttempt({ ok: false, at: now(), client: `bot-${i}` })).geblokkeerdTot).toBeUndefined();
    expect(await account.recordAttempt({ ok: true, at: now(), client: "eigenaar" })).toEqual({ toegestaan: true, mislukt: 0, vertragingSeconden: 0, wachtSeconden: 1 });
    // The owner's success reset the account-wide count, not the stranger's lock.
    expect(await account.recordAttempt({ ok: false, at: now(), client: "eigenaar" })).toMatchObject({ toegestaan: false, wachtSeconden: 0 });
    expect((await account.recordAttempt({ ok: true, at: now(), client: "vreemde" })).toegestaan).toBe(false);
    // A caller that names no client is one client, "onbekend", as before.
    expect((await account.recordAttempt({ ok: true, at: now() })).toegestaan).toBe(true);
  });

  it("een geslaagde login zet de teller terug", async () => {
    const user = await createUser("bosd");
    const b = browser(a);
    for (let i = 0; i < 4; i++) expect((await b.login(user.gebruikersnaam, "fout-wachtwoord-x")).status).toBe(401);
    expect((await b.login(user.gebruikersnaam, WACHTWOORD)).status).toBe(303);
    const b2 = browser(a);
    for (let i = 0; i < 4; i++) expect((await b2.login(user.gebruikersnaam, "fout-wachtwoord-y")).status).toBe(401);
    expect((await b2.login(user.gebruikersnaam, WACHTWOORD)).status).toBe(303);
  });

  it("een onbekende naam blokkeert na 5 pogingen net zo dat apparaat: niets verraadt of een account bestaat", async () => {
    const b = browser(a);
    const name = uniqueId("niemand").toLowerCase();
    for (let i = 0; i < 4; i++) expect((await b.login(name, "wat-dan-ook-12")).status).toBe(401);
    const fifth = await b.login(name, "wat-dan-ook-12");
    expect(fifth.status).toBe(429);
    expect(fifth.headers["retry-after"]).toBe("60");
    expect(fifth.text).toContain("Te veel mislukte pogingen om vanaf dit apparaat in te loggen.");
    expect(await engine().entity(gebruiker, name).get()).toBeNull();
  });

  it("uitloggen beëindigt de sessie: het oude cookie werkt niet meer", async () => {
    const user = await createUser("inkoper");
    const b = browser(a);
    const res = await b.login(user.gebruikersnaam, WACHTWOORD);
    const oldCookie = cookieFrom(res, SESSION_COOKIE)!;
    const { csrf } = (await request(a).get("/sessie").set("Cookie", oldCookie)).body as { csrf: string };
    const out = await b.agent.post("/uitloggen").type("form").send({ _csrf: csrf });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe("/inloggen?uitgelogd=1");
    const bye = await b.agent.get(out.headers.location!);
    expect(bye.text).toContain("U bent uitgelogd.");

    expect((await request(a).get("/sessie").set("Cookie", oldCookie)).status).toBe(401);
    const home = await request(a).get("/inkoper").set("Cookie", oldCookie);
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe("/inloggen?terug=%2Finkoper");
  });

  it("een POST zonder of met een verkeerd CSRF-token wordt geweigerd (403)", async () => {
    const user = await createUser("inkoper");
    // before login: the login form itself
    const none = await request(a).post("/inloggen").type("form").send({ gebruikersnaam: user.gebruikersnaam, wachtwoord: WACHTWOORD });
    expect(none.status).toBe(403);
    expect(none.text).toContain("Formulier verlopen");
    const b = browser(a);
    await b.agent.get("/inloggen");
    const wrong = await b.agent.post("/inloggen").type("form").send({ _csrf: "x".repeat(43), gebruikersnaam: user.gebruikersnaam, wachtwoord: WACHTWOORD });
    expect(wrong.status).toBe(403);
    // a token that belongs to another browser's cookie (an attacker's own)
    const other = formToken((await request(a).get("/inloggen")).text);
    const foreign = await b.agent.post("/inloggen").type("form").send({ _csrf: other, gebruikersnaam: user.gebruikersnaam, wachtwoord: WACHTWOORD });
    expect(foreign.status).toBe(403);
    const reg = await request(a).post("/registreren").type("form").send({ kvk: uniqueKvk() });
    expect(reg.status).toBe(403);

    // after login: the session's token
    const cookie = cookieFrom(await b.login(user.gebruikersnaam, WACHTWOORD), SESSION_COOKIE)!;
    expect((await request(a).post("/uitloggen").set("Cookie", cookie)).status).toBe(403);
    expect((await request(a).post("/uitloggen").set("Cookie", cookie).type("form").send({ _csrf: "y".repeat(32) })).status).toBe(403);
    expect((await request(a).post("/uitloggen").set("Cookie", cookie).type("form").send({ _csrf: "é".repeat(32) })).status).toBe(403);
    expect((await request(a).get("/sessie").set("Cookie", cookie)).status).toBe(200);
    // the JSON API with the cookie: X-CSRF-Token
    const kvk = uniqueKvk();
    const body = { kvk, naam: "Zorg Zonder Token B.V.", email: "info@zzt.example" };
    const noHeader = await request(a).post("/api/v1/aanbieders").set("Cookie", cookie).send(body);
    expect(noHeader.status).toBe(403);
    expect(noHeader.body.detail).toMatch(/CSRF/);
    const { csrf } = (await request(a).get("/sessie").set("Cookie", cookie)).body as { csrf: string };
    const withHeader = await request(a).post("/api/v1/aanbieders").set("Cookie", cookie).set("X-CSRF-Token", csrf).send(body);
    expect(withHeader.status).toBe(201);
  });

  it("een vervalst sessiecookie wordt genegeerd", async () => {
    const user = await createUser("inkoper");
    const cookie = cookieFrom(await browser(a).login(user.gebruikersnaam, WACHTWOORD), SESSION_COOKIE)!;
    expect((await request(a).get("/sessie").set("Cookie", cookie)).status).toBe(200);
    const value = decodeURIComponent(cookie.slice(SESSION_COOKIE.length + 1));
    const [id, sig] = [value.slice(0, value.lastIndexOf(".")), value.slice(value.lastIndexOf(".") + 1)];
    const flip = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    for (const forged of [`${flip(id)}.${sig}`, `${id}.${flip(sig)}`, id, `${id}.`]) {
      const res = await request(a).get("/sessie").set("Cookie", `${SESSION_COOKIE}=${encodeURIComponent(forged)}`);
      expect(res.status).toBe(401);
      const home = await request(a).get("/").set("Cookie", `${SESSION_COOKIE}=${encodeURIComponent(forged)}`);
      expect(home.headers.location).toBe("/inloggen");
    }
  });

  it("?terug= volgt alleen een pad op deze site", async () => {
    const user = await createUser("inkoper");
    for (const evil of ["//evil.example", "//evil.example/inkoper", "/\\evil.example", "https://evil.example/", "inkoper"]) {
      const b = browser(a);
      const form = await b.agent.get(`/inloggen?terug=${encodeURIComponent(evil)}`);
      expect(form.text).not.toContain("evil.example");
      const res = await b.login(user.gebruikersnaam, WACHTWOORD, evil);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe("/inkoper");
    }
    const ok = await browser(a).login(user.gebruikersnaam, WACHTWOORD, "/contracten?status=actief");
    expect(ok.headers.location).toBe("/contracten?status=actief");
  });

  it("een aanbieder kan /inkoper niet openen en leest via de API geen gegevens van een ander KvK-nummer", async () => {
    const user = await createUser("aanbieder");
    const other = uniqueKvk();
    await engine().entity(aanbieder, other).register({ actor: { rol: "inkoper", id: "inkoper.test" }, registratie: { kvk: other, naam: "Andere Zorg B.V.", email: "info@ander.example" } });
    const b = browser(a);
    expect((await b.login(user.gebruikersnaam, WACHTWOORD)).headers.location).toBe("/aanbieder");
    const page403 = await b.agent.get("/inkoper");
    expect(page403.status).toBe(403);
    expect(page403.text).toContain("Geen toegang");
    const api = await b.agent.get(`/api/v1/aanbieders/${other}`);
    expect(api.status).toBe(403);
    expect(api.body.detail).toBe("U kunt alleen uw eigen gegevens inzien.");
  });
});

describe("een aanbieder registreert zich (echte Temporal-server)", () => {
  const a = app();
  const fields = () => {
    const gebruikersnaam = uniqueId("Aanbieder");
    return {
      kvk: uniqueKvk(),
      organisatie: "Jeugdhulp Het Anker B.V.",
      email: "info@hetanker.example",
      contactpersoon: "Anna de Vries",
      gebruikersnaam,
      wachtwoord: "het anker houdt stand",
      wachtwoordHerhaling: "het anker houdt stand",
    };
  };

  /** The refused form names the field, gives the reason, and keeps everything typed except the passwords. */
  function expectRefused(res: request.Response, veld: string, reden: string | RegExp, typed: Record<string, string>) {
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.text).toMatch(/Er (is 1 fout|zijn \d+ fouten) gevonden/);
    expect(res.text).toContain(`href="#veld-${veld}"`);
    expect(res.text).toMatch(new RegExp(`id="veld-${veld}-fout">[^<]*${typeof reden === "string" ? reden.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : reden.source}`));
    for (const k of ["kvk", "organisatie", "email", "contactpersoon", "gebruikersnaam"]) expect(fieldValue(res.text, k)).toBe(typed[k]);
    expect(fieldValue(res.text, "wachtwoord")).toBe("");
    expect(fieldValue(res.text, "wachtwoordHerhaling")).toBe("");
    expect(res.text).not.toContain(typed.wachtwoord);
    expect(cookieFrom(res, SESSION_COOKIE)).toBeUndefined();
  }

  it("weigert een KvK-nummer dat geen 8 cijfers is", async () => {
    const f = { ...fields(), kvk: "1234567a" };
    expectRefused(await browser(a).register(f), "kvk", "KvK-nummer moet uit precies 8 cijfers bestaan", f);
  });

  it("weigert twee verschillende wachtwoorden", async () => {
    const f = { ...fields(), wachtwoordHerhaling: "het anker houdt niet" };
    expectRefused(await browser(a).register(f), "wachtwoordHerhaling", "De twee wachtwoorden zijn niet gelijk.", f);
    expect(await engine().entity(aanbieder, f.kvk).get()).toBeNull();
  });

  it("weigert een wachtwoord korter dan 12 tekens", async () => {
    const f = { ...fields(), wachtwoord: "kort-wwoord", wachtwoordHerhaling: "kort-wwoord" };
    expectRefused(await browser(a).register(f), "wachtwoord", "Het wachtwoord moet minstens 12 tekens lang zijn (nu 11).", f);
  });

  it("weigert een gebruikersnaam die al bestaat, vóór er iets wordt opgeslagen", async () => {
    const taken = await createUser("inkoper");
    const f = { ...fields(), gebruikersnaam: taken.gebruikersnaam.toUpperCase() };
    expectRefused(await browser(a).register(f), "gebruikersnaam", "Deze gebruikersnaam is al in gebruik.", f);
    expect(await engine().entity(aanbieder, f.kvk).get()).toBeNull();
    expect((await engine().entity(gebruiker, taken.gebruikersnaam).get())?.rol).toBe("inkoper");
  });

  it("weigert een KvK-nummer dat al geregistreerd is (geen overname van een bestaand profiel)", async () => {
    const first = fields();
    expect((await browser(a).register(first)).status).toBe(303);
    const f = { ...fields(), kvk: first.kvk, organisatie: "Overnemer B.V." };
    expectRefused(await browser(a).register(f), "kvk", "Dit KvK-nummer is al geregistreerd.", f);
    expect((await engine().entity(aanbieder, first.kvk).get())?.naam).toBe(first.organisatie);
    expect(await engine().entity(gebruiker, f.gebruikersnaam.toLowerCase()).get()).toBeNull();
  });

  it("meldt alle fouten tegelijk", async () => {
    const res = await browser(a).register({ kvk: "", organisatie: "", email: "geen", contactpersoon: "", gebruikersnaam: "a", wachtwoord: "", wachtwoordHerhaling: "" });
    expect(res.status).toBe(400);
    expect(res.text).toContain("Er zijn 7 fouten gevonden");
  });

  it("registreert de aanbieder met account en logt in", async () => {
    const f = fields();
    const b = browser(a);
    const res = await b.register({ ...f, kvk: `${f.kvk.slice(0, 4)} ${f.kvk.slice(4)}` });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/aanbieder");
    const cookie = cookieFrom(res, SESSION_COOKIE)!;
    expect(cookie).toBeDefined();

    const profiel = await request(a).get(`/api/v1/aanbieders/${f.kvk}`).set("Cookie", cookie);
    expect(profiel.status).toBe(200);
    expect(profiel.body).toMatchObject({ kvk: f.kvk, naam: f.organisatie, email: f.email });
    const logboek = await request(a).get(`/api/v1/aanbieders/${f.kvk}/logboek`).set("Cookie", cookie);
    expect(logboek.body[0]).toMatchObject({ type: "AanbiederRegistered", actor: { rol: "aanbieder", id: f.gebruikersnaam.toLowerCase(), kvk: f.kvk } });

    const sessie = await request(a).get("/sessie").set("Cookie", cookie);
    expect(sessie.body.gebruiker).toEqual({ gebruikersnaam: f.gebruikersnaam.toLowerCase(), naam: f.contactpersoon, rol: "aanbieder", kvk: f.kvk });
    const account = await engine().entity(gebruiker, f.gebruikersnaam.toLowerCase()).get();
    expect(account).toMatchObject({ rol: "aanbieder", kvk: f.kvk, email: f.email });
    expect(JSON.stringify(account)).not.toContain("scrypt");

    // and the account works for a later login
    const again = await browser(a).login(f.gebruikersnaam, f.wachtwoord);
    expect(again.headers.location).toBe("/aanbieder");
  });
});

describe("demo-accounts", () => {
  it("maakt één account per rol, en een tweede keer verandert niets", async () => {
    const first = await seedDemoUsers(engine());
    expect(new Set(first.map((u) => u.rol))).toEqual(new Set(["inkoper", "beoordelaar", "aanbieder", "programmadirecteur", "bosd"]));
    const before = await engine().entity(gebruiker, "inkoper").get();
    const second = await seedDemoUsers(engine());
    expect(second).toEqual(first);
    expect(await engine().entity(gebruiker, "inkoper").get()).toEqual(before);
    expect(await engine().entity(aanbieder, "12345678").get()).toMatchObject({ naam: "Jeugdhulp De Brug B.V." });

    const a = app();
    for (const u of first) {
      const res = await browser(a).login(u.gebruikersnaam, u.wachtwoord);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(homes[u.rol]);
    }
    expect(first.find((u) => u.rol === "aanbieder")).toMatchObject({ gebruikersnaam: "debrug", kvk: "12345678" });
  });
});
