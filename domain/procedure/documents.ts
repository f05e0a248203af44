import { firstOfNextMonth, formatDateNl } from "../calendar";
import { AuthorityNamen, authorityFor, findContract, findProduct, toelatingscriteria, type BesluitType, type Verlenging } from "../catalogue";
import { termijnenOf } from "../contract/looptijd";
import { RECHTSMIDDELEN } from "../besluit/teksten";
import type {
  AfwijzingsbesluitDocument,
  AlgemeenBesluitDocument,
  BesluitKop,
  BesluitvoorstelDocument,
  NotaVanInlichtingenDocument,
  ProcedureRef,
  ProcesVerbaalDocument,
  ProductRegel,
  ProductUitkomst,
  Reden,
  ToelatingsbesluitDocument,
} from "../documents/types";
import type { Tekortkoming, Uitkomst } from "../inschrijving/entity";
import type { Actor } from "../shared/actor";
import { toegelatenPlaatsen } from "./plaatsen";
import type { Arrival, ProcedureDetails, ProcesVerbaal, Ronde } from "./procedure";

/** Builds the plain data of each document from a procedure's state; pure, so the texts are unit-testable. */
/** The procedure as every document names it; also for an onderhandse procedure (same three facts). */
export function procedureRef(state: Pick<ProcedureDetails, "procedureId" | "titel" | "contractId">): ProcedureRef {
  const contract = findContract(state.contractId);
  return { id: state.procedureId, titel: state.titel, contractNaam: contract?.naam ?? state.contractId, sectie: contract?.sectie ?? "" };
}

export function procesVerbaalDocument(state: ProcedureDetails, pv: ProcesVerbaal): ProcesVerbaalDocument {
  return {
    procedure: procedureRef(state),
    publicatieAt: pv.publicatieAt,
    sluitingAt: pv.sluitingAt,
    opgemaaktOp: pv.opgemaaktOp,
    ronde: pv.ronde,
    inschrijvingen: pv.inschrijvingen.map((a) => ({ volgnummer: a.volgnummer, naam: a.naam, kvk: a.kvk, ontvangenOp: a.ontvangenOp, sha256: a.sha256, aantalProducten: a.producten.length, ...((a.versie ?? 1) > 1 ? { versie: a.versie } : {}) })),
    ...(pv.ingetrokken && pv.ingetrokken.length > 0
      ? { ingetrokken: pv.ingetrokken.map((a) => ({ volgnummer: a.volgnummer, naam: a.naam, kvk: a.kvk, ontvangenOp: a.ontvangenOp, ingetrokkenOp: a.ingetrokkenOp ?? "" })) }
      : {}),
    verklaring: pv.verklaring,
    ...(pv.geopend ? { geopendDoor: pv.geopend.door.map((b) => ({ naam: b.door, rol: b.rol, at: b.at })) } : {}),
  };
}

export function notaDocument(state: ProcedureDetails, nummer: number, datum: string): NotaVanInlichtingenDocument {
  const vragen = state.vragen.filter((v) => v.nota === nummer || (v.nota === undefined && v.antwoord !== undefined));
  return {
    procedure: procedureRef(state),
    nummer,
    datum,
    vragen: vragen.map((v) => ({ nr: v.nr, vraag: v.vraag, antwoord: v.antwoord ?? "", gesteldOp: v.gesteldOp, beantwoordOp: v.beantwoordOp ?? datum })),
  };
}

export function productRegel(id: string): ProductRegel {
  const p = findProduct(id);
  return p ? { code: p.code, codeLabel: p.codeLabel ?? "zonder code", naam: p.naam } : { code: null, codeLabel: id, naam: id };
}

export function redenOf(t: Tekortkoming, naHoor: boolean): Reden {
  const criterium = toelatingscriteria.find((c) => c.code === t.criterium);
  const product = t.productId ? findProduct(t.productId) : undefined;
  return {
    criteriumCode: t.criterium,
    criteriumTitel: criterium?.titel ?? t.criterium,
    ...(product ? { product: { code: product.code, naam: product.naam } } : {}),
    motivering: t.motivering,
    naHoorEnWederhoor: naHoor,
  };
}

