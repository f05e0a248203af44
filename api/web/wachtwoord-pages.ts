import { Router } from "express";
import { hashPassword, verifyPassword } from "../../activities/password";
import { wachtwoordFout } from "../../domain/gebruiker/gebruiker";
import { gebruikerEntity } from "../../workflows/gebruiker/definition";
import { clientOf, homeFor } from "./auth-pages";
import { csrfField, errorSummary, submitButton, textField, type FieldErrors } from "./forms";
import { html } from "./html";
import type { WebDeps } from "./index";
import { actorOf, alert, attempt, field, handle, PageError, redirectWith, render } from "./regio/common";
import { requireUser } from "./session";

/**
 * A user chooses an own password: after a starting password from the accountbeheerder (the session
 * sends them here first), or whenever they like. The current password is asked again and counts as
 * a login attempt, so a borrowed session cannot guess it.
 */
export function wachtwoordRouter(deps: WebDeps): Router {
  const router = Router();
  const engine = deps.session.engine;

  const formulier = (csrf: string, errors: FieldErrors, tijdelijk: boolean) => html`<h1 class="utrecht-heading-1">${tijdelijk ? "Kies een eigen wachtwoord" : "Wachtwoord wijzigen"}</h1>
${tijdelijk ? alert("info", "U bent ingelogd met een startwachtwoord van de accountbeheerder. Kies eerst een eigen wachtwoord; daarna kunt u verder.") : ""}
${errorSummary(errors)}
<form method="post" action="/wachtwoord" class="utrecht-form" novalidate>
  ${csrfField(csrf)}
  ${textField({ name: "huidig", label: tijdelijk ? "Startwachtwoord" : "Huidig wachtwoord", type: "password", value: "", errors, required: true, autocomplete: "current-password" })}
  ${textField({ name: "nieuw", label: "Nieuw wachtwoord", type: "password", value: "", errors, required: true, autocomplete: "new-password", description: "Minstens 12 tekens. Een zin van een paar woorden is sterk en goed te onthouden." })}
  ${textField({ name: "herhaling", label: "Herhaal het nieuwe wachtwoord", type: "password", value: "", errors, required: true, autocomplete: "new-password" })}
  <p class="utrecht-paragraph">${submitButton("Wachtwoord opslaan")}</p>
</form>`;

  const metWachtwoord = (gebruikersnaam: string) => {
    if (gebruikersnaam.startsWith("oidc:")) throw new PageError(404, "U logt in via eHerkenning of het account van uw organisatie; uw wachtwoord beheert u daar.");
    return engine.entity(gebruikerEntity, gebruikersnaam);
  };

  router.get(
    "/wachtwoord",
    requireUser(),
    handle(async (req, res) => {
      metWachtwoord(req.user!.gebruikersnaam);
      res.set("Cache-Control", "no-store");
      render(req, res, { title: "Wachtwoord wijzigen", body: formulier(req.csrf ?? "", {}, req.user!.wachtwoordTijdelijk === true) });
    }),
  );

  router.post(
    "/wachtwoord",
    requireUser(),
    handle(async (req, res) => {
      const user = req.user!;
      const account = metWachtwoord(user.gebruikersnaam);
      res.set("Cache-Control", "no-store");
      const tijdelijk = user.wachtwoordTijdelijk === true;
      const opnieuw = (errors: FieldErrors, status: number) => render(req, res, { title: "Fout: Wachtwoord wijzigen", status, body: formulier(req.csrf ?? "", errors, tijdelijk) });
      const huidig = field(req.body, "huidig");
      const nieuw = field(req.body, "nieuw");
      const errors: FieldErrors = {};
      if (huidig === "") errors.huidig = "Vul uw huidige wachtwoord in.";
      const fout = wachtwoordFout(nieuw, user.gebruikersnaam);
      if (fout) errors.nieuw = fout;
      else if (nieuw === huidig) errors.nieuw = "Kies een ander wachtwoord dan het huidige.";
      if (field(req.body, "herhaling") !== nieuw) errors.herhaling = "De twee nieuwe wachtwoorden zijn niet gelijk.";
      if (Object.keys(errors).length > 0) return opnieuw(errors, 400);
      const creds = await account.credentials();
      if (!creds) throw new PageError(404, "Uw account bestaat niet (meer).");
      const ok = await verifyPassword(huidig, creds.wachtwoordHash);
      const uitkomst = await account.recordAttempt({ ok, at: new Date().toISOString(), client: clientOf(req, deps.session.secret) });
      if (!uitkomst.toegestaan) {
        if (uitkomst.vertragingSeconden > 0) res.set("Retry-After", String(uitkomst.vertragingSeconden));
        return opnieuw({ huidig: uitkomst.geblokkeerdTot ? "Te veel mislukte pogingen vanaf dit apparaat. Probeer het later opnieuw." : "Dit is niet uw huidige wachtwoord." }, uitkomst.geblokkeerdTot ? 429 : 400);
      }
      const gedaan = await attempt(async () => account.beheer({ soort: "wachtwoord", actor: actorOf(req), wachtwoordHash: await hashPassword(nieuw) }));
      if (!gedaan.ok) return opnieuw({ nieuw: gedaan.refusal.message }, gedaan.refusal.status);
      redirectWith(res, tijdelijk ? homeFor[user.rol] : "/wachtwoord", "Uw nieuwe wachtwoord is opgeslagen.");
    }),
  );

  return router;
}
