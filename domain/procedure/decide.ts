import { formatInstantNl } from "../calendar";
import { findContract, productsOfContract } from "../catalogue";
import type { AanbiederProfiel } from "../aanbieder/aanbieder";
import type { Uitkomst } from "../inschrijving/entity";
import { inschrijvingKey, type InschrijvingInput } from "../inschrijving/inschrijving";
import { validateInschrijving } from "../inschrijving/validate";
import type { Actor, Rol } from "../shared/actor";
import { bevestigOpening } from "../shared/opening";
import { isRefusal, refuse, type Refusal } from "../shared/refusal";
import { decideSas, type SasCommand, type SasContext } from "../sas/decide";
import { sasOpzetFor } from "../sas/opzet";
import {
  currentRonde,
  InstellingenSchema,
  OPEN_HOUSE_TYPES,
  type Arrival,
  type HeropeningReden,
  type ProcedureKind,
  type ProcedureDetails,
  type ProcedureEvent,
  type ProcedureInput,
  type ProcedureState,
  type ProcesVerbaal,
  type Ronde,
} from "./procedure";

/**
 * Open House rules, pure: (state, command, now) -> events or a refusal. No I/O, no clock:
 * `now` and anything random (receipt and besluit ids, content hashes) come in with the command.
 */
export type ProcedureCommand =
  | { type: "CreateProcedure"; actor: Actor; data: ProcedureInput & { id: string } }
  | { type: "PublishProcedure"; actor: Actor }
  | {
      type: "SubmitInschrijving";
      actor: Actor;
      data: {
        /** What the receipt and the inschrijving need of the aanbieder; null when it is not registered. */
        aanbieder: Pick<AanbiederProfiel, "naam" | "email"> | null;
        /** Whether a contract of this aanbieder under this procedure's contract was ontbonden (4.4.2). */
        ontbonden: boolean;
        kvk: string;
        inschrijving: InschrijvingInput;
        ontvangstbewijsId: string;
        sha256: string;
      };
    }
  /** `vierOgen`: the round stays sealed after closing until two people open it (issue 13); without it the round opens at its closing (older histories). */
  | { type: "CloseProcedure"; actor: Actor; data?: { vierOgen?: boolean } }
  | { type: "BevestigOpening"; actor: Actor }
  /** A new version of the aanbieder's inschrijving in the open round (issue 13): only the last one counts. */
  | { type: "VervangInschrijving"; actor: Actor; data: SubmitData }
  | { type: "TrekInschrijvingIn"; actor: Actor; data: { kvk: string; toelichting?: string } }
  | { type: "AskQuestion"; actor: Actor; data: { aanbieder: AanbiederProfiel | null; vraag: string } }
  | { type: "AnswerQuestion"; actor: Actor; data: { nr: number; antwoord: string } }
  | { type: "PublishNotaVanInlichtingen"; actor: Actor }
  | { type: "RecordUitkomst"; actor: Actor; data: { ronde: number; kvk: string; uitkomst: Uitkomst } }
  | { type: "ProposeGunning"; actor: Actor; data: { besluitId: string; toelichting: string } }
  | { type: "RecordGunningBesluit"; actor: Actor; data: { besluitId: string; akkoord: boolean; motivering: string } }
  | {
      type: "ProposeHeropening";
      actor: Actor;
      /** `plaatsen`: a contract entered per plaats reopens for these plaatsen only (required for a capaciteitstekort there). */
      data: { besluitId: string; reden: HeropeningReden; producten: string[]; plaatsen?: string[]; motivering: string; publicatieAt: string; sluitingAt: string };
    }
  | { type: "RecordHeropeningBesluit"; actor: Actor; data: { besluitId: string; akkoord: boolean; motivering: string } }
  | { type: "ProposeStopzetting"; actor: Actor; data: { besluitId: string; motivering: string } }
  | { type: "RecordStopzettingBesluit"; actor: Actor; data: { besluitId: string; akkoord: boolean; motivering: string } }
  /** Everything a SAS adds after its aanmelding: the rules are domain/sas's, with this procedure as context. */
  | { type: "Sas"; actor: Actor; sas: SasCommand };

const allowedRoles: Record<ProcedureCommand["type"], readonly Rol[]> = {
  CreateProcedure: ["inkoper"],
  PublishProcedure: ["inkoper"],
  SubmitInschrijving: ["aanbieder"],
  CloseProcedure: ["systeem"],
  BevestigOpening: ["inkoper", "beoordelaar"],
  VervangInschrijving: ["aanbieder"],
  TrekInschrijvingIn: ["aanbieder"],
  AskQuestion: ["aanbieder"],
  AnswerQuestion: ["inkoper"],
  PublishNotaVanInlichtingen: ["inkoper"],
  RecordUitkomst: ["systeem"],
  ProposeGunning: ["inkoper"],
  RecordGunningBesluit: ["systeem"],
  ProposeHeropening: ["inkoper"],
  RecordHeropeningBesluit: ["systeem"],
  ProposeStopzetting: ["inkoper"],
  RecordStopzettingBesluit: ["systeem"],
  Sas: ["inkoper", "beoordelaar", "aanbieder", "programmadirecteur", "bosd", "systeem"],
};

