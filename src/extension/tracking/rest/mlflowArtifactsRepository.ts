import { checkArtifactPath } from '../artifactPaths';
import type { ArtifactRepository } from '../artifactRepository';
import { ClientErrorCode, MlflowError } from '../errors';
import type { FileInfo } from '../model';
import type { ArtifactContent, CallOptions, DownloadArtifactsOptions, ReadArtifactOptions } from '../trackingStore';
import { downloadArtifactsFrom, readArtifactFrom } from './artifactTransfer';
import type { ArtifactSource } from './artifactTransfer';
import type { HttpClient } from './http';
import { ResponseLimits } from './responseLimits';
import type { ResponseBody } from './responseBody';
import { fileInfoFromWire } from './wire';
import { asObject, readArray } from './wireValues';

/** The server's artifact proxy, below the base URL. */
export const MLFLOW_ARTIFACTS_API = '/api/2.0/mlflow-artifacts/artifacts';

/**
 * The artifacts under an `mlflow-artifacts:` URI, read through a server's artifact proxy
 * (`mlflow server --serve-artifacts`, the default since MLflow 2). This is how a local `mlflow.db`
 * whose runs were logged through a server reaches their artifacts.
 */
export class MlflowArtifactsRepository implements ArtifactSource, ArtifactRepository {
  readonly description: string;
  private readonly root: string;

  constructor(
    private readonly http: HttpClient,
    artifactUri: string,
  ) {
    this.root = proxyRootOf(artifactUri);
    this.description = artifactUri;
  }

  /** The proxy lists names relative to the folder asked for; they become paths relative to the root. */
  async listArtifacts(path: string, options: CallOptions = {}): Promise<FileInfo[]> {
    const folder = checkArtifactPath(path);
    const json = await this.http.requestJson({
      method: 'GET',
      path: MLFLOW_ARTIFACTS_API,
      query: { path: joinPath(this.root, folder) || undefined },
      idempotent: true,
      signal: options.signal,
      limit: ResponseLimits.artifactListing,
    });
    const where = 'mlflow-artifacts list';
    return readArray(asObject(json, where), 'files', where).map((file, index) => {
      const info = fileInfoFromWire(file, `${where}: files[${index}]`);
      return { ...info, path: joinPath(folder, info.path) };
    });
  }

  openArtifact(path: string, options: CallOptions = {}, download = false): Promise<ResponseBody> {
    return this.http.requestStream({
      method: 'GET',
      path: proxyFilePath(joinPath(this.root, checkArtifactPath(path))),
      idempotent: true,
      signal: options.signal,
      download,
    });
  }

  readArtifact(path: string, options?: ReadArtifactOptions): Promise<ArtifactContent> {
    return readArtifactFrom(this, path, options);
  }

  downloadArtifacts(path: string, destinationDir: string, options?: DownloadArtifactsOptions): Promise<string> {
    return downloadArtifactsFrom(this, path, destinationDir, options);
  }
}

/**
 * The path below the proxy of an `mlflow-artifacts:` URI: `mlflow-artifacts:/1/<run>/artifacts`
 * and `mlflow-artifacts://host:port/1/<run>/artifacts` both give `1/<run>/artifacts` (the
 * configured server is used either way). Anything else is UNSUPPORTED.
 */
export function proxyRootOf(artifactUri: string): string {
  const match = /^mlflow-artifacts:(?:\/\/[^/]*)?(.*)$/i.exec(artifactUri);
  if (!match) {
    throw new MlflowError(
      `${JSON.stringify(artifactUri)} is not an mlflow-artifacts: URI, so it cannot be reached through the server's artifact proxy.`,
      ClientErrorCode.unsupported,
    );
  }
  return checkArtifactPath(match[1]!.replace(/^\/+/, ''));
}

/** The proxy URL path of a file, each segment percent-encoded. */
export function proxyFilePath(path: string): string {
  return `${MLFLOW_ARTIFACTS_API}/${path.split('/').map(encodeURIComponent).join('/')}`;
}

function joinPath(folder: string, name: string): string {
  if (folder === '') return name;
  return name === '' ? folder : `${folder}/${name}`;
}
