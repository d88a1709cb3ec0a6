import { For, type JSX, Show, splitProps } from 'solid-js';
import { useI18n } from '../i18n/index.tsx';
import type { FormState } from './form.ts';

interface FieldBase {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
}

function describedBy(props: FieldBase): string | undefined {
  const ids: string[] = [];
  if (props.hint) ids.push(`${props.form.fieldId(props.name)}-hint`);
  if (props.form.errors()[props.name]) ids.push(`${props.form.fieldId(props.name)}-error`);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldText(props: FieldBase) {
  return (
    <>
      <Show when={props.hint}>
        <p class="hint" id={`${props.form.fieldId(props.name)}-hint`}>
          {props.hint}
        </p>
      </Show>
      <Show when={props.form.errors()[props.name]}>
        <p class="field-error" id={`${props.form.fieldId(props.name)}-error`}>
          {props.form.errors()[props.name]}
        </p>
      </Show>
    </>
  );
}

/** A labelled input whose hint and error are linked with aria-describedby. */
export function TextField(
  props: FieldBase & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'form' | 'name'>,
) {
  const [base, rest] = splitProps(props, ['form', 'name', 'label', 'hint']);
  return (
    <div class="field" classList={{ invalid: Boolean(base.form.errors()[base.name]) }}>
      <label for={base.form.fieldId(base.name)}>{base.label}</label>
      <FieldText {...base} />
      <input
        type="text"
        {...rest}
        id={base.form.fieldId(base.name)}
        name={base.name}
        aria-invalid={base.form.errors()[base.name] ? 'true' : undefined}
        aria-describedby={describedBy(base)}
      />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** A labelled select, same error wiring as TextField. */
export function SelectField(
  props: FieldBase & { options: Option[] } & Omit<
      JSX.SelectHTMLAttributes<HTMLSelectElement>,
      'form' | 'name'
    >,
) {
  const [base, local, rest] = splitProps(props, ['form', 'name', 'label', 'hint'], ['options']);
  return (
    <div class="field" classList={{ invalid: Boolean(base.form.errors()[base.name]) }}>
      <label for={base.form.fieldId(base.name)}>{base.label}</label>
      <FieldText {...base} />
      <select
        {...rest}
        id={base.form.fieldId(base.name)}
        name={base.name}
        aria-invalid={base.form.errors()[base.name] ? 'true' : undefined}
        aria-describedby={describedBy(base)}
      >
        <For each={local.options}>
          {(option) => (
            <option value={option.value} selected={option.value === rest.value}>
              {option.label}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}

/**
 * The form's error summary (role="alert", so it is announced) and its success message
 * (role="status"). Each listed error links to its field.
 */
export function FormMessages(props: { form: FormState; labels?: Record<string, string> }) {
  const { t, locale } = useI18n();
  // French puts a (no-break) space before the colon.
  const colon = () => (locale() === 'fr' ? '\u00a0: ' : ': ');
  const entries = () => Object.entries(props.form.errors());
  return (
    <>
      <div
        class="error-summary"
        role="alert"
        tabindex="-1"
        ref={(el) => props.form.setSummary(el)}
        classList={{ hidden: entries().length === 0 && !props.form.formError() }}
      >
        <Show when={props.form.formError()}>
          <p>{props.form.formError()}</p>
        </Show>
        <Show when={entries().length > 0}>
          <p>{t('form.summary', { count: entries().length })}</p>
          <ul>
            <For each={entries()}>
              {([name, message]) => (
                <li>
                  <a href={`#${props.form.fieldId(name)}`}>
                    {props.labels?.[name] ? `${props.labels[name]}${colon()}${message}` : message}
                  </a>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>
      <p class="form-status" role="status">
        {props.form.status() ?? ''}
      </p>
    </>
  );
}
