import type { Response } from "express";
import { readDocument } from "../activities/documents";
import type { StoredDocument } from "../templates/types";
import { HttpProblem } from "./problem";

/** Streams a stored document after the engine has said the caller may have it. */
export async function sendDocument(res: Response, doc: StoredDocument): Promise<void> {
  const bytes = await readDocument(doc.id);
  if (!bytes) throw new HttpProblem(404, "Het document is niet (meer) in de opslag aanwezig.");
  res
    .status(200)
    .type(doc.mediaType)
    .set("Content-Disposition", `attachment; filename="${doc.bestandsnaam.replace(/[^A-Za-z0-9._-]/g, "_")}"`)
    .set("X-Content-SHA256", doc.sha256)
    .send(bytes);
}
