import { findContract } from "../catalogue";
import { RECHTSMIDDELEN } from "../besluit/teksten";
import type { SasBeslissingDocument, SasPerceelUitslag, SasRangRegel, SasVoorstelDocument } from "../documents/types";
import type { ProcedureDetails } from "../procedure/procedure";
import { kop, procedureRef } from "../procedure/documents";
import type { Actor } from "../shared/actor";
import { criteriaVan, schaalVan } from "./decide";
import type { PerceelUitslag, SasState, Voorstel } from "./sas";
import { GELIJKE_STAND_REGEL, formatScore, type Rangschikking, type ScoreRonde } from "./scoring";

/** The plain data of the SAS documents, built from the procedure's state (pure; templates render it). */
type Soort = SasVoorstelDocument["soort"];
const RONDE: Record<Soort, ScoreRonde> = { selectie: "selectie", "voorlopige-gunning": "gunning", "definitieve-gunning": "gunning" };
const TITELS: Record<Soort, { voorstel: string; beslissing: string; type: "selectiebeslissing" | "voorlopige-gunning" | "definitieve-gunning" }> = {
  selectie: { voorstel: "Voorstel selectiebeslissing", beslissing: "Selectiebeslissing", type: "selectiebeslissing" },
  "voorlopige-gunning": { voorstel: "Voorstel voorlopige gunning", beslissing: "Voorlopige gunningsbeslissing", type: "voorlopige-gunning" },
  "definitieve-gunning": { voorstel: "Voorstel definitieve gunning", beslissing: "Gunningsbesluit", type: "definitieve-gunning" },
};

export const sasBesluitType = (soort: Soort) => TITELS[soort].type;
export const sasVoorstelTitel = (soort: Soort) => TITELS[soort].voorstel;
export const sasBeslissingTitel = (soort: Soort) => TITELS[soort].beslissing;

function naamVan(state: ProcedureDetails, kvk: string): string {
  return state.inschrijvingen.find((a) => a.kvk === kvk)?.naam ?? state.sas?.offertes.ontvangen.find((o) => o.kvk === kvk)?.naam ?? kvk;
}

function rangRegel(state: ProcedureDetails, ronde: ScoreRonde, r: Rangschikking, door: boolean, metMotivering: boolean): SasRangRegel {
  const sas = state.sas!;
  return {
    plaats: r.plaats,
    naam: naamVan(state, r.kvk),
    kvk: r.kvk,
    totaal: r.totaal,
    door,
    ...(r.beslistDoor ? { beslistDoor: r.beslistDoor.soort === "criterium" ? `gelijke stand: beslist door ${r.beslistDoor.criterium}` : `gelijke stand: beslist door loting (lot ${r.beslistDoor.lot.toFixed(4).replace(".", ",")})` } : {}),
    scores: Object.entries(r.scores).map(([criterium, score]) => {
      const c = sas.consensus.find((x) => x.ronde === ronde && x.kvk === r.kvk && x.perceel === r.perceel && x.criterium === criterium);
      return { criterium, score, ...(metMotivering && c ? { motivering: c.motivering } : {}) };
    }),
  };
}

function perceelUitslag(state: ProcedureDetails, ronde: ScoreRonde, u: PerceelUitslag): SasPerceelUitslag {
  const sas = state.sas!;
  const opzet = sas.opzet.percelen.find((p) => p.perceel === u.perceel)!;
  const max = ronde === "selectie" ? opzet.maxKandidaten : opzet.maxGunningen;
  const grens =
    ronde === "selectie"
      ? `hoogstens ${opzet.maxKandidaten} kandidaten`
      : [max ? `hoogstens ${max} gunningen` : "alle inschrijvers", opzet.minimumGunningsscore !== undefined ? `met minstens ${formatScore(opzet.minimumGunningsscore)}` : null].filter(Boolean).join(" ");
  return {
    perceel: u.perceel,
    perceelNaam: opzet.naam,
    criteria: criteriaVan(sas, ronde, opzet).map((c) => ({ code: c.code, naam: c.naam, gewicht: c.gewicht ?? 0 })),
    schaal: schaalVan(sas, ronde),
    grens,
    rangschikking: u.rangschikking.map((r) => rangRegel(state, ronde, r, u.door.includes(r.kvk), true)),
    grensDoorGelijkeStand: u.grensDoorGelijkeStand,
  };
}

export function sasVoorstelDocument(state: ProcedureDetails, soort: Soort, voorstel: Voorstel, p: { besluitId: string; datum: string; auteur: Actor; toelichting: string }): SasVoorstelDocument {
  const ronde = RONDE[soort];
  return {
    kop: kop(procedureRef(state), { besluitId: p.besluitId, type: sasBesluitType(soort), titel: sasVoorstelTitel(soort), datum: p.datum, auteur: p.auteur }),
    soort,
    voorstel: p.toelichting,
    percelen: voorstel.percelen.map((u) => perceelUitslag(state, ronde, u)),
    knockOuts: (voorstel.knockOuts ?? []).map((k) => ({ naam: naamVan(state, k.kvk), kvk: k.kvk, toelichting: k.toelichting })),
    gelijkeStandRegel: GELIJKE_STAND_REGEL,
  };
}

