import type { Express } from "express";
import request from "supertest";
import { hashPassword } from "../../activities/password";
import type { GebruikerRol } from "../../domain/gebruiker/gebruiker";
import { SYSTEEM } from "../../domain/shared/actor";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { closeEngine, engine, stack, uniqueId, uniqueKvk } from "../../test/harness/stack";
import { webApp } from "../../test/web-session";
import { aanbiederEntity } from "../../workflows/aanbieder/definition";
import { gebruikerEntity, type GebruikerOverzicht } from "../../workflows/gebruiker/definition";

/**
 * Account administration through the pages, against the real engine: an accountbeheerder creates an
 * account with a starting password, the user must choose an own one first, a re-role or disabling
 * ends the user's session at once, and every change is a line with its reason in the logboek.
 */

afterAll(closeEngine);

const WACHTWOORD = "een lang en goed wachtwoord";
const formToken = (text: string): string => /name="_csrf" value="([^"]*)"/.exec(text)?.[1] ?? "";
const text = (s: string) => s.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

async function createUser(rol: GebruikerRol, o: { accountbeheer?: boolean } = {}): Promise<string> {
  const gebruikersnaam = uniqueId(rol).toLowerCase();
  await engine()
    .entity(gebruikerEntity, gebruikersnaam)
    .create({ actor: SYSTEEM, gebruiker: { gebruikersnaam, naam: `Test ${rol}`, rol, ...(o.accountbeheer ? { accountbeheer: true } : {}), wachtwoordHash: await hashPassword(WACHTWOORD) } });
  return gebruikersnaam;
}

function browser(a: Express) {
  const agent = request.agent(a);
  let csrf = "";
  return {
    agent,
    async login(gebruikersnaam: string, wachtwoord: string) {
      const form = await agent.get("/inloggen");
      return agent.post("/inloggen").type("form").send({ _csrf: formToken(form.text), gebruikersnaam, wachtwoord });
    },
    async get(path: string) {
      const res = await agent.get(path);
      csrf = formToken(res.text) || csrf;
      return res;
    },
    async form(path: string, fields: Record<string, string>) {
      if (!csrf) await this.get("/wachtwoord").catch(() => undefined);
      return agent.post(path).type("form").send({ ...fields, _csrf: csrf });
    },
  };
}

async function loggedIn(a: Express, gebruikersnaam: string, wachtwoord = WACHTWOORD) {
  const b = browser(a);
  const res = await b.login(gebruikersnaam, wachtwoord);
  expect(res.status).toBe(303);
  return b;
}

