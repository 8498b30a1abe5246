import { readFileSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { rootCertificates } from 'node:tls';
import { MlflowError } from '../errors';

export interface Agents {
  httpAgent: HttpAgent;
  httpsAgent: HttpsAgent;
}

/**
 * Keep-alive agents for one server. A CA bundle is trusted in addition to Node's own roots (a
 * company CA is added, public certificates keep working); skipping verification is explicit.
 */
export function createAgents(tls: { caBundlePath?: string; insecureSkipTlsVerify: boolean }): Agents {
  const ca = tls.caBundlePath === undefined ? undefined : [...rootCertificates, readCaBundle(tls.caBundlePath)];
  return {
    httpAgent: new HttpAgent({ keepAlive: true }),
    httpsAgent: new HttpsAgent({ keepAlive: true, rejectUnauthorized: !tls.insecureSkipTlsVerify, ...(ca ? { ca } : {}) }),
  };
}

function readCaBundle(path: string): string {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new MlflowError(
      `Cannot read the CA bundle ${path} (mlflow.caBundlePath or MLFLOW_TRACKING_SERVER_CERT_PATH): ` +
        `${error instanceof Error ? error.message : String(error)}`,
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
