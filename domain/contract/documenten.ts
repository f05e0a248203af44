import { findContract, type BesluitType } from "../catalogue";
import { formatDateNl, formatInstantNl } from "../calendar";
import type { AlgemeenBesluitDocument, Partij, ProcedureRef } from "../documents/types";
import { algemeenBesluitDocument } from "../procedure/documents";
import type { Actor } from "../shared/actor";
import { dringendeRedenen } from "./beeindiging";
import type { ContractDetails, ContractEvent, DringendeReden, Voorstel, VoorstelSoort } from "./types";
import { weigeringsRedenen, type RondeDetails, type RondeUitkomst, type Weigering } from "./verlengingsronde";

/**
 * The text data of the besluiten about contracts (rendered by templates/ as "algemeen-besluit"), pure so
 * the texts are unit-testable. The workflow stores and mails them; it chooses besluitId, datum and auteur.
 */

export interface ContractBesluitDocument {
  besluitType: BesluitType;
  titel: string;
  kind: "algemeen-besluit";
  data: AlgemeenBesluitDocument;
  bestandsnaam: string;
}

type Meta = { besluitId: string; datum: string; auteur: Actor; ontvanger?: Partij };

export function contractRef(state: Pick<ContractDetails, "contractId" | "procedureId" | "naam">): ProcedureRef {
  const c = findContract(state.contractId);
  const contractNaam = c?.naam ?? state.contractId;
  return { id: state.procedureId, titel: `Overeenkomst ${contractNaam} met ${state.naam}`, contractNaam, sectie: c?.sectie ?? "" };
}

export function rondeRef(ronde: Pick<RondeDetails, "contractId" | "termijnEinde">): ProcedureRef {
  const c = findContract(ronde.contractId);
  const contractNaam = c?.naam ?? ronde.contractId;
  return { id: `${ronde.contractId}/${ronde.termijnEinde}`, titel: `Verlengingsronde ${contractNaam}, termijn tot en met ${formatDateNl(ronde.termijnEinde)}`, contractNaam, sectie: c?.sectie ?? "" };
}

const periode = (r: Pick<RondeDetails, "volgendeTermijn">) => `${formatDateNl(r.volgendeTermijn.start)} tot en met ${formatDateNl(r.volgendeTermijn.eind)}`;
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/** The general verlengingsbesluit of a round, laid before the authority for "verlenging" (7.3: RWO). */
export function verlengingsbesluitDocument(ronde: RondeDetails, p: Meta & { motivering: string; evaluatie?: string }, uitkomsten: RondeUitkomst[]): ContractBesluitDocument {
  const ref = rondeRef(ronde);
  const verlengd = uitkomsten.filter((u) => u.uitkomst === "verlengd");
  const geweigerd = uitkomsten.filter((u) => u.uitkomst === "niet-verlengd");
  const titel = "Algemeen verlengingsbesluit";
  return {
    besluitType: "verlenging",
    titel,
    kind: "algemeen-besluit",
    bestandsnaam: `besluit-verlenging-${slug(p.besluitId)}.pdf`,
    data: algemeenBesluitDocument(ref, {
      besluitId: p.besluitId,
      type: "verlenging",
      titel,
      datum: p.datum,
      auteur: p.auteur,
      besluittekst:
        `De overeenkomsten ${ref.contractNaam} worden verlengd met termijn ${ronde.volgendeTermijn.nr} (${periode(ronde)}) voor ${verlengd.length} aanbieder(s)` +
        (geweigerd.length === 0 ? "." : `; ${geweigerd.length} aanbieder(s) krijgen geen verlenging: ${geweigerd.map((u) => `${u.naam} (KvK ${u.kvk})`).join(", ")}.`),
      motivering: [p.motivering, p.evaluatie ? `Evaluatie: ${p.evaluatie}` : null].filter(Boolean).join("\n\n"),
      gevolgen: [
        "Iedere aanbieder ontvangt een eigen verlengings- of niet-verlengingsbesluit.",
        ...geweigerd.map((u) => `${u.naam}: ${u.reden ? weigeringsRedenen[u.reden].omschrijving : ""} Na hoor en wederhoor gehandhaafd. Het contract eindigt op ${formatDateNl(ronde.termijnEinde)}.`),
      ],
      ...(p.ontvanger ? { ontvanger: p.ontvanger } : {}),
    }),
  };
}

