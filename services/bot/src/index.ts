export { type BotHttpDependencies, createBotHttpApp } from './bot-http-app.js';
