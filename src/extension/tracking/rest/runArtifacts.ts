import { checkArtifactPath } from '../artifactPaths';
import type { ArtifactRepository } from '../artifactRepository';
import type { FileInfo } from '../model';
import type { ArtifactContent, CallOptions, DownloadArtifactsOptions, ReadArtifactOptions } from '../trackingStore';
import { downloadArtifactsFrom, readArtifactFrom } from './artifactTransfer';
import type { ArtifactSource } from './artifactTransfer';
import type { HttpClient } from './http';
import { ResponseLimits } from './responseLimits';
import type { ResponseBody } from './responseBody';
import { fileInfoFromWire } from './wire';
import { asObject, readArray } from './wireValues';

/**
 * One run's artifacts through the tracking API: `artifacts/list` and `/get-artifact`. These work
 * whatever the artifact store behind the server (its own folder, S3, ...), because the server
 * reads it for us.
 */
export class RunArtifacts implements ArtifactSource, ArtifactRepository {
  readonly description: string;

  constructor(
    private readonly http: HttpClient,
    private readonly runId: string,
  ) {
    this.description = `run ${runId}`;
  }

  /** A file or a missing folder: MLflow answers only `root_uri`, which is []. */
  async listArtifacts(path: string, options: CallOptions = {}): Promise<FileInfo[]> {
    const folder = checkArtifactPath(path);
    const json = await this.http.requestJson({
      method: 'GET',
      path: '/api/2.0/mlflow/artifacts/list',
      query: { run_id: this.runId, path: folder === '' ? undefined : folder },
      idempotent: true,
      signal: options.signal,
      limit: ResponseLimits.artifactListing,
    });
    const where = 'artifacts/list';
    return readArray(asObject(json, where), 'files', where).map((file, index) =>
      fileInfoFromWire(file, `${where}: files[${index}]`),
    );
  }

  openArtifact(path: string, options: CallOptions = {}, download = false): Promise<ResponseBody> {
    return this.http.requestStream({
      method: 'GET',
      path: '/get-artifact',
      query: { path, run_uuid: this.runId },
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