export function kop(ref: ProcedureRef, p: { besluitId: string; type: BesluitType; titel: string; datum: string; auteur: Actor; ontvanger?: { naam: string; kvk?: string; email?: string }; krachtens?: string }): BesluitKop {
  const a = authorityFor(p.type);
  const toelichting = [a.uitDocumenten ? null : a.toelichting, p.krachtens ? `Genomen krachtens besluit ${p.krachtens} (akkoord gunning).` : null].filter(Boolean).join(" ");
  return {
    besluitId: p.besluitId,
    titel: p.titel,
    datum: p.datum,
    auteur: { naam: p.auteur.id, rol: p.auteur.rol },
    bevoegdGezag: { naam: AuthorityNamen[a.authority], bron: `${a.bron}${a.grondslag ? ` (${a.grondslag})` : ""}`, ...(toelichting ? { toelichting } : {}) },
    procedure: ref,
    ...(p.ontvanger ? { ontvanger: p.ontvanger } : {}),
  };
}

export function besluitvoorstelDocument(state: ProcedureDetails, ronde: Ronde, p: { besluitId: string; datum: string; auteur: Actor; toelichting: string }): BesluitvoorstelDocument {
  const arrivals = state.inschrijvingen.filter((a) => a.ronde === ronde.nr);
  const toegelaten = arrivals.filter((a) => ronde.uitkomsten[a.kvk]?.soort === "toegelaten");
  // Partly admitted aanbieders appear under both headings, so the authority sees every refusal.
  const afgewezen = arrivals.filter((a) => ronde.uitkomsten[a.kvk]?.soort !== "toegelaten" || (ronde.uitkomsten[a.kvk]?.nietToegelaten.length ?? 0) > 0);
  const volledigAfgewezen = arrivals.filter((a) => ronde.uitkomsten[a.kvk]?.soort !== "toegelaten").length;
  const gedeeltelijk = afgewezen.length - volledigAfgewezen;
  return {
    kop: kop(procedureRef(state), { besluitId: p.besluitId, type: "akkoord-gunning", titel: "Voorstel akkoord gunning", datum: p.datum, auteur: p.auteur }),
    voorstel:
      `${p.toelichting}\n\nVoorgesteld wordt ${toegelaten.length} aanbieder(s) toe te laten tot het contract ${procedureRef(state).contractNaam}` +
      `${volledigAfgewezen > 0 ? ` en ${volledigAfgewezen} aanbieder(s) af te wijzen` : ""}${gedeeltelijk > 0 ? ` (van wie ${gedeeltelijk} voor een deel van de producten)` : ""} (ronde ${ronde.nr}), overeenkomstig de beoordeling op de toelatingscriteria van inkoopplan 4.4.1.`,
    toegelaten: toegelaten.map((a) => ({ naam: a.naam, kvk: a.kvk, producten: ronde.uitkomsten[a.kvk]?.toegelatenProducten.length ?? 0 })),
    afgewezen: afgewezen.map((a) => {
      const u = ronde.uitkomsten[a.kvk];
      const redenen = u ? [...u.redenen, ...u.nietToegelaten.flatMap((n) => n.redenen)] : [];
      const naam = u?.soort === "toegelaten" ? `${a.naam} (gedeeltelijk toegelaten)` : a.naam;
      return { naam, kvk: a.kvk, redenen: u?.soort === "uitgesloten" ? [u.toelichting] : redenen.map((r) => `${r.criterium}${r.productId ? ` (${productRegel(r.productId).codeLabel})` : ""}: ${r.motivering}`) };
    }),
    eerderTeruggestuurd: ronde.voorstellen.filter((v) => v.status === "teruggestuurd").map((v) => ({ datum: v.at, motivering: v.motivering ?? "" })),
  };
}

/** How an extension takes effect, for the reader (the regimes of domain/contract/looptijd: "niet-vermeld" is tacit). */
const verlengingWijze: Record<Verlenging["wijze"], string> = {
  stilzwijgend: "stilzwijgend, tenzij de regio een verlenging weigert",
  "niet-vermeld": "stilzwijgend, tenzij de regio een verlenging weigert",
  "besluit-vooraf": "telkens alleen na een voorafgaand verlengingsbesluit",
  "voorwaardelijk-na-evaluatie": "telkens alleen na een positieve evaluatie en een verlengingsbesluit",
};

/** "met 2, 2, 2 en 1 jaar", or "4 keer … met 2 jaar" for three or more equal extensions (the verb goes in between). */
function metJaren(jaren: readonly number[], werkwoord: string): string {
  const eerste = jaren[0] ?? 0;
  if (jaren.length >= 3 && jaren.every((j) => j === eerste)) return `${jaren.length} keer ${werkwoord}met ${eerste} jaar`;
  const lijst = jaren.length === 1 ? String(eerste) : `${jaren.slice(0, -1).join(", ")} en ${jaren[jaren.length - 1] ?? ""}`;
  return `${werkwoord}met ${lijst} jaar`;
}