/** A reply quoted in a letter: whole when short, else cut at a word boundary. */
export function citaat(tekst: string, max = 300): string {
  const t = tekst.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:]+$/, "")} …`;
}

/**
 * What a niet-verlengingsbesluit says about the hearing (hoor en wederhoor): the aanbieder's reply (date
 * and words) and why it does not change the decision (the motivering of the herbeoordeling), or that no
 * reply came within the term. Empty when the aanbieder was not heard.
 */
export function hoorOverweging(w: Weigering | undefined): { besluittekst: string; motivering: string } {
  if (!w?.hoor) return { besluittekst: "", motivering: "" };
  const waarom = w.herbeoordeling?.besluit === "handhaven" ? w.herbeoordeling.motivering : "";
  const reactie = w.hoor.reactie;
  if (reactie) {
    const op = formatInstantNl(new Date(reactie.at));
    const bijlagen = reactie.documenten.length > 0 ? ` U stuurde ${reactie.documenten.length} document(en) mee.` : "";
    return {
      besluittekst:
        `U heeft op ${op} gereageerd op het voornemen (hoor en wederhoor): "${citaat(reactie.toelichting)}". ` +
        (waarom ? `Uw reactie verandert het besluit niet: ${waarom}` : "De regio heeft uw reactie gewogen; zij verandert het besluit niet."),
      motivering:
        `Uw reactie (hoor en wederhoor)\nOp ${op} ontving de regio uw reactie: "${citaat(reactie.toelichting, 2000)}".${bijlagen}\n\n` +
        `Waarom uw reactie het besluit niet verandert\n${waarom || "De regio heeft uw reactie gewogen; de reden voor niet-verlengen blijft bestaan."}`,
    };
  }
  const termijn = formatInstantNl(new Date(w.hoor.termijnEinde));
  return {
    besluittekst: `U heeft binnen de termijn voor hoor en wederhoor (tot ${termijn}) niet gereageerd.${waarom ? ` ${waarom}` : ""}`,
    motivering: `Hoor en wederhoor\nDe regio heeft u op ${formatInstantNl(new Date(w.hoor.gestartOp))} in de gelegenheid gesteld te reageren, tot ${termijn}; u heeft niet gereageerd.${waarom ? `\n\n${waarom}` : ""}`,
  };
}

/** The verlengings- or niet-verlengingsbesluit for one aanbieder of the round. */
export function aanbiederVerlengingsbesluitDocument(ronde: RondeDetails, u: RondeUitkomst, p: Meta & { krachtens: string }): ContractBesluitDocument {
  const ref = rondeRef(ronde);
  const verlengd = u.uitkomst === "verlengd";
  const weigering = verlengd ? undefined : ronde.weigeringen.find((w) => w.kvk === u.kvk);
  const hoor = hoorOverweging(weigering);
  const besluitType: BesluitType = verlengd ? "verlenging" : "niet-verlenging";
  const titel = verlengd ? "Verlengingsbesluit" : "Besluit niet-verlenging";
  const ontvanger = p.ontvanger ?? { naam: u.naam, kvk: u.kvk };
  return {
    besluitType,
    titel,
    kind: "algemeen-besluit",
    bestandsnaam: `besluit-${besluitType}-${slug(p.besluitId)}.pdf`,
    data: algemeenBesluitDocument(ref, {
      besluitId: p.besluitId,
      type: besluitType,
      titel,
      datum: p.datum,
      auteur: p.auteur,
      ontvanger,
      besluittekst: verlengd
        ? `Uw overeenkomst ${ref.contractNaam} wordt verlengd met termijn ${ronde.volgendeTermijn.nr}: ${periode(ronde)}.`
        : `Uw overeenkomst ${ref.contractNaam} wordt niet verlengd en eindigt op ${formatDateNl(ronde.termijnEinde)}.${hoor.besluittekst ? ` ${hoor.besluittekst}` : ""}`,
      motivering: verlengd
        ? `Krachtens het algemene verlengingsbesluit ${p.krachtens}.`
        : hoor.motivering
          ? [
              u.reden ? `${weigeringsRedenen[u.reden].omschrijving} ${weigeringsRedenen[u.reden].bron}` : "",
              weigering ? `Het voornemen\n${weigering.motivering}` : "",
              hoor.motivering,
              `Krachtens het algemene verlengingsbesluit ${p.krachtens}, na hoor en wederhoor.`,
            ]
              .filter((x) => x !== "")
              .join("\n\n")
          : `${u.reden ? `${weigeringsRedenen[u.reden].omschrijving} ${weigeringsRedenen[u.reden].bron}` : ""}\n\n${u.motivering ?? ""}\n\nKrachtens het algemene verlengingsbesluit ${p.krachtens}, na hoor en wederhoor.`.trim(),
      gevolgen: verlengd
        ? ["De voorwaarden van de overeenkomst blijven ongewijzigd."]
        : [
            `Na ${formatDateNl(ronde.termijnEinde)} kunt u geen zorg meer leveren onder deze overeenkomst.`,
            "Lopende trajecten worden in overleg met de regio overgedragen aan gecontracteerde aanbieders.",
          ],
    }),
  };
}

const titels: Record<VoorstelSoort, string> = {
  clientenstop: "Besluit cliëntenstop",
  "opheffing-clientenstop": "Besluit opheffing cliëntenstop",
  ingebrekestelling: "Ingebrekestelling",
  ontbinding: "Besluit ontbinding overeenkomst",
  opzegging: "Besluit opzegging overeenkomst",
  "dringende-reden": "Besluit beëindiging overeenkomst per direct",
  "landelijk-beleid": "Besluit beëindiging overeenkomst wegens landelijk beleid",
};

/**
 * The letter and besluit for a proposal about one contract (handhaving, opzegging, beëindiging). `effect`
 * is the event that followed the akkoord, when known, so the letter names the exact dates.
 */
export function contractBesluitDocument(state: ContractDetails, v: Voorstel, p: Omit<Meta, "besluitId"> & { effect?: ContractEvent }): ContractBesluitDocument {
  const ref = contractRef(state);
  const wie = `${state.naam} (KvK ${state.kvk})`;
  const e = p.effect;
  const tekst = ((): { besluittekst: string; gevolgen: string[] } => {
    switch (v.soort) {
      case "clientenstop":
        return {
          besluittekst: `Voor de overeenkomst ${ref.contractNaam} met ${wie} geldt ${e?.type === "ClientenstopOpgelegd" ? `met ingang van ${formatDateNl(e.data.perDatum)} ` : ""}een tijdelijke cliëntenstop: er worden geen nieuwe beschikkingen aan u toegewezen.`,
          gevolgen: ["Lopende trajecten lopen door (inkoopplan 4.4.2).", "De cliëntenstop geldt tot hij bij besluit wordt opgeheven."],
        };
      case "opheffing-clientenstop":
        return { besluittekst: `De cliëntenstop voor de overeenkomst ${ref.contractNaam} met ${wie} wordt opgeheven.`, gevolgen: ["Vanaf de datum van dit besluit kunnen weer nieuwe beschikkingen aan u worden toegewezen."] };
      case "ingebrekestelling": {
        const t = e?.type === "IngebrekeGesteld" ? `tot ${formatInstantNl(new Date(e.data.termijnEinde))}` : v.termijn && "werkdagen" in v.termijn ? `${v.termijn.werkdagen} werkdagen na de datum van deze brief` : v.termijn && "einde" in v.termijn ? `tot ${formatInstantNl(new Date(v.termijn.einde))}` : "";
        return {
          besluittekst: `${wie} wordt in gebreke gesteld onder de overeenkomst ${ref.contractNaam}. U krijgt ${t} om de tekortkomingen te herstellen.`,
          gevolgen: [
            "Zijn de tekortkomingen na deze termijn niet hersteld, of is er geen zicht op verbetering, dan kan de overeenkomst worden ontbonden (inkoopplan 4.4.2).",
            "Het inkoopplan noemt geen termijn voor een ingebrekestelling; deze termijn is door de regio gesteld.",
          ],
        };
      }
      case "ontbinding":
        return {
          besluittekst: `De overeenkomst ${ref.contractNaam} met ${wie} wordt ontbonden${e?.type === "ContractOntbonden" ? ` per ${formatDateNl(e.data.perDatum)}` : ""}.`,
          gevolgen: [
            "Lopende indicaties worden overgedragen aan gecontracteerde aanbieders (inkoopplan 4.4.2).",
            "Een aanbieder van wie het contract is ontbonden, kan niet opnieuw toetreden wanneer dit Open House weer wordt opengesteld (inkoopplan 4.4.2).",
          ],
        };
      case "opzegging":
        return {
          besluittekst: `De regio zegt de overeenkomst ${ref.contractNaam} met ${wie} op${e?.type === "OpgezegdDoorRegio" ? `; de overeenkomst eindigt op ${formatDateNl(e.data.einddatum)}` : ""}.`,
          gevolgen: ["Opzegtermijn: ten minste één kalendermaand vanaf de eerste van de volgende maand (modelovereenkomst 8.1/8.2).", "Lopende trajecten worden voor het einde overgedragen (modelovereenkomst 8.4)."],
        };
      case "dringende-reden":
        return {
          besluittekst: `De overeenkomst ${ref.contractNaam} met ${wie} wordt per direct beëindigd wegens ${dringendeRedenen[v.grond as DringendeReden] ?? "een dringende reden"}.`,
          gevolgen: ["Beëindiging per direct wegens een dringende reden (modelovereenkomst 8.3).", "Lopende trajecten worden overgedragen aan gecontracteerde aanbieders."],
        };
      case "landelijk-beleid":
        return {
          besluittekst: `De overeenkomst ${ref.contractNaam} met ${wie} wordt opgezegd omdat landelijk beleid daartoe aanleiding geeft${e?.type === "BeeindigdLandelijkBeleid" ? `; de overeenkomst eindigt op ${formatDateNl(e.data.einddatum)}` : ""}.`,
          gevolgen: [`Inkoopplan ${ref.sectie}: de overeenkomst kan worden opgezegd indien landelijk beleid hier aanleiding toe geeft.`, "Opzegtermijn als in modelovereenkomst 8.1/8.2."],
        };
      default: {
        const _exhaustive: never = v.soort;
        return { besluittekst: "", gevolgen: [] };
      }
    }
  })();
  return {
    besluitType: v.besluitType,
    titel: titels[v.soort],
    kind: "algemeen-besluit",
    bestandsnaam: `besluit-${v.soort}-${slug(v.besluitId)}.pdf`,
    data: algemeenBesluitDocument(ref, {
      besluitId: v.besluitId,
      type: v.besluitType,
      titel: titels[v.soort],
      datum: p.datum,
      auteur: p.auteur,
      ontvanger: p.ontvanger ?? { naam: state.naam, kvk: state.kvk },
      besluittekst: tekst.besluittekst,
      motivering: v.motivering,
      gevolgen: tekst.gevolgen,
    }),
  };
}

/** The text of the mail to the inkoper at the lead-time start (VerlengingSignaal). */
export function verlengingSignaalBericht(s: Extract<ContractEvent, { type: "VerlengingSignaal" }>["data"], contractId: string): { onderwerp: string; tekst: string } {
  const naam = findContract(contractId)?.naam ?? contractId;
  const gevolg =
    s.zonderBesluit === "verlengd"
      ? `Zonder verlengingsbesluit worden de contracten op ${formatDateNl(s.termijnEinde)} stilzwijgend verlengd met termijn ${s.volgendeTermijnNr}.`
      : `Zonder verlengingsbesluit eindigen de contracten op ${formatDateNl(s.termijnEinde)}: termijn ${s.volgendeTermijnNr} vraagt een voorafgaand besluit.`;
  return {
    onderwerp: `Verlengingsronde ${naam}: termijn ${s.termijnNr} eindigt op ${formatDateNl(s.termijnEinde)}`,
    tekst: `Vanaf ${formatDateNl(s.rondeOpent)} kunt u de verlengingsronde (${s.rondeKey}) openen en individuele aanbieders een verlenging weigeren. ${gevolg} ${s.grondslag}`,
  };
}
