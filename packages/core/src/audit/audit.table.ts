export interface AuditLogTable {
  id: string;
  chapter_id: string | null;
  actor_user_id: string | null;
  /** A dotted verb, e.g. `member.role_changed`, `signatures.exported`. */
  action: string;
  target: string | null;
  /** JSON object with the action's details (never passwords or tokens). */
  details: string;
  created_at: string;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}
