import type { Request, Response } from "express";
import { isUploadId } from "../../../activities/uploads";
import { _internal } from "../../../domain/inschrijving/decide";
import type { InschrijvingDetails, InschrijvingStatus, Uitkomst } from "../../../domain/inschrijving/entity";
import type { CriteriumAntwoord } from "../../../domain/inschrijving/inschrijving";
import { answerFor, itemsOf, type BeoordelingsItem } from "../../../domain/inschrijving/items";
import { html, type SafeHtml } from "../html";
import { formatNl, table } from "../layout";
import { sendUpload, uploadIdsOf } from "../uploads";
import { actorOf, gegevens, heading, inschrijvingRef, link, PageError, paragraph, type Engine } from "./common";
import { documentDoel, itemNaam, oordeelWoord, productNaam, uitkomstSoort, verklaring } from "./labels";

/** An inschrijving as the engine gives it to the region after closing. */
export type Inschrijving = { status: InschrijvingStatus } & InschrijvingDetails;

/** The items of the current fase: all in beoordeling, only the heard ones in herbeoordeling. */
/** The fase being judged: as domain/inschrijving's rule, a hearing with a reply is judged again at once. */
export function faseOf(s: Inschrijving): 1 | 2 | null {
  if (s.status === "beoordeling") return 1;
  if (s.status === "herbeoordeling") return 2;
  return s.status === "hoor-en-wederhoor" && (s.hoorEnWederhoor?.reacties.length ?? 0) > 0 ? 2 : null;
}

export function itemsInFase(s: Inschrijving): BeoordelingsItem[] {
  const fase = faseOf(s);
  if (fase === null) return [];
  const all = itemsOf(s.inhoud);
  if (fase === 1) return all;
  const heard = new Set((s.hoorEnWederhoor?.tekortkomingen ?? []).map((t) => t.item));
  return all.filter((i) => heard.has(i.key));
}

/** What is still this beoordelaar's to judge: not automatic, not judged by them, not judged enough. */
export function openItemsFor(s: Inschrijving, beoordelaar: string): BeoordelingsItem[] {
  const fase = faseOf(s);
  return itemsInFase(s).filter((item) => {
    const judged = s.beoordelingen.filter((b) => b.item === item.key && b.fase === fase);
    return !judged.some((b) => b.automatisch || b.beoordelaar === beoordelaar) && judged.length < s.aantalBeoordelaars;
  });
}

/** Every item has its verdict in fase 1 and at least one failed: the letter for hoor en wederhoor can go. */
export function hoorKanStarten(s: Inschrijving): boolean {
  return s.status === "beoordeling" && _internal.faseComplete(s, 1) && _internal.tekortkomingen(s, 1).length > 0;
}

/** Items where the two beoordelaars disagree: the inkoper settles them. */
export function onenigeItems(s: Inschrijving): BeoordelingsItem[] {
  const fase = faseOf(s);
  if (fase === null) return [];
  return itemsInFase(s).filter((i) => _internal.verdict(s, i.key, fase) === "onenig");
}

export function bijlageUrl(base: string, ref: { procedureId: string; kvk: string; ronde: number }, uploadId: string): string {
  return `${base}/procedures/${encodeURIComponent(ref.procedureId)}/inschrijvingen/${ref.kvk}/bijlagen/${uploadId}${ref.ronde > 1 ? `?ronde=${ref.ronde}` : ""}`;
}