/**
 * The looptijd sentence of a toelatingsbesluit: the initial term and the extensions named apart, and the last
 * possible end date (from the ingangsdatum, when known), e.g. "De overeenkomst loopt eerst 3 jaar (1 januari
 * 2027 tot en met 31 december 2029) en kan daarna worden verlengd met 2, 2, 2 en 1 jaar (...); de laatst
 * mogelijke einddatum is 31 december 2036 (ten hoogste 10 jaar, inkoopplan 6.8)."
 */
export function looptijdOmschrijving(contractId: string, ingangsdatum?: string): string {
  const c = findContract(contractId);
  if (!c?.looptijd) return "Looptijd nader te bepalen.";
  const l = c.looptijd;
  const termijnen = ingangsdatum === undefined ? [] : termijnenOf(l, ingangsdatum);
  const eerste = termijnen[0];
  const laatste = termijnen[termijnen.length - 1];
  const begin = `De overeenkomst loopt eerst ${l.initieelJaren} jaar${eerste ? ` (${formatDateNl(eerste.start)} tot en met ${formatDateNl(eerste.eind)})` : ""}`;
  const bron = `ten hoogste ${l.maxJaren} jaar, inkoopplan ${c.sectie}`;
  if (l.verlengingen.length === 0) return `${begin}, zonder verlenging (${bron}).`;
  // Consecutive extensions of the same regime form one group: JeugdzorgPlus is 1 year tacit, then yearly by decision.
  const groepen: { wijze: string; jaren: number[] }[] = [];
  for (const v of l.verlengingen) {
    const wijze = verlengingWijze[v.wijze];
    const vorige = groepen[groepen.length - 1];
    if (vorige?.wijze === wijze) vorige.jaren.push(v.jaren);
    else groepen.push({ wijze, jaren: [v.jaren] });
  }
  const verlenging = groepen.map((g, i) => `${i === 0 ? "" : "daarna "}${metJaren(g.jaren, i === 0 ? "worden verlengd " : "")} (${g.wijze})`).join(" en ");
  const einde = laatste ? `de laatst mogelijke einddatum is ${formatDateNl(laatste.eind)} (${bron})` : `in totaal ${bron}`;
  return `${begin} en kan daarna ${verlenging}; ${einde}.`;
}

const criteriumLabel = (code: string): string => {
  const c = toelatingscriteria.find((x) => x.code === code);
  return c ? `${c.code} ${c.titel}` : code;
};

/**
 * Per product entered for, what the besluit decides: toegelaten, or afgewezen with the failing criteria
 * (its own, and those of the whole organisation, which refuse every product).
 */
export function productUitkomsten(u: Uitkomst, aangevraagd: readonly string[]): ProductUitkomst[] {
  const ids = productIds(u, aangevraagd);
  const organisatie = u.redenen.filter((r) => r.productId === undefined).map((r) => `${criteriumLabel(r.criterium)} (geldt voor de hele organisatie)`);
  return ids.map((id): ProductUitkomst => {
    const product = productRegel(id);
    if (u.soort === "toegelaten" && u.toegelatenProducten.includes(id)) return { product, uitkomst: "toegelaten", redenen: [] };
    if (u.soort === "uitgesloten") return { product, uitkomst: "afgewezen", redenen: ["inschrijving na de hersteltermijn onvolledig, niet inhoudelijk beoordeeld"] };
    const eigen = (u.nietToegelaten.find((n) => n.productId === id)?.redenen ?? []).map((r) => criteriumLabel(r.criterium));
    return { product, uitkomst: "afgewezen", redenen: [...new Set([...eigen, ...organisatie])] };
  });
}

/** The rows of productUitkomsten: the products entered for, then any other the uitkomst names. */
function productIds(u: Uitkomst, aangevraagd: readonly string[]): string[] {
  const ids = [...aangevraagd];
  for (const id of [...u.toegelatenProducten, ...u.nietToegelaten.map((n) => n.productId)]) if (!ids.includes(id)) ids.push(id);
  return ids;
}

