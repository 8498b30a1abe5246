import type { CheckoutRecord } from '../git/checkoutRecord';
import { continueExcursion, parseCheckoutRecord } from '../git/checkoutRecord';

/** Where the records are kept: VS Code's workspace state (a Memento) or anything like it. */
export interface StateStore {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/**
 * The when-clause key of "Return to Previous Branch" and "Create Branch for Checked-Out Run": true
 * while a checkout is recorded, so they show on run rows and in the view's "..." menu only then.
 */
export const HAS_CHECKOUT_RECORD = 'mlflow.hasCheckoutRecord';

const KEY = 'mlflow.git.checkoutRecords';
/** Older records are dropped beyond this many (each one's stash stays in git regardless). */
const MAX_RECORDS = 20;

/**
 * What "Return to Previous Branch" returns from: the excursions to run commits made in this
 * workspace, the latest last. Checking out one run after another, stashing or not, extends the
 * latest record: Return goes back to the branch the first checkout left and brings back every
 * stash made on the way (a record per checkout stranded the user on the previous run's commit).
 * Stored values are read back as untrusted data and checked when used.
 */
export class CheckoutRecords {
  constructor(
    private readonly state: StateStore,
    private readonly onChange: (hasRecords: boolean) => void = () => undefined,
  ) {}

  /** The latest record as stored (unchecked), or undefined when there is none. */
  latest(): unknown {
    const stored = this.stored();
    return stored[stored.length - 1];
  }

  get size(): number {
    return this.stored().length;
  }

  /** Adds the record of a checkout just made, extending the latest when it continues it. */
  async add(record: CheckoutRecord): Promise<void> {
    const stored = this.stored();
    const latest = checked(stored[stored.length - 1]);
    const merged = latest && continueExcursion(latest, record);
    const next = merged ? [...stored.slice(0, -1), merged] : [...stored, record];
    await this.save(next.slice(-MAX_RECORDS));
  }

  /** Forgets the latest record (after returning from it, or when it cannot be used). */
  async dropLatest(): Promise<void> {
    await this.save(this.stored().slice(0, -1));
  }

  /** Tells the listener whether a record exists (e.g. for a when-clause), as stored now. */
  announce(): void {
    this.onChange(this.size > 0);
  }

  private stored(): unknown[] {
    const value = this.state.get(KEY);
    return Array.isArray(value) ? (value as unknown[]) : [];
  }

  private async save(records: unknown[]): Promise<void> {
    await this.state.update(KEY, records);
    this.announce();
  }
}

function checked(value: unknown): CheckoutRecord | undefined {
  try {
    return value === undefined ? undefined : parseCheckoutRecord(value);
  } catch {
    return undefined;
  }
}
