export {
  button,
  escapeHtml,
  html,
  layout,
  orderedList,
  paragraph,
  rawHtml,
  SafeHtml,
} from './html.ts';
export { withImagesInline } from './images.ts';
export {
  defineTemplate,
  type InlineImage,
  isolate,
  type MailLocale,
  type MailTemplate,
  mailLocale,
  mailLocales,
  oneLine,
  type RenderedMail,
} from './registry.ts';
export { checkMailData, isTemplateName, renderMail } from './render.ts';
export { mailTemplates, type TemplateData, type TemplateName } from './templates/index.ts';
export {
  createSmtpTransport,
  logTransport,
  type Mailbox,
  type MailTransport,
  type OutgoingMail,
  parseMailbox,
} from './transport.ts';
