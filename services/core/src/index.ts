export * from './config/index.js';
export * from './errors/index.js';
