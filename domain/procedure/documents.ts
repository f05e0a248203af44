import { firstOfNextMonth } from "../calendar";
import { AuthorityNamen, authorityFor, findContract, findProduct, toelatingscriteria, type BesluitType } from "../catalogue";
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
  Reden,
  ToelatingsbesluitDocument,
} from "../documents/types";
import type { Tekortkoming, Uitkomst } from "../inschrijving/entity";
import type { Actor } from "../shared/actor";
import type { ProcedureDetails, ProcesVerbaal, Ronde } from "./procedure";

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
    inschrijvingen: pv.inschrijvingen.map((a) => ({ volgnummer: a.volgnummer, naam: a.naam, kvk: a.kvk, ontvangenOp: a.ontvangenOp, sha256: a.sha256, aantalProducten: a.producten.length })),
    verklaring: pv.verklaring,
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

export function looptijdOmschrijving(contractId: string): string {
  const c = findContract(contractId);
  if (!c?.looptijd) return "Looptijd nader te bepalen.";
  const terms = [c.looptijd.initieelJaren, ...c.looptijd.verlengingen.map((v) => v.jaren)];
  return `${c.looptijd.initieelJaren} jaar, daarna verlenging volgens het schema ${terms.join(" + ")} jaar (maximaal ${c.looptijd.maxJaren} jaar, inkoopplan ${c.sectie}).`;
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
  if (u.soort === "toegelaten") {
    return {
      kind: "toelatingsbesluit",
      data: {
        kop: kop(procedureRef(state), { besluitId: p.besluitId, type: "toelating", titel: "Toelatingsbesluit", datum: p.datum, auteur: p.auteur, ontvanger: p.ontvanger, krachtens: p.krachtens }),
        toegelatenProducten: u.toegelatenProducten.map(productRegel),
        nietToegelatenProducten: u.nietToegelaten.map((n) => ({ product: productRegel(n.productId), redenen: n.redenen.map((r) => redenOf(r, naHoor)) })),
        contract: { contractId: state.contractId, ingangsdatum: p.ingangsdatum, looptijdOmschrijving: looptijdOmschrijving(state.contractId) },
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
