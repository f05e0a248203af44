import type { Recorded } from "../shared/audit";
import type { InschrijvingInput, Ontvangstbewijs } from "./inschrijving";

/** The inschrijving as an entity of its own, keyed `<procedureId>/<kvk>`, so its content can stay sealed. */
export type InschrijvingEvent = {
  type: "InschrijvingSubmitted";
  data: {
    ontvangstbewijs: Ontvangstbewijs;
    naam: string;
    contractId: string;
    sluitingAt: string;
    inhoud: InschrijvingInput;
  };
};

export type InschrijvingState =
  | { status: "leeg" }
  | {
      status: "ingediend";
      procedureId: string;
      kvk: string;
      naam: string;
      contractId: string;
      sluitingAt: string;
      ontvangstbewijs: Ontvangstbewijs;
      inhoud: InschrijvingInput;
    };

export const initialInschrijvingState: InschrijvingState = { status: "leeg" };

export function evolveInschrijving(state: InschrijvingState, event: InschrijvingEvent): InschrijvingState {
  switch (event.type) {
    case "InschrijvingSubmitted":
      return {
        status: "ingediend",
        procedureId: event.data.ontvangstbewijs.procedureId,
        kvk: event.data.ontvangstbewijs.kvk,
        naam: event.data.naam,
        contractId: event.data.contractId,
        sluitingAt: event.data.sluitingAt,
        ontvangstbewijs: event.data.ontvangstbewijs,
        inhoud: event.data.inhoud,
      };
    default: {
      const _exhaustive: never = event.type;
      return state;
    }
  }
}

export type RecordedInschrijvingEvent = Recorded<InschrijvingEvent>;
