// What the mocha runner inside the extension host writes for the harness outside it. Shared by
// both sides; the harness validates the file, since a crashed host may leave it partial.

/** The extension host reads the report's path from this variable. */
export const reportPathVariable = 'MLFLOW_EXPLORER_TEST_REPORT';

export interface TestOutcome {
  /** Mocha's full title: the suite titles and the test title. */
  title: string;
  passed: boolean;
  durationMs: number;
  /** The failure (message and stack), when failed. */
  error?: string;
}

export interface SuiteReport {
  tests: TestOutcome[];
}

/** Parses a report file's text; throws a specific error when it is not one. */
export function parseSuiteReport(text: string): SuiteReport {
  const value: unknown = JSON.parse(text);
  if (!isRecord(value) || !Array.isArray(value.tests)) throw new Error('test report has no "tests" list');
  return { tests: value.tests.map(parseOutcome) };
}

function parseOutcome(value: unknown, index: number): TestOutcome {
  if (
    !isRecord(value) ||
    typeof value.title !== 'string' ||
    typeof value.passed !== 'boolean' ||
    typeof value.durationMs !== 'number' ||
    (value.error !== undefined && typeof value.error !== 'string')
  ) {
    throw new Error(`test report entry ${index} is malformed: ${JSON.stringify(value)}`);
  }
  return { title: value.title, passed: value.passed, durationMs: value.durationMs, error: value.error };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
