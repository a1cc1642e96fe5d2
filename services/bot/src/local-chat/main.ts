import { ConfigError } from '@health-agent/core';
import { LOCAL_TELEGRAM_ID, runLocalChat } from './local-chat.js';

// `npm run chat` / `make chat`: a terminal conversation with the bot on the embedded database.
const stop = new AbortController();
process.on('SIGINT', () => stop.abort());
process.on('SIGTERM', () => stop.abort());

runLocalChat({
  env: process.env,
  input: process.stdin,
  output: process.stdout,
  dataDir: './data',
  person: { id: LOCAL_TELEGRAM_ID, first_name: process.env.USER ? process.env.USER.slice(0, 40) : 'Friend' },
  signal: stop.signal,
})
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
