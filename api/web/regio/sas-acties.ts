import { Router, type Request, type Response } from "express";
import type { SasOpdracht, SasResultaat } from "../../../workflows/procedure/definition";
import type { FieldErrors } from "../forms";
import { requireUser } from "../session";
import { actorOf, amsterdamInstant, attempt, errorsFrom, field, handle, redirectWith, type Engine } from "./common";
import { itemKey, regioSas, sasPage, sasUrl, type FormState } from "./sas";

/**
 * The inkoper's steps in a SAS. Each posts one `sas` opdracht to the procedure, exactly as the JSON
 * API does; a refusal re-renders the SAS page with the Dutch message on its field (4xx), success
 * redirects with a message.
 */
export function sasActiesRouter(engine: Engine): Router {
  const router = Router();
  const guard = requireUser("inkoper");
  const id = (req: Request) => String(req.params.id);
  const base = "/inkoper/procedures/:id/sas";

  router.get(base, guard, handle((req, res) => sasPage(engine, req, res, id(req))));

  const refused = (req: Request, res: Response, values: FormState["values"], errors: FieldErrors, httpStatus: number) => sasPage(engine, req, res, id(req), { errors, values }, httpStatus);

  /** Sends the opdracht; a refusal lands on the page's fields (engine field → page field), else on the form. */
  async function step(
    req: Request,
    res: Response,
    p: { values: FormState["values"]; opdracht: SasOpdracht; fields: Record<string, string>; form: string; melding: (r: SasResultaat) => string; anker?: string },
  ): Promise<void> {
    const result = await attempt(() => engine.procedure(id(req)).sas({ actor: actorOf(req), opdracht: p.opdracht }));
    if (!result.ok) return refused(req, res, p.values, errorsFrom(result.refusal, p.fields, p.form), result.refusal.status);
    redirectWith(res, `${sasUrl(id(req))}${p.anker ?? ""}`, p.melding(result.value));
  }

  router.post(
    `${base}/consensus`,
    guard,
    handle(async (req, res) => {
      const [ronde, perceel, kvk, criterium] = ["ronde", "perceel", "kvk", "criterium"].map((k) => field(req.body, k)) as [string, string, string, string];
      const key = itemKey(perceel, kvk, criterium);
      const scoreName = `consensus-score-${key}`;
      const motiveringName = `consensus-motivering-${key}`;
      const values = { [scoreName]: field(req.body, scoreName), [motiveringName]: field(req.body, motiveringName) };
      if (ronde !== "selectie" && ronde !== "gunning") return refused(req, res, values, { [`consensus-${key}`]: "Onbekende ronde." }, 400);
      const raw = values[scoreName]!.trim();
      const errors: FieldErrors = {};
      if (!/^-?\d+$/.test(raw)) errors[scoreName] = "Vul de consensusscore in als geheel getal.";
      if (!values[motiveringName]!.trim()) errors[motiveringName] = "Motiveer de consensusscore.";
      if (Object.keys(errors).length > 0) return refused(req, res, values, errors, 400);
      await step(req, res, {
        values,
        opdracht: { type: "StelConsensusVast", ronde, perceel, kvk, criterium, score: Number(raw), motivering: values[motiveringName]! },
        fields: { score: scoreName, motivering: motiveringName },
        form: `consensus-${key}`,
        melding: () => `De consensusscore voor ${criterium} van KvK ${kvk} is vastgelegd.`,
        anker: `#scores-${ronde}`,
      });
    }),
  );

  router.post(
    `${base}/selectie`,
    guard,
    handle(async (req, res) => {
      const toelichting = field(req.body, "selectie-toelichting");
      const values = { "selectie-toelichting": toelichting };
      if (!toelichting.trim()) return refused(req, res, values, { "selectie-toelichting": "Licht het voorstel toe." }, 400);
      await step(req, res, {
        values,
        opdracht: { type: "ProposeSelectie", toelichting },
        fields: { toelichting: "selectie-toelichting" },
        form: "selectie",
        melding: (r) => `De selectie (${r.besluitId ?? ""}) is voorgelegd aan de programmadirecteur.`,
      });
    }),
  );

  router.post(
    `${base}/gunningssystematiek`,
    guard,
    handle(async (req, res) => {
      const view = await engine.procedure(id(req)).get({ actor: actorOf(req) });
      const sas = regioSas(view);
      const values: FormState["values"] = { "schaal-min": field(req.body, "schaal-min"), "schaal-max": field(req.body, "schaal-max"), "gs-motivering": field(req.body, "gs-motivering") };
      const errors: FieldErrors = {};
      const wegingen: { perceel: string; criterium: string; gewicht: number }[] = [];
      for (const p of sas.opzet.percelen)
        for (const c of p.gunningscriteria) {
          const name = `gewicht-${p.perceel}-${c.code}`;
          const raw = field(req.body, name).trim().replace(",", ".");
          values[name] = field(req.body, name);
          const gewicht = Number(raw);
          if (!raw || !Number.isFinite(gewicht) || gewicht <= 0 || gewicht > 100) errors[name] = `Geef ${c.code} een gewicht groter dan 0 en hoogstens 100.`;
          else wegingen.push({ perceel: p.perceel, criterium: c.code, gewicht });
        }
      const min = field(req.body, "schaal-min").trim();
      const max = field(req.body, "schaal-max").trim();
      if (!/^\d+$/.test(min)) errors["schaal-min"] = "De laagste score is een geheel getal.";
      if (!/^\d+$/.test(max)) errors["schaal-max"] = "De hoogste score is een geheel getal.";
      if (!field(req.body, "gs-motivering").trim()) errors["gs-motivering"] = "Motiveer de gunningssystematiek.";
      if (Object.keys(errors).length > 0) return refused(req, res, values, errors, 400);
      await step(req, res, {
        values,
        opdracht: { type: "ProposeGunningssystematiek", wegingen, schaal: { min: Number(min), max: Number(max) }, motivering: field(req.body, "gs-motivering") },
        fields: { schaal: "schaal-min", "schaal.min": "schaal-min", "schaal.max": "schaal-max", wegingen: "wegingen", motivering: "gs-motivering" },
        form: "gunningssystematiek",
        melding: (r) => `De gunningssystematiek (${r.besluitId ?? ""}) is voorgelegd aan het BOSD.`,
      });
    }),
  );

  router.post(
    `${base}/dialoogsessies`,
    guard,
    handle(async (req, res) => {
      const values = Object.fromEntries(["sessie-kvk", "sessie-datum", "sessie-deelnemers", "sessie-verslag"].map((k) => [k, field(req.body, k)])) as Record<string, string>;
      const errors: FieldErrors = {};
      if (!values["sessie-kvk"]) errors["sessie-kvk"] = "Kies de kandidaat.";
      if (!/^\d{4}-\d{2}-\d{2}$/.test(values["sessie-datum"]!.trim())) errors["sessie-datum"] = "Vul de datum van de sessie in.";
      const deelnemers = values["sessie-deelnemers"]!.split(/\r?\n/).map((x) => x.trim()).filter(Boolean);
      if (deelnemers.length === 0) errors["sessie-deelnemers"] = "Noem de deelnemers, één per regel.";
      if (!values["sessie-verslag"]!.trim()) errors["sessie-verslag"] = "Vul het verslag in.";
      if (Object.keys(errors).length > 0) return refused(req, res, values, errors, 400);
      await step(req, res, {
        values,
        opdracht: { type: "RecordDialoogsessie", kvk: values["sessie-kvk"]!, datum: values["sessie-datum"]!.trim(), deelnemers, verslag: values["sessie-verslag"]! },
        fields: { kvk: "sessie-kvk", datum: "sessie-datum", deelnemers: "sessie-deelnemers", verslag: "sessie-verslag" },
        form: "dialoogsessie",
        melding: (r) => `Dialoogsessie ${r.nr ?? ""} is vastgelegd.`,
        anker: "#dialoog",
      });
    }),
  );

  router.post(
    `${base}/wijzigingen`,
    guard,
    handle(async (req, res) => {
      const values = { "wijziging-onderwerp": field(req.body, "wijziging-onderwerp"), "wijziging-tekst": field(req.body, "wijziging-tekst") };
      const errors: FieldErrors = {};
      if (!values["wijziging-onderwerp"].trim()) errors["wijziging-onderwerp"] = "Vul het onderwerp in.";
      if (!values["wijziging-tekst"].trim()) errors["wijziging-tekst"] = "Beschrijf de wijziging.";
      if (Object.keys(errors).length > 0) return refused(req, res, values, errors, 400);
      await step(req, res, {
        values,
        opdracht: { type: "PublishWijziging", onderwerp: values["wijziging-onderwerp"], wijziging: values["wijziging-tekst"] },
        fields: { onderwerp: "wijziging-onderwerp", wijziging: "wijziging-tekst" },
        form: "wijziging",
        melding: (r) => `Wijziging ${r.nr ?? ""} is gepubliceerd en gaat als nota van wijzigingen naar alle geselecteerde kandidaten.`,
        anker: "#dialoog",
      });
    }),
  );

  router.post(
    `${base}/dialoog-sluiting`,
    guard,
    handle(async (req, res) => {
      const values = { sluiting: field(req.body, "sluiting") };
      const sluitingAt = amsterdamInstant(values.sluiting);
      if (!sluitingAt) return refused(req, res, values, { sluiting: "Vul het sluitingstijdstip in als datum en tijd." }, 400);
      await step(req, res, {
        values,
        opdracht: { type: "SluitDialoog", sluitingAt },
        fields: { sluitingAt: "sluiting" },
        form: "dialoog-sluiting",
        melding: () => "De dialoog is gesloten. De geselecteerde kandidaten zijn uitgenodigd tot inschrijving; hun inschrijvingen blijven verzegeld tot de opening.",
      });
    }),
  );

  router.post(
    `${base}/opening`,
    guard,
    handle(async (req, res) => {
      await step(req, res, {
        values: {},
        opdracht: { type: "BevestigOpening" },
        fields: {},
        form: "opening",
        melding: (r) => (r.fase === "opening" ? "Uw bevestiging van de opening is vastgelegd. Een tweede persoon van de regio bevestigt; daarna zijn de inschrijvingen open." : "De inschrijvingen zijn geopend (vier ogen)."),
      });
    }),
  );

  router.post(
    `${base}/voorlopige-gunning`,
    guard,
    handle(async (req, res) => {
      const toelichting = field(req.body, "gunning-toelichting");
      const values = { "gunning-toelichting": toelichting };
      if (!toelichting.trim()) return refused(req, res, values, { "gunning-toelichting": "Licht het voorstel toe." }, 400);
      await step(req, res, {
        values,
        opdracht: { type: "ProposeVoorlopigeGunning", toelichting },
        fields: { toelichting: "gunning-toelichting" },
        form: "voorlopige-gunning",
        melding: (r) => `De voorlopige gunning (${r.besluitId ?? ""}) is voorgelegd aan de programmadirecteur.`,
      });
    }),
  );

  router.post(
    `${base}/bezwaren/:nr/afhandeling`,
    guard,
    handle(async (req, res) => {
      const nr = Number(req.params.nr);
      const pre = `bezwaar-${String(req.params.nr)}`;
      const values = { [`${pre}-uitkomst`]: field(req.body, `${pre}-uitkomst`), [`${pre}-motivering`]: field(req.body, `${pre}-motivering`) };
      const uitkomst = values[`${pre}-uitkomst`];
      const errors: FieldErrors = {};
      if (!Number.isSafeInteger(nr) || nr < 1) errors[pre] = "Dit is geen bezwaarnummer.";
      if (uitkomst !== "ongegrond" && uitkomst !== "ingetrokken" && uitkomst !== "gegrond") errors[`${pre}-uitkomst`] = "Kies de uitkomst van het bezwaar.";
      if (!values[`${pre}-motivering`]!.trim()) errors[`${pre}-motivering`] = "Motiveer de afhandeling.";
      if (Object.keys(errors).length > 0) return refused(req, res, values, errors, 400);
      await step(req, res, {
        values,
        opdracht: { type: "HandelBezwaarAf", nr, uitkomst: uitkomst as "ongegrond" | "ingetrokken" | "gegrond", motivering: values[`${pre}-motivering`]! },
        fields: { nr: pre, uitkomst: `${pre}-uitkomst`, motivering: `${pre}-motivering` },
        form: pre,
        melding: () => `De afhandeling van bezwaar ${nr} is vastgelegd.`,
        anker: "#bezwaren",
      });
    }),
  );

  router.post(
    `${base}/definitieve-gunning`,
    guard,
    handle(async (req, res) => {
      await step(req, res, {
        values: {},
        opdracht: { type: "ProposeDefinitieveGunning" },
        fields: {},
        form: "definitieve-gunning",
        melding: (r) => `De definitieve gunning (${r.besluitId ?? ""}) is voorgelegd aan de programmadirecteur.`,
      });
    }),
  );

  return router;
}
