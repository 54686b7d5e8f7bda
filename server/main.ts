/** `npm start`: run one Charrette server on the embedded SQLite store. */
import { startServer } from './app.js';
import { configFromEnv } from './config.js';

let config;
try {
  config = configFromEnv();
} catch (err) {
  console.error(`[charrette] configuration error: ${(err as Error).message}`);
  process.exit(1);
}

const server = await startServer(config);
console.log(`[charrette] data: ${config.dataPath}`);
console.log(`[charrette] open ${server.url}`);

// Every message handler already catches what a client can cause; this is the last line of
// defence so one unforeseen bug does not end a live session for everyone on the server.
process.on('uncaughtException', (err) => console.error('[charrette] uncaught error (kept running):', err));
process.on('unhandledRejection', (err) => console.error('[charrette] unhandled rejection (kept running):', err));

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log('[charrette] saving and stopping…');
    server.close().then(() => process.exit(0), (err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  });
}
