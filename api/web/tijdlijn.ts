import { wanneerTekst, type TijdlijnMoment } from "../../domain/procedure/tijdlijn";
import { html, type SafeHtml } from "./html";

const standWoord: Record<TijdlijnMoment["stand"], string> = { voorbij: "voorbij", nu: "nu", komend: "komt nog" };

/**
 * The procedure's moments as an ordered list: the state of each in words (not only in colour), today as
 * an item of its own, and whose turn it is. Plain HTML and CSS, read the same by a screen reader.
 */
export function tijdlijnHtml(momenten: readonly TijdlijnMoment[], titel = "De procedure in één oogopslag"): SafeHtml {
  return html`<h2 class="utrecht-heading-2" id="tijdlijn">${titel}</h2>
<ol class="inkoop-tijdlijn">${momenten.map((m) =>
    m.wat === "Vandaag"
      ? html`<li class="inkoop-tijdlijn__moment inkoop-tijdlijn__moment--vandaag"><strong>Vandaag</strong>, ${wanneerTekst(m)}</li>`
      : html`<li class="inkoop-tijdlijn__moment inkoop-tijdlijn__moment--${m.stand}"><span class="inkoop-tijdlijn__wanneer">${wanneerTekst(m)}</span> <strong>${m.wat}</strong> <span class="inkoop-tijdlijn__stand">(${standWoord[m.stand]})</span>${m.toelichting ? html`<br><span class="inkoop-tijdlijn__toelichting">${m.toelichting}</span>` : ""}${m.wachtOp ? html`<br><span class="inkoop-tijdlijn__wacht">Aan zet: ${m.wachtOp}</span>` : ""}</li>`,
  )}</ol>`;
}
