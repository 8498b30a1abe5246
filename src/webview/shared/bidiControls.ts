/**
 * Bidi control characters (embeddings, overrides, isolates, the implicit marks, the Arabic letter
 * mark) reorder the text after them: a run named `report\u202Eexe.txt` reads as `reporttxt.exe`. Every
 * place that shows untrusted text, in the panels and in the workbench alike, shows them instead as
 * their code point, `<U+202E>`, the way VS Code's editor makes them visible. Pure: the extension
 * host imports it too, so both sides show one spelling.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every bidi control replaced by its visible code point, `<U+XXXX>`. */
export function showBidiControls(text: string): string {
  return text.replace(
    BIDI_CONTROLS,
    (control) => `<U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`,
  );
}
