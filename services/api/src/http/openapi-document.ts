import { OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { ApiRouter } from './api-router.js';

export function buildOpenApiDocument(api: ApiRouter, version: string) {
  return new OpenApiGeneratorV31(api.openApi.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Health Agent API',
      version,
      description:
        "Log food, metrics and trackers, read summaries, progress and reminders. Authenticate with an API key: `Authorization: Bearer ha_...`. `me` stands for the key's own user in every `/v1/users/{userId}` path.",
    },
    servers: [{ url: '/' }],
  });
}
