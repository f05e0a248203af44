import type { Router } from "express";
import { isUploadId, uploadedBy } from "../../../activities/uploads";
import { inschrijvingIdFor } from "../../../domain/procedure/decide";
import { html } from "../html";
import type { WebDeps } from "../index";
import { table } from "../layout";
import { requireUser } from "../session";
import { sendUpload, uploadIdsOf } from "../uploads";
import { engine, handle, me, messagePage, moment, refusalOf, rondeOf, sendPage } from "./common";
import { myInschrijvingen } from "./procedures";

type Summary = { id: string; status?: string; ontvangerKvk?: string; datum?: string };

export function besluitenRoutes(router: Router, deps: WebDeps): void {
  const e = engine(deps);

  /** My besluiten: as GET /api/v1/besluiten filters them for an aanbieder (own and vastgesteld). */
  router.get(
    "/aanbieder/besluiten",
    requireUser("aanbieder"),
    handle(async (req, res) => {
      const { actor, kvk } = me(req);
      const all = (await e.register("besluiten").list()) as Summary[];
      const mine = all.filter((b) => b.ontvangerKvk === kvk && b.status === "vastgesteld").sort((a, b) => (b.datum ?? "").localeCompare(a.datum ?? ""));
      const besluiten = await Promise.all(mine.map((b) => e.besluit(b.id).get({ actor })));
      sendPage(req, res, {
        title: "Mijn besluiten",
        current: "/aanbieder/besluiten",
        body: html`<h1 class="utrecht-heading-1">Mijn besluiten</h1>
<p class="utrecht-paragraph">De besluiten die aan u zijn gericht, zoals toelatings- en afwijzingsbesluiten. U ontving ze ook per e-mail.</p>
${table(
  "Mijn besluiten",
  ["Besluit", "Kenmerk", "Datum", "Samenvatting", "Documenten"],
  besluiten.flatMap((b) =>
    [
          [
            html`${b.titel}`,
            html`${b.besluitId}`,
            html`${moment(b.beslissing?.at ?? b.datum)}`,
            html`${b.samenvatting}`,
            html`${b.documenten.map((d, i) => html`${i > 0 ? html`<br>` : ""}<a class="utrecht-link" href="/api/v1/besluiten/${b.besluitId}/documenten/${d.id}">${d.bestandsnaam}</a> (PDF)`)}`,
          ],
        ],
  ),
)}`,
      });
    }),
  );

  /**
   * An upload, only when I uploaded those bytes myself (my KvK is among its owners, see
   * activities/uploads.ts) and one of my own inschrijvingen refers to it: the engine hands me my
   * inschrijving (`inschrijving.read` with my actor) and uploadIdsOf says whether the id is in it.
   * A reference alone is not enough: the hash is no secret, and what another party uploaded stays
   * theirs even if it ended up in my inschrijving. `?procedure=<id>[&ronde=N]` names the
   * inschrijving; without it all of mine are searched. Anything else is "not found", so nobody
   * learns whether someone else's file exists.
   */
  router.get(
    "/aanbieder/uploads/:uploadId",
    requireUser("aanbieder"),
    handle(async (req, res) => {
      const id = String(req.params.uploadId);
      const { actor, kvk } = me(req);
      const notFound = () => messagePage(req, res, 404, "Bestand niet gevonden", "Dit bestand bestaat niet of hoort niet bij uw inschrijvingen.", { href: "/aanbieder", label: "Naar de procedures" });
      if (!isUploadId(id) || !(await uploadedBy(id, kvk))) return notFound();
      const procedureId = typeof req.query.procedure === "string" ? req.query.procedure : undefined;
      const one = async (key: string) => {
        try {
          return await e.inschrijving(key).read({ actor });
        } catch (err) {
          if (refusalOf(err)) return null;
          throw err;
        }
      };
      const states = procedureId ? [await one(inschrijvingIdFor(procedureId, kvk, rondeOf(req)))] : (await myInschrijvingen(e, req)).map((m) => m.state);
      if (!states.some((s) => uploadIdsOf(s).has(id))) return notFound();
      if (!(await sendUpload(res, id))) notFound();
    }),
  );
}