type Live = Exclude<ProcedureState, { status: "leeg" }>;

export function decide(state: ProcedureState, command: ProcedureCommand, now: Date): ProcedureEvent[] | Refusal {
  if (!allowedRoles[command.type].includes(command.actor.rol))
    return refuse("RolNietToegestaan", 403, `Deze handeling is niet toegestaan voor de rol ${command.actor.rol}.`);
  if (command.type === "CreateProcedure") return create(state, command.data, now);
  if (state.status === "leeg") return refuse("BestaatNiet", 404, "Deze procedure bestaat niet.");
  if (state.gestopt && !command.type.startsWith("Record") && command.type !== "CloseProcedure")
    return refuse("NietGepubliceerd", 409, "Deze procedure is stopgezet.");

  switch (command.type) {
    case "PublishProcedure":
      return publish(state, now);
    case "SubmitInschrijving":
      return submit(state, command.actor, command.data, now);
    case "CloseProcedure":
      return close(state, now, command.data?.vierOgen ?? false);
    case "BevestigOpening":
      return bevestigRondeOpening(state, command.actor, now);
    case "VervangInschrijving":
      return vervang(state, command.actor, command.data, now);
    case "TrekInschrijvingIn":
      return trekIn(state, command.actor, command.data, now);
    case "AskQuestion":
      return ask(state, command.actor, command.data, now);
    case "AnswerQuestion":
      return answer(state, command.actor, command.data, now);
    case "PublishNotaVanInlichtingen":
      return publishNota(state, now);
    case "RecordUitkomst": {
      const ronde = state.rondes.find((r) => r.nr === command.data.ronde);
      if (!ronde || ronde.uitkomsten[command.data.kvk]) return [];
      return [{ type: "UitkomstOntvangen", data: command.data }];
    }
    case "ProposeGunning":
      return proposeGunning(state, command.data);
    case "RecordGunningBesluit": {
      const lopend = state.lopendBesluit;
      if (lopend?.soort !== "gunning" || lopend.besluitId !== command.data.besluitId) return [];
      return [{ type: "GunningBesloten", data: { ...command.data, ronde: lopend.ronde, at: now.toISOString() } }];
    }
    case "ProposeHeropening":
      return proposeHeropening(state, command.data, now);
    case "RecordHeropeningBesluit": {
      const lopend = state.lopendBesluit;
      if (lopend?.soort !== "heropening" || lopend.besluitId !== command.data.besluitId) return [];
      const decided: ProcedureEvent = { type: "HeropeningBesloten", data: command.data };
      if (!command.data.akkoord) return [decided];
      // The BOSD may decide after the planned publication: the round then opens now, and keeps the
      // planned length of its term, so aanbieders never get less time than the proposal promised.
      const plannedStart = new Date(lopend.publicatieAt).getTime();
      const start = Math.max(plannedStart, now.getTime());
      const sluitingAt = new Date(new Date(lopend.sluitingAt).getTime() + (start - plannedStart)).toISOString();
      return [
        decided,
        { type: "RondeGeopend", data: { nr: state.rondes.length + 1, soort: "heropening", producten: lopend.producten, ...(lopend.plaatsen ? { plaatsen: lopend.plaatsen } : {}), publicatieAt: new Date(start).toISOString(), sluitingAt } },
      ];
    }
    case "ProposeStopzetting":
      if (state.lopendBesluit) return refuse("OngeldigeInvoer", 409, "Er ligt al een besluit voor; wacht daarop.");
      if (command.data.motivering.trim().length < 20) return refuse("OngeldigeInvoer", 400, "Motiveer het stopzetten (minstens 20 tekens).", "motivering");
      return [{ type: "StopzettingVoorgesteld", data: command.data }];
    case "RecordStopzettingBesluit": {
      const lopend = state.lopendBesluit;
      if (lopend?.soort !== "stopzetting" || lopend.besluitId !== command.data.besluitId) return [];
      return [{ type: "StopzettingBesloten", data: { ...command.data, at: now.toISOString() } }];
    }
    case "Sas": {
      if (!state.sas) return refuse("OngeldigeInvoer", 409, "Deze procedure is geen SAS-aanbesteding.");
      return decideSas(sasContext(state), command.sas, now);
    }
    default: {
      const _exhaustive: never = command;
      return refuse("OngeldigeInvoer", 400, "Onbekende opdracht.");
    }
  }
}

