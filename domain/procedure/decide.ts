import { findContract, productsOfContract } from "../catalogue";
import type { AanbiederProfiel } from "../aanbieder/aanbieder";
import { inschrijvingKey, type InschrijvingInput } from "../inschrijving/inschrijving";
import { validateInschrijving } from "../inschrijving/validate";
import type { Actor, Rol } from "../shared/actor";
import { refuse, type Refusal } from "../shared/refusal";
import { formatInstantNl } from "../calendar";
import {
  InstellingenSchema,
  OPEN_HOUSE_TYPES,
  type OpenHouseType,
  type ProcedureEvent,
  type ProcedureInput,
  type ProcedureState,
  type ProcesVerbaal,
} from "./procedure";

/**
 * Open House rules, pure: (state, command, now) -> events or a refusal. No I/O, no clock:
 * `now` and anything random (receipt ids, content hashes) come in with the command.
 */
export type ProcedureCommand =
  | { type: "CreateProcedure"; actor: Actor; data: ProcedureInput & { id: string } }
  | { type: "PublishProcedure"; actor: Actor }
  | {
      type: "SubmitInschrijving";
      actor: Actor;
      data: {
        aanbieder: AanbiederProfiel | null;
        kvk: string;
        inschrijving: InschrijvingInput;
        ontvangstbewijsId: string;
        sha256: string;
      };
    }
  | { type: "CloseProcedure"; actor: Actor };

const allowedRoles: Record<ProcedureCommand["type"], readonly Rol[]> = {
  CreateProcedure: ["inkoper"],
  PublishProcedure: ["inkoper"],
  SubmitInschrijving: ["aanbieder"],
  CloseProcedure: ["systeem"],
};

