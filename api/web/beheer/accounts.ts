import { Router, type NextFunction, type Request, type Response } from "express";
import { randomInt } from "node:crypto";
import { hashPassword } from "../../../activities/password";
import { GebruikerRolSchema, GebruikersnaamSchema, REGIO_ROLLEN, startwachtwoord, type AccountBeheer, type GebruikerRol } from "../../../domain/gebruiker/gebruiker";
import { KvkSchema } from "../../../domain/shared/kvk";
import { aanbiederEntity } from "../../../workflows/aanbieder/definition";
import { gebruikerEntity, type GebruikerLogregel, type GebruikerOverzicht } from "../../../workflows/gebruiker/definition";
import { csrfField, errorSummary, selectField, submitButton, textArea, textField, type FieldErrors } from "../forms";
import { html, type SafeHtml } from "../html";
import type { WebDeps } from "../index";
import { formatNl, rolLabel, table } from "../layout";
import { actorOf, alert, attempt, errorPage, errorsFrom, field, filterFormulier, filterUit, gefilterd, gegevens, handle, link, PageError, pagineer, paginering, redirectWith, render } from "../regio/common";
import { wie } from "../regio/labels";
import { requireUser } from "../session";

/**
 * Account administration for the region: an accountbeheerder creates accounts (with a starting
 * password shown once), disables and enables them, and changes role and accountbeheer, each with a
 * reason that goes into the account's logboek. Whether the caller may is read from the caller's own
 * account at every request (session.ts), never from the session alone.
 */

const rolOpties = GebruikerRolSchema.options.map((r) => ({ value: r, label: rolLabel[r] }));

function requireAccountbeheer(req: Request, res: Response, next: NextFunction): void {
  if (!req.user?.accountbeheer) return void res.status(403).send(errorPage(req, 403, "Alleen een accountbeheerder van de regio beheert accounts. Vraag de accountbeheerder als u een account nodig hebt."));
  next();
}

const status = (a: { uitgeschakeld: boolean }) => (a.uitgeschakeld ? "Uitgeschakeld" : "Actief");

function accountRegel(a: GebruikerOverzicht): SafeHtml[] {
  return [
    link(`/beheer/accounts/${encodeURIComponent(a.gebruikersnaam)}`, a.gebruikersnaam),
    html`${a.naam}`,
    html`${rolLabel[a.rol]}${a.kvk ? ` (KvK ${a.kvk})` : ""}`,
    html`${a.accountbeheer ? "Ja" : "Nee"}`,
    html`${status(a)}`,
    html`${formatNl(a.aangemaaktOp)}`,
  ];
}

interface NieuwInvoer {
  gebruikersnaam: string;
  naam: string;
  email: string;
  rol: string;
  kvk: string;
  accountbeheer: boolean;
}

const leegInvoer: NieuwInvoer = { gebruikersnaam: "", naam: "", email: "", rol: "inkoper", kvk: "", accountbeheer: false };

function nieuwForm(csrf: string, v: NieuwInvoer, errors: FieldErrors): SafeHtml {
  return html`<section aria-labelledby="nieuw-kop">
<h2 class="utrecht-heading-2" id="nieuw-kop">Nieuw account</h2>
<p class="utrecht-paragraph">Het systeem maakt een startwachtwoord en toont het één keer. Bij de eerste keer inloggen kiest de gebruiker een eigen wachtwoord.</p>
${errorSummary(errors)}
<form method="post" action="/beheer/accounts" class="utrecht-form" novalidate id="veld-nieuw">
  ${csrfField(csrf)}
  ${textField({ name: "gebruikersnaam", label: "Gebruikersnaam", value: v.gebruikersnaam, errors, required: true, description: "3 tot 64 tekens: letters, cijfers, punt, @, streepje of liggend streepje.", autocomplete: "off" })}
  ${textField({ name: "naam", label: "Naam", value: v.naam, errors, required: true, autocomplete: "off" })}
  ${textField({ name: "email", label: "E-mailadres", type: "email", value: v.email, errors, autocomplete: "off" })}
  ${selectField({ name: "rol", label: "Rol", value: v.rol, errors, options: rolOpties, required: true })}
  ${textField({ name: "kvk", label: "KvK-nummer", value: v.kvk, errors, description: "Alleen bij de rol aanbieder: het KvK-nummer van een aanbieder die al geregistreerd is." })}
  ${accountbeheerVeld(v.accountbeheer, errors)}
  <p class="utrecht-paragraph">${submitButton("Account aanmaken")}</p>
</form>
</section>`;
}

