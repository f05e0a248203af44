/**
 * A refused command is data, not an exception: the adapter turns it into a 4xx answer.
 * `status` follows HTTP: 400 bad input, 403 not allowed, 404 unknown, 409 not now / not again.
 */
export type RefusalStatus = 400 | 403 | 404 | 409;

export interface Refusal {
  refused: RefusalCode;
  status: RefusalStatus;
  /** The input field the refusal is about, as a path such as "antwoorden.TC03". */
  veld?: string;
  /** Dutch, for the person who sent the command. */
  melding: string;
}

export type RefusalCode =
  | "OngeldigeInvoer"
  | "OnbekendContract"
  | "GeenOpenHouse"
  | "OnbekendProduct"
  | "OntbrekendAntwoord"
  | "OnbekendeAanbieder"
  | "RolNietToegestaan"
  | "BestaatAl"
  | "BestaatNiet"
  | "NietInConcept"
  | "NietGepubliceerd"
  | "NogNietOpen"
  | "TermijnVerstreken"
  | "AlIngeschreven"
  | "Verzegeld"
  | "NogNietGesloten"
  | "NietInDezeFase"
  | "EigenAccount"
  | "AccountUitgeschakeld"
  | "Ongewijzigd";

export const refuse = (refused: RefusalCode, status: RefusalStatus, melding: string, veld?: string): Refusal =>
  veld === undefined ? { refused, status, melding } : { refused, status, melding, veld };

export const isRefusal = (x: unknown): x is Refusal =>
  typeof x === "object" && x !== null && "refused" in x && "status" in x;
