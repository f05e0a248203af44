import type { Request } from "express";
import { findProduct, gepubliceerdeOpleiding, toelatingscriteria, type Toelatingscriterium } from "../../../domain/catalogue";
import { VerklaringSchema, type CriteriumAntwoord, type InschrijvingInput } from "../../../domain/inschrijving/inschrijving";
import { itemKey } from "../../../domain/inschrijving/items";
import { choiceGroup, csrfField, errorSummary, fileField, submitButton, textArea, type FieldErrors } from "../forms";
import { html, type SafeHtml } from "../html";
import { productLabel } from "./common";
import { acceptAttribute, keptFields, parseKept, uploadHint, type KeptUpload } from "./multipart";

/**
 * The inschrijving form: the products of the round, and per toelatingscriterium a verklaring, a
 * toelichting and an evidence file. TC02 and TC07 are answered per product; the product choice is on
 * the same page, so their fields stand there for every offered product and only those of the chosen
 * products are read.
 *
 * Field names are `<item>.<part>`, the item being the beoordelingsitem key (`TC01`, `TC02:<product>`):
 * `verklaring`, `vrijstelling`, `toelichting`, `bestand` (the file) and `upload` (a kept upload).
 */
export interface ItemValue {
  verklaring?: string;
  vrijstelling?: string;
  toelichting?: string;
  upload?: KeptUpload;
}

export interface InschrijvingForm {
  producten: string[];
  /** SAS with several percelen (Wonen Wmo): the percelen the aanmelding is for. */
  percelen?: string[];
  /** A contract entered per plaats (Hulp bij huishouden, 6.10.1): per product the plaatsen chosen (fields `plaatsen.<product>`). */
  plaatsen?: Record<string, string[]>;
  items: Record<string, ItemValue>;
  /** The idempotency key made when the form was rendered: a double click gets the same receipt. */
  sleutel: string;
}

interface Item {
  key: string;
  criterium: Toelatingscriterium;
  productId?: string;
}

export function itemsFor(aangeboden: readonly string[]): Item[] {
  return toelatingscriteria.flatMap((c) =>
    c.perProduct ? aangeboden.map((productId) => ({ key: itemKey(c.code, productId), criterium: c, productId })) : [{ key: itemKey(c.code), criterium: c }],
  );
}

const field = (key: string, part: string) => `${key}.${part}`;

const itemName = (item: Item) => `${item.criterium.code} (${item.criterium.titel})${item.productId ? ` voor ${productLabel(item.productId)}` : ""}`;

const vrijstellingLabel: Record<string, string> = { "micro-onderneming": "Micro-onderneming", "geen-vrijwilligers": "Geen vrijwilligers" };

/** The percelen an aanmelding for a SAS chooses from (only when there are several), with the catalogue's rule. */
export interface PerceelKeuze {
  opties: { id: string; naam: string }[];
  regel?: string;
  /** Whether an aanbieder may apply for more than one perceel (the catalogue's inschrijvenOpMeerderePercelen). */
  meerdere: boolean;
}

/** A contract entered per plaats: the plaatsen open in this round (a heropening may open only some). */
export interface PlaatsKeuze {
  plaatsen: readonly string[];
  /** True in a heropening for some plaatsen only. */
  beperkt: boolean;
}

const plaatsenVeld = (productId: string) => `plaatsen.${productId}`;