function create(state: ProcedureState, input: ProcedureInput & { id: string }, now: Date): ProcedureEvent[] | Refusal {
  if (state.status !== "leeg") return refuse("BestaatAl", 409, `Procedure ${input.id} bestaat al.`, "id");
  const contract = findContract(input.contractId);
  if (!contract) return refuse("OnbekendContract", 400, `Onbekend contract '${input.contractId}'.`, "contractId");
  const isSas = contract.procedureType === "sas";
  if (!isSas && !(OPEN_HOUSE_TYPES as readonly string[]).includes(contract.procedureType))
    return refuse(
      "GeenOpenHouse",
      400,
      `Contract ${contract.naam} (inkoopplan ${contract.sectie}) wordt niet via Open House of SAS ingekocht maar via: ${contract.procedureType}.`,
      "contractId",
    );
  if (!isSas && input.sas) return refuse("OngeldigeInvoer", 400, `Contract ${contract.naam} wordt via Open House ingekocht; een SAS-opzet hoort daar niet bij.`, "sas");
  const sas = isSas ? sasOpzetFor(contract, input.sas) : undefined;
  if (sas && isRefusal(sas)) return sas;
  const publicatie = new Date(input.publicatieAt);
  const sluiting = new Date(input.sluitingAt);
  if (sluiting <= publicatie) return refuse("OngeldigeInvoer", 400, "Het sluitingstijdstip moet na het publicatietijdstip liggen.", "sluitingAt");
  if (sluiting <= now) return refuse("OngeldigeInvoer", 400, "Het sluitingstijdstip ligt in het verleden.", "sluitingAt");
  const vragenTot = input.vragenTot ? new Date(input.vragenTot) : sluiting;
  if (vragenTot > sluiting) return refuse("OngeldigeInvoer", 400, "Vragen stellen kan niet na het sluitingstijdstip.", "vragenTot");

  const contractProducten = productsOfContract(contract.id);
  let producten: string[];
  if (input.producten) {
    const unknown = input.producten.findIndex((p) => !contractProducten.some((cp) => cp.id === p));
    if (unknown >= 0)
      return refuse("OnbekendProduct", 400, `Product '${input.producten[unknown]}' hoort niet bij contract ${contract.naam}.`, `producten.${unknown}`);
    producten = [...new Set(input.producten)];
  } else {
    // By default an Open House offers what the oplegger keeps or adds, not what it stops.
    producten = contractProducten.filter((p) => p.opleggerStatus !== "stoppen").map((p) => p.id);
  }
  if (producten.length === 0) return refuse("OnbekendProduct", 400, `Contract ${contract.naam} heeft geen producten om in te kopen.`, "producten");

  return [
    {
      type: "ProcedureCreated",
      data: {
        procedureId: input.id,
        contractId: contract.id,
        procedureType: contract.procedureType as ProcedureKind,
        titel: input.titel,
        publicatieAt: publicatie.toISOString(),
        sluitingAt: sluiting.toISOString(),
        vragenTot: vragenTot.toISOString(),
        producten,
        instellingen: InstellingenSchema.parse(input.instellingen ?? {}),
        ...(sas ? { sas } : {}),
      },
    },
  ];
}

function publish(state: Live, now: Date): ProcedureEvent[] | Refusal {
  if (state.status !== "concept") return state.gepubliceerdOp ? [] : refuse("NietInConcept", 409, "Alleen een procedure in concept kan worden gepubliceerd.");
  if (new Date(state.sluitingAt) <= now) return refuse("TermijnVerstreken", 409, "Het sluitingstijdstip is al verstreken; pas de procedure aan.", "sluitingAt");
  return [
    { type: "ProcedurePublished", data: { gepubliceerdOp: now.toISOString() } },
    { type: "RondeGeopend", data: { nr: 1, soort: "initieel", producten: state.producten, publicatieAt: state.publicatieAt, sluitingAt: state.sluitingAt } },
  ];
}

type SubmitData = Extract<ProcedureCommand, { type: "SubmitInschrijving" }>["data"];

