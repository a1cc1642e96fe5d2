import type { Clock, Services } from '@health-agent/core';
import type { FlowIds } from '../conversation/flow.js';

/** The domain services the bot's features call; only these, never the data layer. */
export type BotServices = Pick<
  Services,
  | 'access'
  | 'profiles'
  | 'outbox'
  | 'breakers'
  | 'food'
  | 'reminders'
  | 'memory'
  | 'dataRights'
  | 'healthMetrics'
  | 'trackers'
  | 'gamification'
  | 'tools'
>;

export interface FeatureDependencies {
  services: BotServices;
  clock: Clock;
  newFlowId: FlowIds;
}
