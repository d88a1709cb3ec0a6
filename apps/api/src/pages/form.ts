import { html } from 'hono/html';
import type { Html } from './html.ts';
import type { PageLocale, PageStrings } from './strings.ts';
import type { FormErrors, FormValues, PagePledge, PageQuestion } from './types.ts';

export interface SignFormProps {
  pledge: PagePledge;
  locale: PageLocale;
  t: PageStrings;
  values: FormValues;
  errors: FormErrors;
}

/** A stable, CSS-safe id for a field path such as `answers.why`. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function errorId(path: string): string {
  return `err-${fieldId(path).slice(2)}`;
}

/**
 * The signing form as plain HTML: it posts to the page itself and works with JavaScript off.
 * Errors sit next to their field (aria-invalid + aria-describedby) and in a summary on top.
 *
 * @example
 * signForm({ pledge, locale: 'fr', t: stringsFor('fr'), values: emptyForm, errors: {} })
 */
export function signForm(props: SignFormProps): Html {
  const { pledge, t, values, errors } = props;
  const action = `/p/${encodeURIComponent(pledge.slug)}`;
  return html`<section class="sign" aria-labelledby="sign-heading">
<h2 id="sign-heading">${t.signHeading}</h2>
${errorSummary(props)}
<form method="post" action="${action}" class="sign-form" novalidate>
<input type="hidden" name="locale" value="${props.locale}">
${values.ref ? html`<input type="hidden" name="ref" value="${values.ref}">` : ''}
${textField({ path: 'email', type: 'email', label: t.email, value: values.email, required: true, autocomplete: 'email', errors, t })}
${textField({ path: 'name', type: 'text', label: t.name, value: values.name, required: false, autocomplete: 'name', errors, t })}
${
  pledge.askPostalCode
    ? textField({
        path: 'postalCode',
        type: 'text',
        label: t.postalCode,
        value: values.postalCode,
        required: false,
        autocomplete: 'postal-code',
        errors,
        t,
      })
    : ''
}
${pledge.questions.map((q) => questionField(q, values, errors, t))}
${consentField(pledge, values, errors)}
${honeypot(t)}
${pledge.proofOfWork ? powField(pledge, errors, t) : ''}
<p><button type="submit" class="button">${t.submit}</button></p>
</form>
</section>`;
}

/**
 * Proof of work, when organizers switch it on, stays on for this page too: a page-only bypass
 * would be the door every bot uses. Without JavaScript it cannot be solved, so the page says
 * so; with JavaScript, /assets/pledge-page.js solves it (in the widget's worker) on submit.
 */
function powField(pledge: PagePledge, errors: FormErrors, t: PageStrings): Html {
  return html`<input type="hidden" name="altcha" value="" data-altcha-for="${pledge.slug}">
<p class="pow-note" id="f-altcha" data-pow-note>${t.powNote}</p>
${errors.altcha ? html`<p class="error" id="err-altcha">${errors.altcha}</p>` : ''}`;
}

