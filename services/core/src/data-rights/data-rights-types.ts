/** One exported row: the table's columns in camelCase, as JSON (timestamps as ISO 8601 UTC text). */
export type ExportRecord = Record<string, unknown>;

export const EXPORT_FORMAT = 'health-agent.user-export';
export const EXPORT_VERSION = 1;

/** Everything stored about one user. Secrets (API key hashes) and derived search vectors are left out. */
export interface UserDataExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  user: ExportRecord;
  profile: ExportRecord | null;
  apiKeys: ExportRecord[];
  foodEntries: ExportRecord[];
  metricEntries: ExportRecord[];
  customTrackers: ExportRecord[];
  trackerEntries: ExportRecord[];
  xpEvents: ExportRecord[];
  progress: ExportRecord | null;
  streaks: ExportRecord[];
  achievements: ExportRecord[];
  challenges: ExportRecord[];
  reminders: ExportRecord[];
  reminderEvents: ExportRecord[];
  memories: ExportRecord[];
  conversationMessages: ExportRecord[];
  toolExecutions: ExportRecord[];
  outboxMessages: ExportRecord[];
}

export type ExportListSection = {
  [K in keyof UserDataExport]: UserDataExport[K] extends ExportRecord[] ? K : never;
}[keyof UserDataExport];

export interface DeleteUserResult {
  userId: string;
  /** Rows removed per table (and per column for tables that only pointed at the user), before the cascade. */
  deletedRows: Record<string, number>;
}