function accountbeheerVeld(checked: boolean, errors: FieldErrors): SafeHtml {
  const fout = errors.accountbeheer;
  return html`<div class="utrecht-form-field utrecht-form-field--checkbox">
  <div class="utrecht-form-field__input"><input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="veld-accountbeheer" name="accountbeheer" value="ja"${checked ? html` checked` : ""}${fout ? html` aria-invalid="true" aria-describedby="veld-accountbeheer-fout"` : ""}></div>
  <div class="utrecht-form-field__label"><label class="utrecht-form-label utrecht-form-label--checkbox" for="veld-accountbeheer">Accountbeheer: mag accounts aanmaken, uitschakelen en van rol wisselen (alleen medewerkers van de regio)</label></div>
  ${fout ? html`<div class="utrecht-form-field-error-message" id="veld-accountbeheer-fout">${fout}</div>` : ""}
</div>`;
}

function filterForm(f: { zoek: string; rol: string; status: string }): SafeHtml {
  return filterFormulier({
    action: "/beheer/accounts",
    label: "Accounts filteren",
    f,
    velden: [
      textField({ name: "zoek", label: "Zoeken op gebruikersnaam of naam", value: f.zoek }),
      selectField({ name: "rol", label: "Rol", value: f.rol, options: [{ value: "", label: "Alle rollen" }, ...rolOpties] }),
      selectField({ name: "status", label: "Status", value: f.status, options: [{ value: "", label: "Alle" }, { value: "actief", label: "Actief" }, { value: "uitgeschakeld", label: "Uitgeschakeld" }] }),
    ],
  });
}

const logLabels: Record<string, string> = {
  GebruikerAangemaakt: "Account aangemaakt",
  GebruikerUitgeschakeld: "Account uitgeschakeld",
  GebruikerIngeschakeld: "Account weer ingeschakeld",
  GebruikerRolGewijzigd: "Rol gewijzigd",
  WachtwoordGewijzigd: "Wachtwoord ingesteld",
};

function logWat(r: GebruikerLogregel): string {
  const d = (r.data ?? {}) as Record<string, unknown>;
  switch (r.type) {
    case "GebruikerAangemaakt":
      return `Account aangemaakt als ${rolLabel[d.rol as GebruikerRol] ?? String(d.rol)}${d.accountbeheer ? ", met accountbeheer" : ""}`;
    case "GebruikerRolGewijzigd": {
      const van = `${rolLabel[d.van as GebruikerRol] ?? String(d.van)}${d.accountbeheerVan ? " met accountbeheer" : ""}`;
      const naar = `${rolLabel[d.naar as GebruikerRol] ?? String(d.naar)}${d.accountbeheerNaar ? " met accountbeheer" : ""}`;
      return `Rol gewijzigd van ${van} naar ${naar}`;
    }
    case "WachtwoordGewijzigd":
      return d.tijdelijk ? "Startwachtwoord ingesteld" : "Eigen wachtwoord gekozen";
    default:
      return logLabels[r.type] ?? r.type;
  }
}

function startwachtwoordMelding(gebruikersnaam: string, wachtwoord: string, wat: string): SafeHtml {
  return html`<div class="utrecht-alert utrecht-alert--ok" role="status"><div class="utrecht-alert__content">
<p class="utrecht-paragraph">${wat} Het startwachtwoord van <strong>${gebruikersnaam}</strong> is:</p>
<p class="utrecht-paragraph"><code class="inkoop-startwachtwoord">${wachtwoord}</code></p>
<p class="utrecht-paragraph">Dit wachtwoord wordt maar één keer getoond. Geef het via een ander kanaal door dan de gebruikersnaam (bijvoorbeeld telefonisch). Bij de eerste keer inloggen kiest de gebruiker een eigen wachtwoord.</p>
</div></div>`;
}

