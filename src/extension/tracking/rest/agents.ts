import { readFileSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { rootCertificates } from 'node:tls';
import { MlflowError, errorMessage } from '../errors';

export interface Agents {
  httpAgent: HttpAgent;
  httpsAgent: HttpsAgent;
}

/**
 * How long an idle keep-alive socket is kept. Servers close idle connections themselves (gunicorn
 * after 2 s, uvicorn after 5 s); a request written on a socket the server is closing fails with a
 * reset, which a write must not retry, so sockets are dropped before the server does.
 */
const IDLE_SOCKET_MS = 1500;

/**
 * Keep-alive agents for one server. A CA bundle is trusted in addition to Node's own roots (a
 * company CA is added, public certificates keep working); skipping verification is explicit.
 */
export function createAgents(tls: { caBundlePath?: string; insecureSkipTlsVerify: boolean }): Agents {
  const ca = tls.caBundlePath === undefined ? undefined : [...rootCertificates, readCaBundle(tls.caBundlePath)];
  return {
    httpAgent: new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
    httpsAgent: new HttpsAgent({
      keepAlive: true,
      timeout: IDLE_SOCKET_MS,
      rejectUnauthorized: !tls.insecureSkipTlsVerify,
      ...(ca ? { ca } : {}),
    }),
  };
}

function readCaBundle(path: string): string {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new MlflowError(
      `Cannot read the CA bundle ${path} (mlflow.caBundlePath or MLFLOW_TRACKING_SERVER_CERT_PATH): ` +
        `${errorMessage(error)}`,
      'INVALID_PARAMETER_VALUE',
      undefined,
      { cause: error },
    );
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new MlflowError(
      `The CA bundle ${path} holds no PEM certificate (no '-----BEGIN CERTIFICATE-----' line).`,
      'INVALID_PARAMETER_VALUE',
    );
  }
  return pem;
}