function errorSummary({ pledge, errors, t }: SignFormProps): Html {
  const entries = Object.entries(errors);
  if (entries.length === 0) return html``;
  // Each line names its field and links to it; errors about no field in particular ("_")
  // have no link.
  const labels: Record<string, string> = {
    email: t.email,
    name: t.name,
    postalCode: t.postalCode,
    altcha: t.powLabel,
  };
  for (const q of pledge.questions) labels[`answers.${q.id}`] = q.label;
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" id="error-summary">
<p id="error-summary-title"><strong>${t.errorSummary}</strong></p>
<ul>${entries.map(([path, message]) => {
    const label = labels[path] ?? (path === 'consent' ? pledge.consentText : undefined);
    const text = label ? `${label}${t.colon}${message}` : message;
    return path === '_' || !label
      ? html`<li>${text}</li>`
      : html`<li><a href="#${fieldId(path)}">${text}</a></li>`;
  })}</ul>
</div>`;
}

interface TextFieldProps {
  path: string;
  type: 'email' | 'text';
  label: string;
  value: string;
  required: boolean;
  autocomplete: string;
  errors: FormErrors;
  t: PageStrings;
}

/** The signing schema's limits (`packages/core/src/signing/schemas.ts`), so the browser stops there. */
const maxLengths: Record<string, number> = { email: 254, name: 200, postalCode: 16 };

function textField(p: TextFieldProps): Html {
  const error = p.errors[p.path];
  const id = fieldId(p.path);
  return html`<div class="field${error ? ' field-error' : ''}">
<label for="${id}">${p.label} ${requiredMark(p.required, p.t)}</label>
${error ? html`<p class="error" id="${errorId(p.path)}">${error}</p>` : ''}
<input id="${id}" name="${p.path}" type="${p.type}" value="${p.value}" autocomplete="${p.autocomplete}" maxlength="${String(maxLengths[p.path] ?? 2000)}"${p.required ? html` required` : ''}${invalidAttrs(p.path, error)}>
</div>`;
}

function questionField(
  q: PageQuestion,
  values: FormValues,
  errors: FormErrors,
  t: PageStrings,
): Html {
  const path = `answers.${q.id}`;
  const error = errors[path];
  const value = values.answers[q.id];
  if (q.kind === 'text') {
    return textField({
      path,
      type: 'text',
      label: q.label,
      value: typeof value === 'string' ? value : '',
      required: q.required,
      autocomplete: 'off',
      errors,
      t,
    });
  }
  const chosen = new Set(Array.isArray(value) ? value : value ? [value] : []);
  const type = q.kind === 'single' ? 'radio' : 'checkbox';
  return html`<fieldset class="field choices${error ? ' field-error' : ''}">
<legend>${q.label} ${requiredMark(q.required, t)}</legend>
${error ? html`<p class="error" id="${errorId(path)}">${error}</p>` : ''}
${q.options.map((o, i) => {
  // The first option carries the field's id so the error summary can link to it.
  const id = i === 0 ? fieldId(path) : `${fieldId(path)}-${i}`;
  return html`<div class="choice"><input type="${type}" id="${id}" name="${path}" value="${o.id}"${chosen.has(o.id) ? html` checked` : ''}${invalidAttrs(path, error)}${q.required && type === 'radio' ? html` required` : ''}> <label for="${id}">${o.label}</label></div>`;
})}
</fieldset>`;
}

function consentField(pledge: PagePledge, values: FormValues, errors: FormErrors): Html {
  if (!pledge.consentText) return html``;
  const error = errors.consent;
  // Never pre-ticked: only what the visitor ticked themselves comes back checked.
  return html`<div class="field choice consent${error ? ' field-error' : ''}">
${error ? html`<p class="error" id="${errorId('consent')}">${error}</p>` : ''}
<input type="checkbox" id="${fieldId('consent')}" name="consent" value="yes"${values.consent ? html` checked` : ''}${invalidAttrs('consent', error)}>
<label for="${fieldId('consent')}">${pledge.consentText}</label>
</div>`;
}

/**
 * A field people never see or hear (off-screen, aria-hidden, out of the tab order, no
 * autofill) that naive bots fill in; the signing service answers those like a success.
 */
function honeypot(t: PageStrings): Html {
  return html`<div class="hp" aria-hidden="true">
<label for="f-website">${t.honeypot}</label>
<input type="text" id="f-website" name="website" value="" tabindex="-1" autocomplete="off">
</div>`;
}

function requiredMark(required: boolean, t: PageStrings): Html {
  return required
    ? html`<span class="req" aria-hidden="true">*</span><span class="visually-hidden">(${t.required})</span>`
    : html`<span class="opt">(${t.optional})</span>`;
}

function invalidAttrs(path: string, error: string | undefined): Html {
  return error ? html` aria-invalid="true" aria-describedby="${errorId(path)}"` : html``;
}
