import type { z } from 'zod';
import type { MailTemplate } from '../registry.ts';
import {
  eventCancelled,
  eventChanged,
  eventMessage,
  eventPromoted,
  eventReminder,
  eventRsvpConfirmed,
  eventWaitlisted,
} from './event.ts';
import { pledgeConfirm, pledgeThanks } from './pledge.ts';
import { broadcast, myDataLink } from './privacy.ts';

/**
 * Every mail template, by name. Listed statically (like the migrations) so the worker can
 * render any queued mail whatever code queued it. Later modules add one line each
 * ('broadcast', 'event-rsvp', 'my-data-link', ...).
 */
export const mailTemplates = {
  'pledge-confirm': pledgeConfirm,
  'pledge-thanks': pledgeThanks,
  'event-rsvp-confirmed': eventRsvpConfirmed,
  'event-waitlisted': eventWaitlisted,
  'event-promoted': eventPromoted,
  'event-reminder': eventReminder,
  'event-changed': eventChanged,
  'event-cancelled': eventCancelled,
  'event-message': eventMessage,
  'my-data-link': myDataLink,
  broadcast,
} satisfies Record<string, MailTemplate>;

export type TemplateName = keyof typeof mailTemplates;

/** The data a template expects, e.g. `TemplateData<'pledge-confirm'>`. */
export type TemplateData<N extends TemplateName> = z.input<(typeof mailTemplates)[N]['schema']>;
