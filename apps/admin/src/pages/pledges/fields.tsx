import { type JSX, Show, splitProps } from 'solid-js';
import type { FormState } from '../../components/form.ts';

interface Base {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
}

/** Hint and error below a label, linked to the control with aria-describedby. */
function Described(props: Base) {
  const id = () => props.form.fieldId(props.name);
  return (
    <>
      <Show when={props.hint}>
        <p class="hint" id={`${id()}-hint`}>
          {props.hint}
        </p>
      </Show>
      <Show when={props.form.errors()[props.name]}>
        <p class="field-error" id={`${id()}-error`}>
          {props.form.errors()[props.name]}
        </p>
      </Show>
    </>
  );
}

function describedBy(props: Base): string | undefined {
  const ids: string[] = [];
  if (props.hint) ids.push(`${props.form.fieldId(props.name)}-hint`);
  if (props.form.errors()[props.name]) ids.push(`${props.form.fieldId(props.name)}-error`);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A labelled textarea with the same error wiring as the shared TextField. */
export function AreaField(
  props: Base & Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, 'form' | 'name'>,
) {
  const [base, rest] = splitProps(props, ['form', 'name', 'label', 'hint']);
  return (
    <div class="field" classList={{ invalid: Boolean(base.form.errors()[base.name]) }}>
      <label for={base.form.fieldId(base.name)}>{base.label}</label>
      <Described {...base} />
      <textarea
        rows={4}
        {...rest}
        id={base.form.fieldId(base.name)}
        name={base.name}
        aria-invalid={base.form.errors()[base.name] ? 'true' : undefined}
        aria-describedby={describedBy(base)}
      />
    </div>
  );
}

/** A checkbox with its label after it (never pre-ticked unless the saved value says so). */
export function CheckField(props: Base & { checked?: boolean; disabled?: boolean }) {
  return (
    <div
      class="field check-field"
      classList={{ invalid: Boolean(props.form.errors()[props.name]) }}
    >
      <input
        type="checkbox"
        id={props.form.fieldId(props.name)}
        name={props.name}
        checked={props.checked ?? false}
        disabled={props.disabled}
        aria-describedby={describedBy(props)}
      />
      <label for={props.form.fieldId(props.name)}>{props.label}</label>
      <Described {...props} />
    </div>
  );
}