function submit(state: Live, actor: Actor, data: SubmitData, now: Date): ProcedureEvent[] | Refusal {
  if (actor.kvk !== data.kvk) return refuse("RolNietToegestaan", 403, "U kunt alleen inschrijven voor uw eigen KvK-nummer.", "kvk");
  if (!data.aanbieder) return refuse("OnbekendeAanbieder", 400, `KvK-nummer ${data.kvk} is niet geregistreerd als aanbieder; registreer eerst.`, "kvk");
  if (state.status === "concept") return refuse("NietGepubliceerd", 409, "Deze procedure is nog niet gepubliceerd.");
  let ronde = currentRonde(state);
  if (!ronde) return refuse("NietGepubliceerd", 409, "Deze procedure is nog niet gepubliceerd.");
  const opening: ProcedureEvent[] = [];
  const closedForEntry = ronde.status !== "open" || now >= new Date(ronde.sluitingAt);

  if (closedForEntry && state.procedureType === "open-house-met-toetreding" && ronde.status !== "open") {
    // Open House met toetreding (Wonen Jeugd, 6.6): after the first closing every entry is a round of its own.
    const toetreding: Ronde = { nr: state.rondes.length + 1, soort: "toetreding", producten: state.producten, publicatieAt: now.toISOString(), sluitingAt: now.toISOString(), status: "open", uitkomsten: {}, voorstellen: [] };
    opening.push({ type: "RondeGeopend", data: { nr: toetreding.nr, soort: "toetreding", producten: toetreding.producten, publicatieAt: toetreding.publicatieAt, sluitingAt: toetreding.sluitingAt } });
    ronde = toetreding;
  } else if (closedForEntry) {
    return refuse(
      "TermijnVerstreken",
      409,
      `De inschrijvingstermijn is gesloten op ${formatInstantNl(new Date(ronde.sluitingAt), { seconden: true })}; uw inschrijving is ontvangen op ${formatInstantNl(now, { seconden: true })} en wordt niet aanvaard.`,
    );
  }
  if (now < new Date(ronde.publicatieAt)) return refuse("NogNietOpen", 409, `Inschrijven kan vanaf ${formatInstantNl(new Date(ronde.publicatieAt))}.`);
  if (ronde.nr > 1 && data.ontbonden)
    return refuse(
      "OngeldigeInvoer",
      409,
      "Uw contract voor dit Open House is ontbonden; u kunt niet opnieuw toetreden nu het Open House weer is opengesteld (inkoopplan 4.4.2).",
      "kvk",
    );
  const pending = state.inschrijvingen.find((a) => a.kvk === data.kvk && stillRunning(state, a.ronde));
  // Entering again after withdrawing in the same open round is a new version of that inschrijving.
  if (pending?.ingetrokkenOp && pending.ronde === ronde.nr) return accept(state, ronde, data, data.aanbieder, now, opening, pending);
  if (pending)
    return refuse(
      "AlIngeschreven",
      409,
      `KvK-nummer ${data.kvk} heeft al een inschrijving ingediend voor deze procedure${pending.ronde > 1 ? ` (ronde ${pending.ronde})` : ""}.${pending.ronde === ronde.nr && ronde.status === "open" ? " Tot het sluitingstijdstip kunt u haar vervangen door een nieuwe versie of intrekken." : ""}`,
    );
  return accept(state, ronde, data, data.aanbieder, now, opening);
}

/**
 * The content of an entry (first version or a new one) checked against the round, and the events that
 * record it. A new version keeps the inschrijving's place (volgnummer, id) and counts instead of the
 * earlier one; a toetreding round closes with its one entry.
 */
function accept(state: Live, ronde: Ronde, data: SubmitData, aanbieder: Pick<AanbiederProfiel, "naam" | "email">, now: Date, opening: ProcedureEvent[], vorige?: Arrival): ProcedureEvent[] | Refusal {
  const invalid = validateInschrijving(data.inschrijving, { producten: ronde.producten, contractProducten: productsOfContract(state.contractId).map((p) => p.id), soort: ronde.soort, gebieden: findContract(state.contractId)?.gebieden, plaatsen: ronde.plaatsen });
  if (invalid) return invalid;
  const percelen = percelenVan(state, data.inschrijving.percelen);
  if (isRefusal(percelen)) return percelen;

  const received: ProcedureEvent = {
    type: "InschrijvingReceived",
    data: {
      volgnummer: state.inschrijvingen.length + 1,
      ronde: ronde.nr,
      inschrijvingId: inschrijvingIdFor(state.procedureId, data.kvk, ronde.nr),
      kvk: data.kvk,
      naam: aanbieder.naam,
      email: aanbieder.email,
      ontvangenOp: now.toISOString(),
      ontvangstbewijsId: data.ontvangstbewijsId,
      sha256: data.sha256,
      producten: data.inschrijving.producten,
      ...(data.inschrijving.plaatsen ? { plaatsen: data.inschrijving.plaatsen } : {}),
      ...(percelen ? { percelen } : {}),
    },
  };
  if (vorige && received.type === "InschrijvingReceived")
    return [...opening, { type: "InschrijvingVervangen", data: { ...received.data, volgnummer: vorige.volgnummer, inschrijvingId: vorige.inschrijvingId, versie: (vorige.versie ?? 1) + 1 } }];
  if (ronde.soort !== "toetreding") return [...opening, received];
  const arrivals = [received.data];
  return [...opening, received, { type: "ProcedureClosed", data: { geslotenOp: now.toISOString(), ronde: ronde.nr, procesVerbaal: procesVerbaalOf(state, ronde, arrivals, now) } }];
}