/** One candidate's letter: its own scores with motivation, its place, and for the gunning the winners' scores. */
export function sasBeslissingDocument(
  state: ProcedureDetails,
  soort: Soort,
  voorstel: Voorstel,
  p: { besluitId: string; datum: string; auteur: Actor; kvk: string; email: string; krachtens: string; gegundPerceel?: string },
): SasBeslissingDocument {
  const sas: SasState = state.sas!;
  const ronde = RONDE[soort];
  const contract = findContract(state.contractId);
  const naam = naamVan(state, p.kvk);
  const knockOut = voorstel.knockOuts?.find((k) => k.kvk === p.kvk);
  const percelen = voorstel.percelen
    .filter((u) => u.rangschikking.some((r) => r.kvk === p.kvk))
    .map((u) => {
      const opzet = sas.opzet.percelen.find((x) => x.perceel === u.perceel)!;
      const eigen = u.rangschikking.find((r) => r.kvk === p.kvk)!;
      const door = u.door.includes(p.kvk);
      return {
        perceelNaam: opzet.naam,
        uitkomst: (ronde === "selectie" ? (door ? "geselecteerd" : "niet-geselecteerd") : door ? "gegund" : "niet-gegund") as SasBeslissingDocument["percelen"][number]["uitkomst"],
        criteria: criteriaVan(sas, ronde, opzet).map((c) => ({ code: c.code, naam: c.naam, gewicht: c.gewicht ?? 0 })),
        schaal: schaalVan(sas, ronde),
        eigen: rangRegel(state, ronde, eigen, door, true),
        winnaars: ronde === "gunning" ? u.rangschikking.filter((r) => u.door.includes(r.kvk) && r.kvk !== p.kvk).map((r) => rangRegel(state, ronde, r, true, false)) : [],
        aantalKandidaten: u.rangschikking.length,
      };
    });
  const door = percelen.filter((x) => x.uitkomst === "geselecteerd" || x.uitkomst === "gegund").map((x) => x.perceelNaam);
  const uitkomst = knockOut
    ? "U bent niet geselecteerd: uw aanmelding voldoet niet aan de toelatingscriteria."
    : soort === "selectie"
      ? door.length > 0
        ? `U bent geselecteerd voor ${door.map((d) => `perceel ${d}`).join(" en ")} en wordt uitgenodigd voor de dialoog.`
        : "U bent niet geselecteerd."
      : soort === "voorlopige-gunning"
        ? door.length > 0
          ? `Wij zijn voornemens aan u te gunnen: ${door.join(", ")}.`
          : "Wij zijn niet voornemens aan u te gunnen."
        : `Wij gunnen u definitief het contract ${contract?.naam ?? state.contractId}${p.gegundPerceel ? ` (perceel ${sas.opzet.percelen.find((x) => x.perceel === p.gegundPerceel)?.naam ?? p.gegundPerceel})` : ""}.`;
  const kernpartner = contract?.percelen;
  const perceelRegel =
    kernpartner && ronde === "gunning" && door.length > 1
      ? `U kwalificeert voor alle percelen; u krijgt gegund als ${kernpartner.percelen.find((x) => x.id === kernpartner.gunningBijKwalificatieVoorAlle)?.naam ?? kernpartner.gunningBijKwalificatieVoorAlle} (inkoopplan ${contract.sectie}: "${kernpartner.regel}").`
      : undefined;
  const einde = sas.voorlopigeGunning?.standstillEinde;
  return {
    kop: kop(procedureRef(state), {
      besluitId: p.besluitId,
      type: sasBesluitType(soort),
      titel: sasBeslissingTitel(soort),
      datum: p.datum,
      auteur: p.auteur,
      ontvanger: { naam, kvk: p.kvk, email: p.email },
      krachtens: p.krachtens,
    }),
    soort,
    uitkomst,
    percelen,
    ...(knockOut ? { knockOut: knockOut.toelichting } : {}),
    ...(perceelRegel ? { perceelRegel } : {}),
    gelijkeStandRegel: GELIJKE_STAND_REGEL,
    ...(soort === "voorlopige-gunning" && einde
      ? {
          standstill: {
            einde,
            dagen: sas.opzet.instellingen.standstillKalenderdagen,
            toelichting: `De termijn van ${sas.opzet.instellingen.standstillKalenderdagen} kalenderdagen volgt de praktijk van de Aanbestedingswet (art. 2.127); het inkoopplan noemt hem niet. Eindigt hij op een zaterdag, zondag of feestdag, dan loopt hij door tot het einde van de volgende werkdag (Algemene termijnenwet).`,
          },
        }
      : {}),
    motivering: voorstel.toelichting,
    rechtsmiddelen: RECHTSMIDDELEN,
  };
}
