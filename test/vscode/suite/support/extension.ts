// Helpers for tests that run inside the extension host (any suite may use them).
import * as assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import * as vscode from 'vscode';

/** `<publisher>.<name>` from package.json. */
export const extensionId = 'mlflow-explorer.mlflow-explorer';

/** The extension under test, as the extension host loaded it. */
export function ourExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(
    extension,
    `${extensionId} is not loaded: is the workbench running with this repository as extensionDevelopmentPath?`,
  );
  return extension;
}

/** The manifest as VS Code read it, narrowed to the parts the tests check. */
export interface Manifest {
  activationEvents: string[];
  commands: string[];
}

/** Reads package.json as the extension host loaded it; fails on a shape VS Code would not accept either. */
export function manifest(): Manifest {
  const json: unknown = ourExtension().packageJSON;
  assert.ok(isRecord(json), 'package.json is not an object');
  const activationEvents = json.activationEvents ?? [];
  assert.ok(isStringArray(activationEvents), 'activationEvents is not a list of strings');
  const contributes = json.contributes ?? {};
  assert.ok(isRecord(contributes), 'contributes is not an object');
  const commands = contributes.commands ?? [];
  assert.ok(Array.isArray(commands), 'contributes.commands is not a list');
  return {
    activationEvents,
    commands: commands.map((entry, index) => {
      assert.ok(
        isRecord(entry) && typeof entry.command === 'string',
        `contributes.commands[${index}] has no command id`,
      );
      return entry.command;
    }),
  };
}

/** Polls `probe` until it returns a value (not undefined) or `timeoutMs` passes; then fails with `what`. */
export async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(50)) {
    const value = probe();
    if (value !== undefined) return value;
  }
  return probe() ?? assert.fail(`timed out waiting for ${what}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