/** The aanbieder's entry in the round that is open for entries now, or why there is none to change. */
function eigenInschrijvingInOpenRonde(state: Live, actor: Actor, kvk: string, now: Date, wat: string): { ronde: Ronde; arrival: Arrival } | Refusal {
  if (actor.kvk !== kvk) return refuse("RolNietToegestaan", 403, "U kunt alleen uw eigen inschrijving wijzigen.", "kvk");
  const ronde = currentRonde(state);
  const arrival = ronde ? state.inschrijvingen.find((a) => a.kvk === kvk && a.ronde === ronde.nr) : undefined;
  if (!ronde || !arrival) return refuse("BestaatNiet", 404, `Er is in de lopende ronde geen inschrijving van KvK-nummer ${kvk} om te ${wat}.`);
  if (ronde.status !== "open" || now >= new Date(ronde.sluitingAt))
    return refuse("TermijnVerstreken", 409, `${wat === "vervangen" ? "Vervangen" : "Intrekken"} kan tot het sluitingstijdstip; de inschrijving is gesloten op ${formatInstantNl(new Date(ronde.sluitingAt), { seconden: true })}.`);
  return { ronde, arrival };
}

function vervang(state: Live, actor: Actor, data: SubmitData, now: Date): ProcedureEvent[] | Refusal {
  if (!data.aanbieder) return refuse("OnbekendeAanbieder", 400, `KvK-nummer ${data.kvk} is niet geregistreerd als aanbieder; registreer eerst.`, "kvk");
  const eigen = eigenInschrijvingInOpenRonde(state, actor, data.kvk, now, "vervangen");
  if (isRefusal(eigen)) return eigen;
  return accept(state, eigen.ronde, data, data.aanbieder, now, [], eigen.arrival);
}

function trekIn(state: Live, actor: Actor, data: { kvk: string; toelichting?: string }, now: Date): ProcedureEvent[] | Refusal {
  const eigen = eigenInschrijvingInOpenRonde(state, actor, data.kvk, now, "intrekken");
  if (isRefusal(eigen)) return eigen;
  if (eigen.arrival.ingetrokkenOp) return refuse("NietInDezeFase", 409, `Uw inschrijving is al ingetrokken op ${formatInstantNl(new Date(eigen.arrival.ingetrokkenOp), { seconden: true })}.`);
  const toelichting = data.toelichting?.trim();
  if (toelichting && toelichting.length > 2000) return refuse("OngeldigeInvoer", 400, "De toelichting is te lang (maximaal 2000 tekens).", "toelichting");
  return [
    {
      type: "InschrijvingIngetrokken",
      data: { kvk: data.kvk, ronde: eigen.ronde.nr, inschrijvingId: eigen.arrival.inschrijvingId, versie: eigen.arrival.versie ?? 1, ingetrokkenOp: now.toISOString(), ...(toelichting ? { toelichting } : {}) },
    },
  ];
}

/** A round's inschrijving blocks a new one until that round is gegund (then only new products may follow). */
function stillRunning(state: ProcedureDetails, ronde: number): boolean {
  return state.rondes.find((r) => r.nr === ronde)?.status !== "gegund";
}

export function inschrijvingIdFor(procedureId: string, kvk: string, ronde: number): string {
  return ronde === 1 ? inschrijvingKey(procedureId, kvk) : `${inschrijvingKey(procedureId, kvk)}/r${ronde}`;
}

function procesVerbaalOf(state: ProcedureDetails, ronde: Ronde, arrivals: ProcesVerbaal["inschrijvingen"], now: Date): ProcesVerbaal {
  const contract = findContract(state.contractId);
  const sluiting = formatInstantNl(new Date(ronde.sluitingAt), { seconden: true });
  // Only the last version of an inschrijving counts; one withdrawn before closing is listed apart.
  const tellend = arrivals.filter((a) => !a.ingetrokkenOp);
  const ingetrokken = arrivals.filter((a) => a.ingetrokkenOp);
  const vervangen = tellend.filter((a) => (a.versie ?? 1) > 1).length;
  const toevoeging = [
    vervangen > 0 ? `Van ${vervangen} inschrijving(en) telt de laatste versie; eerdere versies staan met hun ontvangstbewijs in het logboek.` : "",
    ingetrokken.length > 0 ? `${ingetrokken.length} inschrijving(en) zijn vóór het sluitingstijdstip ingetrokken en tellen niet mee.` : "",
  ]
    .filter(Boolean)
    .join(" ");
  return {
    procedureId: state.procedureId,
    titel: state.titel,
    contract: { id: state.contractId, naam: contract?.naam ?? state.contractId, sectie: contract?.sectie ?? "" },
    ronde: ronde.nr,
    publicatieAt: ronde.publicatieAt,
    sluitingAt: ronde.sluitingAt,
    opgemaaktOp: now.toISOString(),
    aantal: tellend.length,
    inschrijvingen: tellend,
    ...(ingetrokken.length > 0 ? { ingetrokken } : {}),
    verklaring: `${
      ronde.soort === "toetreding"
        ? `Inschrijving voor tussentijdse toetreding, ontvangen op ${sluiting}.`
        : tellend.length === 0
          ? `Bij het sluiten op ${sluiting} is geen inschrijving ontvangen.`
          : `Bij het sluiten op ${sluiting} zijn ${tellend.length} inschrijving(en) ontvangen, in volgorde van ontvangst hieronder vermeld. Na het sluitingstijdstip wordt geen inschrijving meer aanvaard.`
    }${toevoeging ? ` ${toevoeging}` : ""}`,
  };
}

