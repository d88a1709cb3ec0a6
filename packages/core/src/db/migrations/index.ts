import type { Migration } from 'kysely';
import * as foundation from './2026_11_26_0001_foundation.ts';
import * as pledges from './2026_11_26_0003_pledges.ts';
import * as outbox from './2026_11_26_0004_outbox.ts';
import * as signatureIndexes from './2026_11_26_0006_signature_indexes.ts';
import * as events from './2026_11_26_0007_events.ts';
import * as privacy from './2026_11_26_0008_privacy.ts';
import * as peopleList from './2026_11_26_0009_people_list.ts';
import * as signingWritePath from './2026_11_26_0010_signing_write_path.ts';
import * as rsvpsCreatedIdx from './2026_11_26_0011_rsvps_created_idx.ts';
import * as consentsWritePath from './2026_11_26_0012_consents_write_path.ts';
import * as signatureMails from './2026_11_27_0013_signature_mails.ts';

/**
 * Every migration, in order. Names are timestamped so they sort; add new files at the end.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_26_0001_foundation': foundation,
  '2026_11_26_0003_pledges': pledges,
  '2026_11_26_0004_outbox': outbox,
  '2026_11_26_0006_signature_indexes': signatureIndexes,
  '2026_11_26_0007_events': events,
  '2026_11_26_0008_privacy': privacy,
  '2026_11_26_0009_people_list': peopleList,
  '2026_11_26_0010_signing_write_path': signingWritePath,
  '2026_11_26_0011_rsvps_created_idx': rsvpsCreatedIdx,
  '2026_11_26_0012_consents_write_path': consentsWritePath,
  '2026_11_27_0013_signature_mails': signatureMails,
};
