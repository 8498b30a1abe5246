import type { Readable } from 'node:stream';

/**
 * A response body read chunk by chunk, under an idle timeout: each chunk re-arms the timer, so a
 * large download may take as long as it needs while a stalled one still fails. Ending the
 * iteration early (or `close()`) releases the connection. Errors reach the reader through
 * `mapError`, so the caller only ever sees the tracking client's errors.
 */
export class ResponseBody implements AsyncIterable<Buffer> {
  private readonly idleTimer: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly source: Readable,
    /** The HTTP status and headers, as the server sent them. */
    readonly status: number,
    readonly contentType: string | undefined,
    readonly contentLength: number | undefined,
    idleTimeoutMs: number,
    /** Called when no chunk came for `idleTimeoutMs`: should abort the exchange. */
    private readonly onIdle: () => void,
    private readonly onClose: () => void,
    private readonly mapError: (error: unknown) => Error,
  ) {
    this.idleTimer = setTimeout(() => this.onIdle(), idleTimeoutMs);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of this.source) {
        this.idleTimer.refresh();
        yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      }
    } catch (error) {
      throw this.mapError(error);
    } finally {
      this.close();
    }
  }

  /** Reads the whole body. */
  async readAll(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this) chunks.push(chunk);
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
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
    if (!this.source.readableEnded) this.source.destroy();
    this.onClose();
  }
}
