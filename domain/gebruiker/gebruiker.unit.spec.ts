import { SYSTEEM } from "../shared/actor";
import {
  ACCOUNT_DREMPEL,
  ACCOUNT_VERTRAGING_MAX,
  BLOKKADE_MINUTEN,
  CreateGebruikerSchema,
  GEEN_POGINGEN,
  GebruikersnaamSchema,
  MAX_CLIENTS,
  MAX_MISLUKT,
  ONBEKENDE_CLIENT,
  PogingSchema,
  VERGEET_NA_MS,
  accountVertraging,
  blokkadeMinuten,
  magAanmaken,
  registreerPoging,
  registreerPogingV1,
  valideerAanmelding,
  vergeetOud,
  vertraging,
  volgendeVergeetmoment,
  wachtwoordFout,
  type AanmeldingInvoer,
  type PogingUitkomst,
  type Pogingen,
} from "./gebruiker";

const t0 = new Date("2027-01-15T10:00:00.000Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const VREEMDE = "client-vreemde";
const EIGENAAR = "client-eigenaar";

/** `n` wrong passwords from one client, one second apart from `start`. */
function fail(p: Pogingen, n: number, client = VREEMDE, start = 0): { p: Pogingen; uitkomsten: PogingUitkomst[] } {
  const uitkomsten: PogingUitkomst[] = [];
  for (let i = 0; i < n; i++) {
    const r = registreerPoging(p, { ok: false, at: at(start + i), client });
    p = r.pogingen;
    uitkomsten.push(r.uitkomst);
  }
  return { p, uitkomsten };
}

describe("mislukte pogingen tellen per account en per apparaat", () => {
  it("laat een juist wachtwoord toe en begint zonder pogingen", () => {
    const r = registreerPoging(GEEN_POGINGEN, { ok: true, at: t0, client: EIGENAAR });
    expect(r.uitkomst).toEqual({ toegestaan: true, mislukt: 0, vertragingSeconden: 0, wachtSeconden: 0 });
    expect(r.pogingen).toEqual(GEEN_POGINGEN);
  });

  it("telt mislukte pogingen op rij met een groeiende (niet afgedwongen) vertraging", () => {
    const { p, uitkomsten } = fail(GEEN_POGINGEN, 4);
    expect(p.mislukt).toBe(4);
    expect(p.clients).toEqual([{ client: VREEMDE, mislukt: 4, laatsteMisluktOp: at(3).toISOString() }]);
    expect(uitkomsten.map((u) => u.vertragingSeconden)).toEqual([1, 2, 4, 8]);
    expect(uitkomsten.map((u) => u.vertragingSeconden)).toEqual([1, 2, 3, 4].map(vertraging));
    expect(uitkomsten.every((u) => u.geblokkeerdTot === undefined)).toBe(true);
  });

  it("gegeven 5 mislukte pogingen van een vreemde, wanneer die opnieuw probeert, dan is alleen dat apparaat geblokkeerd, ook voor het juiste wachtwoord", () => {
    // given
    const { p, uitkomsten } = fail(GEEN_POGINGEN, MAX_MISLUKT);
    const vijfde = uitkomsten[MAX_MISLUKT - 1]!;
    expect(vijfde).toMatchObject({ toegestaan: false, mislukt: 5, geblokkeerdTot: new Date(at(4).getTime() + 60_000).toISOString(), vertragingSeconden: 60 });
    // when
    const right = registreerPoging(p, { ok: true, at: at(30), client: VREEMDE });
    const wrong = registreerPoging(p, { ok: false, at: at(31), client: VREEMDE });
    // then: refused, the rest of the lock as Retry-After, nothing counted, no waiting added
    expect(right.uitkomst).toEqual({ toegestaan: false, mislukt: 5, geblokkeerdTot: vijfde.geblokkeerdTot, vertragingSeconden: 34, wachtSeconden: 0 });
    expect(right.pogingen).toBe(p);
    expect(wrong.pogingen).toBe(p);
  });

  it("gegeven een geblokkeerde vreemde, wanneer de eigenaar vanaf een ander apparaat inlogt, dan lukt dat meteen, en blijft de vreemde geblokkeerd", () => {
    // given
    const { p } = fail(GEEN_POGINGEN, MAX_MISLUKT);
    // when
    const eigenaar = registreerPoging(p, { ok: true, at: at(10), client: EIGENAAR });
    // then
    expect(eigenaar.uitkomst).toEqual({ toegestaan: true, mislukt: 0, vertragingSeconden: 0, wachtSeconden: 0 });
    expect(eigenaar.pogingen.mislukt).toBe(0);
    expect(registreerPoging(eigenaar.pogingen, { ok: true, at: at(11), client: VREEMDE }).uitkomst.toegestaan).toBe(false);
  });

  it("gegeven een vreemde die blijft raden, dan groeit zijn blokkade: 1, 2, 4, 8 en dan 15 minuten", () => {
    let p = fail(GEEN_POGINGEN, MAX_MISLUKT - 1).p;
    const minuten: number[] = [];
    let t = 10;
    for (let i = 0; i < 6; i++) {
      const r = registreerPoging(p, { ok: false, at: at(t), client: VREEMDE });
      p = r.pogingen;
      minuten.push((new Date(r.uitkomst.geblokkeerdTot!).getTime() - at(t).getTime()) / 60_000);
      t += r.uitkomst.vertragingSeconden; // tries again the moment the lock has passed
    }
    expect(minuten).toEqual([1, 2, 4, 8, BLOKKADE_MINUTEN, BLOKKADE_MINUTEN]);
    expect([5, 6, 7, 8, 9, 10].map(blokkadeMinuten)).toEqual(minuten);
  });

  it("een oproep zonder apparaat telt als één apparaat 'onbekend'", () => {
    expect(PogingSchema.parse({ ok: false, at: t0.toISOString() }).client).toBeUndefined();
    const r = registreerPoging(GEEN_POGINGEN, { ok: false, at: t0 });
    expect(r.pogingen.clients?.[0]?.client).toBe(ONBEKENDE_CLIENT);
  });

  it("gegeven veel apparaten die mislukken, dan vertraagt het account elk antwoord een beetje, hoogstens 30 seconden", () => {
    // given: a guesser with many addresses, each below its own limit
    let p = GEEN_POGINGEN;
    const wacht: number[] = [];
    for (let i = 0; i < ACCOUNT_DREMPEL + 10; i++) {
      const r = registreerPoging(p, { ok: false, at: at(i), client: `bot-${i}` });
      p = r.pogingen;
      wacht.push(r.uitkomst.wachtSeconden!);
      expect(r.uitkomst.geblokkeerdTot).toBeUndefined();
    }
    expect(wacht.slice(0, ACCOUNT_DREMPEL)).toEqual(Array(ACCOUNT_DREMPEL).fill(0));
    expect(wacht.slice(ACCOUNT_DREMPEL)).toEqual([1, 2, 4, 8, 16, 30, 30, 30, 30, 30]);
    expect(accountVertraging(1000)).toBe(ACCOUNT_VERTRAGING_MAX);
    // when: the owner logs in with the right password
    const eigenaar = registreerPoging(p, { ok: true, at: at(100), client: EIGENAAR });
    // then: let in after the same wait a wrong password gets, never refused
    expect(eigenaar.uitkomst).toMatchObject({ toegestaan: true, wachtSeconden: ACCOUNT_VERTRAGING_MAX });
    expect(registreerPoging(p, { ok: false, at: at(100), client: EIGENAAR }).uitkomst.wachtSeconden).toBe(ACCOUNT_VERTRAGING_MAX);
  });

  it("een geslaagde login zet de teller van het account en van dat apparaat terug, niet de blokkade van een ander", () => {
    const { p: vreemd } = fail(GEEN_POGINGEN, MAX_MISLUKT);
    const { p } = fail(vreemd, 4, EIGENAAR, 10);
    expect(p.mislukt).toBe(9);
    const ok = registreerPoging(p, { ok: true, at: at(20), client: EIGENAAR });
    expect(ok.pogingen.mislukt).toBe(0);
    expect(ok.pogingen.clients?.map((c) => c.client)).toEqual([VREEMDE]);
    // the owner's own series starts afresh: four more failures lock nothing
    const { uitkomsten } = fail(ok.pogingen, 4, EIGENAAR, 21);
    expect(uitkomsten.every((u) => u.geblokkeerdTot === undefined)).toBe(true);
  });

  it(`onthoudt hoogstens ${MAX_CLIENTS} apparaten per account: het apparaat dat het langst geleden misluktte valt af`, () => {
    let p = GEEN_POGINGEN;
    for (let i = 0; i < MAX_CLIENTS + 5; i++) p = registreerPoging(p, { ok: false, at: at(i), client: `bot-${i}` }).pogingen;
    expect(p.clients).toHaveLength(MAX_CLIENTS);
    expect(p.clients![0]!.client).toBe("bot-5");
    expect(p.clients!.at(-1)!.client).toBe(`bot-${MAX_CLIENTS + 4}`);
    // the account-wide count is not bounded by it, so a guesser cannot wash it out
    expect(p.mislukt).toBe(MAX_CLIENTS + 5);
  });

  it("vergeet apparaten en de accountteller een dag na hun laatste mislukking", () => {
    const { p: a } = fail(GEEN_POGINGEN, 2, "oud", 0);
    const { p } = fail(a, 1, "nieuw", 3600);
    expect(volgendeVergeetmoment(p)).toEqual(new Date(at(1).getTime() + VERGEET_NA_MS)); // "oud" failed last at 1 s
    const na = vergeetOud(p, new Date(at(1).getTime() + VERGEET_NA_MS));
    expect(na).toEqual({ mislukt: 3, laatsteMisluktOp: at(3600).toISOString(), clients: [{ client: "nieuw", mislukt: 1, laatsteMisluktOp: at(3600).toISOString() }] });
    expect(volgendeVergeetmoment(na)).toEqual(new Date(at(3600).getTime() + VERGEET_NA_MS));
    expect(vergeetOud(na, new Date(at(3600).getTime() + VERGEET_NA_MS))).toEqual(GEEN_POGINGEN);
    expect(volgendeVergeetmoment(GEEN_POGINGEN)).toBeNull();
  });

  it("een blokkade van het hele account uit de vorige regel geldt niet meer", () => {
    const oud: Pogingen = { mislukt: 5, laatsteMisluktOp: at(0).toISOString(), geblokkeerdTot: at(900).toISOString() };
    const r = registreerPoging(oud, { ok: true, at: at(10), client: EIGENAAR });
    expect(r.uitkomst.toegestaan).toBe(true);
    expect(r.pogingen).toEqual(GEEN_POGINGEN);
  });

  it("de vorige regel (alleen om oude geschiedenissen af te spelen) blijft zoals hij was", () => {
    let p = GEEN_POGINGEN;
    for (let i = 0; i < 5; i++) p = registreerPogingV1(p, { ok: false, at: at(i) }).pogingen;
    expect(p.geblokkeerdTot).toBe(new Date(at(4).getTime() + 15 * 60_000).toISOString());
    expect(registreerPogingV1(p, { ok: true, at: at(60) }).uitkomst.toegestaan).toBe(false);
  });
});

describe("gebruikersnaam en nieuw wachtwoord", () => {
  it("maakt de gebruikersnaam klein en weigert vreemde tekens", () => {
    expect(GebruikersnaamSchema.parse("  J.Jansen@Zorg ")).toBe("j.jansen@zorg");
    expect(GebruikersnaamSchema.safeParse("ab").success).toBe(false);
    expect(GebruikersnaamSchema.safeParse("jan jansen").success).toBe(false);
    expect(GebruikersnaamSchema.safeParse("oidc:abc").success).toBe(false);
    expect(GebruikersnaamSchema.safeParse("x".repeat(65)).success).toBe(false);
  });

  it("eist minstens 12 tekens en niet de gebruikersnaam", () => {
    expect(wachtwoordFout("")).toBe("Kies een wachtwoord.");
    expect(wachtwoordFout("elf-tekens!")).toMatch(/minstens 12 tekens/);
    expect(wachtwoordFout("twaalf-tekens")).toBeNull();
    expect(wachtwoordFout("Lange.Gebruiker", "lange.gebruiker")).toMatch(/gebruikersnaam/);
    expect(wachtwoordFout("é".repeat(12))).toBeNull();
  });
});

describe("wie een account mag aanmaken", () => {
  const hash = "scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
  const input = (o: object) => CreateGebruikerSchema.parse({ actor: SYSTEEM, gebruiker: { gebruikersnaam: "inkoper1", naam: "Ingrid", rol: "inkoper", wachtwoordHash: hash }, ...o });
  const zelf = {
    actor: { rol: "aanbieder", id: "debrug", kvk: "12345678" },
    gebruiker: { gebruikersnaam: "debrug", naam: "Anna", rol: "aanbieder", kvk: "12345678", wachtwoordHash: hash },
    registratie: { kvk: "12345678", naam: "Jeugdhulp De Brug B.V.", email: "info@debrug.example" },
  };

  it("het systeem mag elk account aanmaken", () => {
    expect(magAanmaken(input({}), "inkoper1")).toBeNull();
  });

  it("de sleutel moet de gebruikersnaam zijn", () => {
    expect(magAanmaken(input({}), "iemand-anders")).toMatchObject({ status: 400, veld: "gebruikersnaam" });
  });

  it("een aanbieder alleen zichzelf, als aanbieder, voor het eigen KvK-nummer, met profiel", () => {
    expect(magAanmaken(CreateGebruikerSchema.parse(zelf), "debrug")).toBeNull();
    expect(magAanmaken(CreateGebruikerSchema.parse({ ...zelf, actor: { ...zelf.actor, kvk: "87654321" } }), "debrug")).toMatchObject({ status: 403, veld: "kvk" });
    expect(magAanmaken(CreateGebruikerSchema.parse({ ...zelf, registratie: undefined }), "debrug")).toMatchObject({ status: 400 });
    expect(magAanmaken(input({ actor: zelf.actor }), "inkoper1")).toMatchObject({ status: 403, veld: "rol" });
  });

  it("een medewerker van de regio maakt accounts (de API eist dat diens eigen account accountbeheer heeft)", () => {
    expect(magAanmaken(input({ actor: { rol: "inkoper", id: "i" } }), "inkoper1")).toBeNull();
    expect(magAanmaken(input({ actor: { rol: "beoordelaar", id: "b" } }), "inkoper1")).toBeNull();
  });

  it("een aanbieder-account heeft een KvK-nummer, een ander account niet", () => {
    expect(CreateGebruikerSchema.safeParse({ ...zelf, gebruiker: { ...zelf.gebruiker, kvk: undefined } }).success).toBe(false);
    expect(CreateGebruikerSchema.safeParse({ actor: SYSTEEM, gebruiker: { gebruikersnaam: "inkoper1", naam: "Ingrid", rol: "inkoper", kvk: "12345678", wachtwoordHash: hash } }).success).toBe(false);
  });
});

describe("registratieformulier van een aanbieder", () => {
  const goed: AanmeldingInvoer = {
    kvk: "1234 5678",
    organisatie: "Jeugdhulp De Brug B.V.",
    email: "info@debrug.example",
    contactpersoon: "Anna de Vries",
    gebruikersnaam: "Anna.deVries",
    wachtwoord: "een lange zin als wachtwoord",
    wachtwoordHerhaling: "een lange zin als wachtwoord",
  };

  it("neemt een goed formulier aan", () => {
    const r = valideerAanmelding(goed);
    expect(r).toMatchObject({
      ok: true,
      aanmelding: {
        gebruiker: { gebruikersnaam: "anna.devries", naam: "Anna de Vries", rol: "aanbieder", kvk: "12345678", email: "info@debrug.example" },
        registratie: { kvk: "12345678", naam: "Jeugdhulp De Brug B.V.", email: "info@debrug.example" },
      },
    });
  });

  it("noemt elke fout bij zijn veld", () => {
    const r = valideerAanmelding({ ...goed, kvk: "1234567", email: "geen-adres", gebruikersnaam: "a b", wachtwoord: "kort", wachtwoordHerhaling: "anders" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fouten).toEqual({
      kvk: "KvK-nummer moet uit precies 8 cijfers bestaan",
      email: expect.stringMatching(/geldig e-mailadres/),
      gebruikersnaam: expect.stringMatching(/3 tot 64 tekens/),
      wachtwoord: expect.stringMatching(/minstens 12 tekens/),
      wachtwoordHerhaling: "De twee wachtwoorden zijn niet gelijk.",
    });
  });

  it("zegt wat er ontbreekt bij een leeg formulier", () => {
    const r = valideerAanmelding({ kvk: "", organisatie: "", email: "", contactpersoon: "", gebruikersnaam: "", wachtwoord: "", wachtwoordHerhaling: "" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.fouten).sort()).toEqual(["contactpersoon", "email", "gebruikersnaam", "kvk", "organisatie", "wachtwoord", "wachtwoordHerhaling"]);
    expect(r.fouten.kvk).toMatch(/Vul het KvK-nummer/);
  });
});

describe("account administration", () => {
  const { beheerAccount, evolveAccount, startwachtwoord, magAanmaken: mag } = jest.requireActual<typeof import("./gebruiker")>("./gebruiker");
  const hash = "scrypt$16384$8$1$c2FsdA$aGFzaA";
  const now = new Date("2026-12-01T09:00:00Z");
  const beheerder = { rol: "inkoper" as const, id: "ingrid" };
  const account = { gebruikersnaam: "jan", naam: "Jan", rol: "beoordelaar" as const, wachtwoordHash: hash, aangemaaktOp: now.toISOString(), aangemaaktDoor: SYSTEEM };

  test("region staff create accounts of every role, without an aanbieder profile; an aanbieder cannot give itself accountbeheer", () => {
    expect(mag({ actor: beheerder, gebruiker: { gebruikersnaam: "piet", naam: "Piet", rol: "bosd", wachtwoordHash: hash, accountbeheer: true } }, "piet")).toBeNull();
    expect(mag({ actor: beheerder, gebruiker: { gebruikersnaam: "piet", naam: "Piet", rol: "inkoper", wachtwoordHash: hash }, registratie: { kvk: "12345678", naam: "X", email: "x@x.nl" } }, "piet")).toMatchObject({ status: 400, veld: "registratie" });
    const kvk = "12345678";
    expect(mag({ actor: { rol: "aanbieder", id: "a", kvk }, gebruiker: { gebruikersnaam: "a", naam: "Aa", rol: "aanbieder", kvk, wachtwoordHash: hash, wachtwoordTijdelijk: true }, registratie: { kvk, naam: "A", email: "a@a.nl" } }, "a")).toMatchObject({ status: 403 });
    expect(CreateGebruikerSchema.safeParse({ actor: beheerder, gebruiker: { gebruikersnaam: "abc", naam: "Abc", rol: "aanbieder", kvk, accountbeheer: true, wachtwoordHash: hash } }).success).toBe(false);
  });

  test("disable and enable, each once, never one's own account; an aanbieder cannot administer", () => {
    const uit = beheerAccount(account, { soort: "uitschakelen", actor: beheerder, reden: "uit dienst" }, now);
    expect(uit).toEqual([{ type: "GebruikerUitgeschakeld", data: { reden: "uit dienst", op: now.toISOString(), door: beheerder } }]);
    const uitgeschakeld = evolveAccount(account, (uit as never[])[0]!);
    expect(uitgeschakeld.uitgeschakeld?.reden).toBe("uit dienst");
    expect(beheerAccount(uitgeschakeld, { soort: "uitschakelen", actor: beheerder, reden: "nog eens" }, now)).toMatchObject({ status: 409 });
    const aan = beheerAccount(uitgeschakeld, { soort: "inschakelen", actor: beheerder, reden: "terug" }, now);
    expect(evolveAccount(uitgeschakeld, (aan as never[])[0]!).uitgeschakeld).toBeUndefined();
    expect(beheerAccount(account, { soort: "inschakelen", actor: beheerder, reden: "terug" }, now)).toMatchObject({ status: 409 });
    expect(beheerAccount(account, { soort: "uitschakelen", actor: { rol: "beoordelaar", id: "jan" }, reden: "zelf" }, now)).toMatchObject({ status: 409, refused: "EigenAccount" });
    expect(beheerAccount(account, { soort: "uitschakelen", actor: { rol: "aanbieder", id: "x", kvk: "12345678" }, reden: "hack" }, now)).toMatchObject({ status: 403 });
    expect(beheerAccount(null, { soort: "uitschakelen", actor: beheerder, reden: "weg" }, now)).toMatchObject({ status: 404 });
  });

  test("re-role within the region; never across the KvK line, never one's own role or accountbeheer, never a no-op", () => {
    const ev = beheerAccount(account, { soort: "rol", actor: beheerder, rol: "inkoper", accountbeheer: true, reden: "team inkoop" }, now);
    expect(ev).toEqual([{ type: "GebruikerRolGewijzigd", data: { van: "beoordelaar", naar: "inkoper", accountbeheerVan: false, accountbeheerNaar: true } }]);
    const na = evolveAccount(account, (ev as never[])[0]!);
    expect(na).toMatchObject({ rol: "inkoper", accountbeheer: true });
    expect(evolveAccount(na, { type: "GebruikerRolGewijzigd", data: { van: "inkoper", naar: "inkoper", accountbeheerVan: true, accountbeheerNaar: false } }).accountbeheer).toBeUndefined();
    expect(beheerAccount(account, { soort: "rol", actor: beheerder, rol: "aanbieder", accountbeheer: false, reden: "x y z" }, now)).toMatchObject({ status: 400, veld: "rol" });
    expect(beheerAccount(account, { soort: "rol", actor: beheerder, rol: "beoordelaar", accountbeheer: false, reden: "x y z" }, now)).toMatchObject({ status: 400, refused: "Ongewijzigd" });
    const zelf = { ...account, gebruikersnaam: "ingrid", rol: "inkoper" as const, accountbeheer: true };
    expect(beheerAccount(zelf, { soort: "rol", actor: beheerder, rol: "inkoper", accountbeheer: false, reden: "x y z" }, now)).toMatchObject({ status: 409, veld: "accountbeheer" });
    expect(beheerAccount(zelf, { soort: "rol", actor: beheerder, rol: "bosd", accountbeheer: true, reden: "x y z" }, now)).toMatchObject({ status: 409, veld: "rol" });
  });

  test("a starting password comes from someone else; an own password only from the user, and never on a disabled account", () => {
    const start = beheerAccount(account, { soort: "startwachtwoord", actor: beheerder, wachtwoordHash: hash, reden: "kwijt" }, now);
    expect(evolveAccount(account, (start as never[])[0]!).wachtwoordTijdelijk).toBe(true);
    const eigen = beheerAccount({ ...account, wachtwoordTijdelijk: true }, { soort: "wachtwoord", actor: { rol: "beoordelaar", id: "jan" }, wachtwoordHash: hash }, now);
    expect(evolveAccount({ ...account, wachtwoordTijdelijk: true }, (eigen as never[])[0]!).wachtwoordTijdelijk).toBeUndefined();
    expect(beheerAccount(account, { soort: "wachtwoord", actor: beheerder, wachtwoordHash: hash }, now)).toMatchObject({ status: 403 });
    expect(beheerAccount({ ...account, uitgeschakeld: { op: now.toISOString(), door: beheerder, reden: "x" } }, { soort: "wachtwoord", actor: { rol: "beoordelaar", id: "jan" }, wachtwoordHash: hash }, now)).toMatchObject({ status: 403 });
    expect(beheerAccount({ ...account, gebruikersnaam: "ingrid" }, { soort: "startwachtwoord", actor: beheerder, wachtwoordHash: hash, reden: "zelf" }, now)).toMatchObject({ status: 409 });
  });

  test("starting passwords: 20 characters without look-alikes in five groups of four", () => {
    let i = 0;
    const pw = startwachtwoord((max) => i++ % max);
    expect(pw).toMatch(/^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){4}$/);
    expect(pw).not.toMatch(/[01lIoO]/);
  });
});
