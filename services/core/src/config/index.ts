export { type Config, configSchema } from './config-schema.js';
export { ConfigError, loadConfig } from './load-config.js';
