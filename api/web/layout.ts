import type { Rol } from "../../domain/shared/actor";
import { html, type SafeHtml } from "./html";

export interface WebUser {
  gebruikersnaam: string;
  naam: string;
  rol: Exclude<Rol, "systeem">;
  kvk?: string;
  /** The account may create, disable and re-role accounts (read from the account at every request). */
  accountbeheer?: boolean;
  /** The account still has its starting password: the user chooses an own one first. */
  wachtwoordTijdelijk?: boolean;
}

const navigation: Record<WebUser["rol"], { href: string; label: string }[]> = {
  inkoper: [
    { href: "/inkoper", label: "Procedures" },
    { href: "/inkoper/procedures/nieuw", label: "Nieuwe procedure" },
    { href: "/inkoper/onderhands", label: "Onderhands" },
    { href: "/besluiten", label: "Besluiten" },
    { href: "/contracten", label: "Contracten" },
  ],
  beoordelaar: [{ href: "/beoordelaar", label: "Te beoordelen" }],
  aanbieder: [
    { href: "/aanbieder", label: "Procedures" },
    { href: "/aanbieder/onderhands", label: "Onderhandse trajecten" },
    { href: "/aanbieder/besluiten", label: "Mijn besluiten" },
    { href: "/contracten", label: "Mijn contracten" },
  ],
  programmadirecteur: [{ href: "/besluiten", label: "Te nemen besluiten" }],
  bosd: [{ href: "/besluiten", label: "Te nemen besluiten" }],
};

export const rolLabel: Record<WebUser["rol"], string> = {
  inkoper: "Inkoper",
  beoordelaar: "Beoordelaar",
  aanbieder: "Aanbieder",
  programmadirecteur: "Programmadirecteur",
  bosd: "BOSD",
};

/** The page shell: NL Design System (Utrecht) CSS, skip link, header with navigation and logout. */
export function page(p: { title: string; user?: WebUser; csrf?: string; body: SafeHtml; melding?: string; current?: string }): string {
  const nav = p.user ? [...navigation[p.user.rol], ...(p.user.accountbeheer ? [{ href: "/beheer/accounts", label: "Accounts" }] : [])] : [];
  return html`<!doctype html>
<html lang="nl" class="utrecht-theme">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title} | Inkoop Regio Midden-Holland</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/design-tokens.css">
<link rel="stylesheet" href="/static/utrecht.css">
<link rel="stylesheet" href="/static/inkoop.css">
</head>
<body class="utrecht-document utrecht-document--surface">
<a class="utrecht-link inkoop-skiplink" href="#inhoud">Naar de inhoud</a>
<div class="utrecht-page">
<header class="utrecht-page-header inkoop-header">
  <div class="inkoop-header__top">
    <a class="inkoop-logo" href="/">Inkoop <span>Jeugd en Wmo · Regio Midden-Holland</span></a>
    ${
      p.user
        ? html`<div class="inkoop-user">${p.user.naam} · ${rolLabel[p.user.rol]}${p.user.kvk ? html` · KvK ${p.user.kvk}` : ""}
      ${p.user.gebruikersnaam.startsWith("oidc:") ? "" : html`· <a class="utrecht-link" href="/wachtwoord">Wachtwoord wijzigen</a>`}
      <form method="post" action="/uitloggen" class="inkoop-inline"><input type="hidden" name="_csrf" value="${p.csrf ?? ""}"><button class="utrecht-button utrecht-button--subtle" type="submit">Uitloggen</button></form></div>`
        : ""
    }
  </div>
  ${
    nav.length > 0
      ? html`<nav aria-label="Hoofdmenu" class="inkoop-nav"><ul>${nav.map((n) => html`<li><a class="utrecht-link${p.current === n.href ? " inkoop-nav--current" : ""}" href="${n.href}"${p.current === n.href ? html` aria-current="page"` : ""}>${n.label}</a></li>`)}</ul></nav>`
      : ""
  }
</header>
<main class="utrecht-page-content" id="inhoud" tabindex="-1">
${p.melding ? html`<div class="utrecht-alert utrecht-alert--ok" role="status"><div class="utrecht-alert__content"><p class="utrecht-paragraph">${p.melding}</p></div></div>` : ""}
${p.body}
</main>
<footer class="utrecht-page-footer inkoop-footer"><p class="utrecht-paragraph">Regio Midden-Holland · Inkoop Jeugd en Wmo · <a class="utrecht-link" href="/api/v1/openapi.json">API</a></p></footer>
</div>
</body>
</html>`.value;
}

/**
 * A table with a caption and column headers, as screen readers expect. Without rows it says so in a
 * sentence: `leeg` when the caller has a better one, else "Er staat nog niets in <caption>".
 */
export function table(caption: string, headers: string[], rows: SafeHtml[][], leeg?: string, opts: { titelVerborgen?: boolean } = {}): SafeHtml {
  if (rows.length === 0) return html`<p class="utrecht-paragraph inkoop-leeg">${leeg ?? `Er staat nog niets in de lijst ${caption.charAt(0).toLowerCase()}${caption.slice(1)}.`}</p>`;
  return html`<table class="utrecht-table utrecht-table--html-table">
<caption class="utrecht-table__caption${opts.titelVerborgen ? " inkoop-visueel-verborgen" : ""}">${caption}</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row">${headers.map((h) => html`<th class="utrecht-table__header-cell" scope="col">${h}</th>`)}</tr></thead>
<tbody class="utrecht-table__body">${rows.map((r) => html`<tr class="utrecht-table__row">${r.map((c) => html`<td class="utrecht-table__cell">${c}</td>`)}</tr>`)}</tbody>
</table>`;
}

export function formatNl(iso: string | undefined): string {
  if (!iso) return "";
  return new Intl.DateTimeFormat("nl-NL", { timeZone: "Europe/Amsterdam", dateStyle: "long", timeStyle: "short" }).format(new Date(iso));
}
