import { AuthorityNamen, authorityFor, type Authority, type BesluitType } from "../catalogue";
import type { DocumentKind, DocumentTypes, Partij, StoredDocument } from "../documents/types";
import type { Actor, Rol } from "../shared/actor";
import type { Recorded } from "../shared/audit";
import { refuse, type Refusal } from "../shared/refusal";

/**
 * A besluit: every decision is a document with an author, a deciding authority (inkoopplan 7.2 as
 * data), a date and reasons. A voorgelegd besluit waits for its authority (akkoord or sent back with a
 * motivation); a besluit taken under an earlier mandate (toelating after akkoord gunning) is vastgesteld
 * at once.
 */
export type Onderwerp = { soort: "procedure" | "contract" | "verlengingsronde" | "onderhands" | "traject"; id: string; ronde?: number };

export interface BesluitInhoud {
  type: BesluitType;
  titel: string;
  onderwerp: Onderwerp;
  procedureId?: string;
  ontvanger?: Partij & { kvk?: string };
  /** Short Dutch summary shown in lists. */
  samenvatting: string;
  /** The mandate this besluit is taken under, when it follows from another besluit. */
  krachtens?: string;
}

export type BesluitEvent =
  | { type: "BesluitVoorgelegd"; data: BesluitInhoud & { authority: Authority; datum: string } }
  | { type: "BesluitVastgesteld"; data: BesluitInhoud & { authority: Authority; datum: string; motivering: string } }
  | { type: "BesluitGenomen"; data: { akkoord: boolean; motivering: string; door: string; at: string } }
  | { type: "BesluitDocumentGemaakt"; data: { document: StoredDocument } }
  | { type: "BesluitVerzonden"; data: { aan: string[]; messageId: string; at: string } };

export type BesluitStatus = "voorgelegd" | "vastgesteld" | "teruggestuurd";

export interface BesluitDetails extends BesluitInhoud {
  besluitId: string;
  authority: Authority;
  authorityNaam: string;
  datum: string;
  auteur: Actor;
  beslissing?: { akkoord: boolean; motivering: string; door: string; at: string };
  motivering?: string;
  documenten: StoredDocument[];
  verzonden: { aan: string[]; messageId: string; at: string }[];
}

export type BesluitState = { status: "leeg" } | ({ status: BesluitStatus } & BesluitDetails);
export const initialBesluitState: BesluitState = { status: "leeg" };
export type RecordedBesluitEvent = Recorded<BesluitEvent>;

/**
 * The role that decides for an authority. RWO's decisions (7.3: contractwijzigingen, (niet-)verlengen)
 * are taken by its director, the programmadirecteur: the inkoper proposes, and does not approve its own proposal.
 */
export const roleOfAuthority: Record<Authority, Rol> = {
  programmadirecteur: "programmadirecteur",
  bosd: "bosd",
  colleges: "bosd",
  rwo: "programmadirecteur",
};

export function evolveBesluit(state: BesluitState, event: BesluitEvent, meta?: { besluitId: string; auteur: Actor }): BesluitState {
  switch (event.type) {
    case "BesluitVoorgelegd":
    case "BesluitVastgesteld":
      return {
        status: event.type === "BesluitVoorgelegd" ? "voorgelegd" : "vastgesteld",
        ...event.data,
        besluitId: meta?.besluitId ?? (state.status === "leeg" ? "" : state.besluitId),
        auteur: meta?.auteur ?? (state.status === "leeg" ? { rol: "systeem", id: "inkoop" } : state.auteur),
        authorityNaam: AuthorityNamen[event.data.authority],
        documenten: [],
        verzonden: [],
      };
    case "BesluitGenomen":
      return state.status === "leeg" ? state : { ...state, status: event.data.akkoord ? "vastgesteld" : "teruggestuurd", beslissing: event.data };
    case "BesluitDocumentGemaakt":
      return state.status === "leeg" ? state : { ...state, documenten: [...state.documenten, event.data.document] };
    case "BesluitVerzonden":
      return state.status === "leeg" ? state : { ...state, verzonden: [...state.verzonden, event.data] };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}

export type BesluitCommand =
  | { type: "Voorleggen"; actor: Actor; data: BesluitInhoud }
  | { type: "Vaststellen"; actor: Actor; data: BesluitInhoud & { motivering: string } }
  | { type: "Beslissen"; actor: Actor; data: { akkoord: boolean; motivering: string } };

export function decideBesluit(state: BesluitState, command: BesluitCommand, now: Date): BesluitEvent[] | Refusal {
  switch (command.type) {
    case "Voorleggen":
    case "Vaststellen": {
      if (state.status !== "leeg") return [];
      if (!["inkoper", "systeem"].includes(command.actor.rol)) return refuse("RolNietToegestaan", 403, "Alleen de inkoper legt besluiten voor.");
      // Only a besluit that follows from an authority's earlier akkoord may skip the authority.
      if (command.type === "Vaststellen" && (command.actor.rol !== "systeem" || !command.data.krachtens || !["toelating", "afwijzing", "verlenging", "niet-verlenging", "selectiebeslissing", "voorlopige-gunning", "definitieve-gunning"].includes(command.data.type)))
        return refuse("RolNietToegestaan", 403, "Dit besluit moet aan het bevoegd gezag worden voorgelegd.");
      const authority = authorityFor(command.data.type).authority;
      const datum = now.toISOString();
      return command.type === "Voorleggen"
        ? [{ type: "BesluitVoorgelegd", data: { ...command.data, authority, datum } }]
        : [{ type: "BesluitVastgesteld", data: { ...command.data, authority, datum } }];
    }
    case "Beslissen": {
      if (state.status === "leeg") return refuse("BestaatNiet", 404, "Dit besluit bestaat niet.");
      if (command.actor.rol !== roleOfAuthority[state.authority])
        return refuse("RolNietToegestaan", 403, `Over dit besluit beslist de ${AuthorityNamen[state.authority]} (${authorityFor(state.type).bron}).`);
      if (state.status !== "voorgelegd") return refuse("OngeldigeInvoer", 409, `Over dit besluit is al beslist (${state.status}).`);
      const motivering = command.data.motivering.trim();
      if (!command.data.akkoord && motivering.length < 10) return refuse("OngeldigeInvoer", 400, "Wie een besluit terugstuurt, motiveert dat (minstens 10 tekens).", "motivering");
      return [{ type: "BesluitGenomen", data: { akkoord: command.data.akkoord, motivering, door: command.actor.id, at: now.toISOString() } }];
    }
    default: {
      const _exhaustive: never = command;
      return refuse("OngeldigeInvoer", 400, "Onbekende opdracht.");
    }
  }
}

/** A document to render for a besluit: its kind and data, built by whoever proposes it. */
export type BesluitDocumentSpec = { [K in DocumentKind]: { kind: K; data: DocumentTypes[K]; bestandsnaam: string } }[DocumentKind];
