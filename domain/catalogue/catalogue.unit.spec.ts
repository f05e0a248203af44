import {
  AuthorityNamen,
  BesluitAuthoritySchema,
  BesluitTypeSchema,
  CONTRACT_IDS,
  CatalogueAnomalySchema,
  ContractSchema,
  ProductSchema,
  ToelatingscriteriumSchema,
  anomalies,
  authorityFor,
  besluitAuthorities,
  catalogue,
  contracts,
  findContract,
  findProduct,
  gepubliceerdeOpleiding,
  productWeergave,
  gemeentenMiddenHolland,
  hoorEnWederhoorTekst,
  isMicroOnderneming,
  microOnderneming,
  opleggerOnlyProducts,
  productCounts,
  productenboekProducts,
  products,
  productsOfContract,
  productsWithCode,
  toelatingscriteria,
  type ContractId,
  type Looptijd,
} from "./index";

const contract = (id: ContractId) => {
  const c = findContract(id);
  if (c === undefined) throw new Error(`contract ${id} ontbreekt`);
  return c;
};
const scheme = (l: Looptijd | null) => (l === null ? null : [l.initieelJaren, ...l.verlengingen.map((v) => v.jaren)]);
const wijzen = (l: Looptijd | null) => uniq(l?.verlengingen.map((v) => v.wijze) ?? []);
const uniq = <T>(xs: readonly T[]) => [...new Set(xs)];
const product = (id: string) => {
  const p = findProduct(id);
  if (p === undefined) throw new Error(`product ${id} ontbreekt`);
  return p;
};

