import { html, type SafeHtml } from "./html";

/**
 * Form pieces in NL Design System (Utrecht) markup. Each field shows its label, an optional
 * description, and the error for that field; the value typed is kept after a refusal.
 */
export type FieldErrors = Record<string, string>;

export interface FieldOpts {
  name: string;
  label: string;
  value?: string;
  description?: string;
  errors?: FieldErrors;
  required?: boolean;
  type?: "text" | "email" | "password" | "datetime-local" | "date" | "number";
  autocomplete?: string;
}

const ids = (name: string) => ({ id: `veld-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`, desc: `veld-${name.replace(/[^A-Za-z0-9_-]/g, "-")}-uitleg`, err: `veld-${name.replace(/[^A-Za-z0-9_-]/g, "-")}-fout` });

function wrap(o: FieldOpts, control: SafeHtml): SafeHtml {
  const { id, desc, err } = ids(o.name);
  const error = o.errors?.[o.name];
  return html`<div class="utrecht-form-field utrecht-form-field--text${error ? " utrecht-form-field--invalid" : ""}">
  <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="${id}">${o.label}${o.required ? "" : " (niet verplicht)"}</label></div>
  ${o.description ? html`<div class="utrecht-form-field__description utrecht-form-field-description" id="${desc}">${o.description}</div>` : ""}
  ${error ? html`<div class="utrecht-form-field__error-message utrecht-form-field-error-message" id="${err}">${error}</div>` : ""}
  <div class="utrecht-form-field__input">${control}</div>
</div>`;
}

function describedBy(o: FieldOpts): string {
  const { desc, err } = ids(o.name);
  return [o.description ? desc : "", o.errors?.[o.name] ? err : ""].filter(Boolean).join(" ");
}

export function textField(o: FieldOpts): SafeHtml {
  const { id } = ids(o.name);
  const invalid = Boolean(o.errors?.[o.name]);
  const by = describedBy(o);
  return wrap(
    o,
    html`<input class="utrecht-textbox utrecht-textbox--html-input${invalid ? " utrecht-textbox--invalid" : ""}" id="${id}" name="${o.name}" type="${o.type ?? "text"}" value="${o.value ?? ""}"${o.required ? html` required` : ""}${invalid ? html` aria-invalid="true"` : ""}${by ? html` aria-describedby="${by}"` : ""}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ""}>`,
  );
}

export function textArea(o: FieldOpts & { rows?: number }): SafeHtml {
  const { id } = ids(o.name);
  const invalid = Boolean(o.errors?.[o.name]);
  const by = describedBy(o);
  return wrap(
    o,
    html`<textarea class="utrecht-textarea utrecht-textarea--html-textarea${invalid ? " utrecht-textarea--invalid" : ""}" id="${id}" name="${o.name}" rows="${o.rows ?? 4}"${o.required ? html` required` : ""}${invalid ? html` aria-invalid="true"` : ""}${by ? html` aria-describedby="${by}"` : ""}>${o.value ?? ""}</textarea>`,
  );
}

export function selectField(o: FieldOpts & { options: { value: string; label: string }[] }): SafeHtml {
  const { id } = ids(o.name);
  const invalid = Boolean(o.errors?.[o.name]);
  const by = describedBy(o);
  return wrap(
    o,
    html`<select class="utrecht-select utrecht-select--html-select${invalid ? " utrecht-select--invalid" : ""}" id="${id}" name="${o.name}"${invalid ? html` aria-invalid="true"` : ""}${by ? html` aria-describedby="${by}"` : ""}>
${o.options.map((opt) => html`<option value="${opt.value}"${opt.value === o.value ? html` selected` : ""}>${opt.label}</option>`)}
</select>`,
  );
}

export function fileField(o: FieldOpts & { accept?: string }): SafeHtml {
  const { id } = ids(o.name);
  const by = describedBy(o);
  return wrap(o, html`<input class="utrecht-textbox" type="file" id="${id}" name="${o.name}"${o.accept ? html` accept="${o.accept}"` : ""}${by ? html` aria-describedby="${by}"` : ""}>`);
}

/** A group of radio buttons or checkboxes in a fieldset with a legend. */
export function choiceGroup(o: { name: string; legend: string; type: "radio" | "checkbox"; options: { value: string; label: string; description?: string }[]; checked: string[]; errors?: FieldErrors; description?: string }): SafeHtml {
  const error = o.errors?.[o.name];
  const base = o.name.replace(/[^A-Za-z0-9_-]/g, "-");
  return html`<fieldset class="utrecht-form-fieldset${error ? " utrecht-form-fieldset--invalid" : ""}"${error ? html` aria-invalid="true" aria-describedby="veld-${base}-fout"` : ""}>
  <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">${o.legend}</legend>
  ${o.description ? html`<div class="utrecht-form-field-description">${o.description}</div>` : ""}
  ${error ? html`<div class="utrecht-form-field-error-message" id="veld-${base}-fout">${error}</div>` : ""}
  ${o.options.map((opt, i) => {
    const id = `veld-${base}-${i}`;
    return html`<div class="utrecht-form-field utrecht-form-field--${o.type === "radio" ? "radio" : "checkbox"}">
    <div class="utrecht-form-field__input"><input class="utrecht-${o.type === "radio" ? "radio-button" : "checkbox"} utrecht-${o.type === "radio" ? "radio-button" : "checkbox"}--html-input" type="${o.type}" id="${id}" name="${o.name}" value="${opt.value}"${o.checked.includes(opt.value) ? html` checked` : ""}></div>
    <div class="utrecht-form-field__label"><label class="utrecht-form-label utrecht-form-label--${o.type === "radio" ? "radio" : "checkbox"}" for="${id}">${opt.label}</label></div>
    ${opt.description ? html`<div class="utrecht-form-field__description utrecht-form-field-description">${opt.description}</div>` : ""}
  </div>`;
  })}
</fieldset>`;
}

/** The error summary at the top of a form: every refusal with a link to its field. */
export function errorSummary(errors: FieldErrors): SafeHtml {
  const entries = Object.entries(errors);
  if (entries.length === 0) return html``;
  return html`<div class="utrecht-alert utrecht-alert--error" role="alert" tabindex="-1" id="foutmeldingen" aria-labelledby="foutmeldingen-titel">
  <div class="utrecht-alert__content"><div class="utrecht-alert__message">
    <h2 class="utrecht-heading-3" id="foutmeldingen-titel">Er ${entries.length === 1 ? "is 1 fout" : `zijn ${entries.length} fouten`} gevonden</h2>
    <ul class="utrecht-unordered-list">${entries.map(([name, msg]) => html`<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="#veld-${name.replace(/[^A-Za-z0-9_-]/g, "-")}">${msg}</a></li>`)}</ul>
  </div></div>
</div>`;
}

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

export function submitButton(label: string, opts: { secondary?: boolean; name?: string; value?: string } = {}): SafeHtml {
  return html`<button class="utrecht-button utrecht-button--${opts.secondary ? "secondary" : "primary"}-action" type="submit"${opts.name ? html` name="${opts.name}" value="${opts.value ?? ""}"` : ""}>${label}</button>`;
}
