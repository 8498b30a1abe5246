// One fresh process of the startup bench: loads the built extension as VS Code's extension host
// would (CommonJS `require`), with a stand-in `vscode` module, calls `activate(context)` and prints
// { requireMs, activateMs } as JSON. Plain JavaScript, run by plain Node: no TypeScript loader in the
// process, so its hooks are not in the figures.
//
//   node bench/support/startupChild.mjs dist/extension.js
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * Any name of the VS Code API, at any depth: every property is another stub (cached, so
 * `vscode.window === vscode.window`), every call and `new` returns one, assignments are kept.
 * `then` is absent so that awaiting a stub does not hang; iterating one yields nothing.
 */
function stub(path) {
  const children = new Map();
  const target = function () {};
  return new Proxy(target, {
    get(_target, property) {
      if (property === 'then') return undefined;
      if (property === Symbol.iterator) return function* () {};
      if (property === Symbol.toPrimitive) return (hint) => (hint === 'number' ? 0 : '');
      if (typeof property === 'symbol') return undefined;
      if (!children.has(property)) children.set(property, stub(`${path}.${property}`));
      return children.get(property);
    },
    set(_target, property, value) {
      children.set(property, value);
      return true;
    },
    has: () => true,
    apply: () => stub(`${path}()`),
    construct: () => stub(`new ${path}`),
  });
}

/** A Memento that keeps values in memory, as VS Code's does between reads. */
function memento() {
  const values = new Map();
  return {
    get: (key, fallback) => (values.has(key) ? values.get(key) : fallback),
    update: async (key, value) => void values.set(key, value),
    keys: () => [...values.keys()],
    setKeysForSync: () => {},
  };
}

/**
 * The module itself: its top-level names (read from @types/vscode: window, commands, workspace,
 * env, Uri, EventEmitter, ...) are own properties, because the bundle copies the names it finds on
 * `require('vscode')` (esbuild's ESM interop) instead of reading them later.
 */
function vscodeModule(names) {
  const api = stub('vscode');
  const target = {};
  for (const name of names) Object.defineProperty(target, name, { get: () => api[name], enumerable: true });
  return target;
}

const declarations = readFileSync(createRequire(import.meta.url).resolve('@types/vscode/index.d.ts'), 'utf8');
const names = new Set(
  [...declarations.matchAll(/^\texport (?:namespace|class|enum|function|const|let|var) (\w+)/gm)].map((m) => m[1]),
);
const vscode = vscodeModule(names);
const load = Module._load;
Module._load = function (request, parent, isMain) {
  return request === 'vscode' ? vscode : load.call(this, request, parent, isMain);
};

// Work the extension starts in the background may fail against the stub; activation is what is measured.
process.on('unhandledRejection', () => {});

const extensionPath = resolve(process.argv[2] ?? 'dist/extension.js');
const root = resolve(extensionPath, '..', '..');
const context = Object.assign(stub('context'), {
  subscriptions: [],
  extensionPath: root,
  asAbsolutePath: (relative) => resolve(root, relative),
  globalState: memento(),
  workspaceState: memento(),
  secrets: Object.assign(stub('context.secrets'), {
    get: async () => undefined,
    store: async () => {},
    delete: async () => {},
  }),
  extensionMode: 1,
});

const require = createRequire(import.meta.url);
const started = performance.now();
const extension = require(extensionPath);
const required = performance.now();
extension.activate(context);
const activated = performance.now();
process.stdout.write(
  `${JSON.stringify({ requireMs: required - started, activateMs: activated - required, subscriptions: context.subscriptions.length })}\n`,
);
process.exit(0);
