import * as vscode from 'vscode';
import { pathToFileURL } from 'node:url';
import { findLocalStores, parseTrackingUri, redactTrackingUri } from '../tracking/connection';
import { MlflowError, errorMessage } from '../tracking/errors';
import type { StoreCredentials } from '../tracking/openStore';
import { CommandId, EXPERIMENTS_VIEW_ID } from '../platform/commandIds';
import type { RecentList } from '../platform/recentList';
import type { CommandRegistry } from '../platform/registerCommand';
import type { Settings } from '../platform/settings';
import { messageText } from '../platform/untrustedText';
import { splitCredentials } from './credentials';
import type { CredentialStore, EnteredUri } from './credentials';
import { isServerUri, storeChoices } from './storeChoices';
import type { StoreChoice } from './storeChoices';
import { baseFolder } from './storeConnection';
import type { StoreConnection } from './storeConnection';

/**
 * Choosing the store: the quick pick, a server address, a local file or folder, sign in and out.
 * Owns its commands; the connection it changes is the one every view reads.
 */
export class StoreFeature implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly connection: StoreConnection,
    private readonly settings: Settings,
    private readonly credentials: CredentialStore,
    private readonly recentServers: RecentList,
    commands: CommandRegistry,
  ) {
    this.disposables = commands.registerAll({
      [CommandId.selectStore]: () => this.selectStore(),
      [CommandId.connectServer]: (uri?: unknown) => this.connectServer(uri),
      [CommandId.openLocalStore]: (path?: unknown) => this.openLocalStore(path),
      [CommandId.retryConnection]: () => connection.reset(),
      [CommandId.signIn]: () => this.signIn(),
      [CommandId.signOut]: () => this.signOut(),
    });
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  private async selectStore(): Promise<void> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
    const found = await Promise.all(
      folders.map(async (folder) =>
        (await findLocalStores(folder.uri.fsPath)).map((store) => ({ ...store, folderName: folder.name })),
      ),
    );
    const state = this.connection.settled;
    const choices = storeChoices({
      workspaceStores: found.flat(),
      settingUri: this.settings.trackingUri,
      envUri: process.env.MLFLOW_TRACKING_URI,
      recentServers: this.recentServers.entries(),
      currentUri: state && state.kind !== 'none' ? state.uri : undefined,
    });
    const picked = await vscode.window.showQuickPick(choiceItems(choices), {
      title: 'Select MLflow Tracking Store',
      placeHolder: 'A store in the workspace, a server, or another location',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    const choice = picked?.choice;
    if (!choice) return;
    if (choice.kind === 'enterUri') {
      const entered = await askForTrackingUri({ serversOnly: false });
      if (entered) await this.useStore(entered);
    } else if (choice.kind === 'openLocal') {
      await this.openLocalStore(undefined);
    } else {
      await this.useStore({ uri: choice.uri });
    }
  }

  private async connectServer(uri: unknown): Promise<void> {
    if (typeof uri === 'string') {
      await parseTrackingUri(uri, baseFolder());
      return this.useStore(splitCredentials(uri.trim()));
    }
    const entered = await askForTrackingUri({ serversOnly: true });
    if (entered) await this.useStore(entered);
  }

  private async openLocalStore(path: unknown): Promise<void> {
    if (typeof path === 'string') return this.useStore({ uri: await localStoreUri(path) });
    const kind = await vscode.window.showQuickPick(
      [
        { label: '$(database) A mlflow.db file', description: 'sqlite:///…', folders: false },
        { label: '$(folder) An mlruns folder', description: 'MLflow file store', folders: true },
      ],
      { title: 'Open Local MLflow Store', placeHolder: 'What kind of store?' },
    );
    if (!kind) return;
    const [picked] =
      (await vscode.window.showOpenDialog({
        title: kind.folders ? 'Open an mlruns folder' : 'Open a mlflow.db file',
        canSelectFiles: !kind.folders,
        canSelectFolders: kind.folders,
        canSelectMany: false,
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
        filters: kind.folders ? undefined : { 'MLflow database': ['db', 'sqlite', 'sqlite3'], 'All files': ['*'] },
      })) ?? [];
    if (picked) await this.useStore({ uri: await localStoreUri(picked.fsPath) });
  }

  private async useStore(entered: EnteredUri): Promise<void> {
    if (entered.credentials) await this.credentials.set(entered.uri, entered.credentials);
    if (isServerUri(entered.uri)) await this.recentServers.remember(entered.uri);
    await this.connection.select(entered.uri);
    await vscode.commands.executeCommand(`${EXPERIMENTS_VIEW_ID}.focus`);
  }

  /** The http(s) address of the server in use, or undefined (with a message) when the store is not one. */
  private async currentServer(): Promise<string | undefined> {
    const state = await this.connection.current();
    const location = state.kind === 'ready' ? state.store.location : undefined;
    if (location?.kind === 'server') return location.url;
    // A store that failed to open is known by its URI only.
    const uri = state.kind === 'failed' ? state.uri : undefined;
    if (uri !== undefined && /^https?:\/\//i.test(uri)) return redactTrackingUri(uri);
    const why =
      location?.kind === 'databricks' || (uri !== undefined && /^databricks/i.test(uri))
        ? 'Databricks credentials come from DATABRICKS_HOST and DATABRICKS_TOKEN (or ~/.databrickscfg).'
        : 'Signing in applies to MLflow servers (http:// or https://); local stores need no credentials.';
    void vscode.window.showInformationMessage(why);
    return undefined;
  }

  private async signIn(): Promise<void> {
    const server = await this.currentServer();
    if (!server) return;
    const credentials = await askForCredentials(server);
    if (!credentials) return;
    await this.credentials.set(server, credentials);
    this.connection.reset();
  }

  private async signOut(): Promise<void> {
    const server = await this.currentServer();
    if (!server) return;
    await this.credentials.delete(server);
    this.connection.reset();
    void vscode.window.showInformationMessage(`Forgot the credentials entered for ${messageText(server)}.`);
  }
}

type ChoiceItem = vscode.QuickPickItem & { choice?: StoreChoice };

function choiceItems(choices: readonly StoreChoice[]): ChoiceItem[] {
  const items: ChoiceItem[] = [];
  let group: string | undefined;
  for (const choice of choices) {
    if (choice.kind !== 'store') {
      if (group !== 'actions') items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
      group = 'actions';
      items.push(
        choice.kind === 'enterUri'
          ? { label: '$(edit) Enter URI…', detail: 'A server address, sqlite:///…, file:///… or a path', choice }
          : {
              label: '$(folder-opened) Open Local Store…',
              detail: 'Pick a mlflow.db file or an mlruns folder',
              choice,
            },
      );
      continue;
    }
    if (choice.group !== group) items.push({ label: choice.group, kind: vscode.QuickPickItemKind.Separator });
    group = choice.group;
    const icon = isServerUri(choice.uri) ? '$(server)' : '$(database)';
    const description = [choice.description, choice.current ? '(in use)' : ''].filter(Boolean).join(' ');
    // The icon is ours; the name, description and URI come from settings, folders and history.
    items.push({
      label: `${icon} ${messageText(choice.label)}`,
      description: messageText(description),
      detail: messageText(redactTrackingUri(choice.uri)),
      choice,
    });
  }
  return items;
}

/** The URI of a local store at `path`: `sqlite:///` for a file, `file://` for a folder. Throws when there is none. */
async function localStoreUri(path: string): Promise<string> {
  const location = await parseTrackingUri(path, baseFolder());
  if (location.kind === 'sqlite') return `sqlite:///${location.path}`;
  if (location.kind === 'file') return pathToFileURL(location.path).href;
  throw new MlflowError(`${path} is not a local store: pick a mlflow.db file or an mlruns folder.`, 'BAD_STORE');
}

/**
 * Asks how to sign in to `server` and for the secret itself (a password box). Returns undefined
 * when the user backs out at any step.
 */
export async function askForCredentials(server: string): Promise<StoreCredentials | undefined> {
  const method = await vscode.window.showQuickPick(
    [
      {
        label: 'User name and password',
        description: 'HTTP basic auth (mlflow server --app-name basic-auth)',
        method: 'basic' as const,
      },
      {
        label: 'Access token',
        description: 'Bearer token (e.g. a Databricks personal access token)',
        method: 'token' as const,
      },
    ],
    {
      title: `Sign in to ${messageText(server)}`,
      placeHolder: 'How does this server check who you are?',
      ignoreFocusOut: true,
    },
  );
  if (!method) return undefined;
  if (method.method === 'token') {
    const token = await secretInput(`Access token for ${messageText(server)}`);
    return token ? { token } : undefined;
  }
  const username = await vscode.window.showInputBox({
    title: `Sign in to ${messageText(server)}`,
    prompt: 'User name',
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() ? undefined : 'Enter a user name.'),
  });
  if (!username) return undefined;
  const password = await secretInput(`Password of ${messageText(username.trim())} on ${messageText(server)}`);
  return password === undefined ? undefined : { username: username.trim(), password };
}

function secretInput(prompt: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    prompt,
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) => (text ? undefined : 'Required.'),
  });
}

