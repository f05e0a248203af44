import type { Request, Response, Router } from "express";
import { hoorEnWederhoorTekst } from "../../../domain/catalogue";
import { replyHoorEnWederhoor, supplyHerstel } from "../../../engine/commands";
import { describeItem } from "../../../domain/inschrijving/items";
import { csrfField, errorSummary, fileField, submitButton, textArea, type FieldErrors } from "../forms";
import { html, raw, type SafeHtml } from "../html";
import type { WebDeps } from "../index";
import { table } from "../layout";
import { requireUser } from "../session";
import { engine, handle, me, messagePage, moment, myInschrijvingKey, redirectWith, refusalOf, rondeQuery, sendPage, type InschrijvingView } from "./common";
import { acceptAttribute, keptFields, parseKept, readMultipart, storeFiles, uploadHint, values, type KeptUpload } from "./multipart";

/*
 * After the closing: supplying missing documents during a herstel term, and replying to hoor en
 * wederhoor. Both forms carry uploads (see multipart.ts) and both end with the term: after it the
 * page says so in plain Dutch instead of offering a form the engine would refuse.
 */

const itemOf = (key: string) => ({ key, criterium: key.split(":")[0]!, ...(key.includes(":") ? { productId: key.slice(key.indexOf(":") + 1) } : {}) });
/**
 * Post/redirect/get after a reply: reloading the page sends nothing again. The confirmation travels as
 * the session's flash (redirectWith), not as `?ontvangen=1` that anyone could put in a link.
 */
const afterPost = (req: Request, page: string, ronde: number) => `/aanbieder/procedures/${encodeURIComponent(String(req.params.id))}/${page}${rondeQuery(ronde)}`;
const verstreken = (iso: string) => Date.now() >= new Date(iso).getTime();

/** The file input of fileField with `multiple`: the reply may carry several documents at once. */
const multiFileField = (o: Parameters<typeof fileField>[0]): SafeHtml => raw(fileField(o).value.replace('type="file"', 'type="file" multiple'));

