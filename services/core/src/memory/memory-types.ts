export const memoryCategories = ['profile', 'preference', 'goal', 'condition', 'habit', 'other'] as const;
export type MemoryCategory = (typeof memoryCategories)[number];

/** Who wrote the fact down: the user themself, the agent, the importer or an API client. */
export const memorySources = ['user', 'agent', 'import', 'api'] as const;
export type MemorySource = (typeof memorySources)[number];

export const messageRoles = ['user', 'assistant', 'system', 'tool'] as const;
export type MessageRole = (typeof messageRoles)[number];

/** Longest fact, in characters (Unicode code points, as PostgreSQL counts them). */
export const MAX_FACT_LENGTH = 2000;
/** Longest conversation message, in characters. */
export const MAX_MESSAGE_LENGTH = 20_000;
/** Messages kept per user unless configured otherwise; older ones are pruned. */
export const DEFAULT_MESSAGE_CAP = 1000;

export interface Memory {
  id: string;
  userId: string;
  category: MemoryCategory;
  content: string;
  source: MemorySource;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewMemory {
  category: MemoryCategory;
  content: string;
  source: MemorySource;
}

export interface AddMemoryResult {
  memory: Memory;
  /** False when the same fact in the same category was already stored: that one is returned. */
  created: boolean;
}

export interface MemoryPage {
  items: Memory[];
  total: number;
  limit: number;
  offset: number;
}

export interface ConversationMessage {
  id: number;
  userId: string;
  role: MessageRole;
  content: string;
  createdAt: Date;
}

export interface AppendMessageResult {
  message: ConversationMessage;
  /** How many of the user's oldest messages were removed to stay within the cap. */
  pruned: number;
}