function close(state: Live, now: Date, vierOgen: boolean): ProcedureEvent[] | Refusal {
  if (state.status === "concept") return refuse("NietGepubliceerd", 409, "Een procedure in concept kan niet sluiten.");
  const ronde = currentRonde(state);
  if (!ronde || ronde.status !== "open") return [];
  if (now < new Date(ronde.sluitingAt)) return refuse("NogNietGesloten", 409, "Het sluitingstijdstip is nog niet bereikt.");
  const arrivals = state.inschrijvingen.filter((a) => a.ronde === ronde.nr);
  const closed: ProcedureEvent = vierOgen
    ? {
        type: "ProcedureClosed",
        // Only the number is recorded at the closing: who entered stays sealed until the opening.
        data: { geslotenOp: now.toISOString(), ronde: ronde.nr, vierOgen: true, procesVerbaal: { ...procesVerbaalOf(state, ronde, [], now), aantal: telt(arrivals), verklaring: verzegeldVerklaring(ronde, telt(arrivals)) } },
      }
    : { type: "ProcedureClosed", data: { geslotenOp: now.toISOString(), ronde: ronde.nr, procesVerbaal: procesVerbaalOf(state, ronde, arrivals, now) } };
  // A SAS goes on to its selectie while the knock-outs run in the aanmeldingen.
  return state.sas ? [closed, { type: "SasSelectieGestart", data: { at: now.toISOString() } }] : [closed];
}

/**
 * The percelen of an aanmelding. A SAS with percelen (Wonen Wmo) needs a choice, and may take all
 * (6.7.1); a SAS without percelen has the contract as its single perceel; an Open House has none.
 */
function percelenVan(state: ProcedureDetails, gekozen: string[] | undefined): string[] | undefined | Refusal {
  if (!state.sas) return gekozen ? refuse("OngeldigeInvoer", 400, "Deze procedure kent geen percelen.", "percelen") : undefined;
  const ids = state.sas.opzet.percelen.map((p) => p.perceel);
  if (ids.length === 1 && !gekozen) return ids;
  if (!gekozen) return refuse("OngeldigeInvoer", 400, `Kies voor welk perceel u zich aanmeldt: ${ids.join(" en/of ")}.`, "percelen");
  const onbekend = gekozen.findIndex((p) => !ids.includes(p));
  if (onbekend >= 0) return refuse("OngeldigeInvoer", 400, `Perceel '${gekozen[onbekend]}' bestaat niet in deze procedure; kies uit: ${ids.join(", ")}.`, `percelen.${onbekend}`);
  return [...new Set(gekozen)];
}

const telt = (arrivals: Arrival[]) => arrivals.filter((a) => !a.ingetrokkenOp).length;

function verzegeldVerklaring(ronde: Ronde, aantal: number): string {
  const sluiting = formatInstantNl(new Date(ronde.sluitingAt), { seconden: true });
  return `Bij het sluiten op ${sluiting} zijn ${aantal} inschrijving(en) ontvangen. Zij blijven verzegeld tot twee personen van de regio de opening hebben bevestigd.`;
}

/** The round waiting for its opening: closed to entries, sealed, not yet opened by two people. */
export function teOpenenRonde(state: ProcedureDetails): Ronde | undefined {
  return state.rondes.find((r) => r.status === "gesloten" && r.opening !== undefined && r.opening.geopendOp === undefined);
}

/** The opening with four eyes: the second confirmation opens the round and completes its proces-verbaal. */
function bevestigRondeOpening(state: Live, actor: Actor, now: Date): ProcedureEvent[] | Refusal {
  const ronde = teOpenenRonde(state);
  if (!ronde) {
    const huidig = currentRonde(state);
    if (huidig?.status === "open") return refuse("Verzegeld", 409, `De inschrijvingen zijn verzegeld tot het sluitingstijdstip (${formatInstantNl(new Date(huidig.sluitingAt))}); daarna volgt de opening.`);
    return refuse("NietInDezeFase", 409, "Er wacht geen ronde op opening: de inschrijvingen zijn al geopend.");
  }
  const door = state.sas?.opzet.instellingen.openingDoor ?? state.instellingen.openingDoor ?? "inkoper+inkoper";
  const eerder = ronde.opening?.bevestigingen ?? [];
  const r = bevestigOpening(eerder, actor, door, now.toISOString());
  if (isRefusal(r)) return r;
  const bevestigd: ProcedureEvent = { type: "OpeningBevestigd", data: { ronde: ronde.nr, bevestiging: r.bevestiging } };
  if (!r.compleet) return [bevestigd];
  const arrivals = state.inschrijvingen.filter((a) => a.ronde === ronde.nr);
  const pv = procesVerbaalOf(state, ronde, arrivals, now);
  const geopend = { op: now.toISOString(), door: [...eerder, r.bevestiging] };
  return [bevestigd, { type: "InschrijvingenGeopend", data: { ronde: ronde.nr, geopendOp: geopend.op, procesVerbaal: { ...pv, verklaring: `${pv.verklaring} Geopend op ${formatInstantNl(now, { seconden: true })} met vier ogen.`, geopend } } }];
}

