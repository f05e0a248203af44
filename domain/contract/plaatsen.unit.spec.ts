import { apply, gestart, startCommand } from "./spec-helpers";

/** A contract entered per plaats (Hulp bij huishouden, inkoopplan 6.10.1) carries its plaatsen per product. */
const product = "hulp-bij-huishouden/01A04";
const hbh = { contractId: "hulp-bij-huishouden", procedureId: "oh-hbh", producten: [product] };
const now = new Date("2026-11-20T10:00:00Z");

describe("Contract per plaats", () => {
  it("begint met de plaatsen waarvoor de aanbieder is toegelaten", () => {
    const s = gestart({ ...hbh, plaatsen: [{ productId: product, plaatsen: ["Gouda", "Waddinxveen"] }] });
    expect(s).toMatchObject({ status: "actief", producten: [product], plaatsen: [{ productId: product, plaatsen: ["Gouda", "Waddinxveen"] }] });
  });

  it("een latere toelating voor een andere plaats voegt die plaats toe (ProductenToegevoegd met plaatsen)", () => {
    const s = gestart({ ...hbh, plaatsen: [{ productId: product, plaatsen: ["Gouda"] }] });
    const { state, events } = apply(s, startCommand({ ...hbh, besluitId: "GUN-2", plaatsen: [{ productId: product, plaatsen: ["Gouda", "Zuidplas"] }] }), now);
    expect(events).toEqual([{ type: "ProductenToegevoegd", data: { procedureId: "oh-hbh", besluitId: "GUN-2", producten: [], plaatsen: [{ productId: product, plaatsen: ["Zuidplas"] }] } }]);
    expect(state).toMatchObject({ plaatsen: [{ productId: product, plaatsen: ["Gouda", "Zuidplas"] }], besluiten: ["GUN-1", "GUN-2"] });
  });

  it("dezelfde plaatsen nog eens: niets nieuws", () => {
    const s = gestart({ ...hbh, plaatsen: [{ productId: product, plaatsen: ["Gouda"] }] });
    expect(apply(s, startCommand({ ...hbh, besluitId: "GUN-2", plaatsen: [{ productId: product, plaatsen: ["Gouda"] }] }), now).events).toEqual([]);
  });

  it("een contract zonder plaatsen blijft zonder plaatsen", () => expect(gestart()).not.toHaveProperty("plaatsen"));
});