export function beoordelingRoutes(router: Router, deps: WebDeps): void {
  const e = engine(deps);
  const secret = deps.session.secret;

  /**
   * What the inschrijving belongs to, with the page to go back to: a procedure, or an onderhandse
   * procedure (the toets of a trajectory, whose page is the aanbieder's trajectory).
   */
  type Herkomst = { titel: string; terug: { href: string; label: string } };
  const herkomstOf = async (id: string, actor: ReturnType<typeof me>["actor"]): Promise<Herkomst> =>
    e
      .procedure(id)
      .get({ actor })
      .then(
        (v) => ({ titel: v.titel, terug: { href: `/aanbieder/procedures/${encodeURIComponent(id)}`, label: "Terug naar de procedure" } }),
        async (err: unknown) => {
          if (refusalOf(err)?.status !== 404) throw err;
          const titel = (await e.onderhands(id).get({ actor })).titel;
          return { titel, terug: { href: `/aanbieder/onderhands/${encodeURIComponent(id)}`, label: "Terug naar uw traject" } };
        },
      );
  const load = async (req: Request) => {
    const { actor } = me(req);
    const [state, herkomst] = await Promise.all([e.inschrijving(myInschrijvingKey(req)).read({ actor }), herkomstOf(String(req.params.id), actor)]);
    return { state, ...herkomst };
  };

  // ---- herstel --------------------------------------------------------------------------------

  const herstelPage = (req: Request, res: Response, titel: string, s: InschrijvingView, kept: Record<string, KeptUpload[]>, toelichtingen: Record<string, string>, errors: FieldErrors, status = 200) => {
    const h = s.herstel!;
    const path = `/aanbieder/procedures/${encodeURIComponent(s.procedureId)}/herstel${rondeQuery(s.ronde)}`;
    sendPage(req, res, {
      status,
      title: `${Object.keys(errors).length > 0 ? "Fout: " : ""}Herstel: ${titel}`,
      body: html`<h1 class="utrecht-heading-1">Herstel: ${titel}</h1>
<p class="utrecht-paragraph">Bij de controle op volledigheid ontbreken de onderstaande stukken. Lever ze aan vóór <strong>${moment(h.termijnEinde, true)}</strong>. Wat na die termijn nog ontbreekt, leidt tot uitsluiting.</p>
${errorSummary(errors)}
<form method="post" action="${path}" enctype="multipart/form-data" novalidate id="veld-algemeen">
${csrfField(req.csrf!)}
${h.ontbrekend.map((key) => {
  const geleverd = h.aanvullingen.filter((a) => a.item === key);
  return html`<section class="inkoop-kaart" aria-labelledby="herstel-${key.replace(/[^A-Za-z0-9_-]/g, "-")}">
<h2 class="utrecht-heading-2" id="herstel-${key.replace(/[^A-Za-z0-9_-]/g, "-")}">${describeItem(itemOf(key))}</h2>
${geleverd.length > 0 ? html`<p class="utrecht-paragraph">Al aangeleverd: ${geleverd.map((a, i) => html`${i > 0 ? "; " : ""}op ${moment(a.at)}`)}.</p>` : ""}
${fileField({ name: `${key}.bestand`, label: `Bewijsstuk voor ${describeItem(itemOf(key))}`, description: uploadHint, errors, accept: acceptAttribute })}
${keptFields(secret, req, `${key}.upload`, kept[key] ?? [])}
${textArea({ name: `${key}.toelichting`, label: `Toelichting bij ${describeItem(itemOf(key))}`, value: toelichtingen[key] ?? "", errors, rows: 3, description: "Maximaal 4000 tekens." })}
</section>`;
})}
${submitButton("Stukken aanleveren")}
</form>`,
    });
  };

  const herstelGate = (req: Request, res: Response, s: InschrijvingView, terug: Herkomst["terug"]): boolean => {
    if (s.status !== "herstel" || !s.herstel) {
      messagePage(req, res, 409, "Geen herstel gevraagd", "Er loopt geen hersteltermijn voor uw inschrijving: er hoeft niets te worden aangeleverd.", terug);
      return false;
    }
    if (verstreken(s.herstel.termijnEinde)) {
      messagePage(req, res, 409, "Hersteltermijn verstreken", `De hersteltermijn is verstreken op ${moment(s.herstel.termijnEinde, true)}. U kunt geen stukken meer aanleveren.`, terug);
      return false;
    }
    return true;
  };

  router.get(
    "/aanbieder/procedures/:id/herstel",
    requireUser("aanbieder"),
    handle(async (req, res) => {
      const { state, titel, terug } = await load(req);
      if (herstelGate(req, res, state, terug)) herstelPage(req, res, titel, state, {}, {}, {});
    }),
  );

  router.post(
    "/aanbieder/procedures/:id/herstel",
    requireUser("aanbieder"),
    handle(async (req, res) => {
      if (!(await readMultipart(req, res))) return;
      const { state, titel, terug } = await load(req);
      if (!herstelGate(req, res, state, terug)) return;
      const body = req.body as Record<string, unknown>;
      const items = state.herstel!.ontbrekend;
      const { stored, errors } = await storeFiles(req, (f) => items.some((k) => f === `${k}.bestand`));
      const kept: Record<string, KeptUpload[]> = {};
      const toelichtingen: Record<string, string> = {};
      for (const key of items) {
        const nieuw = stored.get(`${key}.bestand`)?.[0];
        const eerder = parseKept(secret, req, body[`${key}.upload`]);
        const upload = nieuw ? { id: nieuw.id, naam: nieuw.naam } : eerder;
        if (upload) kept[key] = [upload];
        toelichtingen[key] = typeof body[`${key}.toelichting`] === "string" ? (body[`${key}.toelichting`] as string) : "";
        if (toelichtingen[key]!.length > 4000) errors[`${key}.toelichting`] = "De toelichting is te lang (maximaal 4000 tekens).";
      }
      const aanvullingen = items.flatMap((key) => {
        const toelichting = toelichtingen[key]?.trim();
        return kept[key] ? [{ item: key, documentRef: kept[key]![0]!.id, ...(toelichting ? { toelichting } : {}) }] : [];
      });
      if (aanvullingen.length === 0 && Object.keys(errors).length === 0) errors[`${items[0]}.bestand`] = "Voeg minstens één bewijsstuk toe.";
      if (Object.keys(errors).length > 0) return herstelPage(req, res, titel, state, kept, toelichtingen, errors, 400);
      try {
        await supplyHerstel(e.engine, myInschrijvingKey(req), { actor: me(req).actor, aanvullingen });
        redirectWith(res, afterPost(req, "herstel", state.ronde), "Uw stukken zijn ontvangen. U kunt tot het einde van de termijn nog meer aanleveren.");
      } catch (err) {
        const refusal = refusalOf(err);
        if (!refusal) throw err;
        const i = /^aanvullingen\.(\d+)/.exec(refusal.veld ?? "");
        const veld = i && aanvullingen[Number(i[1])] ? `${aanvullingen[Number(i[1])]!.item}.bestand` : "algemeen";
        herstelPage(req, res, titel, state, kept, toelichtingen, { [veld]: refusal.message }, refusal.status);
      }
    }),
  );

  // ---- hoor en wederhoor ------------------------------------------------------------------------

  const hoorPage = (req: Request, res: Response, titel: string, s: InschrijvingView, kept: KeptUpload[], toelichting: string, errors: FieldErrors, status = 200) => {
    const h = s.hoorEnWederhoor!;
    const path = `/aanbieder/procedures/${encodeURIComponent(s.procedureId)}/hoor-en-wederhoor${rondeQuery(s.ronde)}`;
    const ronde = s.ronde > 1 ? `?ronde=${s.ronde}` : "";
    sendPage(req, res, {
      status,
      title: `${Object.keys(errors).length > 0 ? "Fout: " : ""}Hoor en wederhoor: ${titel}`,
      body: html`<h1 class="utrecht-heading-1">Hoor en wederhoor: ${titel}</h1>
<p class="utrecht-paragraph">${hoorEnWederhoorTekst}</p>
<p class="utrecht-paragraph">U kunt reageren tot <strong>${moment(h.termijnEinde, true)}</strong>.</p>
${
  s.documenten.length > 0
    ? html`<ul class="utrecht-unordered-list">${s.documenten.map(
        (d) => html`<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="/api/v1/procedures/${s.procedureId}/inschrijvingen/${s.kvk}/documenten/${d.id}${ronde}">${d.bestandsnaam}</a> (PDF)</li>`,
      )}</ul>`
    : ""
}
${table(
  "Criteria waaraan u volgens de beoordeling niet voldoet",
  ["Criterium", "Motivering van de beoordeling"],
  h.tekortkomingen.map((t) => [html`${describeItem(itemOf(t.item))}`, html`${t.motivering}`]),
)}
${
  h.reacties.length > 0
    ? html`<h2 class="utrecht-heading-2">Uw eerdere reacties</h2>
<ul class="utrecht-unordered-list">${h.reacties.map((r) => html`<li class="utrecht-unordered-list__item">${moment(r.at)}: ${r.toelichting} (${r.documenten.length} document(en))</li>`)}</ul>`
    : ""
}
<h2 class="utrecht-heading-2">Uw reactie</h2>
${errorSummary(errors)}
<form method="post" action="${path}" enctype="multipart/form-data" novalidate id="veld-algemeen">
${csrfField(req.csrf!)}
${textArea({ name: "toelichting", label: "Toelichting", value: toelichting, errors, required: true, rows: 8, description: "Toon aan dat de tekortkoming al is opgelost of dat u aantoonbare en afdoende verbetermaatregelen heeft genomen. Minstens 10 en hoogstens 8000 tekens." })}
${multiFileField({ name: "documenten", label: "Documenten", description: `U kunt meerdere bestanden tegelijk kiezen. ${uploadHint}`, errors, accept: acceptAttribute })}
${keptFields(secret, req, "bewaard", kept)}
${submitButton("Reactie versturen")}
</form>`,
    });
  };

  const hoorGate = (req: Request, res: Response, s: InschrijvingView, terug: Herkomst["terug"]): boolean => {
    const h = s.hoorEnWederhoor;
    if (!h) {
      messagePage(req, res, 409, "Geen hoor en wederhoor", "Er loopt geen hoor en wederhoor voor uw inschrijving.", terug);
      return false;
    }
    if (h.verstreken || s.status !== "hoor-en-wederhoor" || verstreken(h.termijnEinde)) {
      messagePage(
        req,
        res,
        409,
        "Termijn verstreken",
        `De termijn voor uw reactie op hoor en wederhoor is verstreken op ${moment(h.termijnEinde, true)}. U kunt niet meer reageren. ${h.reacties.length > 0 ? "Uw reactie wordt bij de herbeoordeling betrokken." : "Zonder reactie blijft het oordeel van de beoordeling staan."} U ontvangt een besluit.`,
        terug,
      );
      return false;
    }
    return true;
  };

  router.get(
    "/aanbieder/procedures/:id/hoor-en-wederhoor",
    requireUser("aanbieder"),
    handle(async (req, res) => {
      const { state, titel, terug } = await load(req);
      if (hoorGate(req, res, state, terug)) hoorPage(req, res, titel, state, [], "", {});
    }),
  );

  router.post(
    "/aanbieder/procedures/:id/hoor-en-wederhoor",
    requireUser("aanbieder"),
    handle(async (req, res) => {
      if (!(await readMultipart(req, res))) return;
      const { state, titel, terug } = await load(req);
      if (!hoorGate(req, res, state, terug)) return;
      const body = req.body as Record<string, unknown>;
      const toelichting = typeof body.toelichting === "string" ? body.toelichting : "";
      const { stored, errors } = await storeFiles(req, (f) => f === "documenten");
      const kept = [
        ...values(body.bewaard).flatMap((v) => parseKept(secret, req, v) ?? []),
        ...(stored.get("documenten") ?? []).map((s) => ({ id: s.id, naam: s.naam })),
      ];
      if (toelichting.trim() === "") errors.toelichting = "Vul uw toelichting in.";
      else if (toelichting.length > 8000) errors.toelichting = "De toelichting is te lang (maximaal 8000 tekens).";
      if (Object.keys(errors).length > 0) return hoorPage(req, res, titel, state, kept, toelichting, errors, 400);
      try {
        const na = await replyHoorEnWederhoor(e.engine, myInschrijvingKey(req), { actor: me(req).actor, toelichting: toelichting.trim(), documenten: [...new Set(kept.map((k) => k.id))] });
        const laatste = na.hoorEnWederhoor?.reacties.at(-1);
        redirectWith(res, afterPost(req, "hoor-en-wederhoor", state.ronde), `Uw reactie is ontvangen${laatste ? ` op ${moment(laatste.at, true)}` : ""}. U kunt tot het einde van de termijn nog aanvullen.`);
      } catch (err) {
        const refusal = refusalOf(err);
        if (!refusal) throw err;
        const veld = refusal.veld === "toelichting" ? "toelichting" : refusal.veld?.startsWith("documenten") ? "documenten" : "algemeen";
        hoorPage(req, res, titel, state, kept, toelichting, { [veld]: refusal.message }, refusal.status);
      }
    }),
  );
}
