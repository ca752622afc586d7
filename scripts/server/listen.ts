/**
 * Starts node:http with a request handler on a host and port, and stops it cleanly: bound to
 * 127.0.0.1 unless told otherwise, because a kiosk's server is for the kiosk's own browser, not for
 * the clinic's network.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const DEFAULT_HOST = '127.0.0.1';

export interface RunningServer {
  /** `http://host:port/`, with the port actually bound (port 0 asks for a free one). */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function listen(handle: (request: IncomingMessage, response: ServerResponse) => void, port: number, host = DEFAULT_HOST): Promise<RunningServer> {
  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${port} on ${host} is already in use: stop what uses it, or set PORT (or server.port in kiosk.config.json)`) : error),
    );
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${bound}/`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
