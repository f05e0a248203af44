import { roleOfAuthority, type BesluitDocumentSpec, type BesluitState } from "../../domain/besluit/besluit";
import { formatInstantNl } from "../../domain/calendar";
import type { Actor } from "../../domain/shared/actor";
import { refuse } from "../../domain/shared/refusal";
import { fail } from "../runtime/refusal";

const regionRoles = ["inkoper", "beoordelaar", "programmadirecteur", "bosd"];

export type BesluitView = Exclude<BesluitState, { status: "leeg" }>;

/** The ontvanger sees its own besluit once vastgesteld; the region's roles see all. */
export function view(state: BesluitState, actor: Actor): BesluitView {
  if (state.status === "leeg") fail(refuse("BestaatNiet", 404, "Dit besluit bestaat niet."));
  if (regionRoles.includes(actor.rol)) return state;
  if (actor.rol === "aanbieder" && state.ontvanger?.kvk === actor.kvk && state.status === "vastgesteld") return state;
  return fail(refuse("RolNietToegestaan", 403, "U kunt alleen uw eigen besluiten inzien."));
}

/** What lists of besluiten show (the old register "besluiten" entry). */
export type BesluitSummary = {
  type: BesluitView["type"];
  titel: string;
  status: BesluitView["status"];
  authority: BesluitView["authority"];
  beslisRol: string;
  procedureId?: string;
  ontvangerKvk?: string;
  ontvangerNaam?: string;
  datum: string;
  samenvatting: string;
};

export function summaryOf(state: BesluitState): BesluitSummary | null {
  if (state.status === "leeg") return null;
  return {
    type: state.type,
    titel: state.titel,
    status: state.status,
    authority: state.authority,
    beslisRol: roleOfAuthority[state.authority],
    procedureId: state.procedureId,
    ontvangerKvk: state.ontvanger?.kvk,
    ontvangerNaam: state.ontvanger?.naam,
    datum: state.datum,
    samenvatting: state.samenvatting,
  };
}

/** The definitive version shows who decided and when: same data, the decision added to the kop. */
export function definitive(spec: BesluitDocumentSpec, beslissing: { door: string; at: string }, authorityNaam: string): BesluitDocumentSpec {
  if (!("kop" in spec.data)) return spec;
  const kop = {
    ...spec.data.kop,
    datum: beslissing.at,
    bevoegdGezag: { ...spec.data.kop.bevoegdGezag, toelichting: `Vastgesteld door ${authorityNaam} (${beslissing.door}) op ${formatInstantNl(new Date(beslissing.at))}.` },
  };
  return { ...spec, data: { ...spec.data, kop }, bestandsnaam: spec.bestandsnaam.replace(/\.pdf$/, "-vastgesteld.pdf") } as BesluitDocumentSpec;
}
