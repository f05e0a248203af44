import type { Response } from "express";
import { isUploadId, readUpload } from "../../activities/uploads";
import type { InschrijvingState } from "../../domain/inschrijving/entity";

/**
 * Every upload an inschrijving refers to: the evidence of its answers, what came in during herstel
 * and the documents of hoor-en-wederhoor replies. A page may serve an upload only when the engine
 * gave the caller the inschrijving that refers to it (`inschrijving.read` with the caller's actor:
 * the aanbieder its own, the region after the closing instant) and the id is in this set. An
 * aanbieder must moreover have uploaded the bytes itself (`uploadedBy`, checked by its route): being
 * referred to proves nothing about whose file it is.
 */
export function uploadIdsOf(state: InschrijvingState | null | undefined): Set<string> {
  const ids = new Set<string>();
  if (!state || state.status === "leeg") return ids;
  const add = (ref: string | undefined) => {
    if (ref && isUploadId(ref)) ids.add(ref);
  };
  for (const a of state.inhoud.antwoorden) add(a.documentRef);
  for (const a of state.herstel?.aanvullingen ?? []) add(a.documentRef);
  for (const r of state.hoorEnWederhoor?.reacties ?? []) r.documenten.forEach(add);
  return ids;
}

/**
 * Sends a stored upload as an attachment, after the caller has checked that it may be served. The
 * file name is made from the id and the type the content has, never from a name someone typed.
 */
export async function sendUpload(res: Response, id: string): Promise<boolean> {
  const upload = await readUpload(id);
  if (!upload) return false;
  res
    .status(200)
    .type(upload.mediaType)
    .set("Content-Disposition", `attachment; filename="bijlage-${upload.sha256.slice(0, 12)}${upload.extensie}"`)
    .set("X-Content-Type-Options", "nosniff")
    .set("Content-Security-Policy", "sandbox")
    .set("X-Content-SHA256", upload.sha256)
    .set("Cache-Control", "private, no-store")
    .send(upload.inhoud);
  return true;
}
