import type { Composer } from 'grammy';
import type { BotContext } from '../bot-context.js';
import { adminFeature } from './admin.js';
import { cancelFeature } from './cancel.js';
import { dataRightsFeature } from './data-rights.js';
import type { FeatureDependencies } from './feature-dependencies.js';
import { foodFeature } from './food.js';
import { helpFeature } from './help.js';
import { memoryFeature } from './memory.js';
import { metricsFeature } from './metrics.js';
import { privacyFeature } from './privacy.js';
import { progressFeature } from './progress.js';
import { remindersFeature } from './reminders.js';
import { settingsFeature } from './settings.js';
import { startFeature } from './start.js';
import { statsFeature } from './stats.js';
import { summariesFeature } from './summaries.js';
import { toolApprovalFeature } from './tool-approval.js';
import { trackersFeature } from './trackers.js';
import { unhandledFeature } from './unhandled.js';

export type { BotServices, FeatureDependencies } from './feature-dependencies.js';

/**
 * Every feature, in the one place they are registered. Order matters only at the ends: the
 * conversation features see a message before the catch-all, and unhandled comes last.
 */
export function registerFeatures(composer: Composer<BotContext>, deps: FeatureDependencies): void {
  composer.use(
    startFeature(deps),
    settingsFeature(deps),
    helpFeature(),
    cancelFeature(),
    privacyFeature(),
    adminFeature(deps),
    toolApprovalFeature(deps),
    ...[remindersFeature(deps), memoryFeature(deps), dataRightsFeature(deps)],
    ...[metricsFeature(deps), trackersFeature(deps), progressFeature(deps), statsFeature(deps)],
    summariesFeature(deps),
    foodFeature(deps),
    unhandledFeature(),
  );
}