/** The products of the inschrijving this uitkomst is about (the arrival in the round that judged it; else the latest). */
function aangevraagdeProducten(state: ProcedureDetails, kvk: string, u: Uitkomst): string[] {
  return arrivalVan(state, kvk, u)?.producten ?? [];
}

function arrivalVan(state: ProcedureDetails, kvk: string, u: Uitkomst): Arrival | undefined {
  const eigen = state.inschrijvingen.filter((a) => a.kvk === kvk);
  return eigen.find((a) => state.rondes.find((r) => r.nr === a.ronde)?.uitkomsten[kvk] === u) ?? eigen[eigen.length - 1];
}

/** A contract entered per plaats (Hulp bij huishouden, 6.10.1): each product's row names the plaatsen entered for. */
function metPlaatsen(state: ProcedureDetails, producten: ProductUitkomst[], arrival: Arrival | undefined, ids: readonly string[]): ProductUitkomst[] {
  const plaatsen = arrival ? toegelatenPlaatsen(state.contractId, arrival, ids) : undefined;
  if (!plaatsen) return producten;
  return producten.map((p, i) => ({ ...p, plaatsen: plaatsen[i]?.plaatsen ?? [] }));
}

export function ingangsdatumOf(state: ProcedureDetails, besluitAt: Date): string {
  return state.instellingen.contractIngangsdatum ?? firstOfNextMonth(besluitAt);
}

export function uitkomstBesluitDocument(
  state: ProcedureDetails,
  p: { besluitId: string; datum: string; auteur: Actor; ontvanger: { naam: string; kvk: string; email: string }; uitkomst: Uitkomst; krachtens: string; ingangsdatum: string },
): { kind: "toelatingsbesluit"; data: ToelatingsbesluitDocument } | { kind: "afwijzingsbesluit"; data: AfwijzingsbesluitDocument } {
  const u = p.uitkomst;
  const naHoor = u.naHoorEnWederhoor;
  const arrival = arrivalVan(state, p.ontvanger.kvk, u);
  const aangevraagd = aangevraagdeProducten(state, p.ontvanger.kvk, u);
  const producten = metPlaatsen(state, productUitkomsten(u, aangevraagd), arrival, productIds(u, aangevraagd));
  if (u.soort === "toegelaten") {
    return {
      kind: "toelatingsbesluit",
      data: {
        kop: kop(procedureRef(state), { besluitId: p.besluitId, type: "toelating", titel: "Toelatingsbesluit", datum: p.datum, auteur: p.auteur, ontvanger: p.ontvanger, krachtens: p.krachtens }),
        toegelatenProducten: u.toegelatenProducten.map(productRegel),
        nietToegelatenProducten: u.nietToegelaten.map((n) => ({ product: productRegel(n.productId), redenen: n.redenen.map((r) => redenOf(r, naHoor)) })),
        producten,
        contract: { contractId: state.contractId, ingangsdatum: p.ingangsdatum, looptijdOmschrijving: looptijdOmschrijving(state.contractId, p.ingangsdatum) },
        motivering: u.toelichting,
        rechtsmiddelen: RECHTSMIDDELEN,
      },
    };
  }
  const redenen = [...u.redenen, ...u.nietToegelaten.flatMap((n) => n.redenen)];
  return {
    kind: "afwijzingsbesluit",
    data: {
      kop: kop(procedureRef(state), { besluitId: p.besluitId, type: "afwijzing", titel: "Afwijzingsbesluit", datum: p.datum, auteur: p.auteur, ontvanger: p.ontvanger, krachtens: p.krachtens }),
      producten,
      redenen: redenen.map((r) => redenOf(r, naHoor)),
      motivering: u.toelichting,
      rechtsmiddelen: RECHTSMIDDELEN,
    },
  };
}

export function algemeenBesluitDocument(
  ref: ProcedureRef,
  p: { besluitId: string; type: BesluitType; titel: string; datum: string; auteur: Actor; besluittekst: string; motivering: string; gevolgen: string[]; ontvanger?: { naam: string; kvk?: string; email?: string } },
): AlgemeenBesluitDocument {
  return {
    kop: kop(ref, { besluitId: p.besluitId, type: p.type, titel: p.titel, datum: p.datum, auteur: p.auteur, ...(p.ontvanger ? { ontvanger: p.ontvanger } : {}) }),
    besluittekst: p.besluittekst,
    motivering: p.motivering,
    gevolgen: p.gevolgen,
    rechtsmiddelen: RECHTSMIDDELEN,
  };
}
