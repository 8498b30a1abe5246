import * as vscode from 'vscode';
import { pathToFileURL } from 'node:url';
import { isServerUri, storeChoices } from './storeChoices';
import type { StoreChoice } from './storeChoices';
import { askForCredentials } from './signIn';
import { splitCredentials } from './enteredUri';
import type { EnteredUri } from './enteredUri';
import { askForTrackingUri, baseFolder } from './storeInput';
import { findLocalStores, parseTrackingUri, redactTrackingUri } from '../tracking/connection';
import { MlflowError } from '../tracking/errors';
import { EXPERIMENTS_VIEW_ID } from '../platform/viewIds';
import { messageText } from '../platform/untrustedText';
import { CommandId } from '../platform/commandIds';
import type { CommandHandlers, SidebarContext } from '../sidebar/sidebarContext';

/** Choosing the store: the quick pick, a server address, a local file or folder, sign in and out. */
export function storeCommands(context: SidebarContext): CommandHandlers {
  return {
    [CommandId.selectStore]: () => selectStore(context),
    [CommandId.connectServer]: (uri?: unknown) => connectServer(context, uri),
    [CommandId.openLocalStore]: (path?: unknown) => openLocalStore(context, path),
    [CommandId.retryConnection]: () => context.provider.retry(),
    [CommandId.signIn]: () => signIn(context),
    [CommandId.signOut]: () => signOut(context),
  };
}

type ChoiceItem = vscode.QuickPickItem & { choice?: StoreChoice };

async function selectStore(context: SidebarContext): Promise<void> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
  const found = await Promise.all(
    folders.map(async (folder) =>
      (await findLocalStores(folder.uri.fsPath)).map((store) => ({ ...store, folderName: folder.name })),
    ),
  );
  const state = context.provider.storeState;
  const choices = storeChoices({
    workspaceStores: found.flat(),
    settingUri: context.settings.trackingUri,
    envUri: process.env.MLFLOW_TRACKING_URI,
    recentServers: context.recentServers.entries(),
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
    if (entered) await useStore(context, entered);
  } else if (choice.kind === 'openLocal') {
    await openLocalStore(context, undefined);
  } else {
    await useStore(context, { uri: choice.uri });
  }
}

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

async function connectServer(context: SidebarContext, uri: unknown): Promise<void> {
  if (typeof uri === 'string') {
    await parseTrackingUri(uri, baseFolder());
    return useStore(context, splitCredentials(uri.trim()));
  }
  const entered = await askForTrackingUri({ serversOnly: true });
  if (entered) await useStore(context, entered);
}

async function openLocalStore(context: SidebarContext, path: unknown): Promise<void> {
  if (typeof path === 'string') return useStore(context, { uri: await localStoreUri(path) });
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
  if (picked) await useStore(context, { uri: await localStoreUri(picked.fsPath) });
}

/** The URI of a local store at `path`: `sqlite:///` for a file, `file://` for a folder. Throws when there is none. */
async function localStoreUri(path: string): Promise<string> {
  const location = await parseTrackingUri(path, baseFolder());
  if (location.kind === 'sqlite') return `sqlite:///${location.path}`;
  if (location.kind === 'file') return pathToFileURL(location.path).href;
  throw new MlflowError(`${path} is not a local store: pick a mlflow.db file or an mlruns folder.`, 'BAD_STORE');
}

async function useStore(context: SidebarContext, entered: EnteredUri): Promise<void> {
  if (entered.credentials) await context.credentials.set(entered.uri, entered.credentials);
  if (isServerUri(entered.uri)) await context.recentServers.remember(entered.uri);
  await context.connection.select(entered.uri);
  await vscode.commands.executeCommand(`${EXPERIMENTS_VIEW_ID}.focus`);
}

/** The http(s) address of the server in use, or undefined (with a message) when the store is not one. */
async function currentServer(context: SidebarContext): Promise<string | undefined> {
  const state = context.provider.storeState ?? (await context.connection.current());
  const uri = state.kind === 'ready' ? state.store.trackingUri : state.kind === 'failed' ? state.uri : undefined;
  if (uri !== undefined && /^https?:\/\//i.test(uri)) return redactTrackingUri(uri);
  const why =
    uri !== undefined && /^databricks/i.test(uri)
      ? 'Databricks credentials come from DATABRICKS_HOST and DATABRICKS_TOKEN (or ~/.databrickscfg).'
      : 'Signing in applies to MLflow servers (http:// or https://); local stores need no credentials.';
  void vscode.window.showInformationMessage(why);
  return undefined;
}

async function signIn(context: SidebarContext): Promise<void> {
  const server = await currentServer(context);
  if (!server) return;
  const credentials = await askForCredentials(server);
  if (!credentials) return;
  await context.credentials.set(server, credentials);
  context.connection.reset();
}

async function signOut(context: SidebarContext): Promise<void> {
  const server = await currentServer(context);
  if (!server) return;
  await context.credentials.delete(server);
  context.connection.reset();
  void vscode.window.showInformationMessage(`Forgot the credentials entered for ${messageText(server)}.`);
}
