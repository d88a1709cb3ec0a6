import type { PublicQuestion } from '../types.ts';

// Plain functions rather than components: their arguments are fixed for the form's lifetime,
// so Solid compiles them to static attributes (smaller than reactive props). Only the error
// text is reactive.

type Err = (key: string) => string | undefined;

function note(id: string, err: Err, key: string) {
  return (
    <p id={`${id}-e`} class="err" part="error">
      {err(key)}
    </p>
  );
}

function labelText(label: string, optional: string | false) {
  return (
    <>
      {label}
      {optional && <span class="muted"> {optional}</span>}
    </>
  );
}

/**
 * A labelled text input with its error below it (aria-describedby, aria-invalid).
 *
 * @example
 * textField('email', 'E-mail', err, { type: 'email', autocomplete: 'email' })
 */
export function textField(
  name: string,
  label: string,
  err: Err,
  o: { type?: string; autocomplete?: string; optional?: string | false; key?: string } = {},
) {
  const id = `f-${name}`;
  const key = o.key ?? name;
  const optional = o.optional ?? false;
  return (
    <div class="field" part="field">
      <label for={id} part="label">
        {labelText(label, optional)}
      </label>
      <input
        id={id}
        name={name}
        type={o.type ?? 'text'}
        autocomplete={o.autocomplete ?? 'off'}
        required={!optional}
        aria-invalid={err(key) ? 'true' : undefined}
        aria-describedby={`${id}-e`}
        part="input"
      />
      {note(id, err, key)}
    </div>
  );
}

/** A custom question: a text field, or a fieldset of radio buttons / checkboxes. */
export function question(q: PublicQuestion, optional: string, err: Err) {
  const name = `a:${q.id}`;
  const key = `answers.${q.id}`;
  const opt = !q.required && optional;
  if (q.kind === 'text') return textField(name, q.label, err, { key, optional: opt });
  const type = q.kind === 'single' ? 'radio' : 'checkbox';
  return (
    <fieldset part="field" class={err(key) ? 'bad' : ''} aria-describedby={`${name}-e`}>
      <legend part="label">{labelText(q.label, opt)}</legend>
      {q.options.map((o) => (
        <label class="opt">
          <input type={type} name={name} value={o.id} />
          <span>{o.label}</span>
        </label>
      ))}
      {note(name, err, key)}
    </fieldset>
  );
}