describe("accountbeheer", () => {
  let app: Express;
  let beheerder: string;
  let beheer: ReturnType<typeof browser>;
  beforeAll(async () => {
    app = webApp(engine());
    beheerder = await createUser("inkoper", { accountbeheer: true });
    beheer = await loggedIn(app, beheerder);
  });

  test("only an account with accountbeheer reaches the page; the menu shows it only to them", async () => {
    const gewoon = await loggedIn(app, await createUser("inkoper"));
    const geweigerd = await gewoon.get("/beheer/accounts");
    expect(geweigerd.status).toBe(403);
    expect(text(geweigerd.text)).toContain("Alleen een accountbeheerder van de regio beheert accounts");
    expect((await gewoon.get("/inkoper")).text).not.toContain('href="/beheer/accounts"');
    const aanbieder = await loggedIn(app, await createUser("beoordelaar"));
    expect((await aanbieder.get("/beheer/accounts")).status).toBe(403);

    const pagina = await beheer.get("/beheer/accounts");
    expect(pagina.status).toBe(200);
    expect(pagina.text).toContain('href="/beheer/accounts"');
    // Other tests share this engine, so the list is long: the search finds the one account.
    const gevonden = text((await beheer.get(`/beheer/accounts?zoek=${encodeURIComponent(beheerder)}`)).text);
    expect(gevonden).toContain(beheerder);
    expect(gevonden).not.toContain("Volgende");
  });

  test("a new account gets a starting password once; its user chooses an own password before anything else", async () => {
    const naam = uniqueId("j.devries").toLowerCase();
    const gemaakt = await beheer.form("/beheer/accounts", { gebruikersnaam: naam, naam: "Jan de Vries", email: "jan@gouda.example", rol: "beoordelaar", kvk: "" });
    expect(gemaakt.status).toBe(200);
    expect(text(gemaakt.text)).toContain("Het account is aangemaakt.");
    const start = /<code class="inkoop-startwachtwoord">([^<]+)<\/code>/.exec(gemaakt.text)?.[1];
    expect(start).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){4}$/);
    expect(gemaakt.headers["cache-control"]).toBe("no-store");

    // The account is listed (from its memo) and its logboek names who created it.
    const lijst = (await engine().list(gebruikerEntity)) as unknown as GebruikerOverzicht[];
    expect(lijst.find((a) => a.gebruikersnaam === naam)).toMatchObject({ rol: "beoordelaar", accountbeheer: false, uitgeschakeld: false });
    const detail = text((await beheer.get(`/beheer/accounts/${naam}`)).text);
    expect(detail).toContain("Startwachtwoord: nog geen eigen wachtwoord gekozen");
    expect(detail).toMatch(new RegExp(`Account aangemaakt als Beoordelaar`));
    expect(detail).toContain(beheerder);

    const jan = browser(app);
    const login = await jan.login(naam, start!);
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe("/wachtwoord");
    const elders = await jan.get("/beoordelaar");
    expect(elders.status).toBe(303);
    expect(elders.headers.location).toBe("/wachtwoord");
    const form = await jan.get("/wachtwoord");
    expect(text(form.text)).toContain("Kies een eigen wachtwoord");
    const kort = await jan.form("/wachtwoord", { huidig: start!, nieuw: "te kort", herhaling: "te kort" });
    expect(kort.status).toBe(400);
    expect(text(kort.text)).toContain("minstens 12 tekens");
    const fout = await jan.form("/wachtwoord", { huidig: "niet het startwachtwoord", nieuw: WACHTWOORD, herhaling: WACHTWOORD });
    expect(fout.status).toBe(400);
    expect(text(fout.text)).toContain("Dit is niet uw huidige wachtwoord");
    const goed = await jan.form("/wachtwoord", { huidig: start!, nieuw: WACHTWOORD, herhaling: WACHTWOORD });
    expect(goed.status).toBe(303);
    expect(goed.headers.location).toBe("/beoordelaar");
    expect((await jan.get("/beoordelaar")).status).toBe(200);
    // The starting password no longer works; the own one does.
    expect((await browser(app).login(naam, start!)).status).toBe(401);
    expect((await browser(app).login(naam, WACHTWOORD)).headers.location).toBe("/beoordelaar");
    expect(text((await beheer.get(`/beheer/accounts/${naam}`)).text)).toContain("Eigen wachtwoord gekozen");
  });

  test("a re-role ends the user's session at its next request, and the logboek keeps the reason", async () => {
    const naam = await createUser("beoordelaar");
    const b = await loggedIn(app, naam);
    expect((await b.get("/beoordelaar")).status).toBe(200);

    const zonderReden = await beheer.form(`/beheer/accounts/${naam}/rol`, { rol: "inkoper", "reden-rol": "" });
    expect(zonderReden.status).toBe(400);
    expect(text(zonderReden.text)).toContain("Vul een reden in");

    const gewijzigd = await beheer.form(`/beheer/accounts/${naam}/rol`, { rol: "inkoper", accountbeheer: "ja", "reden-rol": "Overgestapt naar het team inkoop" });
    expect(gewijzigd.status).toBe(303);
    const weg = await b.get("/beoordelaar");
    expect(weg.status).toBe(303);
    expect(weg.headers.location).toMatch(/^\/inloggen/);
    const opnieuw = await loggedIn(app, naam);
    expect((await opnieuw.get("/inkoper")).status).toBe(200);
    expect((await opnieuw.get("/beheer/accounts")).status).toBe(200);

    const detail = text((await beheer.get(`/beheer/accounts/${naam}`)).text);
    expect(detail).toContain("Rol gewijzigd van Beoordelaar naar Inkoper met accountbeheer");
    expect(detail).toContain("Overgestapt naar het team inkoop");

    // An aanbieder account stays an aanbieder account.
    const kvk = uniqueKvk();
    await engine().entity(aanbiederEntity, kvk).register({ actor: { rol: "aanbieder", id: "x", kvk }, registratie: { kvk, naam: "Zorg B.V.", email: "z@zorg.example" } });
    const aNaam = uniqueId("zorgbv").toLowerCase();
    expect((await beheer.form("/beheer/accounts", { gebruikersnaam: aNaam, naam: "Zorg Medewerker", email: "", rol: "aanbieder", kvk })).status).toBe(200);
    const rolWissel = await beheer.form(`/beheer/accounts/${aNaam}/rol`, { rol: "inkoper", "reden-rol": "poging" });
    expect(rolWissel.status).toBe(400);
    expect(text(rolWissel.text)).toContain("blijft een aanbiedersaccount");
  });

  test("a disabled account cannot log in and its session ends; enabling gives access back; nobody disables themself", async () => {
    const naam = await createUser("programmadirecteur");
    const b = await loggedIn(app, naam);
    expect((await b.get("/besluiten")).status).toBe(200);

    expect((await beheer.form(`/beheer/accounts/${naam}/uitschakelen`, { "reden-status": "Uit dienst per 1 december" })).status).toBe(303);
    expect((await b.get("/besluiten")).headers.location).toMatch(/^\/inloggen/);
    const geweigerd = await browser(app).login(naam, WACHTWOORD);
    expect(geweigerd.status).toBe(403);
    expect(text(geweigerd.text)).toContain("Dit account is uitgeschakeld");
    // A wrong password on a disabled account says no more than on any account.
    expect(text((await browser(app).login(naam, "verkeerd wachtwoord 123")).text)).not.toContain("uitgeschakeld");
    const lijst = text((await beheer.get(`/beheer/accounts?status=uitgeschakeld&zoek=${encodeURIComponent(naam)}`)).text);
    expect(lijst).toContain(naam);
    expect(lijst).not.toContain(beheerder);

    expect((await beheer.form(`/beheer/accounts/${naam}/inschakelen`, { "reden-status": "Toch gebleven" })).status).toBe(303);
    expect((await browser(app).login(naam, WACHTWOORD)).status).toBe(303);
    const detail = text((await beheer.get(`/beheer/accounts/${naam}`)).text);
    expect(detail).toContain("Uit dienst per 1 december");
    expect(detail).toContain("Toch gebleven");

    const zelf = await beheer.form(`/beheer/accounts/${beheerder}/uitschakelen`, { "reden-status": "per ongeluk" });
    expect(zelf.status).toBe(409);
    expect(text(zelf.text)).toContain("U kunt uw eigen account niet uitschakelen");
  });

  test("a new account is refused field by field: existing name, unknown KvK, accountbeheer for an aanbieder", async () => {
    const bestaand = await beheer.form("/beheer/accounts", { gebruikersnaam: beheerder, naam: "Dubbel", email: "", rol: "inkoper", kvk: "" });
    expect(bestaand.status).toBe(409);
    expect(text(bestaand.text)).toContain("Deze gebruikersnaam is al in gebruik");
    const onbekend = await beheer.form("/beheer/accounts", { gebruikersnaam: uniqueId("nieuw").toLowerCase(), naam: "Nieuw", email: "", rol: "aanbieder", kvk: uniqueKvk(), accountbeheer: "ja" });
    expect(onbekend.status).toBe(400);
    expect(text(onbekend.text)).toContain("Er is geen aanbieder met dit KvK-nummer geregistreerd");
    expect(text(onbekend.text)).toContain("Accountbeheer is er alleen voor medewerkers van de regio");
    expect(onbekend.text).toContain('href="#veld-kvk"');
  });

  test("an operator creates the first accountbeheerder from the command line (npm run account), and gives a new starting password", async () => {
    const s = stack();
    const env = { ...process.env, TEMPORAL_ADDRESS: s.temporalAddress, TEMPORAL_NAMESPACE: s.namespace, INKOOP_TASK_QUEUE: s.taskQueue, INKOOP_PAYLOAD_KEY_FILE: s.payloadKeyFile };
    const naam = uniqueId("eerste.beheerder").toLowerCase();
    const run = (args: string[]) => promisify(execFile)("npx", ["tsx", "scripts/account.ts", ...args], { env, cwd: process.cwd() });
    const { stdout } = await run(["aanmaken", "--gebruikersnaam", naam, "--naam", "Eerste Beheerder", "--rol", "inkoper", "--accountbeheer"]);
    const start = /startwachtwoord \(.*\): (\S+)/.exec(stdout)?.[1];
    expect(start).toBeDefined();
    const b = browser(app);
    expect((await b.login(naam, start!)).headers.location).toBe("/wachtwoord");
    expect((await b.form("/wachtwoord", { huidig: start!, nieuw: WACHTWOORD, herhaling: WACHTWOORD })).status).toBe(303);
    expect((await b.get("/beheer/accounts")).status).toBe(200);

    const tweede = await run(["startwachtwoord", "--gebruikersnaam", naam, "--reden", "wachtwoord kwijt"]);
    const nieuw = /startwachtwoord \(.*\): (\S+)/.exec(tweede.stdout)?.[1];
    expect((await browser(app).login(naam, WACHTWOORD)).status).toBe(401);
    expect((await browser(app).login(naam, nieuw!)).headers.location).toBe("/wachtwoord");
    await expect(run(["aanmaken", "--gebruikersnaam", naam, "--naam", "Dubbel", "--rol", "inkoper"])).rejects.toMatchObject({ stderr: expect.stringContaining("al in gebruik") });
  }, 60_000);
});
