import { AppError, validationError } from '../errors/index.ts';
import { type MailTemplate, mailLocale, type RenderedMail } from './registry.ts';
import { mailTemplates, type TemplateName } from './templates/index.ts';

/** True when `name` is a template of the registry. */
export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(mailTemplates, name);
}

function templateNamed(name: string): MailTemplate {
  if (!isTemplateName(name)) {
    throw new AppError('BAD_REQUEST', `Unknown mail template "${name}".`, {
      fields: { template: 'is not a known mail template' },
    });
  }
  return mailTemplates[name] as MailTemplate;
}

/**
 * Checks a template's data and returns it parsed (trimmed, defaults applied). Throws a
 * field-level `AppError` (fields prefixed with `data.`) when it does not fit.
 *
 * @example
 * const data = checkMailData('pledge-confirm', { pledgeTitle, chapterName, confirmUrl });
 */
export function checkMailData(name: string, data: unknown): unknown {
  const result = templateNamed(name).schema.safeParse(data);
  if (!result.success) {
    const error = validationError(result.error);
    const fields = Object.fromEntries(
      Object.entries(error.fields ?? {}).map(([key, message]) => [`data.${key}`, message]),
    );
    throw new AppError('BAD_REQUEST', `Invalid mail data: ${Object.keys(fields).join(', ')}.`, {
      fields,
    });
  }
  return result.data;
}

/**
 * Renders a queued mail: subject, plain text and HTML, in the locale (fr or en; others
 * fall back to en).
 *
 * @example
 * const { subject, text, html } = renderMail('pledge-thanks', 'fr', data);
 */
export function renderMail(name: string, locale: string, data: unknown): RenderedMail {
  const template = templateNamed(name);
  return template.render(mailLocale(locale), checkMailData(name, data));
}