export function documentRefCell(ref: string | undefined, bijlage: (id: string) => string): SafeHtml {
  if (!ref) return html`<em>geen document</em>`;
  if (isUploadId(ref)) return link(bijlage(ref), "Bijlage openen");
  if (/^https:\/\//.test(ref)) return link(ref, ref);
  return html`${ref}`;
}

export function antwoordBlock(a: CriteriumAntwoord | undefined, bijlage: (id: string) => string): SafeHtml {
  if (!a) return html`<em>Geen antwoord gegeven.</em>`;
  return gegevens([
    ["Verklaring", `${verklaring[a.verklaring] ?? a.verklaring}${a.vrijstelling ? ` (${a.vrijstelling})` : ""}`],
    ["Toelichting", a.toelichting],
    ["Document", documentRefCell(a.documentRef, bijlage)],
  ]);
}

/** Per item: the aanbieder's answer, every judgement and the settlement. */
export function itemsTable(s: Inschrijving, bijlage: (id: string) => string): SafeHtml {
  const rows = itemsOf(s.inhoud).map((item) => {
    const oordelen = s.beoordelingen.filter((b) => b.item === item.key);
    const beslecht = s.beslechtingen.filter((b) => b.item === item.key);
    return [
      html`${itemNaam(item.key)}`,
      antwoordBlock(answerFor(s.inhoud, item), bijlage),
      html`${oordelen.map((b) => html`<p class="utrecht-paragraph"><strong>${oordeelWoord(b.oordeel)}</strong> — ${b.automatisch ? "automatisch" : b.beoordelaar}, fase ${String(b.fase)}, ${formatNl(b.at)}<br>${b.motivering}</p>`)}${oordelen.length === 0 ? "nog niet beoordeeld" : ""}`,
      html`${beslecht.map((b) => html`<p class="utrecht-paragraph"><strong>${oordeelWoord(b.oordeel)}</strong> — beslecht door ${b.door}, ${formatNl(b.at)}<br>${b.motivering}</p>`)}`,
    ];
  });
  return table("Toelatingscriteria: antwoord en oordelen", ["Onderdeel", "Antwoord van de aanbieder", "Oordelen (beoordelaar, oordeel, motivering)", "Beslechting"], rows);
}

export function hoorBlock(s: Inschrijving, bijlage: (id: string) => string): SafeHtml {
  const h = s.hoorEnWederhoor;
  if (!h) return html``;
  return html`${heading(2, "Hoor en wederhoor", "hoor-en-wederhoor")}
${gegevens([
  ["Gestart op", formatNl(h.gestartOp)],
  ["Termijn eindigt", formatNl(h.termijnEinde)],
  ["Termijn verstreken", h.verstreken ? "Ja" : "Nee"],
])}
${table("Tekortkomingen in de hoorbrief", ["Onderdeel", "Motivering"], h.tekortkomingen.map((t) => [html`${itemNaam(t.item)}`, html`${t.motivering}`]))}
${table(
  "Reacties van de aanbieder",
  ["Ontvangen", "Toelichting", "Documenten"],
  h.reacties.map((r) => [html`${formatNl(r.at)}`, html`${r.toelichting}`, html`${r.documenten.map((d) => html`${documentRefCell(d, bijlage)}<br>`)}`]),
)}`;
}

export function uitkomstBlock(u: Uitkomst | undefined): SafeHtml {
  if (!u) return paragraph("Nog geen uitkomst: de beoordeling loopt.");
  return html`${gegevens([
    ["Uitkomst", uitkomstSoort[u.soort] ?? u.soort],
    ["Na hoor en wederhoor", u.naHoorEnWederhoor ? "Ja" : "Nee"],
    ["Toelichting", u.toelichting],
    ["Toegelaten producten", u.toegelatenProducten.length > 0 ? html`<ul class="utrecht-unordered-list">${u.toegelatenProducten.map((p) => html`<li>${productNaam(p)}</li>`)}</ul>` : "geen"],
  ])}
${table("Redenen (hele organisatie)", ["Onderdeel", "Motivering"], u.redenen.map((r) => [html`${itemNaam(r.item)}`, html`${r.motivering}`]))}
${table(
  "Niet toegelaten producten",
  ["Product", "Redenen"],
  u.nietToegelaten.map((n) => [html`${productNaam(n.productId)}`, html`${n.redenen.map((r) => html`${itemNaam(r.item)}: ${r.motivering}<br>`)}`]),
)}`;
}

export function documentenBlock(s: Inschrijving): SafeHtml {
  const q = s.ronde > 1 ? `?ronde=${s.ronde}` : "";
  return table(
    "Documenten van de inschrijving",
    ["Document", "Opgemaakt", "Bestand"],
    s.documenten.map((d) => [
      html`${documentDoel[d.kind] ?? d.kind}`,
      html`${formatNl(d.gemaaktOp)}`,
      link(`/api/v1/procedures/${encodeURIComponent(s.procedureId)}/inschrijvingen/${s.kvk}/documenten/${encodeURIComponent(d.id)}${q}`, `${d.bestandsnaam} (PDF)`),
    ]),
  );
}

/** Serves an upload the inschrijving refers to, only after the engine gave the caller that inschrijving. */
export async function serveBijlage(engine: Engine, req: Request, res: Response): Promise<void> {
  const ref = inschrijvingRef(req);
  const uploadId = String(req.params.uploadId);
  const state = await engine.inschrijving(ref.key).read({ actor: actorOf(req) });
  if (!uploadIdsOf(state).has(uploadId) || !(await sendUpload(res, uploadId))) throw new PageError(404, "Deze bijlage hoort niet bij deze inschrijving of is niet (meer) aanwezig.");
}