/**
 * Asks for a tracking URI, checked as it is typed by the same parser that opens it. `serversOnly`
 * (for "Connect to MLflow Server…") accepts only http(s):// and databricks.
 */
export async function askForTrackingUri(options: {
  serversOnly: boolean;
  value?: string;
}): Promise<EnteredUri | undefined> {
  const entered = await vscode.window.showInputBox({
    title: options.serversOnly ? 'Connect to MLflow Server' : 'MLflow Tracking URI',
    prompt: options.serversOnly
      ? 'The address of an MLflow tracking server: http(s)://host:port[/prefix], or databricks'
      : 'http(s)://host:port, databricks, sqlite:///path/to/mlflow.db, file:///path/to/mlruns, or a path',
    placeHolder: options.serversOnly ? 'http://localhost:5000' : 'http://localhost:5000 or ./mlflow.db',
    value: options.value,
    ignoreFocusOut: true,
    validateInput: (text) => validateTrackingUri(text, options.serversOnly),
  });
  return entered === undefined ? undefined : splitCredentials(entered.trim());
}

async function validateTrackingUri(text: string, serversOnly: boolean): Promise<string | undefined> {
  if (!text.trim()) return 'Enter a tracking URI.';
  try {
    const location = await parseTrackingUri(text, baseFolder());
    if (serversOnly && location.kind !== 'rest' && location.kind !== 'databricks') {
      return 'A server address starts with http:// or https:// (or is databricks). Use "Open Local Store…" for mlflow.db or mlruns.';
    }
    return undefined;
  } catch (error) {
    return messageText(errorMessage(error));
  }
}
