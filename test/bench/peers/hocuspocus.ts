/**
 * Hocuspocus as its users would start it: `new Server({...}).listen()`, no extensions, nothing
 * changed. `quiet` only drops the start banner; the configuration's printed line is ours.
 * Prints `open http://host:port` when listening.
 */
import { Server } from '@hocuspocus/server';

const server = new Server({
  port: Number(process.env.PORT ?? 0),
  address: process.env.HOST ?? '127.0.0.1',
  quiet: true,
  async onListen({ port }) {
    console.log(`[hocuspocus] open http://${process.env.HOST ?? '127.0.0.1'}:${port}`);
  },
});
await server.listen();