/** What the SAS rules need to know of the procedure around them. */
export function sasContext(state: ProcedureDetails): SasContext {
  const eerste = state.rondes.find((r) => r.nr === 1);
  return {
    sas: state.sas!,
    aanmelders: state.inschrijvingen.filter((a) => a.ronde === 1).map((a) => ({ kvk: a.kvk, naam: a.naam, email: a.email, percelen: a.percelen ?? [] })),
    uitkomsten: eerste?.uitkomsten ?? {},
    besluitLopend: Boolean(state.lopendBesluit),
  };
}

function ask(state: Live, actor: Actor, data: { aanbieder: AanbiederProfiel | null; vraag: string }, now: Date): ProcedureEvent[] | Refusal {
  if (!data.aanbieder) return refuse("OnbekendeAanbieder", 400, `KvK-nummer ${actor.kvk} is niet geregistreerd als aanbieder; registreer eerst.`, "kvk");
  if (state.status !== "gepubliceerd") return refuse("NietGepubliceerd", 409, "Vragen stellen kan alleen terwijl de procedure openstaat.");
  const ronde = currentRonde(state);
  // A reopened round takes questions until its own closing; the first round has its own question term.
  const vragenTot = ronde && ronde.nr > 1 ? ronde.sluitingAt : state.vragenTot;
  if (now >= new Date(vragenTot))
    return refuse("TermijnVerstreken", 409, `De termijn voor vragen is verstreken op ${formatInstantNl(new Date(vragenTot), { seconden: true })}.`);
  const vraag = data.vraag.trim();
  if (vraag.length < 10) return refuse("OngeldigeInvoer", 400, "Stel uw vraag in minstens 10 tekens.", "vraag");
  return [{ type: "VraagGesteld", data: { nr: state.vragen.length + 1, kvk: actor.kvk ?? "", vraag, gesteldOp: now.toISOString() } }];
}

function answer(state: Live, actor: Actor, data: { nr: number; antwoord: string }, now: Date): ProcedureEvent[] | Refusal {
  const vraag = state.vragen.find((v) => v.nr === data.nr);
  if (!vraag) return refuse("BestaatNiet", 404, `Vraag ${data.nr} bestaat niet.`, "nr");
  if (vraag.nota !== undefined) return refuse("OngeldigeInvoer", 409, `Vraag ${data.nr} is al gepubliceerd in nota van inlichtingen ${vraag.nota}.`, "nr");
  const antwoord = data.antwoord.trim();
  if (antwoord.length < 2) return refuse("OngeldigeInvoer", 400, "Het antwoord ontbreekt.", "antwoord");
  return [{ type: "VraagBeantwoord", data: { nr: data.nr, antwoord, beantwoordOp: now.toISOString(), beantwoordDoor: actor.id } }];
}

function publishNota(state: Live, now: Date): ProcedureEvent[] | Refusal {
  const ready = state.vragen.filter((v) => v.antwoord !== undefined && v.nota === undefined).map((v) => v.nr);
  if (ready.length === 0) return refuse("OngeldigeInvoer", 409, "Er zijn geen beantwoorde vragen die nog niet zijn gepubliceerd.");
  return [{ type: "NotaVanInlichtingenGepubliceerd", data: { nummer: state.notas.length + 1, vragen: ready, datum: now.toISOString() } }];
}

/** The earliest closed round that is not yet gegund: with toetreding, later rounds may close before it. */
export function rondeVoorGunning(state: ProcedureDetails): Ronde | undefined {
  return state.rondes.find((r) => r.status === "gesloten");
}

function proposeGunning(state: Live, data: { besluitId: string; toelichting: string }): ProcedureEvent[] | Refusal {
  if (state.sas) return refuse("NietInDezeFase", 409, "In een SAS volgt na de toets op de toelatingscriteria de selectie, niet de gunning van een Open House.");
  const ronde = rondeVoorGunning(state);
  if (!ronde) return refuse("OngeldigeInvoer", 409, "Een gunningsvoorstel volgt pas na de sluiting en de beoordeling.");
  if (state.lopendBesluit) return refuse("OngeldigeInvoer", 409, "Er ligt al een besluit voor; wacht daarop.");
  const open = state.inschrijvingen.filter((a) => a.ronde === ronde.nr && !ronde.uitkomsten[a.kvk]);
  if (open.length > 0)
    return refuse("OngeldigeInvoer", 409, `De beoordeling loopt nog voor ${open.length} inschrijving(en): ${open.map((a) => a.naam).join(", ")}.`);
  if (data.toelichting.trim().length < 10) return refuse("OngeldigeInvoer", 400, "Licht het voorstel toe (minstens 10 tekens).", "toelichting");
  return [{ type: "GunningVoorgesteld", data: { ronde: ronde.nr, besluitId: data.besluitId, toelichting: data.toelichting.trim() } }];
}

