import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { ResponseLimit } from './responseLimits';

/** What a body needs from the exchange it belongs to (see exchange.ts). */
export interface BodyOwner {
  readonly idleTimeoutMs: number;
  /** No chunk came for `idleTimeoutMs`: should abort the exchange, so the read fails. */
  idle(): void;
  /** The body is done with; `early` when it was not read to its end (the connection cannot be reused). */
  closed(early: boolean): void;
  /** What went wrong while reading, as the tracking client's error. */
  mapError(error: unknown): Error;
  /** The error for an answer longer than `limit`. */
  tooLarge(limit: ResponseLimit): Error;
}

/** The HTTP status and headers, as the server sent them. */
export interface ResponseHead {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly contentLength: number | undefined;
}

/**
 * A response body read chunk by chunk, under an idle timeout: each chunk re-arms the timer, so a
 * stalled body fails (the exchange's deadline, if it has one, bounds a body that trickles).
 * Ending the iteration early (or `close()`) releases the connection. Errors reach the reader
 * through the owner's `mapError`, so the caller only ever sees the tracking client's errors.
 */
export class ResponseBody implements AsyncIterable<Buffer> {
  private readonly idleTimer: NodeJS.Timeout;
  private closed = false;
  readonly status: number;
  readonly contentType: string | undefined;
  readonly contentLength: number | undefined;

  constructor(
    private readonly source: Readable,
    head: ResponseHead,
    private readonly owner: BodyOwner,
  ) {
    ({ status: this.status, contentType: this.contentType, contentLength: this.contentLength } = head);
    this.idleTimer = setTimeout(() => this.owner.idle(), owner.idleTimeoutMs);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of this.source) {
        this.idleTimer.refresh();
        yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      }
    } catch (error) {
      throw this.owner.mapError(error);
    } finally {
      this.close();
    }
  }

  /**
   * Reads the whole body as UTF-8 text. It may not exceed `limit` bytes: past it, reading stops (the
   * connection is destroyed) and the owner's `tooLarge` error is thrown, so no more than the limit is
   * ever held. Each chunk is decoded as it arrives, while the rest is still on its way (a character
   * split between chunks is completed by the next): joining a 2.4 MB page's bytes and then decoding
   * them made two fresh copies after its last byte, each about 10 ms in a cold extension host.
   */
  async readText(limit: ResponseLimit): Promise<string> {
    if (this.contentLength !== undefined && this.contentLength > limit.bytes) {
      this.close();
      throw this.owner.tooLarge(limit);
    }
    const decoder = new StringDecoder('utf8');
    const parts: string[] = [];
    let length = 0;
    for await (const chunk of this) {
      length += chunk.length;
      if (length > limit.bytes) throw this.owner.tooLarge(limit);
      parts.push(decoder.write(chunk));
    }
    parts.push(decoder.end());
    return parts.join('');
  }

  /** Reads at most `maxBytes` (an error page need not be read to its end). */
  async readPrefix(maxBytes: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of this) {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= maxBytes) break;
    }
    return Buffer.concat(chunks).subarray(0, maxBytes);
  }

  /** Stops reading and releases the connection; safe to call more than once. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idleTimer);
    const early = !this.source.readableEnded;
    if (early) this.source.destroy();
    this.owner.closed(early);
  }
}