/** Reads the posted form: the chosen products (only offered ones), the chosen percelen, and every item's values. */
export function readForm(req: Request, secret: string, aangeboden: readonly string[], keuze?: PerceelKeuze, plaatsKeuze?: PlaatsKeuze): InschrijvingForm {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const gekozen = new Set(Array.isArray(body.producten) ? body.producten : [body.producten]);
  const text = (v: unknown) => (typeof v === "string" ? v : undefined);
  const items: Record<string, ItemValue> = {};
  for (const item of itemsFor(aangeboden)) {
    const upload = parseKept(secret, req, body[field(item.key, "upload")]);
    const v: ItemValue = {};
    const verklaring = text(body[field(item.key, "verklaring")]);
    const vrijstelling = text(body[field(item.key, "vrijstelling")]);
    const toelichting = text(body[field(item.key, "toelichting")]);
    if (verklaring) v.verklaring = verklaring;
    if (vrijstelling) v.vrijstelling = vrijstelling;
    if (toelichting) v.toelichting = toelichting;
    if (upload) v.upload = upload;
    items[item.key] = v;
  }
  const sleutel = text(body.sleutel) ?? "";
  const percelen = new Set(Array.isArray(body.percelen) ? body.percelen : [body.percelen]);
  // Per product its own checkboxes; only offered plaatsen are read, in the catalogue's order.
  const plaatsen = plaatsKeuze
    ? Object.fromEntries(
        aangeboden.map((p) => {
          const v = body[plaatsenVeld(p)];
          const aangevinkt = new Set(Array.isArray(v) ? v : [v]);
          return [p, plaatsKeuze.plaatsen.filter((x) => aangevinkt.has(x))];
        }),
      )
    : undefined;
  return { producten: aangeboden.filter((p) => gekozen.has(p)), ...(keuze ? { percelen: keuze.opties.map((o) => o.id).filter((id) => percelen.has(id)) } : {}), ...(plaatsen ? { plaatsen } : {}), items, sleutel };
}

/** Checks what the page can check itself, all at once; the engine checks everything again. */
export function checkForm(form: InschrijvingForm, aangeboden: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  if (form.producten.length === 0) errors.producten = `Kies minstens één product waarvoor u ${form.percelen ? "zich aanmeldt" : "inschrijft"}.`;
  if (form.percelen && form.percelen.length === 0) errors.percelen = "Kies minstens één perceel waarvoor u zich aanmeldt.";
  if (form.plaatsen)
    for (const p of form.producten) if ((form.plaatsen[p] ?? []).length === 0) errors[plaatsenVeld(p)] = `Kies minstens één plaats waar u ${productLabel(p)} biedt.`;
  for (const item of neededItems(form, aangeboden)) {
    const v = form.items[item.key] ?? {};
    const verklaring = VerklaringSchema.safeParse(v.verklaring);
    if (!verklaring.success || (verklaring.data === "vrijgesteld" && item.criterium.vrijstellingen.length === 0))
      errors[field(item.key, "verklaring")] = `Kies bij ${itemName(item)} of u voldoet.`;
    else if (verklaring.data === "vrijgesteld" && !item.criterium.vrijstellingen.some((x) => x.code === v.vrijstelling))
      errors[field(item.key, "vrijstelling")] = `Kies welke vrijstelling geldt voor ${itemName(item)}.`;
    if ((v.toelichting ?? "").length > 4000) errors[field(item.key, "toelichting")] = `De toelichting bij ${itemName(item)} is te lang (maximaal 4000 tekens).`;
  }
  return errors;
}

/** The items that must be answered: every criterion, the per-product ones for the chosen products. */
function neededItems(form: InschrijvingForm, aangeboden: readonly string[]): Item[] {
  return itemsFor(aangeboden).filter((i) => i.productId === undefined || form.producten.includes(i.productId));
}

/** The inschrijving for the engine, and which item each answer came from (to place its refusal). */
export function toInput(form: InschrijvingForm, aangeboden: readonly string[]): { input: InschrijvingInput; keys: string[] } {
  const needed = neededItems(form, aangeboden);
  const antwoorden: CriteriumAntwoord[] = needed.map((item) => {
    const v = form.items[item.key] ?? {};
    const verklaring = VerklaringSchema.parse(v.verklaring);
    const toelichting = v.toelichting?.trim();
    return {
      criterium: item.criterium.code,
      ...(item.productId ? { productId: item.productId } : {}),
      verklaring,
      ...(verklaring === "vrijgesteld" && v.vrijstelling ? { vrijstelling: v.vrijstelling } : {}),
      ...(toelichting ? { toelichting } : {}),
      ...(v.upload ? { documentRef: v.upload.id } : {}),
    };
  });
  const plaatsen = form.plaatsen ? form.producten.map((productId) => ({ productId, plaatsen: form.plaatsen?.[productId] ?? [] })) : undefined;
  return { input: { producten: form.producten, antwoorden, ...(form.percelen ? { percelen: form.percelen } : {}), ...(plaatsen ? { plaatsen } : {}) }, keys: needed.map((i) => i.key) };
}

/**
 * Where an engine refusal belongs on the form. The engine names fields as `producten.<i>`,
 * `antwoorden.<i>.<part>` (the i-th answer sent), `antwoorden.<criterium>[.<product>]` (a missing
 * answer), with `inschrijving.` in front when its schema refused; anything else goes on top.
 */
