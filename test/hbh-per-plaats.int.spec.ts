import type { Express } from "express";
import { createApp } from "../api/app";
import { findContract, findProduct, productsOfContract, toelatingscriteria } from "../domain/catalogue";
import { toAmsterdamDate } from "../domain/calendar";
import type { Actor } from "../domain/shared/actor";
import { waitForMail, type ReceivedMail } from "../scripts/inbox/mailbox";
import { as, sleepUntil, until } from "./api-client";
import { completeInschrijving } from "./fixtures/inschrijving";
import { openInschrijvingen } from "./fixtures/opening";
import { closeEngine, engine, stack, uniqueId, uniqueKvk } from "./harness/stack";
import { pdfText as rawPdfText } from "./pdf-text";

/** Table cells wrap in the PDF: compare text with whitespace folded. */
const pdfText = async (buf: Buffer) => (await rawPdfText(buf)).replace(/\s+/g, " ");

/**
 * Hulp bij huishouden per plaats (inkoopplan 6.10.1: "Inschrijven kan per plaats", "geen tussentijdse toetreding"),
 * a whole reopening for one plaats on the real engine: Alfa enters for Gouda and Waddinxveen, Beta for Gouda; both
 * admitted; the dekking shows Zuidplas without cover; the BOSD reopens for capaciteitstekort in Zuidplas; Gamma enters
 * for Zuidplas, Delta for Gouda is refused with the reason; Gamma is admitted and its contract and toelatingsbesluit
 * name Zuidplas; then Zuidplas has cover. Closing instants are seconds ahead.
 */
jest.setTimeout(120_000);
afterAll(closeEngine);

type Dekking = { plaatsen: string[]; producten: { productId: string; perPlaats: { plaats: string; aantal: number; aanbieders: { naam: string }[] }[] }[]; zonderDekking: { productId: string; plaatsen: string[] }[] };

