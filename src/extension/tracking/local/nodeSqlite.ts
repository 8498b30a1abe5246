import type * as sqlite from 'node:sqlite';
import { badStore } from './localErrors';
import { errorMessage } from '../errors';

type NodeSqlite = typeof sqlite;
type BuiltinModuleGetter = (id: 'node:sqlite') => unknown;

let loaded: NodeSqlite | undefined;

/**
 * Node's built-in SQLite (`node:sqlite`), which reads a database by pages with SQLite's own locks,
 * loaded once. VS Code has it from 1.101 (Electron 35, Node 22.15).
 */
export function loadNodeSqlite(): NodeSqlite {
  loaded ??= nodeSqliteFrom((id) => process.getBuiltinModule?.(id));
  return loaded;
}

/**
 * `node:sqlite` from a Node runtime, or a clear reason why it cannot be had: an editor older than
 * VS Code 1.101 (Node 20), or an Electron built without it (37.2.0 was: electron#47671).
 */
export function nodeSqliteFrom(getBuiltinModule: BuiltinModuleGetter): NodeSqlite {
  let reason = 'this Node has no node:sqlite module';
  try {
    const module = getBuiltinModule('node:sqlite') as NodeSqlite | undefined;
    if (typeof module?.DatabaseSync === 'function') return module;
  } catch (error) {
    reason = errorMessage(error);
  }
  throw badStore(
    "Reading mlflow.db needs Node's built-in SQLite (node:sqlite), which VS Code 1.101 or later provides; " +
      `this editor runs Node ${process.versions.node} (${reason}). Update VS Code, or read the store through an MLflow server ` +
      '(mlflow server --backend-store-uri sqlite:///mlflow.db).',
  );
}
