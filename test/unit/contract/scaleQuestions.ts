/**
 * Searches of the 'scale' experiment: 10,000 runs on the recorded server, the first 150 of them
 * (trial-00000 to trial-00149) in the local stores. Asked of a local store, a question is compared
 * where those 150 runs determine the answer, and not asked where they do not.
 */
import assert from 'node:assert/strict';
import { manifest } from '../local/fixtures';
import { onLocalStores, Satisfies } from './question';
import type { BackendFacts, Question } from './question';
import { recordedRunPage } from './recordings';
import type { RunPage } from './recordings';
import { recordedSearch } from './runSearch';

/** The 'scale' runs a local store holds, from the manifest made with it. */
async function scaleRunsHeld(backend: BackendFacts): Promise<Set<string>> {
  const held = (await manifest(backend.manifest!)).experiments.find((experiment) => experiment.name === 'scale')!;
  return new Set(held.runs.map((run) => run.run_name));
}

/**
 * The recorded top runs of 10,000 that the store holds are its top runs too, in the same order;
 * which of its runs follow them the recording does not say, so only that lead is compared.
 */
function leadsWithHeldRuns(selector: string) {
  return async (backend: BackendFacts) => {
    const held = await scaleRunsHeld(backend);
    const lead = recordedRunPage(selector).runs.filter((name) => held.has(name));
    return new Satisfies<RunPage>(`starts with ${JSON.stringify(lead)}`, (answer) => {
      assert.ok(lead.length > 0, `${selector}: the store holds some of the recorded runs`);
      assert.deepEqual(answer.runs.slice(0, lead.length), lead);
    });
  };
}

export const SCALE_QUESTIONS: Question[] = [
  recordedSearch(
    '054',
    'of scale by metrics.loss DESC (some losses are NaN), first 5',
    () => ({ experiments: ['scale'], orderBy: ['metrics.loss DESC'], maxResults: 5 }),
    { differs: onLocalStores(leadsWithHeldRuns('054')) },
  ),
  recordedSearch(
    '055',
    'of scale by metrics.loss ASC, first 5',
    () => ({ experiments: ['scale'], orderBy: ['metrics.loss ASC'], maxResults: 5 }),
    // The recorded five lowest losses of 10,000 runs are all outside the 150 runs the local
    // stores hold, so the recording does not determine their answer: asked of REST only.
    { only: ['rest'] },
  ),
  recordedSearch(
    '058',
    'of scale filtered to KILLED, max_results 50000',
    () => ({ experiments: ['scale'], maxResults: 50000, filterString: "attributes.status = 'KILLED'" }),
    {
      // A filter keeps each run or not by itself: on 150 of the runs it answers the recorded runs
      // those 150 include, in the recorded order.
      differs: onLocalStores<RunPage>(async (backend) => {
        const held = await scaleRunsHeld(backend);
        const recorded = recordedRunPage('058');
        return { runs: recorded.runs.filter((name) => held.has(name)), nextPage: recorded.nextPage };
      }),
    },
  ),
];
