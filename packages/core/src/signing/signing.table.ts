import type { Selectable } from 'kysely';

export type SignatureStatus = 'pending' | 'confirmed';

export interface SignatureTable {
  id: string;
  chapter_id: string;
  pledge_id: string;
  person_id: string;
  /** JSON `Record<questionId, string | string[]>` (option ids, or the text typed). */
  answers: string;
  locale: string;
  /** 1 when the e-mail updates box was ticked (the consent itself is in `consents`). */
  consent: number;
  /** The signer's own short code, unique per pledge, carried by their share link. */
  referral_code: string;
  /** Id of the signature whose code brought this signer, if any. */
  referred_by: string | null;
  /** Origin of the embedding site (`https://ally.example`), null on the hosted page. */
  source: string | null;
  status: SignatureStatus;
  created_at: string;
  confirmed_at: string | null;
}

/** Single-use, expiring confirmation links; only the token's SHA-256 (hex) is stored. */
export interface SignatureConfirmationTable {
  token_hash: string;
  signature_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/**
 * A mail a signature is owed (its confirmation link while pending, else its thank-you), until
 * the outbox worker moves it into the outbox (`mail-relay.ts`).
 */
export interface SignatureMailTable {
  signature_id: string;
  created_at: string;
}

/**
 * Sharded counters: the count of a pledge is the SUM of its shards. `pending` of one shard
 * may go negative (a confirmation moves one from pending to confirmed on any shard); only
 * the sums mean something.
 */
export interface PledgeCounterTable {
  pledge_id: string;
  shard: number;
  confirmed: number;
  pending: number;
}

export interface SigningTables {
  signatures: SignatureTable;
  signature_confirmations: SignatureConfirmationTable;
  signature_mails: SignatureMailTable;
  pledge_counters: PledgeCounterTable;
}

export type SignatureRow = Selectable<SignatureTable>;
