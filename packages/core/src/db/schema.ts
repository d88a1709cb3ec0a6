/**
 * The database as Kysely sees it: one interface per table, grouped by the module that owns it.
 * Modules add their tables here as they land (each in its own `*.table.ts`).
 */
import type { AuditTables } from '../audit/audit.table.ts';
import type { AuthTables } from '../auth/auth.table.ts';
import type { ChapterTables } from '../chapters/chapters.table.ts';
import type { EventTables } from '../events/events.table.ts';
import type { OutboxTables } from '../outbox/outbox.table.ts';
import type { PeopleTables } from '../people/people.table.ts';
import type { PledgeTables } from '../pledges/pledges.table.ts';
import type { PrivacyTables } from '../privacy/privacy.table.ts';
import type { SigningTables } from '../signing/signing.table.ts';

export interface Database
  extends ChapterTables,
    AuthTables,
    AuditTables,
    OutboxTables,
    PeopleTables,
    PledgeTables,
    SigningTables,
    EventTables,
    PrivacyTables {}