export function fieldOfRefusal(veld: string | undefined, keys: string[], producten: readonly string[] = []): string {
  const v = (veld ?? "").replace(/^inschrijving\./, "");
  if (v === "percelen" || v.startsWith("percelen.")) return "percelen";
  // `plaatsen.<i>...` is the i-th chosen product's plaatsen, `plaatsen.<product>` a product without them.
  if (v === "plaatsen" || v.startsWith("plaatsen.")) {
    const rest = v.slice("plaatsen.".length);
    const i = /^(\d+)(?:\.|$)/.exec(rest);
    const product = i ? producten[Number(i[1])] : producten.find((p) => p === rest) ?? producten[0];
    return product ? plaatsenVeld(product) : "producten";
  }
  if (v === "producten" || v.startsWith("producten.")) return "producten";
  const indexed = /^antwoorden\.(\d+)(?:\.(\w+))?$/.exec(v);
  if (indexed) {
    const key = keys[Number(indexed[1])];
    const part = indexed[2] === "documentRef" ? "bestand" : indexed[2] === "vrijstelling" || indexed[2] === "toelichting" ? indexed[2] : "verklaring";
    if (key) return field(key, part);
  }
  const missing = /^antwoorden\.(TC\d{2})(?:\.(.+))?$/.exec(v);
  if (missing) return field(itemKey(missing[1]!, missing[2]), "verklaring");
  return "algemeen";
}

export interface FormView {
  action: string;
  csrf: string;
  secret: string;
  req: Request;
  aangeboden: readonly string[];
  form: InschrijvingForm;
  errors: FieldErrors;
  /** A SAS: the first phase is an aanmelding, with its percelen when there are several. */
  sas?: { percelen?: PerceelKeuze };
  /** A contract entered per plaats (Hulp bij huishouden): per product checkboxes for the plaatsen. */
  plaatsen?: PlaatsKeuze;
  /** 1: show the choice of products again (step 1), with the chosen ones ticked. */
  stap?: 1;
}

function itemFields(v: FormView, item: Item): SafeHtml {
  const val = v.form.items[item.key] ?? {};
  const c = item.criterium;
  const perProduct = item.productId
    ? `Alleen nodig als u ${productLabel(item.productId)} hierboven kiest; bij een product dat u niet kiest, wordt dit antwoord niet meegestuurd.`
    : undefined;
  const options = [
    { value: "voldoet", label: "Voldoet" },
    { value: "voldoet-niet", label: "Voldoet niet" },
    ...(c.vrijstellingen.length > 0 ? [{ value: "vrijgesteld", label: "Vrijgesteld" }] : []),
  ];
  const verklaringName = field(item.key, "verklaring");
  const vrijstellingName = field(item.key, "vrijstelling");
  const suffix = item.productId ? ` voor ${productLabel(item.productId)}` : "";
  return html`<div id="${`veld-${verklaringName.replace(/[^A-Za-z0-9_-]/g, "-")}`}" tabindex="-1">${choiceGroup({
    name: verklaringName,
    legend: `Verklaring ${c.code}${suffix}`,
    type: "radio",
    options,
    checked: val.verklaring ? [val.verklaring] : [],
    errors: v.errors,
    ...(perProduct ? { description: perProduct } : {}),
  })}</div>
${
  c.vrijstellingen.length > 0
    ? html`<div id="${`veld-${vrijstellingName.replace(/[^A-Za-z0-9_-]/g, "-")}`}" tabindex="-1">${choiceGroup({
        name: vrijstellingName,
        legend: `Vrijstelling ${c.code}${suffix}`,
        description: "Alleen invullen als u hierboven 'Vrijgesteld' kiest.",
        type: "radio",
        options: c.vrijstellingen.map((x) => ({ value: x.code, label: vrijstellingLabel[x.code] ?? x.code, description: x.omschrijving })),
        checked: val.vrijstelling ? [val.vrijstelling] : [],
        errors: v.errors,
      })}</div>`
    : ""
}
${textArea({ name: field(item.key, "toelichting"), label: `Toelichting bij ${c.code}${suffix}`, value: val.toelichting ?? "", errors: v.errors, rows: 3, description: "Maximaal 4000 tekens." })}
${fileField({
  name: field(item.key, "bestand"),
  label: `Bewijsstuk bij ${c.code}${suffix}`,
  description: `${uploadHint} Verklaart u dat u voldoet en vraagt dit criterium om een bewijsstuk, voeg het dan nu toe; anders volgt na de sluiting een verzoek om herstel.`,
  errors: v.errors,
  accept: acceptAttribute,
})}
${val.upload ? keptFields(v.secret, v.req, field(item.key, "upload"), [val.upload]) : ""}`;
}

