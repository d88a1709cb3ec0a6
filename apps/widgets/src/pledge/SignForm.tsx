import { createSignal } from 'solid-js';
import { ApiError, sign } from '../api.ts';
import type { Strings } from '../i18n.ts';
import { solvePow } from '../pow.ts';
import type { PublicPledge, SignatureInput, SignatureResult } from '../types.ts';
import { question, textField } from './fields.tsx';

export interface SignFormProps {
  base: string;
  pledge: PublicPledge;
  t: Strings;
  locale: string;
  source: string;
  referrer?: string;
  onSigned(result: SignatureResult): void;
}

/** The server's field messages are English: said in the widget's language instead. */
function localFields(fields: Record<string, string>, t: Strings): Record<string, string> {
  const local: Record<string, string> = {};
  for (const [k, message] of Object.entries(fields)) {
    const max = /^At most (\d+) characters/.exec(message)?.[1];
    local[k] = k === 'email' ? t.invalidEmail : max ? t.tooLong(max) : t.invalid;
  }
  return local;
}

/** The message above the button for a failed signature. */
function failure(e: ApiError, t: Strings): string {
  if (e.status === 0) return t.offline;
  if (Object.keys(e.fields).length) return t.fix;
  if (e.status === 429) return t.tooMany(e.retryAfter || 60);
  // The one 422 without fields: the pledge closed while the page was open.
  if (e.status === 422) return t.closed;
  return t.failed;
}

/**
 * The signing form. Reads its values from FormData on submit (no per-field state), shows the
 * API's field errors next to their fields and moves focus to the first one.
 */
export function SignForm(props: SignFormProps) {
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [message, setMessage] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  let form!: HTMLFormElement;

  const fail = (fields: Record<string, string>, text: string) => {
    setErrors(fields);
    setMessage(text);
    // To the first bad field; with none (offline, 429, closed), back to the button, which
    // was disabled while busy and so lost the focus.
    queueMicrotask(() =>
      (
        form.querySelector<HTMLElement>('[aria-invalid=true],.bad input') ??
        form.querySelector('button')
      )?.focus(),
    );
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    const t = props.t;
    const data = new FormData(form);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    const input: SignatureInput = {
      email: text('email'),
      answers: {},
      consent: data.has('consent'),
      source: props.source,
      locale: props.locale,
      website: text('website'),
    };
    if (text('name')) input.name = text('name');
    if (text('postalCode')) input.postalCode = text('postalCode');
    if (props.referrer) input.ref = props.referrer;
    const missing: Record<string, string> = {};
    if (!input.email) missing.email = t.required;
    for (const q of props.pledge.questions) {
      const key = `a:${q.id}`;
      const value = q.kind === 'multiple' ? data.getAll(key).map(String) : text(key);
      if (value.length && input.answers) input.answers[q.id] = value;
      else if (q.required) missing[`answers.${q.id}`] = t.required;
    }
    if (Object.keys(missing).length) return fail(missing, t.fix);
    setBusy(true);
    setMessage('');
    try {
      if (props.pledge.proofOfWork) input.altcha = await solvePow(props.base, props.pledge.slug);
      props.onSigned(await sign(props.base, props.pledge.slug, input));
    } catch (err) {
      // Status 0 is the network; anything else unexpected (a failed proof of work) is generic.
      const e = err instanceof ApiError ? err : new ApiError(-1, 'ERROR', '');
      fail(localFields(e.fields, t), failure(e, t));
    } finally {
      setBusy(false);
    }
  };

  const err = (k: string) => errors()[k];
  const t = props.t;
  const p = props.pledge;
  return (
    <form ref={form} onSubmit={submit} novalidate part="form">
      {textField('email', t.email, err, { type: 'email', autocomplete: 'email' })}
      {textField('name', t.name, err, { autocomplete: 'name', optional: t.optional })}
      {p.askPostalCode &&
        textField('postalCode', t.postalCode, err, {
          autocomplete: 'postal-code',
          optional: t.optional,
        })}
      {p.questions.map((q) => question(q, t.optional, err))}
      {p.consentText && (
        <label class="opt" part="consent">
          <input type="checkbox" name="consent" />
          <span>{p.consentText}</span>
        </label>
      )}
      <div class="hp" aria-hidden="true">
        <label>
          {t.honeypot}
          <input name="website" tabindex="-1" autocomplete="off" />
        </label>
      </div>
      <div role="alert" class="err" part="error">
        {message()}
      </div>
      <button type="submit" disabled={busy()} part="button">
        {busy() ? t.signing : t.sign}
      </button>
    </form>
  );
}
