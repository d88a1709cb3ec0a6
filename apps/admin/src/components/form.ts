import { createSignal, createUniqueId } from 'solid-js';
import { errorCodeOf, errorMessageOf, fieldErrorsOf } from '../api/errors.ts';
import { type I18n, useI18n } from '../i18n/index.tsx';
import { useSession } from '../session/index.tsx';

export type Values = Record<string, string>;
export type FieldErrors = Record<string, string>;

export interface FormOptions {
  /** Checks in the browser before anything is sent; returns messages by field name. */
  validate?: (values: Values, i18n: I18n) => FieldErrors;
  /** Sends the form. Throw the tRPC error as is; return a message to announce on success. */
  submit: (values: Values) => Promise<unknown>;
}

export interface FormState {
  /** Prefix for the ids of this form's fields. */
  id: string;
  fieldId(name: string): string;
  errors(): FieldErrors;
  /** The form-level message (summary heading or a message with no field). */
  formError(): string | null;
  /** The last success message, announced politely. */
  status(): string | null;
  pending(): boolean;
  onSubmit(event: SubmitEvent): Promise<void>;
  setSummary(element: HTMLElement): void;
}

/**
 * Form state with accessible error handling: client checks, then the server's field errors
 * (`data.fields`), a summary announced with role="alert", focus on the first invalid field.
 *
 * @example
 * const form = createForm({ submit: (v) => api.auth.signIn.mutate({ email: v.email ?? '', ... }) });
 * <form noValidate onSubmit={form.onSubmit}>...</form>
 */
export function createForm(options: FormOptions): FormState {
  const i18n = useI18n();
  const session = useSession();
  const id = createUniqueId();
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal<string | null>(null);
  const [pending, setPending] = createSignal(false);
  let summary: HTMLElement | undefined;

  const show = (form: HTMLFormElement, fields: FieldErrors, message: string | null) => {
    setErrors(fields);
    setFormError(message);
    // Solid updates the DOM synchronously, so aria-invalid is already set here.
    const firstInvalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (firstInvalid) firstInvalid.focus();
    else summary?.focus();
  };

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (pending()) return;
    const form = event.currentTarget as HTMLFormElement;
    const values: Values = {};
    for (const [name, value] of new FormData(form).entries()) values[name] = String(value);
    setStatus(null);
    const clientErrors = options.validate?.(values, i18n) ?? {};
    if (Object.keys(clientErrors).length > 0) {
      show(form, clientErrors, null);
      return;
    }
    setPending(true);
    try {
      const message = await options.submit(values);
      setErrors({});
      setFormError(null);
      if (typeof message === 'string' && message) setStatus(message);
    } catch (error) {
      // The session ended elsewhere (expired, "sign out everywhere"): reloading the status lets
      // the page guard send the person to sign-in and back here.
      if (errorCodeOf(error) === 'UNAUTHORIZED' && session.user()) void session.refresh();
      const fields = fieldErrorsOf(error, i18n);
      show(form, fields, Object.keys(fields).length > 0 ? null : errorMessageOf(error, i18n));
    } finally {
      setPending(false);
    }
  };

  return {
    id,
    fieldId: (name) => `${id}-${name}`,
    errors,
    formError,
    status,
    pending,
    onSubmit,
    setSummary: (element) => {
      summary = element;
    },
  };
}

/** Client-side checks, in the person's language. Each returns messages by field name. */
export const check = {
  required(values: Values, names: string[], i18n: I18n, errors: FieldErrors = {}): FieldErrors {
    for (const name of names) {
      if (!errors[name] && !(values[name] ?? '').trim()) errors[name] = i18n.t('form.required');
    }
    return errors;
  },
  email(values: Values, name: string, i18n: I18n, errors: FieldErrors = {}): FieldErrors {
    const value = (values[name] ?? '').trim();
    if (!errors[name] && value && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
      errors[name] = i18n.t('form.email');
    }
    return errors;
  },
  password(values: Values, name: string, i18n: I18n, errors: FieldErrors = {}): FieldErrors {
    const value = values[name] ?? '';
    if (!errors[name] && value && value.length < 8) {
      errors[name] = i18n.t('form.passwordLength', { min: 8 });
    }
    return errors;
  },
};
