import { z } from 'zod';

const id = z.string().trim().min(1, 'Required.').max(64, 'At most 64 characters.');

/**
 * Who a broadcast goes to: signers of a pledge, a tag, RSVPs of an event, or the intersection
 * of those given; always only people with a current e-mail consent. Empty = every consenting
 * person of the chapter.
 */
export const segmentInput = z.object({
  pledgeId: id.optional(),
  tagId: id.optional(),
  eventId: id.optional(),
});

export const broadcastInput = z.object({
  subject: z.string().trim().min(1, 'Required.').max(200, 'At most 200 characters.'),
  /** Markdown. */
  body: z.string().trim().min(1, 'Required.').max(50_000, 'At most 50,000 characters.'),
  locale: z.enum(['fr', 'en']),
  segment: segmentInput.default({}),
  /** Sending rate (mails per minute). */
  perMinute: z.number().int().min(1, 'At least 1.').max(10_000, 'At most 10,000.').default(600),
});

export type Segment = z.output<typeof segmentInput>;
export type BroadcastInput = z.input<typeof broadcastInput>;
