import { pipeline, Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { MlflowCancelledError, MlflowError } from '../errors';
import { errorFromNetwork, responseTooLargeError, timeoutError } from './httpErrors';
import type { ExchangeContext, TimeoutPhase } from './httpErrors';
import { ResponseBody } from './responseBody';
import type { BodyOwner, ResponseHead } from './responseBody';
import type { ResponseLimit } from './responseLimits';

/**
 * When a request's deadline (the request timeout, for the whole exchange) starts counting:
 * - `request`: when it is sent; the answer, body included, must be complete within it.
 * - `answer`: when the answer's headers arrive (an upload takes as long as it keeps sending).
 * - `none`: an artifact download, written to disk with progress shown and a cancel button, may
 *   take as long as it keeps coming (the idle timeout still applies).
 */
export type DeadlineStart = 'request' | 'answer' | 'none';

/**
 * One attempt's cancellation and time limits: aborted by the caller's signal, by the timeout
 * until the answer's headers arrive, by the idle timeout while its body is read, and by the
 * deadline, which a body that keeps trickling in cannot push back.
 */
export class Exchange implements BodyOwner {
  private readonly controller = new AbortController();
  private timedOut: TimeoutPhase | undefined;
  private answered = false;
  private headersWaitOver = false;
  private readonly headersTimer: NodeJS.Timeout;
  private deadlineTimer: NodeJS.Timeout | undefined;
  readonly signal: AbortSignal;

  constructor(
    /** The caller's signal. */
    private readonly callerSignal: AbortSignal | undefined,
    readonly context: ExchangeContext,
    private readonly deadline: DeadlineStart,
  ) {
    this.signal = callerSignal ? AbortSignal.any([callerSignal, this.controller.signal]) : this.controller.signal;
    this.headersTimer = setTimeout(() => this.expire('answer'), context.timeoutMs);
    if (deadline === 'request') this.startDeadline();
  }

  get idleTimeoutMs(): number {
    return this.context.timeoutMs;
  }

  /** The answer's body, read under the idle timeout and the deadline from here on. */
  body(source: Readable, head: ResponseHead): ResponseBody {
    this.answered = true;
    this.endHeadersWait();
    if (this.deadline === 'answer') this.startDeadline();
    return new ResponseBody(source, head, this);
  }

  /** What went wrong, as the tracking client's error: a cancel and a timeout win over what they caused. */
  mapError(error: unknown): MlflowError {
    if (this.callerSignal?.aborted) return new MlflowCancelledError();
    if (this.timedOut) return timeoutError(this.context, this.timedOut);
    if (error instanceof MlflowError) return error;
    return errorFromNetwork(error, this.context);
  }

  tooLarge(limit: ResponseLimit): MlflowError {
    return responseTooLargeError(this.context, limit);
  }

  idle(): void {
    this.expire('idle');
  }

  /** A body left before its end also ends the request: its socket cannot be reused, so it goes. */
  closed(early: boolean): void {
    this.finish();
    if (early) this.controller.abort();
  }

  /** A large upload takes as long as it takes: each chunk sent re-arms the timeout. */
  watchUpload(source: Readable): Readable {
    const refresh = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        if (!this.headersWaitOver) this.headersTimer.refresh();
        done(null, chunk);
      },
    });
    return pipeline(source, refresh, () => undefined);
  }

  /** Ends every time limit: the exchange is over (or its body is in the caller's hands and done). */
  finish(): void {
    this.endHeadersWait();
    clearTimeout(this.deadlineTimer);
  }

  private endHeadersWait(): void {
    this.headersWaitOver = true;
    clearTimeout(this.headersTimer);
  }

  private startDeadline(): void {
    this.deadlineTimer = setTimeout(() => this.expire(this.answered ? 'deadline' : 'answer'), this.context.timeoutMs);
  }

  private expire(phase: TimeoutPhase): void {
    this.timedOut ??= phase;
    this.controller.abort();
  }
}
