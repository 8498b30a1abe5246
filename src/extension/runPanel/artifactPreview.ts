import type { ArtifactPreview } from '../../webview/protocol';
import type { CallOptions, TrackingStore } from '../tracking/trackingStore';

/** Largest image shown inline (it travels to the webview as a data URI). */
const IMAGE_PREVIEW_BYTES = 5 * 1024 * 1024;
/** How much of a text artifact is shown. */
const TEXT_PREVIEW_BYTES = 512 * 1024;
/** How much of a file of unknown type is read to decide whether it is text. */
const SNIFF_BYTES = 64 * 1024;

const IMAGE_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
};

type TextFormat = Extract<ArtifactPreview, { kind: 'text' }>['format'];

const TEXT_FORMATS: Readonly<Record<string, TextFormat>> = {
  json: 'json',
  yaml: 'yaml',
  yml: 'yaml',
  csv: 'csv',
  txt: 'text',
  log: 'text',
  md: 'text',
  py: 'text',
  tsv: 'text',
  html: 'text',
  xml: 'text',
  toml: 'text',
  ini: 'text',
  cfg: 'text',
  sh: 'text',
};

/** How a file is previewed, by its name: MLflow's `MLmodel`, an image type, a text format, or unknown. */
export function previewKind(
  path: string,
): { kind: 'image'; mime: string } | { kind: 'text'; format: TextFormat } | { kind: 'unknown' } {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'MLmodel') return { kind: 'text', format: 'mlmodel' };
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  if (Object.hasOwn(IMAGE_TYPES, extension)) return { kind: 'image', mime: IMAGE_TYPES[extension]! };
  if (Object.hasOwn(TEXT_FORMATS, extension)) return { kind: 'text', format: TEXT_FORMATS[extension]! };
  return { kind: 'unknown' };
}

/**
 * The preview of one file artifact, read through the store with a size cap: images as data URIs
 * (up to 5 MiB), text formats as text (the first 512 KiB), other files as text when they are valid
 * UTF-8 without NUL bytes, else a sentence saying why there is no preview.
 */
export async function previewArtifact(
  store: TrackingStore,
  runId: string,
  path: string,
  size: number | undefined,
  options?: CallOptions,
): Promise<ArtifactPreview> {
  const kind = previewKind(path);
  if (kind.kind === 'image') {
    if (size !== undefined && size > IMAGE_PREVIEW_BYTES)
      return {
        kind: 'none',
        reason: `The image is ${megabytes(size)}: too large to preview (the limit is ${megabytes(IMAGE_PREVIEW_BYTES)}).`,
      };
    const content = await store.readArtifact(runId, path, { ...options, maxBytes: IMAGE_PREVIEW_BYTES });
    if (content.truncated)
      return {
        kind: 'none',
        reason: `The image is larger than ${megabytes(IMAGE_PREVIEW_BYTES)}: too large to preview.`,
      };
    return {
      kind: 'image',
      dataUri: `data:${kind.mime};base64,${Buffer.from(content.data).toString('base64')}`,
      size: content.data.length,
    };
  }
  const content = await store.readArtifact(runId, path, {
    ...options,
    maxBytes: kind.kind === 'text' ? TEXT_PREVIEW_BYTES : SNIFF_BYTES,
  });
  const text = decodeText(content.data, content.truncated);
  if (text === undefined)
    return { kind: 'none', reason: 'This file is not text; open it in the editor or download it.' };
  if (kind.kind === 'unknown' && content.truncated)
    return { kind: 'text', format: 'text', text, truncated: true, size };
  return {
    kind: 'text',
    format: kind.kind === 'text' ? kind.format : 'text',
    text,
    truncated: content.truncated,
    size,
  };
}

/** UTF-8 text, or undefined for binary data (a NUL byte or invalid UTF-8; a sequence cut at the end of a truncated read is fine). */
export function decodeText(bytes: Uint8Array, truncated: boolean): string | undefined {
  if (bytes.includes(0)) return undefined;
  // A multi-byte character cut by the size cap would read as invalid: drop the cut bytes first.
  const end = truncated ? completeUtf8Length(bytes) : bytes.length;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
  } catch {
    return undefined;
  }
}

function completeUtf8Length(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = bytes[end - back]!;
    if ((byte & 0xc0) !== 0x80) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return needed > back ? end - back : end;
    }
  }
  return end;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
