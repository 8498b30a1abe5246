import * as vscode from 'vscode';
import { checkArtifactPath } from '../tracking/artifactPaths';
import type { TrackingStore } from '../tracking/trackingStore';
import { isRunId } from '../../webview/shared/mlflowIds';

/** The scheme of run artifacts opened in an editor: `mlflow-artifact:/<run id>/<artifact path>`. */
const ARTIFACT_SCHEME = 'mlflow-artifact';

/** Largest artifact opened in an editor. */
const MAX_OPEN_BYTES = 64 * 1024 * 1024;

export function artifactUri(runId: string, path: string): vscode.Uri {
  return vscode.Uri.from({ scheme: ARTIFACT_SCHEME, path: `/${runId}/${path}` });
}

/** The run id and artifact path a URI names, checked (a URI can come from anywhere). */
function parseArtifactUri(uri: vscode.Uri): { runId: string; path: string } {
  const [, runId = '', ...rest] = uri.path.split('/');
  if (!isRunId(runId)) throw vscode.FileSystemError.FileNotFound(uri);
  return { runId, path: checkArtifactPath(rest.join('/')) };
}

/**
 * Run artifacts as a read-only file system, so "Open in Editor" shows any artifact with VS Code's
 * own editors (text, images...) straight from the store, without copying it anywhere; every
 * change is refused.
 */
export class ArtifactFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly registration: vscode.Disposable;

  constructor(private readonly store: () => Promise<TrackingStore | undefined>) {
    this.registration = vscode.workspace.registerFileSystemProvider(ARTIFACT_SCHEME, this, {
      isReadonly: true,
      isCaseSensitive: true,
    });
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const { runId, path } = parseArtifactUri(uri);
    if (path === '') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : undefined;
    const entry = (await (await this.required(uri)).listArtifacts(runId, parent)).find((info) => info.path === path);
    if (!entry) throw vscode.FileSystemError.FileNotFound(uri);
    return {
      type: entry.isDir ? vscode.FileType.Directory : vscode.FileType.File,
      ctime: 0,
      mtime: 0,
      size: entry.fileSize ?? 0,
      permissions: vscode.FilePermission.Readonly,
    };
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    const { runId, path } = parseArtifactUri(uri);
    const entries = await (await this.required(uri)).listArtifacts(runId, path || undefined);
    return entries.map((info) => [
      info.path.slice(info.path.lastIndexOf('/') + 1),
      info.isDir ? vscode.FileType.Directory : vscode.FileType.File,
    ]);
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { runId, path } = parseArtifactUri(uri);
    const content = await (await this.required(uri)).readArtifact(runId, path, { maxBytes: MAX_OPEN_BYTES });
    if (content.truncated)
      throw vscode.FileSystemError.Unavailable(
        `${path} is larger than ${MAX_OPEN_BYTES / 1024 / 1024} MiB: download it instead.`,
      );
    return content.data;
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  createDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }

  private async required(uri: vscode.Uri): Promise<TrackingStore> {
    const store = await this.store();
    if (!store) throw vscode.FileSystemError.Unavailable(uri);
    return store;
  }
}
