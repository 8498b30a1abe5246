import { MlflowError } from '../tracking/errors';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A file name made from untrusted text: no folders, no control or reserved characters, the right extension. */
export function safeFileName(name: string, extension: 'csv' | 'png'): string {
  const base = name
    .replace(/^.*[/\\]/, '')
    .replace(/[\p{Cc}<>:"|?*]/gu, '_')
    .replace(/^\.+/, '')
    .slice(0, 100)
    .trim();
  const stem = base.toLowerCase().endsWith(`.${extension}`) ? base.slice(0, -extension.length - 1) : base;
  return `${stem || 'export'}.${extension}`;
}

/** The bytes to write: CSV text as UTF-8, a PNG only when its data URL holds a real PNG. */
export function fileBytes(format: 'csv' | 'png', content: string): Uint8Array {
  if (format === 'csv') return new TextEncoder().encode(content);
  const match = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/.exec(content);
  const bytes = match ? Buffer.from(match[1]!, 'base64') : Buffer.alloc(0);
  if (!PNG_SIGNATURE.every((byte, index) => bytes[index] === byte))
    throw new MlflowError('The chart image from the panel is not a PNG; nothing was saved.', 'INVALID_PARAMETER_VALUE');
  return bytes;
}
