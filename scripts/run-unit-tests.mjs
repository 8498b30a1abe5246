// Runs the plain-Node tests (test/unit/**/*.test.ts) with Node's built-in runner, TypeScript via tsx,
// under Node 24 from npm (installed into .cache/vscode-tools when missing): mlflow.db is read with
// node:sqlite, which the machine's Node 20 does not have (VS Code's extension host has it from 1.101).
//
// Two sets, so the everyday one stays fast: `npm run test:unit` runs every file that runs no git;
// `npm run test:git` (this script with --git) runs the files that build real git repositories (they
// import test/unit/git/helpers/gitCli.ts) and drive the real git binary, seconds each.
// `npm run test:oldest-node` (--oldest-node) runs the local stores' and the contract suite's files
// again under the Node of the oldest supported VS Code. `npm test` runs all three. The git set is
// chosen by what a file imports, so a file keeps its set when it moves.
// Extra arguments pass through (e.g. `npm run test:unit -- --test-name-pattern=filter`).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureVscodeTools, node24Env } from './vscode-tools.mjs';

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

/** A file that builds real git repositories runs git: it imports the git CLI helper of the tests. */
const runsGit = (file) => /from '[./]*(?:git\/)?helpers\/gitCli'/.test(readFileSync(file, 'utf8'));

const args = process.argv.slice(2);
const gitSet = args.includes('--git');
// `--oldest-node`: the tests of what reads mlflow.db through node:sqlite (the local stores and the
// contract suite they answer), under the Node of the oldest supported VS Code, whose SQLite is older.
const oldestNode = args.includes('--oldest-node');
const files = findTests('test/unit')
  .filter((file) =>
    oldestNode ? /^test\/unit\/(?:local|contract)\//.test(file.replaceAll('\\', '/')) : runsGit(file) === gitSet,
  )
  .sort();
if (files.length === 0) {
  console.error(`no ${gitSet ? 'git ' : ''}test files found under test/unit`);
  process.exit(1);
}
const tools = ensureVscodeTools({
  log: (line) => console.error(`[vscode-tools] ${line}`),
  parts: [oldestNode ? 'oldestNode' : 'node24'],
});
const reporter = process.env.CI ? ['--test-reporter=spec'] : [];
const result = spawnSync(
  oldestNode ? tools.oldestNode : join(tools.node24Bin, 'node'),
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    ...reporter,
    ...args.filter((arg) => arg !== '--git' && arg !== '--oldest-node'),
    ...files,
  ],
  { stdio: 'inherit', env: node24Env() },
);
process.exit(result.status ?? 1);
