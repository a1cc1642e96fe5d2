import type { Services } from '@health-agent/core';
import type { ApiRouter } from '../http/api-router.js';
import { registerAccessRoutes } from './access-routes.js';
import { registerProfileRoutes } from './profile-routes.js';

/** Every /v1 feature registers its routes here, one line each. */
export function registerRoutes(api: ApiRouter, services: Services): void {
  registerAccessRoutes(api, services);
  registerProfileRoutes(api, services);
}