export function decide(state: ProcedureState, command: ProcedureCommand, now: Date): ProcedureEvent[] | Refusal {
  if (!allowedRoles[command.type].includes(command.actor.rol))
    return refuse("RolNietToegestaan", 403, `Deze handeling is niet toegestaan voor de rol ${command.actor.rol}.`);

  switch (command.type) {
    case "CreateProcedure":
      return create(state, command.data, now);
    case "PublishProcedure":
      return publish(state, now);
    case "SubmitInschrijving":
      return submit(state, command.actor, command.data, now);
    case "CloseProcedure":
      return close(state, now);
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
  if (!(OPEN_HOUSE_TYPES as readonly string[]).includes(contract.procedureType))
    return refuse(
      "GeenOpenHouse",
      400,
      `Contract ${contract.naam} (inkoopplan ${contract.sectie}) wordt niet via Open House ingekocht maar via: ${contract.procedureType}.`,
      "contractId",
    );
  const publicatie = new Date(input.publicatieAt);
  const sluiting = new Date(input.sluitingAt);
  if (sluiting <= publicatie)
    return refuse("OngeldigeInvoer", 400, "Het sluitingstijdstip moet na het publicatietijdstip liggen.", "sluitingAt");
  if (sluiting <= now) return refuse("OngeldigeInvoer", 400, "Het sluitingstijdstip ligt in het verleden.", "sluitingAt");

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
  if (producten.length === 0)
    return refuse("OnbekendProduct", 400, `Contract ${contract.naam} heeft geen producten om in te kopen.`, "producten");

  return [
    {
      type: "ProcedureCreated",
      data: {
        procedureId: input.id,
        contractId: contract.id,
        procedureType: contract.procedureType as OpenHouseType,
        titel: input.titel,
        publicatieAt: publicatie.toISOString(),
        sluitingAt: sluiting.toISOString(),
        producten,
        instellingen: InstellingenSchema.parse(input.instellingen ?? {}),
      },
    },
  ];
}

function publish(state: ProcedureState, now: Date): ProcedureEvent[] | Refusal {
  if (state.status === "leeg") return refuse("BestaatNiet", 404, "Deze procedure bestaat niet.");
  if (state.status === "gepubliceerd") return [];
  if (state.status !== "concept") return refuse("NietInConcept", 409, "Alleen een procedure in concept kan worden gepubliceerd.");
  if (new Date(state.sluitingAt) <= now)
    return refuse("TermijnVerstreken", 409, "Het sluitingstijdstip is al verstreken; pas de procedure aan.", "sluitingAt");
  return [{ type: "ProcedurePublished", data: { gepubliceerdOp: now.toISOString() } }];
}

function submit(
  state: ProcedureState,
  actor: Actor,
  data: Extract<ProcedureCommand, { type: "SubmitInschrijving" }>["data"],
  now: Date,
): ProcedureEvent[] | Refusal {
  if (state.status === "leeg") return refuse("BestaatNiet", 404, "Deze procedure bestaat niet.");
  if (actor.kvk !== data.kvk)
    return refuse("RolNietToegestaan", 403, "U kunt alleen inschrijven voor uw eigen KvK-nummer.", "kvk");
  if (!data.aanbieder)
    return refuse("OnbekendeAanbieder", 400, `KvK-nummer ${data.kvk} is niet geregistreerd als aanbieder; registreer eerst.`, "kvk");
  if (state.status === "concept") return refuse("NietGepubliceerd", 409, "Deze procedure is nog niet gepubliceerd.");
  const sluiting = new Date(state.sluitingAt);
  if (state.status === "gesloten" || now >= sluiting)
    return refuse(
      "TermijnVerstreken",
      409,
      `De inschrijvingstermijn is gesloten op ${formatInstantNl(sluiting, { seconden: true })}; uw inschrijving is ontvangen op ${formatInstantNl(now, { seconden: true })} en wordt niet aanvaard.`,
    );
  if (now < new Date(state.publicatieAt))
    return refuse("NogNietOpen", 409, `Inschrijven kan vanaf ${formatInstantNl(new Date(state.publicatieAt))}.`);
  if (state.inschrijvingen.some((a) => a.kvk === data.kvk))
    return refuse("AlIngeschreven", 409, `KvK-nummer ${data.kvk} heeft al een inschrijving ingediend voor deze procedure.`);
  const invalid = validateInschrijving(data.inschrijving, state.producten);
  if (invalid) return invalid;

  return [
    {
      type: "InschrijvingReceived",
      data: {
        volgnummer: state.inschrijvingen.length + 1,
        kvk: data.kvk,
        naam: data.aanbieder.naam,
        ontvangenOp: now.toISOString(),
        ontvangstbewijsId: data.ontvangstbewijsId,
        sha256: data.sha256,
        producten: data.inschrijving.producten,
      },
    },
  ];
}

function close(state: ProcedureState, now: Date): ProcedureEvent[] | Refusal {
  if (state.status === "leeg") return refuse("BestaatNiet", 404, "Deze procedure bestaat niet.");
  if (state.status === "gesloten") return [];
  if (state.status === "concept") return refuse("NietGepubliceerd", 409, "Een procedure in concept kan niet sluiten.");
  if (now < new Date(state.sluitingAt)) return refuse("NogNietGesloten", 409, "Het sluitingstijdstip is nog niet bereikt.");
  const contract = findContract(state.contractId);
  const procesVerbaal: ProcesVerbaal = {
    procedureId: state.procedureId,
    titel: state.titel,
    contract: { id: state.contractId, naam: contract?.naam ?? state.contractId, sectie: contract?.sectie ?? "" },
    publicatieAt: state.publicatieAt,
    sluitingAt: state.sluitingAt,
    opgemaaktOp: now.toISOString(),
    aantal: state.inschrijvingen.length,
    inschrijvingen: state.inschrijvingen,
    verklaring:
      state.inschrijvingen.length === 0
        ? `Bij het sluiten op ${formatInstantNl(new Date(state.sluitingAt))} is geen inschrijving ontvangen.`
        : `Bij het sluiten op ${formatInstantNl(new Date(state.sluitingAt))} zijn ${state.inschrijvingen.length} inschrijving(en) ontvangen, in volgorde van ontvangst hieronder vermeld. Na het sluitingstijdstip wordt geen inschrijving meer aanvaard.`,
  };
  return [{ type: "ProcedureClosed", data: { geslotenOp: now.toISOString(), procesVerbaal } }];
}

export { inschrijvingKey };
