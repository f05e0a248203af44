import { formatInstantNl, parseInstant } from "../calendar";
import { refuse, type Refusal } from "../shared/refusal";
import type { CommandOf, ContractEvent, IngebrekeTermijn, Lopend } from "./types";
import { MIN_MOTIVERING, voorstelBasis } from "./voorstel";

/**
 * Handhaving (inkoopplan 4.4.2): a temporary cliëntenstop for new beschikkingen (current clients continue),
 * lifted by a besluit; an ingebrekestelling with a term; ontbinding when the term passed without
 * improvement or there is no prospect of it. Each step is a besluit of its authority (catalogue,
 * `authorityFor`): the inkoper proposes here, the effect follows on akkoord (voorstel.ts).
 */

/** Bounds of an ingebrekestelling in werkdagen: the inkoopplan names no term; a year of werkdagen is the ceiling. */
export const INGEBREKE_WERKDAGEN_MAX = 250;

export function decideProposeClientenstop(state: Lopend, c: CommandOf<"ProposeClientenstop">, now: Date): ContractEvent[] | Refusal {
  if (state.clientenstop) return refuse("BestaatAl", 409, `Er geldt al een cliëntenstop sinds ${state.clientenstop.perDatum} (${state.clientenstop.besluitId}).`);
  const basis = voorstelBasis(state, "clientenstop", c.data, c.actor, now);
  return Array.isArray(basis) || "refused" in basis ? basis : [{ type: "ClientenstopVoorgesteld", data: basis }];
}

export function decideProposeOpheffing(state: Lopend, c: CommandOf<"ProposeOpheffingClientenstop">, now: Date): ContractEvent[] | Refusal {
  if (!state.clientenstop) return refuse("OngeldigeInvoer", 409, "Er geldt geen cliëntenstop om op te heffen.");
  const basis = voorstelBasis(state, "opheffing-clientenstop", c.data, c.actor, now);
  return Array.isArray(basis) || "refused" in basis ? basis : [{ type: "OpheffingClientenstopVoorgesteld", data: basis }];
}

export function decideProposeIngebrekestelling(state: Lopend, c: CommandOf<"ProposeIngebrekestelling">, now: Date): ContractEvent[] | Refusal {
  const i = state.ingebrekestelling;
  if (i && i.status === "lopend") return refuse("BestaatAl", 409, `Er loopt al een ingebrekestelling tot ${formatInstantNl(new Date(i.termijnEinde))} (${i.besluitId}).`);
  const termijn = checkTermijn(c.data.termijn, now);
  if ("refused" in termijn) return termijn;
  const basis = voorstelBasis(state, "ingebrekestelling", c.data, c.actor, now);
  return Array.isArray(basis) || "refused" in basis ? basis : [{ type: "IngebrekestellingVoorgesteld", data: { ...basis, termijn } }];
}

function checkTermijn(t: IngebrekeTermijn | undefined, now: Date): IngebrekeTermijn | Refusal {
  if (t && "werkdagen" in t) {
    if (!Number.isInteger(t.werkdagen) || t.werkdagen < 1 || t.werkdagen > INGEBREKE_WERKDAGEN_MAX)
      return refuse("OngeldigeInvoer", 400, `De termijn is een geheel aantal werkdagen van 1 tot en met ${INGEBREKE_WERKDAGEN_MAX}.`, "termijn.werkdagen");
    return { werkdagen: t.werkdagen };
  }
  if (t && "einde" in t) {
    let einde: Date;
    try {
      einde = parseInstant(t.einde);
    } catch {
      return refuse("OngeldigeInvoer", 400, "Geef het einde van de termijn als tijdstip met tijdzone, bijvoorbeeld 2028-04-01T17:00:00+02:00.", "termijn.einde");
    }
    if (einde <= now) return refuse("OngeldigeInvoer", 400, "De termijn van de ingebrekestelling moet in de toekomst eindigen.", "termijn.einde");
    return { einde: einde.toISOString() };
  }
  return refuse("OngeldigeInvoer", 400, "Geef de termijn van de ingebrekestelling: een aantal werkdagen of een einde.", "termijn");
}

/** Timer: the term of the ingebrekestelling passed; the inkoper now records improvement or proposes ontbinding. */
export function decideEindeIngebrekestelling(state: Lopend, c: CommandOf<"EindeIngebrekestelling">, now: Date): ContractEvent[] | Refusal {
  const i = state.ingebrekestelling;
  if (!i || i.besluitId !== c.data.besluitId || i.status !== "lopend") return [];
  const einde = new Date(i.termijnEinde);
  if (now < einde) return refuse("NogNietGesloten", 409, `De termijn van de ingebrekestelling loopt nog tot ${formatInstantNl(einde)}.`);
  return [{ type: "IngebrekestellingVerstreken", data: { besluitId: i.besluitId, termijnEinde: i.termijnEinde } }];
}

/** The inkoper finds the shortcomings resolved: during the term or after it. */
export function decideRecordVerbetering(state: Lopend, c: CommandOf<"RecordVerbetering">, now: Date): ContractEvent[] | Refusal {
  const i = state.ingebrekestelling;
  if (!i || i.status === "verbeterd") return refuse("OngeldigeInvoer", 409, "Er loopt geen ingebrekestelling voor dit contract.");
  const motivering = c.data.motivering.trim();
  if (motivering.length < MIN_MOTIVERING) return refuse("OngeldigeInvoer", 400, `Motiveer waarom de tekortkomingen zijn verholpen (minstens ${MIN_MOTIVERING} tekens).`, "motivering");
  return [{ type: "IngebrekestellingAfgerond", data: { besluitId: i.besluitId, uitkomst: "verbeterd", motivering, door: c.actor.id, at: now.toISOString() } }];
}

/**
 * Ontbinding (4.4.2: "Indien er geen zicht is op verbetering of de deadlines uit de ingebrekestelling niet
 * gehaald zijn"): refused while an ingebrekestelling still runs, since its term is the aanbieder's chance.
 */
export function decideProposeOntbinding(state: Lopend, c: CommandOf<"ProposeOntbinding">, now: Date): ContractEvent[] | Refusal {
  const i = state.ingebrekestelling;
  if (i && i.status === "lopend")
    return refuse("NogNietGesloten", 409, `De termijn van de ingebrekestelling loopt nog tot ${formatInstantNl(new Date(i.termijnEinde))}; stel ontbinding daarna voor.`);
  const basis = voorstelBasis(state, "ontbinding", c.data, c.actor, now);
  if (Array.isArray(basis) || "refused" in basis) return basis;
  const grond = i && i.status === "verstreken" ? "termijn-ingebrekestelling-verstreken" : "geen-zicht-op-verbetering";
  return [{ type: "OntbindingVoorgesteld", data: { ...basis, grond } }];
}