export function accountsRouter(deps: WebDeps): Router {
  const router = Router();
  const engine = deps.session.engine;
  const account = (naam: string) => engine.entity(gebruikerEntity, naam);
  const guard = [requireUser(...REGIO_ROLLEN), requireAccountbeheer] as const;

  const lijstPagina = async (req: Request, res: Response, extra: { invoer?: NieuwInvoer; errors?: FieldErrors; bovenaan?: SafeHtml; status?: number } = {}) => {
    const gevraagd = filterUit(req.query, ["zoek", "rol", "status"] as const);
    // Only values the form offers count; a search is at most 100 characters.
    const f = {
      zoek: gevraagd.zoek.slice(0, 100),
      rol: GebruikerRolSchema.safeParse(gevraagd.rol).success ? gevraagd.rol : "",
      status: gevraagd.status === "actief" || gevraagd.status === "uitgeschakeld" ? gevraagd.status : "",
    };
    const gezocht = f.zoek.toLocaleLowerCase("nl");
    const alle = (await engine.list(gebruikerEntity)) as unknown as GebruikerOverzicht[];
    const gekozen = alle
      .filter((a) => (f.rol ? a.rol === f.rol : true) && (f.status ? status(a).toLowerCase() === f.status : true) && (gezocht ? `${a.gebruikersnaam} ${a.naam}`.toLocaleLowerCase("nl").includes(gezocht) : true))
      .sort((a, b) => a.gebruikersnaam.localeCompare(b.gebruikersnaam, "nl"));
    const { pagina, paginas, zichtbaar } = pagineer(gekozen, req.query);
    render(req, res, {
      title: extra.errors && Object.keys(extra.errors).length > 0 ? "Fout: Accounts" : "Accounts",
      current: "/beheer/accounts",
      ...(extra.status ? { status: extra.status } : {}),
      body: html`<div class="inkoop-beheer"><h1 class="utrecht-heading-1">Accounts</h1>
${extra.bovenaan ?? ""}
<p class="utrecht-paragraph">${alle.length} accounts in totaal, waarvan ${alle.filter((a) => a.uitgeschakeld).length} uitgeschakeld en ${alle.filter((a) => a.accountbeheer).length} met accountbeheer.${gefilterd(f) ? ` ${gekozen.length} voldoen aan het filter.` : ""}</p>
${filterForm(f)}
${table("Accounts", ["Gebruikersnaam", "Naam", "Rol", "Accountbeheer", "Status", "Aangemaakt"], zichtbaar.map(accountRegel), "Geen accounts die aan het filter voldoen.", { titelVerborgen: true })}
${paginering({ action: "/beheer/accounts", f, pagina, paginas, totaal: gekozen.length, wat: "accounts" })}
${nieuwForm(req.csrf ?? "", extra.invoer ?? leegInvoer, extra.errors ?? {})}</div>`,
    });
  };

  router.get("/beheer/accounts", ...guard, handle(async (req, res) => lijstPagina(req, res)));

  router.post(
    "/beheer/accounts",
    ...guard,
    handle(async (req, res) => {
      res.set("Cache-Control", "no-store");
      const invoer: NieuwInvoer = {
        gebruikersnaam: field(req.body, "gebruikersnaam").trim(),
        naam: field(req.body, "naam").trim(),
        email: field(req.body, "email").trim(),
        rol: field(req.body, "rol"),
        kvk: field(req.body, "kvk").replace(/[\s.]/g, ""),
        accountbeheer: field(req.body, "accountbeheer") === "ja",
      };
      const errors: FieldErrors = {};
      const naam = GebruikersnaamSchema.safeParse(invoer.gebruikersnaam);
      if (!naam.success) errors.gebruikersnaam = invoer.gebruikersnaam === "" ? "Vul een gebruikersnaam in." : (naam.error.issues[0]?.message ?? "Deze gebruikersnaam is ongeldig.");
      if (invoer.naam.length < 2) errors.naam = "Vul de naam van de gebruiker in (minstens 2 tekens).";
      if (invoer.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(invoer.email)) errors.email = "Vul een geldig e-mailadres in, zoals naam@gemeente.nl, of laat het veld leeg.";
      const rol = GebruikerRolSchema.safeParse(invoer.rol);
      if (!rol.success) errors.rol = "Kies een rol.";
      const aanbieder = rol.success && rol.data === "aanbieder";
      if (aanbieder) {
        const kvk = KvkSchema.safeParse(invoer.kvk);
        if (!kvk.success) errors.kvk = "Vul het KvK-nummer van de aanbieder in (8 cijfers).";
        else if ((await engine.entity(aanbiederEntity, kvk.data).get()) === null) errors.kvk = "Er is geen aanbieder met dit KvK-nummer geregistreerd. De aanbieder registreert zich eerst, of de inkoper nodigt hem uit.";
        if (invoer.accountbeheer) errors.accountbeheer = "Accountbeheer is er alleen voor medewerkers van de regio.";
      } else if (invoer.kvk !== "") errors.kvk = "Alleen een aanbieder heeft een KvK-nummer; laat dit veld leeg.";
      if (Object.keys(errors).length > 0 || !naam.success || !rol.success) return lijstPagina(req, res, { invoer, errors, status: 400 });
      const wachtwoord = startwachtwoord(randomInt);
      const uitkomst = await attempt(async () =>
        account(naam.data).create({
          actor: actorOf(req),
          gebruiker: {
            gebruikersnaam: naam.data,
            naam: invoer.naam,
            rol: rol.data,
            ...(aanbieder ? { kvk: invoer.kvk } : {}),
            ...(invoer.email ? { email: invoer.email } : {}),
            ...(invoer.accountbeheer ? { accountbeheer: true } : {}),
            wachtwoordTijdelijk: true,
            wachtwoordHash: await hashPassword(wachtwoord),
          },
        }),
      );
      if (!uitkomst.ok)
        return lijstPagina(req, res, { invoer, errors: errorsFrom(uitkomst.refusal, { gebruikersnaam: "gebruikersnaam", naam: "naam", email: "email", rol: "rol", kvk: "kvk", accountbeheer: "accountbeheer" }, "nieuw"), status: uitkomst.refusal.status });
      await lijstPagina(req, res, { bovenaan: startwachtwoordMelding(naam.data, wachtwoord, "Het account is aangemaakt.") });
    }),
  );

  const detailPagina = async (req: Request, res: Response, extra: { errors?: FieldErrors; bovenaan?: SafeHtml; status?: number; reden?: string } = {}) => {
    const naam = String(req.params.naam);
    const [a, log] = await Promise.all([account(naam).get(), account(naam).logboek()]);
    if (!a) throw new PageError(404, `Er is geen account met de gebruikersnaam ${naam}.`);
    const errors = extra.errors ?? {};
    const zelf = req.user?.gebruikersnaam === a.gebruikersnaam;
    const base = `/beheer/accounts/${encodeURIComponent(a.gebruikersnaam)}`;
    const redenVeld = (id: string) => textArea({ name: `reden-${id}`, label: "Reden (komt in het logboek)", value: extra.reden ?? "", errors, required: true, rows: 2 });
    res.set("Cache-Control", "no-store");
    render(req, res, {
      title: `${Object.keys(errors).length > 0 ? "Fout: " : ""}Account ${a.gebruikersnaam}`,
      current: "/beheer/accounts",
      ...(extra.status ? { status: extra.status } : {}),
      body: html`<div class="inkoop-beheer"><p class="utrecht-paragraph">${link("/beheer/accounts", "← Alle accounts")}</p>
<h1 class="utrecht-heading-1">Account ${a.gebruikersnaam}</h1>
${extra.bovenaan ?? ""}
${errorSummary(errors)}
${gegevens([
  ["Naam", a.naam],
  ["Rol", rolLabel[a.rol]],
  ["KvK-nummer", a.kvk],
  ["E-mailadres", a.email],
  ["Accountbeheer", a.accountbeheer ? "Ja" : "Nee"],
  ["Status", a.uitgeschakeld ? `Uitgeschakeld op ${formatNl(a.uitgeschakeld.op)} door ${wie(a.uitgeschakeld.door)}: ${a.uitgeschakeld.reden}` : "Actief"],
  ["Wachtwoord", a.wachtwoordTijdelijk ? "Startwachtwoord: nog geen eigen wachtwoord gekozen" : "Eigen wachtwoord"],
  ["Aangemaakt", `${formatNl(a.aangemaaktOp)} door ${wie(a.aangemaaktDoor)}`],
])}
${
  zelf
    ? alert("info", "Dit is uw eigen account. U kunt het niet zelf uitschakelen, van rol wisselen of uw eigen accountbeheer intrekken: vraag daarvoor een andere accountbeheerder. Uw wachtwoord wijzigt u via 'Wachtwoord wijzigen'.")
    : html`<section aria-labelledby="rol-kop">
<h2 class="utrecht-heading-2" id="rol-kop">Rol en accountbeheer wijzigen</h2>
<form method="post" action="${base}/rol" class="utrecht-form" novalidate id="veld-rol-form">
  ${csrfField(req.csrf ?? "")}
  ${selectField({ name: "rol", label: "Rol", value: a.rol, errors, required: true, options: a.rol === "aanbieder" ? rolOpties.filter((o) => o.value === "aanbieder") : rolOpties.filter((o) => o.value !== "aanbieder") })}
  ${a.rol === "aanbieder" ? "" : accountbeheerVeld(a.accountbeheer === true, errors)}
  ${redenVeld("rol")}
  <p class="utrecht-paragraph">${submitButton("Wijziging opslaan")}</p>
</form>
</section>
<section aria-labelledby="status-kop">
<h2 class="utrecht-heading-2" id="status-kop">${a.uitgeschakeld ? "Weer inschakelen" : "Uitschakelen"}</h2>
<p class="utrecht-paragraph">${a.uitgeschakeld ? "Na inschakelen kan de gebruiker weer inloggen met het bestaande wachtwoord." : "Een uitgeschakeld account kan niet meer inloggen; lopende sessies eindigen bij het volgende verzoek. Alles wat de gebruiker deed, blijft bewaard."}</p>
<form method="post" action="${base}/${a.uitgeschakeld ? "inschakelen" : "uitschakelen"}" class="utrecht-form" novalidate id="veld-status-form">
  ${csrfField(req.csrf ?? "")}
  ${redenVeld("status")}
  <p class="utrecht-paragraph">${submitButton(a.uitgeschakeld ? "Account inschakelen" : "Account uitschakelen", { secondary: !a.uitgeschakeld })}</p>
</form>
</section>
<section aria-labelledby="ww-kop">
<h2 class="utrecht-heading-2" id="ww-kop">Nieuw startwachtwoord</h2>
<p class="utrecht-paragraph">Voor een gebruiker die het wachtwoord kwijt is. Het huidige wachtwoord werkt daarna niet meer.</p>
<form method="post" action="${base}/startwachtwoord" class="utrecht-form" novalidate id="veld-ww-form">
  ${csrfField(req.csrf ?? "")}
  ${redenVeld("wachtwoord")}
  <p class="utrecht-paragraph">${submitButton("Nieuw startwachtwoord maken", { secondary: true })}</p>
</form>
</section>`
}
<h2 class="utrecht-heading-2">Logboek</h2>
${table(
  `Logboek van account ${a.gebruikersnaam}`,
  ["Wanneer", "Wie", "Wat", "Waarom"],
  log.map((r) => [html`${formatNl(r.at)}`, html`${wie(r.actor)}`, html`${logWat(r)}`, html`${r.reden ?? ""}`]),
  undefined,
  { titelVerborgen: true },
)}</div>`,
    });
  };

  router.get("/beheer/accounts/:naam", ...guard, handle(async (req, res) => detailPagina(req, res)));

  /** One administration command from a form with a reason field named `reden-<form>`. */
  const beheerPost = (pad: string, formulier: string, command: (req: Request, reden: string) => Promise<{ cmd: AccountBeheer; wachtwoord?: string }> | { cmd: AccountBeheer }, melding: string) =>
    router.post(
      `/beheer/accounts/:naam/${pad}`,
      ...guard,
      handle(async (req, res) => {
        const naam = String(req.params.naam);
        const reden = field(req.body, `reden-${formulier}`).trim();
        if (reden.length < 3) return detailPagina(req, res, { errors: { [`reden-${formulier}`]: "Vul een reden in (minstens 3 tekens); die komt in het logboek." }, status: 400, reden });
        const gemaakt: { cmd: AccountBeheer; wachtwoord?: string } = await command(req, reden);
        const { cmd } = gemaakt;
        const uitkomst = await attempt(() => account(naam).beheer(cmd));
        if (!uitkomst.ok) return detailPagina(req, res, { errors: errorsFrom(uitkomst.refusal, { rol: "rol", accountbeheer: "accountbeheer", reden: `reden-${formulier}` }, `reden-${formulier}`), status: uitkomst.refusal.status, reden });
        if (gemaakt.wachtwoord) return detailPagina(req, res, { bovenaan: startwachtwoordMelding(naam, gemaakt.wachtwoord, melding) });
        redirectWith(res, `/beheer/accounts/${encodeURIComponent(naam)}`, melding);
      }),
    );

  beheerPost("uitschakelen", "status", (req, reden) => ({ cmd: { soort: "uitschakelen", actor: actorOf(req), reden } }), "Het account is uitgeschakeld.");
  beheerPost("inschakelen", "status", (req, reden) => ({ cmd: { soort: "inschakelen", actor: actorOf(req), reden } }), "Het account is weer ingeschakeld.");
  beheerPost(
    "rol",
    "rol",
    (req, reden) => {
      const rol = GebruikerRolSchema.safeParse(field(req.body, "rol"));
      if (!rol.success) throw new PageError(400, "Kies een rol.");
      return { cmd: { soort: "rol", actor: actorOf(req), rol: rol.data, accountbeheer: field(req.body, "accountbeheer") === "ja", reden } };
    },
    "De rol is gewijzigd. Lopende sessies van de gebruiker eindigen; de gebruiker logt opnieuw in.",
  );
  beheerPost(
    "startwachtwoord",
    "wachtwoord",
    async (req, reden) => {
      const wachtwoord = startwachtwoord(randomInt);
      // The plain password goes to this page only, once; the engine gets the hash.
      return { cmd: { soort: "startwachtwoord", actor: actorOf(req), wachtwoordHash: await hashPassword(wachtwoord), reden }, wachtwoord };
    },
    "Er is een nieuw startwachtwoord gemaakt.",
  );

  return router;
}
