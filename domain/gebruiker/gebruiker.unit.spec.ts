import { SYSTEEM } from "../shared/actor";
import {
  BLOKKADE_MINUTEN,
  CreateGebruikerSchema,
  GEEN_POGINGEN,
  GebruikersnaamSchema,
  MAX_MISLUKT,
  geblokkeerdOp,
  magAanmaken,
  registreerPoging,
  valideerAanmelding,
  vertraging,
  wachtwoordFout,
  type AanmeldingInvoer,
  type Pogingen,
} from "./gebruiker";

const t0 = new Date("2027-01-15T10:00:00.000Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

function fail(p: Pogingen, n: number, start = 0): { p: Pogingen; delays: number[] } {
  const delays: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = registreerPoging(p, { ok: false, at: at(start + i) });
    p = r.pogingen;
    delays.push(r.uitkomst.vertragingSeconden);
  }
  return { p, delays };
}

describe("blokkeren na mislukte pogingen", () => {
  it("laat een juist wachtwoord toe en begint zonder pogingen", () => {
    const r = registreerPoging(GEEN_POGINGEN, { ok: true, at: t0 });
    expect(r.uitkomst).toEqual({ toegestaan: true, mislukt: 0, vertragingSeconden: 0 });
    expect(r.pogingen).toEqual(GEEN_POGINGEN);
  });

  it("telt mislukte pogingen op rij met een groeiende vertraging", () => {
    const { p, delays } = fail(GEEN_POGINGEN, 4);
    expect(p.mislukt).toBe(4);
    expect(p.geblokkeerdTot).toBeUndefined();
    expect(delays).toEqual([1, 2, 4, 8]);
    expect(delays).toEqual([1, 2, 3, 4].map(vertraging));
  });

  it(`blokkeert na ${MAX_MISLUKT} mislukte pogingen op rij voor ${BLOKKADE_MINUTEN} minuten`, () => {
    const { p } = fail(GEEN_POGINGEN, 4);
    const r = registreerPoging(p, { ok: false, at: at(10) });
    expect(r.uitkomst.toegestaan).toBe(false);
    expect(r.uitkomst.geblokkeerdTot).toBe(new Date(at(10).getTime() + 15 * 60_000).toISOString());
    expect(r.uitkomst.vertragingSeconden).toBe(15 * 60);
    expect(geblokkeerdOp(r.pogingen, at(11))).toBe(true);
  });

  it("weigert tijdens de blokkade ook het juiste wachtwoord, en telt niets bij", () => {
    const { p } = fail(GEEN_POGINGEN, 5);
    const right = registreerPoging(p, { ok: true, at: at(60) });
    expect(right.uitkomst.toegestaan).toBe(false);
    expect(right.uitkomst.geblokkeerdTot).toBe(p.geblokkeerdTot);
    expect(right.uitkomst.vertragingSeconden).toBe(15 * 60 - 56);
    expect(right.pogingen).toBe(p);
    const wrong = registreerPoging(p, { ok: false, at: at(61) });
    expect(wrong.pogingen).toBe(p);
  });

  it("laat na de blokkade weer toe, en een mislukte poging begint dan een nieuwe reeks", () => {
    const { p } = fail(GEEN_POGINGEN, 5);
    const after = at(4 + 15 * 60);
    expect(geblokkeerdOp(p, after)).toBe(false);
    expect(registreerPoging(p, { ok: true, at: after }).uitkomst.toegestaan).toBe(true);
    const again = registreerPoging(p, { ok: false, at: after });
    expect(again.pogingen.mislukt).toBe(1);
    expect(again.pogingen.geblokkeerdTot).toBeUndefined();
  });

  it("een geslaagde poging zet de teller terug: mislukkingen tellen alleen op rij", () => {
    const { p } = fail(GEEN_POGINGEN, 4);
    const ok = registreerPoging(p, { ok: true, at: at(5) });
    expect(ok.pogingen.mislukt).toBe(0);
    const { p: later } = fail(ok.pogingen, 4, 6);
    expect(later.geblokkeerdTot).toBeUndefined();
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

  it("een inkoper of beoordelaar maakt geen accounts", () => {
    expect(magAanmaken(input({ actor: { rol: "inkoper", id: "i" } }), "inkoper1")).toMatchObject({ refused: "RolNietToegestaan", status: 403 });
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