function proposeHeropening(
  state: Live,
  data: Extract<ProcedureCommand, { type: "ProposeHeropening" }>["data"],
  now: Date,
): ProcedureEvent[] | Refusal {
  if (state.sas) return refuse("NietInDezeFase", 409, "Een SAS wordt niet heropend: er treden geen aanbieders toe tijdens de looptijd (inkoopplan Bijlage 1).");
  if (state.procedureType !== "open-house-zonder-toetreding")
    return refuse("OngeldigeInvoer", 409, "Heropenen geldt voor een Open House zonder tussentijdse toetreding; bij toetreding staat de inschrijving al open.");
  const ronde = currentRonde(state);
  if (!ronde || ronde.status !== "gegund") return refuse("OngeldigeInvoer", 409, "Heropenen kan pas als de vorige ronde is gegund.");
  if (state.lopendBesluit) return refuse("OngeldigeInvoer", 409, "Er ligt al een besluit voor; wacht daarop.");
  if (data.motivering.trim().length < 20) return refuse("OngeldigeInvoer", 400, "Motiveer de heropening (minstens 20 tekens).", "motivering");
  if (data.producten.length === 0) return refuse("OngeldigeInvoer", 400, "Kies de producten waarvoor het Open House heropent.", "producten");
  const contractProducten = productsOfContract(state.contractId).map((p) => p.id);
  const offered = new Set(state.rondes.flatMap((r) => r.producten));
  for (const [i, p] of data.producten.entries()) {
    if (!contractProducten.includes(p)) return refuse("OnbekendProduct", 400, `Product '${p}' hoort niet bij dit contract.`, `producten.${i}`);
    if (data.reden === "nieuw-product" && offered.has(p))
      return refuse("OngeldigeInvoer", 400, `Product '${p}' werd al ingekocht; heropenen voor een nieuw product vraagt een product dat nog niet werd aangeboden. Kies anders 'capaciteitstekort'.`, `producten.${i}`);
    if (data.reden === "capaciteitstekort" && !offered.has(p))
      return refuse("OngeldigeInvoer", 400, `Product '${p}' werd nog niet ingekocht; een capaciteitstekort geldt voor een bestaand product.`, `producten.${i}`);
  }
  const plaatsen = heropeningPlaatsen(state.contractId, data.reden, data.plaatsen);
  if (isRefusal(plaatsen)) return plaatsen;
  const sluiting = new Date(data.sluitingAt);
  if (sluiting <= now || sluiting <= new Date(data.publicatieAt)) return refuse("OngeldigeInvoer", 400, "Het nieuwe sluitingstijdstip moet in de toekomst en na de publicatie liggen.", "sluitingAt");
  const { plaatsen: _gevraagd, ...rest } = data;
  return [{ type: "HeropeningVoorgesteld", data: { soort: "heropening", ...rest, ...(plaatsen ? { plaatsen } : {}) } }];
}

/**
 * The plaatsen of a heropening (inkoopplan 6.10.1: "Inschrijven kan per plaats"; places without cover are the
 * reason to reopen). On a contract entered per plaats a capaciteitstekort names its plaats(en); a new product may
 * name them (absent: every plaats). Any other contract knows no plaatsen. Returns the plaatsen without doubles.
 */
export function heropeningPlaatsen(contractId: string, reden: HeropeningReden, plaatsen: readonly string[] | undefined): string[] | undefined | Refusal {
  const gebieden = findContract(contractId)?.gebieden;
  if (!gebieden?.inschrijvenPerPlaats)
    return plaatsen === undefined ? undefined : refuse("OngeldigeInvoer", 400, "Dit contract kent geen inschrijving per plaats; laat plaatsen weg.", "plaatsen");
  if (plaatsen === undefined || plaatsen.length === 0)
    return reden === "capaciteitstekort"
      ? refuse("OngeldigeInvoer", 400, `Noem de plaats(en) waar het capaciteitstekort is: ${gebieden.plaatsen.join(", ")}.`, "plaatsen")
      : undefined;
  for (const [i, p] of plaatsen.entries())
    if (!gebieden.plaatsen.includes(p)) return refuse("OngeldigeInvoer", 400, `Onbekende plaats '${p}'. Kies uit: ${gebieden.plaatsen.join(", ")}.`, `plaatsen.${i}`);
  return [...new Set(plaatsen)];
}
