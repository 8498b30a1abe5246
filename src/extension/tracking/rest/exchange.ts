import { pipeline, Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { MlflowCancelledError, MlflowError } from '../errors';
import { errorFromNetwork, timeoutError } from './httpErrors';
import type { ExchangeContext } from './httpErrors';
import { ResponseBody } from './responseBody';

/**
 * One attempt's cancellation and time limit: aborted by the caller's signal, by the timeout
 * until the answer's headers arrive, and by the idle timeout while its body is read.
 */
export class Exchange {
  private readonly controller = new AbortController();
  private timedOut = false;
  private finished = false;
  private readonly timer: NodeJS.Timeout;
  readonly signal: AbortSignal;

  constructor(
    /** The caller's signal. */
    private readonly callerSignal: AbortSignal | undefined,
    readonly context: ExchangeContext,
  ) {
    this.signal = callerSignal ? AbortSignal.any([callerSignal, this.controller.signal]) : this.controller.signal;
    this.timer = setTimeout(() => this.expire(), context.timeoutMs);
  }

  /** The answer's body, read under the idle timeout from here on. */
  body(source: Readable, status: number, contentType: string | undefined, length: number | undefined): ResponseBody {
    this.finish();
    const mapError = (error: unknown) => this.mapError(error);
    return new ResponseBody(source, status, contentType, length, this.context.timeoutMs, () => this.expire(), () => this.finish(), mapError);
  }

  /** What went wrong, as the tracking client's error: a cancel and a timeout win over what they caused. */
  mapError(error: unknown): MlflowError {
    if (this.callerSignal?.aborted) return new MlflowCancelledError();
    if (this.timedOut) return timeoutError(this.context);
    if (error instanceof MlflowError) return error;
    return errorFromNetwork(error, this.context);
  }

  /** A large upload takes as long as it takes: each chunk sent re-arms the timeout. */
  watchUpload(source: Readable): Readable {
    const refresh = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        this.refresh();
        done(null, chunk);
      },
    });
    return pipeline(source, refresh, () => undefined);
  }

  /** Ends the time limit until the headers: the body has its own idle timeout. */
  finish(): void {
    this.finished = true;
    clearTimeout(this.timer);
  }

  refresh(): void {
    if (!this.finished) this.timer.refresh();
  }

  private expire(): void {
    this.timedOut = true;
    this.controller.abort();
  }
}