/** The percelen of a SAS aanmelding (Wonen Wmo): at least one, with the catalogue's rule for choosing several. */
function percelenFields(v: FormView, keuze: PerceelKeuze): SafeHtml {
  return html`<h2 class="utrecht-heading-2">Percelen</h2>
${keuze.regel ? html`<p class="utrecht-paragraph">${keuze.regel}</p>` : ""}
<div id="veld-percelen" tabindex="-1">${choiceGroup({
    name: "percelen",
    legend: "Percelen waarvoor u zich aanmeldt",
    type: "checkbox",
    options: keuze.opties.map((o) => ({ value: o.id, label: o.naam })),
    checked: v.form.percelen ?? [],
    errors: v.errors,
    description: keuze.meerdere ? "Kies minstens één perceel; u mag er ook meer kiezen." : "Kies één perceel.",
  })}</div>`;
}

/** Per offered product the plaatsen where the aanbieder serves it (inkoopplan 6.10.1: "Inschrijven kan per plaats"). */
function plaatsenFields(v: FormView, keuze: PlaatsKeuze): SafeHtml {
  return html`<h2 class="utrecht-heading-2">Plaatsen</h2>
<p class="utrecht-paragraph">Bij dit contract schrijft u per plaats in: kies per product waarvoor u inschrijft de plaatsen waar u het biedt.${keuze.beperkt ? ` In deze heropening staat alleen open: ${keuze.plaatsen.join(", ")}.` : ""}</p>
${v.aangeboden.filter((p) => v.form.producten.length === 0 || v.form.producten.includes(p)).map((p) => {
  const name = plaatsenVeld(p);
  return html`<div id="${`veld-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`}" tabindex="-1">${choiceGroup({
    name,
    legend: `Plaatsen voor ${productLabel(p)}`,
    type: "checkbox",
    options: keuze.plaatsen.map((x) => ({ value: x, label: x })),
    checked: v.form.plaatsen?.[p] ?? [],
    errors: v.errors,
    description: `Alleen nodig als u ${productLabel(p)} hierboven kiest; kies dan minstens één plaats.`,
  })}</div>`;
})}`;
}

/** The choice of products: asked in step 1, shown again (and changeable) in step 2. */
function productenKeuze(v: FormView): SafeHtml {
  return html`<div id="veld-producten" tabindex="-1">${choiceGroup({
    name: "producten",
    legend: v.sas ? "Producten waarvoor u zich aanmeldt" : "Producten waarvoor u inschrijft",
    type: "checkbox",
    options: v.aangeboden.map((id) => ({ value: id, label: productLabel(id) })),
    checked: v.form.producten,
    errors: v.errors,
    description: "Kies minstens één product.",
  })}</div>`;
}

/** Whether the form's action replaces the aanbieder's entry (`?vervang=1`), which both steps carry on. */
const vervangt = (action: string) => new URLSearchParams(action.split("?")[1] ?? "").get("vervang") === "1";

/**
 * Step 1 of 2: the products, on a form that GETs the same page back with them chosen, so step 2 asks
 * the per-product criteria (TC02, TC07) only for those: no JavaScript needed.
 */
function stap1(v: FormView): SafeHtml {
  const [pad] = v.action.split("?");
  const vervang = vervangt(v.action);
  return html`${errorSummary(v.errors)}
<p class="utrecht-paragraph inkoop-stap"><strong>Stap 1 van 2:</strong> producten kiezen. Daarna: de toelatingscriteria, met de vragen per product alleen voor wat u kiest.</p>
<form method="get" action="${pad}" novalidate id="veld-algemeen">
<input type="hidden" name="stap" value="2">
${vervang ? html`<input type="hidden" name="vervang" value="1">` : ""}
${productenKeuze(v)}
${submitButton("Verder naar de toelatingscriteria")}
</form>`;
}