describe("contracts (Inkoopplan hoofdstuk 6)", () => {
  it("has exactly the 12 contracts with their sections", () => {
    expect(contracts.map((c) => c.id)).toEqual([...CONTRACT_IDS]);
    expect(Object.fromEntries(contracts.map((c) => [c.id, c.sectie]))).toEqual({
      "jb-jr": "6.1",
      jeugdzorgplus: "6.2",
      "forensische-ggz": "6.3",
      crisisdienst: "6.4",
      "hoog-specialistisch-jeugd": "6.5",
      "wonen-jeugd": "6.6",
      "wonen-wmo": "6.7",
      "ambulant-jeugd": "6.8",
      "ambulant-wmo": "6.8",
      "dagbesteding-jeugd": "6.9",
      "dagbesteding-logeren-wmo": "6.9",
      "hulp-bij-huishouden": "6.10",
    });
    for (const c of contracts) expect(ContractSchema.parse(c)).toEqual(c);
  });

  it("has the procedure of each contract", () => {
    expect(Object.fromEntries(contracts.map((c) => [c.id, c.procedureType]))).toEqual({
      "jb-jr": "enkelvoudig-onderhands",
      jeugdzorgplus: "onderhandelingsprocedure-zonder-bekendmaking",
      "forensische-ggz": "onderhandelingsprocedure-zonder-bekendmaking",
      crisisdienst: "nader-te-bepalen",
      "hoog-specialistisch-jeugd": "sas",
      "wonen-jeugd": "open-house-met-toetreding",
      "wonen-wmo": "sas",
      "ambulant-jeugd": "open-house-zonder-toetreding",
      "ambulant-wmo": "open-house-zonder-toetreding",
      "dagbesteding-jeugd": "open-house-zonder-toetreding",
      "dagbesteding-logeren-wmo": "open-house-zonder-toetreding",
      "hulp-bij-huishouden": "open-house-zonder-toetreding",
    });
    expect(contracts.filter((c) => c.tussentijdseToetreding).map((c) => c.id)).toEqual(["wonen-jeugd"]);
  });

  it("has the terms and extension schemes of the text, never more than 10 years", () => {
    expect(scheme(contract("ambulant-jeugd").looptijd)).toEqual([3, 2, 2, 2, 1]);
    expect(scheme(contract("ambulant-wmo").looptijd)).toEqual([3, 2, 2, 2, 1]);
    expect(scheme(contract("dagbesteding-jeugd").looptijd)).toEqual([2, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(scheme(contract("dagbesteding-logeren-wmo").looptijd)).toEqual([2, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(scheme(contract("hulp-bij-huishouden").looptijd)).toEqual([2, 2, 2, 2, 2]);
    expect(scheme(contract("wonen-jeugd").looptijd)).toEqual([5, 3, 2]);
    expect(scheme(contract("wonen-wmo").looptijd)).toEqual([5, 3, 2]);
    expect(scheme(contract("hoog-specialistisch-jeugd").looptijd)).toEqual([4, 4, 2]);
    expect(scheme(contract("jb-jr").looptijd)).toEqual([3, 3, 2, 2]);
    expect(scheme(contract("forensische-ggz").looptijd)).toEqual([3, 3, 2, 2]);
    expect(scheme(contract("jeugdzorgplus").looptijd)).toEqual([2, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(contract("crisisdienst").looptijd).toBeNull();
    for (const c of contracts) if (c.looptijd !== null) expect(c.looptijd.maxJaren).toBe(10);

    for (const id of ["ambulant-jeugd", "ambulant-wmo", "dagbesteding-jeugd", "dagbesteding-logeren-wmo", "hulp-bij-huishouden", "wonen-jeugd", "forensische-ggz"] as const)
      expect(wijzen(contract(id).looptijd)).toEqual(["stilzwijgend"]);
    expect(wijzen(contract("hoog-specialistisch-jeugd").looptijd)).toEqual(["voorwaardelijk-na-evaluatie"]);
    const jzp = contract("jeugdzorgplus").looptijd?.verlengingen ?? [];
    expect(jzp[0]).toEqual({ jaren: 1, wijze: "stilzwijgend" });
    expect(uniq(jzp.slice(1).map((v) => v.wijze))).toEqual(["besluit-vooraf"]);
    expect(wijzen(contract("jb-jr").looptijd)).toEqual(["niet-vermeld"]);
  });

  it("models percelen, gebieden and termination on national policy", () => {
    const wmo = contract("wonen-wmo").percelen;
    expect(wmo?.percelen.map((p) => p.id)).toEqual(["kernpartners", "niet-kernpartners"]);
    expect(wmo?.inschrijvenOpMeerderePercelen).toBe(true);
    expect(wmo?.gunningBijKwalificatieVoorAlle).toBe("kernpartners");
    const hbh = contract("hulp-bij-huishouden").gebieden;
    expect(hbh?.inschrijvenPerPlaats).toBe(true);
    expect(hbh?.plaatsen).toEqual([...gemeentenMiddenHolland]);
    expect(gemeentenMiddenHolland).toHaveLength(5);
    expect(contracts.filter((c) => c.beeindigingBijLandelijkBeleid).map((c) => c.id)).toEqual([
      "jb-jr",
      "jeugdzorgplus",
      "forensische-ggz",
    ]);
    expect(contract("hoog-specialistisch-jeugd").gunningscriteria).toHaveLength(4);
    for (const c of contracts) expect(c.bronCitaten.length).toBeGreaterThan(0);
  });
});

describe("products (productenboek + oplegger)", () => {
  it("has the 58 productenboek entries with the split per contract", () => {
    expect(productenboekProducts).toHaveLength(58);
    expect(productCounts.productenboek).toBe(58);
    expect(productCounts.productenboekPerContract).toEqual({
      "hoog-specialistisch-jeugd": 12,
      "wonen-jeugd": 7,
      "wonen-wmo": 8,
      "ambulant-jeugd": 14,
      "ambulant-wmo": 3,
      "dagbesteding-jeugd": 5,
      "dagbesteding-logeren-wmo": 8,
      "hulp-bij-huishouden": 1,
    });
    const perContract: Record<string, number> = {};
    for (const p of productenboekProducts) perContract[p.contractId] = (perContract[p.contractId] ?? 0) + 1;
    expect(perContract).toEqual(productCounts.productenboekPerContract);
    expect(productenboekProducts.map((p) => p.volgnummer)).toEqual(Array.from({ length: 58 }, (_, i) => i + 1));
    expect(productCounts.alleenOplegger).toBe(opleggerOnlyProducts.length);
    expect(products).toHaveLength(58 + opleggerOnlyProducts.length);
  });

  it("has unique ids, known contracts and valid data", () => {
    expect(new Set(products.map((p) => p.id)).size).toBe(products.length);
    const known = new Set<string>(contracts.map((c) => c.id));
    for (const p of products) {
      expect(known.has(p.contractId)).toBe(true);
      expect(findContract(p.contractId)?.inProductenboek).toBe(true);
      expect(ProductSchema.parse(p)).toEqual(p);
      if (p.code !== null) expect(p.id.startsWith(`${p.contractId}/${p.code}`)).toBe(true);
    }
    expect(productsOfContract("ambulant-jeugd").filter((p) => p.bron === "productenboek")).toHaveLength(14);
    expect(productsOfContract("jb-jr")).toEqual([]);
  });

  it("keeps 08A03 Vervoer in three contracts as three products", () => {
    const vervoer = productsWithCode("08A03").filter((p) => p.bron === "productenboek");
    expect(vervoer.map((p) => p.contractId)).toEqual(["ambulant-jeugd", "dagbesteding-jeugd", "dagbesteding-logeren-wmo"]);
    expect(vervoer.map((p) => p.id)).toEqual([
      "ambulant-jeugd/08A03",
      "dagbesteding-jeugd/08A03",
      "dagbesteding-logeren-wmo/08A03",
    ]);
    for (const p of vervoer) expect(p.anomalieen).toContain("Productcode 08A03 komt in 3 contracten voor: ambulant-jeugd, dagbesteding-jeugd, dagbesteding-logeren-wmo.");
    expect(anomalies.find((a) => a.id === "productcode-08a03-in-3-contracten")?.productIds).toEqual(vervoer.map((p) => p.id));
  });

  it("keeps 02A41 twice in Wonen Wmo, the second with suffix -2", () => {
    const gt = productsWithCode("02A41");
    expect(gt.map((p) => p.id)).toEqual(["wonen-wmo/02A41", "wonen-wmo/02A41-2"]);
    expect(gt.map((p) => p.naam)).toEqual(["Gewoon thuis (dagtarief)", "Gewoon thuis intensief (dagtarief)"]);
    expect(gt.map((p) => p.opleggerStatus)).toEqual(["houden", "nieuw"]);
    expect(gt.map((p) => p.eenheid)).toEqual(["dag", "dag"]);
    expect(anomalies.some((a) => a.id === "productcode-02a41-dubbel-in-wonen-wmo")).toBe(true);
  });

  it("gives NIEUW products no code, codeLabel as written and a nieuw- id", () => {
    const nieuw = productenboekProducts.filter((p) => p.code === null);
    expect(nieuw).toHaveLength(6);
    for (const p of nieuw) {
      expect(p.codeLabel?.toUpperCase().startsWith("NIEUW")).toBe(true);
      expect(p.id).toMatch(new RegExp(`^${p.contractId}/nieuw-`));
      expect(p.opleggerStatus).toBe("nieuw");
    }
    expect(nieuw.map((p) => p.codeLabel)).toEqual(["NIEUW PRODUCT", "Nieuw", "Nieuw", "NIEUW", "NIEUW", "NIEUW"]);
  });

  it("marks 53A01 and 53C01 as in the productenboek but stopping in the oplegger", () => {
    for (const code of ["53A01", "53C01"]) {
      const [p, ...rest] = productsWithCode(code);
      expect(rest).toEqual([]);
      expect(p?.bron).toBe("productenboek");
      expect(p?.opleggerStatus).toBe("stoppen");
      expect(anomalies.some((a) => a.soort === "productenboek-en-oplegger-oneens" && a.productIds.includes(p?.id ?? ""))).toBe(true);
    }
  });

  it("includes the oplegger's Generalistische Basis-GGZ as an oplegger-only new product", () => {
    const ggz = product("ambulant-jeugd/nieuw-generalistische-basis-ggz");
    expect(ggz.bron).toBe("alleen-oplegger");
    expect(ggz.opleggerStatus).toBe("nieuw");
    expect(ggz.code).toBeNull();
    expect(ggz.eenheid).toBe("minuut");
    expect(productenboekProducts.some((p) => /Generalistische Basis/u.test(p.naam))).toBe(false);
    expect(anomalies.some((a) => a.id === "alleen-in-oplegger-generalistische-basis-ggz")).toBe(true);
  });

  it("joins the oplegger status and keeps its doubts", () => {
    expect(product("ambulant-jeugd/45A48").opleggerStatus).toBe("houden");
    expect(product("wonen-jeugd/44P07")).toMatchObject({ bron: "alleen-oplegger", opleggerStatus: "stoppen" });
    expect(product("ambulant-jeugd/45X48")).toMatchObject({ bron: "alleen-oplegger", opleggerStatus: "stoppen" });
    const schakenbosch = products.filter((p) => p.opleggerOnzeker);
    expect(schakenbosch).toHaveLength(3);
    for (const p of schakenbosch) expect(p).toMatchObject({ opleggerStatus: "stoppen", bron: "alleen-oplegger" });
    expect(product("hulp-bij-huishouden/01A04").opleggerStatus).toBe("houden");
    expect(product("hoog-specialistisch-jeugd/43A07").opleggerStatus).toBe("houden");
    expect(productenboekProducts.filter((p) => p.opleggerStatus === "onbekend")).toEqual([]);
  });

  it("fills the unit only where a document gives one", () => {
    expect(product("ambulant-jeugd/41A03").eenheid).toBe("uur");
    expect(product("ambulant-jeugd/41K03").eenheid).toBe("dagdeel");
    expect(product("hoog-specialistisch-jeugd/54005").eenheid).toBe("etmaal");
    expect(product("ambulant-jeugd/45A48").eenheid).toBeNull();
    for (const p of products) expect(p.eenheid === null).toBe(p.eenheidBron === null);
    expect(productenboekProducts.filter((p) => p.eenheid === null).length).toBeGreaterThan(40);
  });

  it("keeps the productenboek text, including 'Volgt nog'", () => {
    expect(product("ambulant-jeugd/45A48").opleiding).toMatch(/^Minimaal 80% .*mbo 4-niveau/u);
    expect(product("hoog-specialistisch-jeugd/54016").opleiding).toBe("Volgt nog");
    expect(product("hoog-specialistisch-jeugd/46A01").bijzonderheden.duurTraject).toBe(
      "Ambulante crisishulp kan maximaal 6 weken worden ingezet.",
    );
  });
});

describe("toelatingscriteria (Inkoopplan 4.4.1)", () => {
  it("has 11 knock-out criteria TC01..TC11", () => {
    expect(toelatingscriteria.map((c) => c.code)).toEqual(
      Array.from({ length: 11 }, (_, i) => `TC${String(i + 1).padStart(2, "0")}`),
    );
    expect(toelatingscriteria.map((c) => c.nummer)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    for (const c of toelatingscriteria) {
      expect(ToelatingscriteriumSchema.parse(c)).toEqual(c);
      expect(c.knockOut).toBe(true);
      expect(c.bron).toBe("Inkoopplan 4.4.1");
    }
    expect(toelatingscriteria.filter((c) => c.perProduct).map((c) => c.nummer)).toEqual([2, 7]);
  });

  it("exempts micro-ondernemingen and aanbieders without volunteers from criterion 9 only", () => {
    expect(toelatingscriteria.filter((c) => c.vrijstellingen.length > 0).map((c) => c.nummer)).toEqual([9]);
    expect(toelatingscriteria[8]?.vrijstellingen.map((v) => v.code)).toEqual(["micro-onderneming", "geen-vrijwilligers"]);
  });

  it("keeps the texts near-verbatim with their proof", () => {
    expect(toelatingscriteria[1]?.tekst).toContain("in de afgelopen 2 jaar");
    expect(toelatingscriteria[1]?.bewijs[0]?.omschrijving).toContain("Verklaring opdrachtgevende gemeente/regio/werkgever");
    expect(toelatingscriteria[2]?.tekst).toContain("inwoners uit de regio Midden-Holland");
    expect(toelatingscriteria[7]?.bewijs.map((b) => b.omschrijving)).toEqual(["Gedragsverklaring aanbesteden (GVA)"]);
    expect(hoorEnWederhoorTekst).toContain("aantoonbare en afdoende verbetermaatregelen");
  });

  it("defines the micro-onderneming of 5.2 with exclusive bounds", () => {
    expect(microOnderneming).toMatchObject({ maxWerknemers: 10, maxOmzetOfBalansEuro: 2_000_000, bron: "Inkoopplan 5.2" });
    expect(isMicroOnderneming({ werknemers: 9, jaaromzetEuro: 1_999_999, jaarbalansEuro: 5_000_000 })).toBe(true);
    expect(isMicroOnderneming({ werknemers: 10, jaaromzetEuro: 100, jaarbalansEuro: 100 })).toBe(false);
    expect(isMicroOnderneming({ werknemers: 3, jaaromzetEuro: 2_000_000, jaarbalansEuro: 2_000_000 })).toBe(false);
  });
});

describe("besluitAuthorities (Inkoopplan 7.2, 7.3, 5.3.4)", () => {
  it("has exactly one authority per besluit type", () => {
    expect(besluitAuthorities.map((a) => a.besluitType).sort()).toEqual([...BesluitTypeSchema.options].sort());
    for (const a of besluitAuthorities) {
      expect(BesluitAuthoritySchema.parse(a)).toEqual(a);
      expect(AuthorityNamen[a.authority]).toBeTruthy();
    }
  });

  it("follows 7.2 and 7.3 where they name an authority", () => {
    const who = (t: Parameters<typeof authorityFor>[0]) => authorityFor(t).authority;
    expect(who("akkoord-gunning")).toBe("programmadirecteur");
    expect(who("contractondertekening")).toBe("programmadirecteur");
    expect(who("programma-van-eisen")).toBe("programmadirecteur");
    expect(who("wijziging-productenboek-zonder-tariefeffect")).toBe("programmadirecteur");
    expect(who("aanbieder-specifiek-tarief")).toBe("programmadirecteur");
    expect(who("wijziging-tarieven")).toBe("bosd");
    expect(who("stopzetten-procedure")).toBe("bosd");
    expect(who("wezenlijke-wijziging-procedure")).toBe("bosd");
    expect(who("gunningssystematiek-hoog-specialistisch")).toBe("bosd");
    expect(who("budgetplafond")).toBe("colleges");
    expect(who("verlenging")).toBe("rwo");
    expect(who("niet-verlenging")).toBe("rwo");
    expect(who("contractwijziging")).toBe("rwo");
    expect(authorityFor("wijziging-tarieven").informeren).toEqual(["College achteraf informeren"]);
    expect(authorityFor("aanbieder-specifiek-tarief").afstemmingVooraf).toContain("bestuurlijk trekker");
  });

  it("marks the defaults the documents do not give", () => {
    const defaults = besluitAuthorities.filter((a) => !a.uitDocumenten);
    expect(defaults.map((a) => a.besluitType).sort()).toEqual(
      ["afwijzing", "beeindiging-traject", "clientenstop", "heropening", "hoor-en-wederhoor", "ingebrekestelling", "motivering-procedurekeuze", "ontbinding", "selectiebeslissing", "toelating"].sort(),
    );
    for (const a of defaults) expect(a.toelichting).toMatch(/Standaard/u);
    expect(authorityFor("toelating").authority).toBe("programmadirecteur");
    expect(authorityFor("heropening").authority).toBe("bosd");
  });
});

describe("catalogue", () => {
  it("exposes everything and every anomaly refers to real products and contracts", () => {
    expect(catalogue.contracts).toBe(contracts);
    expect(catalogue.products).toBe(products);
    expect(catalogue.toelatingscriteria).toBe(toelatingscriteria);
    expect(catalogue.besluitAuthorities).toBe(besluitAuthorities);
    expect(catalogue.microOnderneming).toBe(microOnderneming);
    expect(catalogue.anomalies).toEqual([...anomalies]);
    expect(new Set(catalogue.anomalies.map((a) => a.id)).size).toBe(catalogue.anomalies.length);
    for (const a of catalogue.anomalies) {
      expect(CatalogueAnomalySchema.parse(a)).toEqual(a);
      for (const id of a.productIds) expect(findProduct(id)).toBeDefined();
      for (const id of a.contractIds) expect(findContract(id)).toBeDefined();
    }
    const soorten = new Set(catalogue.anomalies.map((a) => a.soort));
    for (const s of [
      "productcode-in-meerdere-contracten",
      "productcode-dubbel-in-contract",
      "productcode-nieuw",
      "productenboek-en-oplegger-oneens",
      "alleen-in-oplegger",
      "eenheid-ontbreekt",
      "documenten-tegenstrijdig",
      "niet-in-documenten",
    ] as const)
      expect(soorten.has(s)).toBe(true);
  });
});

describe("wat een aanbieder van de catalogus leest (issue 14)", () => {
  it("een product zonder code heet bij zijn naam, nooit 'null'", () => {
    expect(productWeergave({ codeLabel: null, naam: "Generalistische Basis-GGZ" })).toBe("Generalistische Basis-GGZ");
    expect(productWeergave({ codeLabel: "45A48", naam: "Begeleiding Jeugd" })).toBe("45A48 Begeleiding Jeugd");
    for (const p of products) expect(productWeergave(p)).not.toMatch(/null|undefined/);
  });

  it("de opleidingseis zonder plaatshouders van het productenboek en zonder aangeplakte voetnootcijfers", () => {
    expect(gepubliceerdeOpleiding("Volgt nog")).toBeNull();
    expect(gepubliceerdeOpleiding("Tekst volgt")).toBeNull();
    expect(gepubliceerdeOpleiding("ntb")).toBeNull();
    expect(gepubliceerdeOpleiding(null)).toBeNull();
    expect(gepubliceerdeOpleiding("op tenminste mbo 4-niveau1 of aantoonbaar")).toBe("op tenminste mbo 4-niveau of aantoonbaar");
    expect(gepubliceerdeOpleiding("mbo niveau 3 tot en met hbo.")).toBe("mbo niveau 3 tot en met hbo.");
    for (const p of products) expect(gepubliceerdeOpleiding(p.opleiding) ?? "").not.toMatch(/[a-z]\d\b|^Volgt nog$/);
  });
});

describe("the committed products file", () => {
  test("is exactly what the schema accepts (products.ts reads it without parsing)", async () => {
    const { GeneratedProductsFileSchema } = await import("./schema");
    const data = (await import("./products.generated.json")).default;
    expect(GeneratedProductsFileSchema.parse(data)).toEqual(data);
  });
});
