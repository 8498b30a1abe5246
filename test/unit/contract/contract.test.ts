/**
 * One contract, every backend: the same questions, phrased by experiment and run names, asked of
 * a RestStore against the replayed recordings of a real MLflow 3.5.1 server, of SqliteStore on three
 * mlflow.db files (one of them upgraded to MLflow 3.12's schema) and of FileStore on mlruns/, each
 * answer compared with what the server answered.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ARTIFACT_QUESTIONS } from './artifactQuestions';
import { BACKENDS } from './backends';
import type { OpenBackend } from './backends';
import { EXPERIMENT_QUESTIONS } from './experimentQuestions';
import { HISTORY_QUESTIONS } from './historyQuestions';
import { INFINITY_QUESTIONS } from './infinityQuestions';
import { LOCAL_STORE_QUESTIONS } from './localStoreQuestions';
import { Satisfies } from './question';
import type { Question } from './question';
import { RUN_QUESTIONS } from './runQuestions';
import { RUN_SEARCH_QUESTIONS } from './runSearchQuestions';
import { SCALE_QUESTIONS } from './scaleQuestions';
import { resolveStoreIds } from './storeIds';
import type { StoreIds } from './storeIds';
import { WRITE_QUESTIONS } from './writeQuestions';

const QUESTIONS: readonly Question[] = [
  ...EXPERIMENT_QUESTIONS,
  ...RUN_SEARCH_QUESTIONS,
  ...SCALE_QUESTIONS,
  ...RUN_QUESTIONS,
  ...HISTORY_QUESTIONS,
  ...INFINITY_QUESTIONS,
  ...ARTIFACT_QUESTIONS,
  ...WRITE_QUESTIONS,
  ...LOCAL_STORE_QUESTIONS,
];

for (const backend of BACKENDS) {
  describe(backend.label, () => {
    let opened: OpenBackend;
    let ids: StoreIds;

    before(async () => {
      opened = await backend.open();
      ids = await resolveStoreIds(opened.storeFor());
    });
    after(() => opened.close());

    const answersAs = backend.answersAs ?? backend.name;
    for (const question of QUESTIONS.filter((candidate) => candidate.only?.includes(answersAs) ?? true)) {
      test(question.title, async () => {
        const store = opened.storeFor(question);
        const expected = await (question.differs?.[answersAs] ?? question.expected)(backend);
        const answer = await question.ask(store, ids);
        if (expected instanceof Satisfies) await expected.check(answer, store, ids);
        else assert.deepEqual(answer, expected);
      });
    }

    if (backend.name === 'rest') {
      test('the REST store asked only what the recorded server was asked', () => {
        assert.deepEqual(opened.unmatched(), []);
      });
    }
  });
}