export function renderForm(v: FormView): SafeHtml {
  if (v.form.producten.length === 0 || v.stap === 1) return stap1(v);
  const gekozen = new Set(v.form.producten);
  const items = itemsFor(v.aangeboden).filter((i) => !i.productId || gekozen.has(i.productId));
  const [pad] = v.action.split("?");
  return html`${errorSummary(v.errors)}
<p class="utrecht-paragraph inkoop-stap"><strong>Stap 2 van 2:</strong> de toelatingscriteria voor ${v.form.producten.length === 1 ? "het gekozen product" : `de ${v.form.producten.length} gekozen producten`}. <a class="utrecht-link" href="${pad}?${new URLSearchParams([["stap", "1"], ...(vervangt(v.action) ? [["vervang", "1"] as [string, string]] : []), ...v.form.producten.map((p): [string, string] => ["producten", p])]).toString()}">Andere producten kiezen</a></p>
<nav aria-label="Onderdelen van het formulier" class="inkoop-inhoud"><ol>
<li><a class="utrecht-link" href="#veld-producten">Producten</a></li>
${toelatingscriteria.map((c) => html`<li><a class="utrecht-link" href="#criterium-${c.code}">${c.code} ${c.titel}${c.perProduct && v.form.producten.length > 1 ? ` (${v.form.producten.length}×)` : ""}</a></li>`)}
<li><a class="utrecht-link" href="#indienen">Indienen</a></li>
</ol></nav>
<form method="post" action="${v.action}" enctype="multipart/form-data" novalidate id="veld-algemeen">
${csrfField(v.csrf)}
<input type="hidden" name="sleutel" value="${v.form.sleutel}">
${v.sas?.percelen ? percelenFields(v, v.sas.percelen) : ""}
<h2 class="utrecht-heading-2">Producten</h2>
${productenKeuze(v)}
${v.plaatsen ? plaatsenFields(v, v.plaatsen) : ""}
<h2 class="utrecht-heading-2">Toelatingscriteria</h2>
<p class="utrecht-paragraph">Elk criterium is een harde eis (knock-out). Beantwoord ze alle; TC02 en TC07 beantwoordt u per gekozen product.</p>
${toelatingscriteria.map(
  (c) => html`<section class="inkoop-kaart" aria-labelledby="criterium-${c.code}">
<h3 class="utrecht-heading-3" id="criterium-${c.code}">${c.code} ${c.titel}</h3>
<p class="utrecht-paragraph">${c.tekst}</p>
<p class="utrecht-paragraph"><strong>Gevraagd bewijs:</strong></p>
<ul class="utrecht-unordered-list">${c.bewijs.map((b) => html`<li class="utrecht-unordered-list__item">${b.omschrijving}</li>`)}</ul>
${
  c.perProduct
    ? items
        .filter((i) => i.criterium.code === c.code)
        .map((i) => {
          // The region's own notes on its catalogue (placeholders, what is still open) stay on the region's pages.
          const opleiding = c.code === "TC07" ? gepubliceerdeOpleiding(findProduct(i.productId!)?.opleiding) : undefined;
          return html`<h4 class="utrecht-heading-4">${c.code} voor ${productLabel(i.productId!)}</h4>
${opleiding ? html`<p class="utrecht-paragraph">Opleidingseis in het productenboek: ${opleiding}</p>` : ""}
${itemFields(v, i)}`;
        })
    : itemFields(v, items.find((i) => i.criterium.code === c.code)!)
}
</section>`,
)}
<h2 class="utrecht-heading-2" id="indienen">Indienen</h2>
${
  v.sas
    ? html`<p class="utrecht-paragraph">Na het indienen ontvangt u een ontvangstbewijs. Uw aanmelding blijft verzegeld tot het sluitingstijdstip. Daarna toetst de regio de toelatingscriteria en beoordeelt zij de selectiecriteria; wie geselecteerd wordt, gaat door naar de dialoog en de definitieve inschrijving.</p>
${submitButton("Aanmelding indienen")}`
    : html`<p class="utrecht-paragraph">Na het indienen ontvangt u een ontvangstbewijs. Uw inschrijving blijft verzegeld tot het sluitingstijdstip.</p>
${submitButton("Inschrijving indienen")}`
}
</form>`;
}
