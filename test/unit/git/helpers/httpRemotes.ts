import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP "remote" that misbehaves the way real ones do; `url` is a repository URL on it. */
export interface FakeRemote {
  url: string;
  close(): Promise<void>;
}

/** Answers every request with 401 and a Basic challenge: git wants a user name and password. */
export function remoteAskingForCredentials(): Promise<FakeRemote> {
  return listen(
    createServer((_request, response) => {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' });
      response.end('credentials needed');
    }),
  );
}

/** Accepts connections and never answers: a fetch hangs until it is cancelled or times out. */
export function remoteThatNeverAnswers(): Promise<FakeRemote> {
  return listen(createServer(() => undefined));
}

async function listen(server: Server): Promise<FakeRemote> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/team/demo.git`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
