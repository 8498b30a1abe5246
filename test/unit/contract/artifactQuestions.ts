/**
 * Artifacts: listings (root, folders, a deep folder, unicode names, a file, a missing folder, a
 * run with none), the bytes of text, JSON, PNG, NumPy, HTML, CSV and empty files, and paths that
 * try to leave the artifact root.
 */
import type { FileInfo } from '../../../src/extension/tracking/model';
import type { TrackingStore } from '../../../src/extension/tracking/trackingStore';
import { errorCodeOf, outcome, question } from './question';
import type { ErrorAnswer, Question } from './question';
import { contentOf, recordedBody, recordedContent, recordedError } from './recordings';
import type { ContentAnswer } from './recordings';

/**
 * server-store/mlflow.db is a server's own database: its runs' artifacts are `mlflow-artifacts:`
 * URIs only that server can serve, and opened without one (no artifactRepositoryFor) the store
 * says so with UNSUPPORTED once it has found the run (an unknown run is still
 * RESOURCE_DOES_NOT_EXIST, 150 and 114). A path leaving the root is refused before that, as on
 * every store (100, 113).
 */
const NEEDS_THE_SERVER = { 'sqlite-server': (): ErrorAnswer => ({ errorCode: 'UNSUPPORTED' }) };

interface Listing {
  path: string;
  isDir: boolean;
  fileSize?: number;
}

function listingOf(files: FileInfo[]): Listing[] {
  return files.map((file) =>
    file.isDir ? { path: file.path, isDir: true } : { path: file.path, isDir: false, fileSize: file.fileSize },
  );
}

function recordedListing(selector: string): Listing[] {
  const body = recordedBody<{ files?: { path: string; is_dir?: boolean; file_size?: number }[] }>(selector);
  return (body.files ?? []).map((file) =>
    file.is_dir ? { path: file.path, isDir: true } : { path: file.path, isDir: false, fileSize: file.file_size },
  );
}

/**
 * MLflow leaves zero-valued fields out of its JSON, so the server lists an empty file with no
 * size (094: empty.txt) and a REST store can only relay that; a local store reads the file and
 * says 0.
 */
function emptyFilesSized(selector: string): () => Listing[] {
  return () =>
    recordedListing(selector).map((entry) => (entry.isDir ? entry : { ...entry, fileSize: entry.fileSize ?? 0 }));
}

type ListingDiffers = NonNullable<Question<Listing[] | ErrorAnswer>['differs']>;

function list(
  selector: string,
  experiment: string,
  run: string,
  path: string | undefined,
  what: string,
  differs: ListingDiffers = {},
): Question {
  return question<Listing[] | ErrorAnswer>({
    title: `${selector} artifacts/list ${what}`,
    ask: (store, ids) => outcome(store.listArtifacts(ids.run(experiment, run), path).then(listingOf)),
    expected: () => recordedListing(selector),
    differs: { ...NEEDS_THE_SERVER, ...differs },
  });
}

function refusedPath(
  selector: string,
  what: string,
  call: (store: TrackingStore, runId: string) => Promise<unknown>,
): Question {
  return question({
    title: `${selector} ${what} a path leaving the root is refused`,
    ask: (store, ids) => errorCodeOf(call(store, ids.run('demo-classifier', 'best-so-far'))),
    expected: () => recordedError(selector),
  });
}

function read(selector: string, experiment: string, run: string, path: string): Question {
  return question<ContentAnswer | ErrorAnswer>({
    title: `${selector} read artifact ${JSON.stringify(path)} of ${run}`,
    ask: (store, ids) =>
      outcome(
        store
          .readArtifact(ids.run(experiment, run), path)
          .then((content) => contentOf(content.data, content.truncated)),
      ),
    expected: () => recordedContent(selector),
    differs: NEEDS_THE_SERVER,
  });
}

const zoo = (selector: string, path: string | undefined, what: string, differs?: ListingDiffers) =>
  list(selector, 'edge-cases', 'artifact-zoo', path, what, differs);
const best = (selector: string, path: string | undefined, what: string) =>
  list(selector, 'demo-classifier', 'best-so-far', path, what);

export const ARTIFACT_QUESTIONS: Question[] = [
  best('091', undefined, 'of the root'),
  best('092', 'model', 'of a folder'),
  best('093', 'model/data', 'of a folder in a folder'),
  zoo('094', undefined, 'of the root of artifact-zoo (an empty file, an HTML page)', {
    'sqlite-local': emptyFilesSized('094'),
    file: emptyFilesSized('094'),
  }),
  zoo('095', 'reports', 'of a folder of unicode, space and percent names'),
  zoo('096', 'a/b/c/d', 'of a deep folder'),
  best('097', 'notes.txt', 'of a file is empty'),
  best('098', 'nope', 'of a missing folder is empty'),
  list('099', 'edge-cases', 'empty-run', undefined, 'of a run with no artifacts is empty'),
  refusedPath('100', 'artifacts/list of', (store, runId) => store.listArtifacts(runId, '../../')),
  question({
    title: '150 artifacts/list of an unknown run',
    ask: (store) => errorCodeOf(store.listArtifacts('00000000000000000000000000000000')),
    expected: () => recordedError('150'),
  }),
  read('101', 'demo-classifier', 'best-so-far', 'notes.txt'),
  read('103', 'demo-classifier', 'best-so-far', 'metrics.json'),
  read('104', 'demo-classifier', 'best-so-far', 'plots/loss_curve.png'),
  read('105', 'demo-classifier', 'best-so-far', 'model/data/weights.npy'),
  read('106', 'edge-cases', 'artifact-zoo', 'reports/résumé final.txt'),
  read('107', 'edge-cases', 'artifact-zoo', 'reports/100% done & ok.txt'),
  read('108', 'edge-cases', 'artifact-zoo', 'page.html'),
  read('109', 'edge-cases', 'artifact-zoo', 'data.csv'),
  read('110', 'edge-cases', 'artifact-zoo', 'empty.txt'),
  refusedPath('113', 'reading an artifact at', (store, runId) => store.readArtifact(runId, '../../../../etc/passwd')),
  question({
    title: '114 reading an artifact of an unknown run',
    ask: (store) => errorCodeOf(store.readArtifact('00000000000000000000000000000000', 'notes.txt')),
    expected: () => recordedError('114'),
  }),
];
