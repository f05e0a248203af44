import { findContract, findProduct } from "../catalogue";
import type { ProductPlaatsen } from "../inschrijving/inschrijving";
import type { Arrival, ProcedureDetails } from "./procedure";

/**
 * Hulp bij huishouden is entered per plaats (inkoopplan 6.10.1: "Inschrijven kan per plaats"); where no dekkend
 * zorglandschap arises, the region negotiates or reopens. Pure: what the procedure knows of plaatsen.
 */

/** The plaatsen of a contract entered per plaats; undefined for any other contract. */
export function plaatsenVanContract(contractId: string): readonly string[] | undefined {
  const gebieden = findContract(contractId)?.gebieden;
  return gebieden?.inschrijvenPerPlaats ? gebieden.plaatsen : undefined;
}

/**
 * The plaatsen per product an arrival was admitted for: its own choice, for the admitted products only.
 * An arrival without plaatsen on a contract entered per plaats (before plaatsen existed) counts for every plaats.
 */
export function toegelatenPlaatsen(contractId: string, arrival: Pick<Arrival, "plaatsen">, producten: readonly string[]): ProductPlaatsen[] | undefined {
  const alle = plaatsenVanContract(contractId);
  if (!alle) return undefined;
  return producten.map((productId) => ({ productId, plaatsen: [...(arrival.plaatsen?.find((p) => p.productId === productId)?.plaatsen ?? alle)] }));
}

/** "Hulp bij huishouden: Gouda, Waddinxveen" per product, for letters and summaries. */
export function plaatsenTekst(plaatsen: readonly ProductPlaatsen[]): string {
  return plaatsen.map((p) => `${findProduct(p.productId)?.naam ?? p.productId}: ${p.plaatsen.join(", ")}`).join("; ");
}

export interface DekkingCel {
  plaats: string;
  /** Admitted aanbieders (the round is gegund) that serve this product in this plaats. */
  aantal: number;
  aanbieders: { kvk: string; naam: string }[];
  /** Admitted in a round whose gunning is not yet decided: cover to come. */
  voorgesteld: number;
}

export interface DekkingPerPlaats {
  plaatsen: string[];
  producten: { productId: string; naam: string; perPlaats: DekkingCel[] }[];
  /** The plaatsen without cover per product: reason for negotiation or a heropening for capaciteitstekort. */
  zonderDekking: { productId: string; plaatsen: string[] }[];
}

/**
 * How many admitted aanbieders serve each product in each plaats, from the rounds' uitkomsten and the arrivals'
 * plaatsen. Null for a contract not entered per plaats. Products are those any round offered.
 */
export function dekkingPerPlaats(state: ProcedureDetails): DekkingPerPlaats | null {
  const alle = plaatsenVanContract(state.contractId);
  if (!alle) return null;
  const producten = [...new Set(state.rondes.flatMap((r) => r.producten))];
  const cellen = new Map<string, DekkingCel>();
  const cel = (productId: string, plaats: string) => {
    const key = `${productId}\u0000${plaats}`;
    let c = cellen.get(key);
    if (!c) cellen.set(key, (c = { plaats, aantal: 0, aanbieders: [], voorgesteld: 0 }));
    return c;
  };
  for (const ronde of state.rondes) {
    for (const arrival of state.inschrijvingen.filter((a) => a.ronde === ronde.nr && !isIngetrokken(a))) {
      const u = ronde.uitkomsten[arrival.kvk];
      if (u?.soort !== "toegelaten") continue;
      for (const { productId, plaatsen } of toegelatenPlaatsen(state.contractId, arrival, u.toegelatenProducten) ?? [])
        for (const plaats of plaatsen) {
          const c = cel(productId, plaats);
          if (ronde.status !== "gegund") c.voorgesteld += 1;
          else if (!c.aanbieders.some((a) => a.kvk === arrival.kvk)) {
            c.aanbieders.push({ kvk: arrival.kvk, naam: arrival.naam });
            c.aantal += 1;
          }
        }
    }
  }
  const rijen = producten.map((productId) => ({ productId, naam: findProduct(productId)?.naam ?? productId, perPlaats: alle.map((plaats) => cel(productId, plaats)) }));
  return {
    plaatsen: [...alle],
    producten: rijen,
    zonderDekking: rijen.map((r) => ({ productId: r.productId, plaatsen: r.perPlaats.filter((c) => c.aantal === 0).map((c) => c.plaats) })).filter((z) => z.plaatsen.length > 0),
  };
}

/** An inschrijving withdrawn before closing does not count (issue 13); older arrivals have no such field. */
function isIngetrokken(a: Arrival): boolean {
  return typeof (a as { ingetrokkenOp?: unknown }).ingetrokkenOp === "string";
}
