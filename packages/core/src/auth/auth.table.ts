import type { Selectable } from 'kysely';

export interface UserTable {
  id: string;
  /** Normalized (trimmed, lower-cased) e-mail. */
  email: string;
  name: string;
  password_hash: string;
  locale: string;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  id: string;
  /** Hex SHA-256 of the token's secret part; the secret itself is never stored. */
  secret_hash: string;
  user_id: string;
  created_at: string;
  last_verified_at: string;
  user_agent: string | null;
}

export type TokenPurpose = 'setup' | 'invite' | 'reset';

export interface OneTimeTokenTable {
  id: string;
  purpose: TokenPurpose;
  token_hash: string;
  chapter_id: string | null;
  email: string | null;
  role: string | null;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuthTables {
  users: UserTable;
  sessions: SessionTable;
  one_time_tokens: OneTimeTokenTable;
}

export type UserRow = Selectable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