describe("Hulp bij huishouden per plaats: een heropening voor Zuidplas (engine, SMTP en PDF echt)", () => {
  let app: Express;
  const inkoper: Actor = { rol: "inkoper", id: "i.devries" };
  const beoordelaar: Actor = { rol: "beoordelaar", id: "b.bakker" };
  const directeur: Actor = { rol: "programmadirecteur", id: "p.directeur" };
  const bosd: Actor = { rol: "bosd", id: "wethouder.gouda" };
  const mk = (id: string): Actor => ({ rol: "aanbieder", id, kvk: uniqueKvk() });
  const a = mk("alfa"), b = mk("beta"), c = mk("gamma"), d = mk("delta");
  const naam: Record<string, string> = { [a.kvk!]: "Alfa Thuiszorg B.V.", [b.kvk!]: "Beta Huishoudhulp", [c.kvk!]: "Gamma Zorg Zuidplas", [d.kvk!]: "Delta Diensten" };
  const email = (x: Actor) => `${x.id}-${x.kvk}@aanbieder.example`;
  const id = uniqueId("oh-hbh");
  const product = productsOfContract("hulp-bij-huishouden")[0]!.id;
  const productNaam = findProduct(product)!.naam;
  const mailDir = () => stack().mailDir;
  const attachmentText = async (m: ReceivedMail) => pdfText(m.attachments[0]!.content);
  const inschrijving = (plaatsen: string[]) => ({ ...completeInschrijving([product]), plaatsen: [{ productId: product, plaatsen }] });
  const procedure = async (actor: Actor = inkoper) => (await as(app, actor).get(`/api/v1/procedures/${id}`)).body;
  const dekking = async (): Promise<Dekking> => (await procedure()).dekkingPerPlaats;
  const aantal = (dk: Dekking) => Object.fromEntries(dk.producten[0]!.perPlaats.map((c) => [c.plaats, c.aantal]));

  const judgeAll = async (x: Actor, ronde = 1) => {
    const items = toelatingscriteria.flatMap((cr) => (cr.perProduct ? [`${cr.code}:${product}`] : [cr.code]));
    for (const item of items) {
      const res = await as(app, beoordelaar).post(`/api/v1/procedures/${id}/inschrijvingen/${x.kvk}/beoordelingen${ronde > 1 ? `?ronde=${ronde}` : ""}`, {
        item,
        oordeel: "voldoet",
        motivering: `Aangetoond met het aangeleverde bewijs voor ${item}.`,
      });
      if (res.status === 409 && /vrijgesteld/.test(res.body.detail)) continue;
      expect([res.status, res.body.detail]).toEqual([201, undefined]);
    }
  };
  const gunRonde = async (nr: number, aantalInschrijvingen: number) => {
    await until(`uitkomsten ronde ${nr}`, async () => ((await procedure()).rondes[nr - 1]?.aantalBeoordeeld === aantalInschrijvingen ? true : undefined));
    const voorstel = await as(app, inkoper).post(`/api/v1/procedures/${id}/gunningsvoorstel`, { toelichting: `Beoordeling ronde ${nr} afgerond conform 4.4.1.` });
    expect([voorstel.status, voorstel.body.detail]).toEqual([201, undefined]);
    expect((await as(app, directeur).post(`/api/v1/besluiten/${voorstel.body.besluitId}/beslissing`, { akkoord: true, motivering: "Akkoord." })).status).toBe(201);
    await until(`ronde ${nr} gegund`, async () => ((await procedure()).rondes[nr - 1]?.status === "gegund" ? true : undefined));
  };
  const contractOf = (x: Actor) =>
    until(`contract ${x.id}`, async () => {
      const res = await as(app, x).get(`/api/v1/contracten/hulp-bij-huishouden/${x.kvk}`);
      return res.status === 200 ? res.body : undefined;
    });

  beforeAll(async () => {
    app = createApp({ engine: engine(), roleHeaders: true });
    for (const x of [a, b, c, d]) expect((await as(app, x).post("/api/v1/aanbieders", { kvk: x.kvk, naam: naam[x.kvk!], email: email(x) })).status).toBe(201);
  });

  it("de eerste ronde: inschrijven per plaats; zonder plaatsen of met een onbekende plaats geweigerd", async () => {
    const sluitingAt = new Date(Date.now() + 8_000);
    const created = await as(app, inkoper).post("/api/v1/procedures", {
      id,
      contractId: "hulp-bij-huishouden",
      titel: "Open House Hulp bij huishouden (per plaats)",
      publicatieAt: new Date(Date.now() - 1000).toISOString(),
      sluitingAt: sluitingAt.toISOString(),
      instellingen: { contractIngangsdatum: toAmsterdamDate(new Date()) },
    });
    expect([created.status, created.body.detail]).toEqual([201, undefined]);
    expect((await as(app, inkoper).post(`/api/v1/procedures/${id}/publicatie`)).status).toBe(201);

    const zonder = await as(app, a).post(`/api/v1/procedures/${id}/inschrijvingen`, completeInschrijving([product]));
    expect([zonder.status, zonder.body.veld]).toEqual([400, "plaatsen"]);
    const onbekend = await as(app, a).post(`/api/v1/procedures/${id}/inschrijvingen`, inschrijving(["Gouda", "Rotterdam"]));
    expect([onbekend.status, onbekend.body.veld]).toEqual([400, "plaatsen.0.plaatsen.1"]);
    expect(onbekend.body.detail).toContain("Onbekende plaats 'Rotterdam'");

    expect((await as(app, a).post(`/api/v1/procedures/${id}/inschrijvingen`, inschrijving(["Gouda", "Waddinxveen"]))).status).toBe(201);
    expect((await as(app, b).post(`/api/v1/procedures/${id}/inschrijvingen`, inschrijving(["Gouda"]))).status).toBe(201);

    await sleepUntil(sluitingAt);
    await openInschrijvingen(app, id);
    const inhoud = await as(app, inkoper).get(`/api/v1/procedures/${id}/inschrijvingen/${a.kvk}`);
    expect(inhoud.body.inhoud.plaatsen).toEqual([{ productId: product, plaatsen: ["Gouda", "Waddinxveen"] }]);
  });

  it("beide toegelaten: contracten noemen hun plaatsen; de dekking toont Zuidplas en twee andere plaatsen zonder dekking", async () => {
    await until("beoordeling open", async () => ((await as(app, beoordelaar).get(`/api/v1/procedures/${id}/inschrijvingen/${b.kvk}`)).body.status === "beoordeling" ? true : undefined));
    await judgeAll(a);
    await judgeAll(b);
    await gunRonde(1, 2);
    expect((await contractOf(a)).plaatsen).toEqual([{ productId: product, plaatsen: ["Gouda", "Waddinxveen"] }]);
    expect((await contractOf(b)).plaatsen).toEqual([{ productId: product, plaatsen: ["Gouda"] }]);

    const dk = await dekking();
    expect(aantal(dk)).toEqual({ "Bodegraven-Reeuwijk": 0, Gouda: 2, Krimpenerwaard: 0, Waddinxveen: 1, Zuidplas: 0 });
    expect(dk.zonderDekking).toEqual([{ productId: product, plaatsen: ["Bodegraven-Reeuwijk", "Krimpenerwaard", "Zuidplas"] }]);
    // The dekking is the region's: an aanbieder does not see who serves where.
    expect((await procedure(a)).dekkingPerPlaats).toBeUndefined();
  });

  let sluiting2: Date;
  it("heropent voor capaciteitstekort in Zuidplas (besluit BOSD); Gamma schrijft in voor Zuidplas, Delta voor Gouda wordt geweigerd met de reden", async () => {
    const voorstel = (over: Record<string, unknown> = {}) =>
      as(app, inkoper).post(`/api/v1/procedures/${id}/heropening`, {
        reden: "capaciteitstekort",
        producten: [product],
        plaatsen: ["Zuidplas"],
        motivering: "In Zuidplas is geen aanbieder toegelaten: het zorglandschap is daar niet dekkend (inkoopplan 6.10).",
        publicatieAt: new Date().toISOString(),
        sluitingAt: new Date(Date.now() + 12_000).toISOString(),
        ...over,
      });
    const zonderPlaats = await voorstel({ plaatsen: undefined });
    expect([zonderPlaats.status, zonderPlaats.body.veld]).toEqual([400, "plaatsen"]);
    const heropening = await voorstel();
    expect([heropening.status, heropening.body.detail]).toEqual([201, undefined]);
    expect((await as(app, bosd).post(`/api/v1/besluiten/${heropening.body.besluitId}/beslissing`, { akkoord: true })).status).toBe(201);
    const ronde2 = await until("ronde 2 open", async () => {
      const p = await procedure();
      return p.status === "gepubliceerd" ? p.rondes[1] : undefined;
    });
    expect(ronde2).toMatchObject({ nr: 2, soort: "heropening", producten: [product], plaatsen: ["Zuidplas"] });
    sluiting2 = new Date(ronde2.sluitingAt);

    const entered = await as(app, c).post(`/api/v1/procedures/${id}/inschrijvingen`, inschrijving(["Zuidplas"]));
    expect([entered.status, entered.body.detail]).toEqual([201, undefined]);
    const refused = await as(app, d).post(`/api/v1/procedures/${id}/inschrijvingen`, inschrijving(["Gouda"]));
    expect(refused.status).toBe(400);
    expect(refused.body.veld).toBe("plaatsen.0.plaatsen.0");
    expect(refused.body.detail).toBe(`Plaats 'Gouda' staat niet open in deze ronde. In deze heropening staat alleen open: Zuidplas, product ${productNaam}.`);

    // The heropening besluit and its mail name the plaats.
    const mail = await waitForMail(mailDir(), (m) => m.to.includes(email(a)) && m.subject === "Open House heropend: Open House Hulp bij huishouden (per plaats)");
    expect(mail.text).toContain("Alleen in: Zuidplas");
    const besluit = await attachmentText(mail);
    expect(besluit).toContain(`voor de producten: ${productNaam}, alleen in: Zuidplas.`);
  });

  it("Gamma wordt toegelaten; contract en toelatingsbesluit noemen Zuidplas; Zuidplas heeft nu dekking", async () => {
    await sleepUntil(sluiting2);
    await openInschrijvingen(app, id);
    await until("beoordeling Gamma open", async () => ((await as(app, beoordelaar).get(`/api/v1/procedures/${id}/inschrijvingen/${c.kvk}?ronde=2`)).body.status === "beoordeling" ? true : undefined));
    await judgeAll(c, 2);
    await gunRonde(2, 1);

    expect((await contractOf(c)).plaatsen).toEqual([{ productId: product, plaatsen: ["Zuidplas"] }]);
    const toelating = await waitForMail(mailDir(), (m) => m.to.includes(email(c)) && /Toelatingsbesluit/.test(m.subject));
    const tekst = await attachmentText(toelating);
    expect(tekst).toContain("Plaatsen");
    expect(tekst).toContain("Zuidplas");
    expect(tekst).toContain("U bent toegelaten voor de plaatsen die per product zijn genoemd");
    expect(tekst).not.toMatch(/Gouda|Waddinxveen/);

    const dk = await dekking();
    expect(aantal(dk)).toEqual({ "Bodegraven-Reeuwijk": 0, Gouda: 2, Krimpenerwaard: 0, Waddinxveen: 1, Zuidplas: 1 });
    expect(dk.producten[0]!.perPlaats.find((x) => x.plaats === "Zuidplas")!.aanbieders.map((x) => x.naam)).toEqual([naam[c.kvk!]]);
    expect(dk.zonderDekking).toEqual([{ productId: product, plaatsen: ["Bodegraven-Reeuwijk", "Krimpenerwaard"] }]);
    expect(findContract("hulp-bij-huishouden")!.gebieden!.plaatsen).toHaveLength(5);
  });

  it("een contract zonder plaatsen weigert plaatsen in plaats van ze stil te laten vallen, ook in een heropening", async () => {
    const ander = uniqueId("oh-ambulant-plaats");
    const ambulant = productsOfContract("ambulant-jeugd").filter((p) => p.opleggerStatus !== "stoppen")[0]!.id;
    const created = await as(app, inkoper).post("/api/v1/procedures", {
      id: ander,
      contractId: "ambulant-jeugd",
      titel: "Open House Ambulant (geen plaatsen)",
      publicatieAt: new Date(Date.now() - 1000).toISOString(),
      sluitingAt: new Date(Date.now() + 3600_000).toISOString(),
      producten: [ambulant],
    });
    expect(created.status).toBe(201);
    expect((await as(app, inkoper).post(`/api/v1/procedures/${ander}/publicatie`)).status).toBe(201);
    const res = await as(app, d).post(`/api/v1/procedures/${ander}/inschrijvingen`, { ...completeInschrijving([ambulant]), plaatsen: [{ productId: ambulant, plaatsen: ["Gouda"] }] });
    expect([res.status, res.body.veld, res.body.detail]).toEqual([400, "plaatsen", "Dit contract kent geen inschrijving per plaats; laat plaatsen weg."]);
  });
});
