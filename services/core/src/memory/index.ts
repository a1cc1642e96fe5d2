export { formatImportReport } from './import-report-format.js';
export {
  importMarkdownMemories,
  type MemoryImportDependencies,
  type MemoryImportReport,
  type SkippedFact,
  type UserImportReport,
} from './markdown-memory-importer.js';
export {
  categoryForHeading,
  type ParsedFact,
  type ParsedMemoryFile,
  parseMarkdownMemory,
  type SkippedLine,
  type SkipReason,
} from './markdown-memory-parser.js';
export {
  type MemoryDirectory,
  type MemoryFile,
  readMemoryDirectory,
  type SkippedEntry,
  type UserMemoryFolder,
} from './memory-directory-reader.js';
export { createMemoryService, type MemoryService, type MemoryServiceDependencies } from './memory-service.js';
export {
  type AddMemoryResult,
  type AppendMessageResult,
  type ConversationMessage,
  DEFAULT_MESSAGE_CAP,
  MAX_FACT_LENGTH,
  MAX_MESSAGE_LENGTH,
  type Memory,
  type MemoryCategory,
  type MemoryPage,
  type MemorySource,
  type MessageRole,
  memoryCategories,
  memorySources,
  messageRoles,
} from './memory-types.js';
