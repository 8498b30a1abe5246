/**
 * The one module that knows about `@vscode/webview-ui-toolkit` (deprecated upstream, so it must
 * stay swappable): it registers the few components used and builds them. Everything else asks for
 * a button, checkbox, text field or dropdown here and gets back an element with plain events.
 */
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDropdown,
  vsCodeOption,
  vsCodeProgressRing,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';
import { custom } from './dom';

let registered = false;

/** Registers the components once, before any is built. */
export function registerToolkit(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(
    vsCodeButton(),
    vsCodeCheckbox(),
    vsCodeDropdown(),
    vsCodeOption(),
    vsCodeProgressRing(),
    vsCodeTextField(),
  );
}

export function button(
  label: string,
  onClick: () => void,
  options: { secondary?: boolean; title?: string; icon?: boolean } = {},
): HTMLElement {
  const attrs: Record<string, string> = {
    appearance: options.icon ? 'icon' : options.secondary ? 'secondary' : 'primary',
  };
  if (options.icon) attrs['aria-label'] = options.title ?? label;
  const element = custom('vscode-button', { text: label, title: options.title, attrs });
  element.addEventListener('click', onClick);
  return element;
}

export function checkbox(label: string, checked: boolean, onChange: (checked: boolean) => void): HTMLElement {
  // The attribute sets the initial state (a property set before the element connects is dropped).
  const element = custom('vscode-checkbox', { text: label, attrs: checked ? { checked: '' } : {} }) as HTMLElement & {
    checked: boolean;
  };
  element.addEventListener('change', () => onChange(element.checked));
  return element;
}

export function textField(placeholder: string, onInput: (value: string) => void, value = ''): HTMLElement {
  const element = custom('vscode-text-field', {
    attrs: { placeholder, 'aria-label': placeholder, value },
  }) as HTMLElement & { value: string };
  element.addEventListener('input', () => onInput(element.value));
  return element;
}

export interface Choice {
  value: string;
  label: string;
}

export function dropdown(
  label: string,
  choices: readonly Choice[],
  selected: string,
  onChange: (value: string) => void,
): HTMLElement {
  const element = custom('vscode-dropdown', { attrs: { 'aria-label': label }, title: label });
  for (const choice of choices) {
    const option = custom('vscode-option', { text: choice.label, attrs: { value: choice.value } });
    if (choice.value === selected) option.setAttribute('selected', '');
    element.appendChild(option);
  }
  element.addEventListener('change', () => onChange((element as HTMLElement & { value: string }).value));
  return element;
}

export function progressRing(): HTMLElement {
  return custom('vscode-progress-ring');
}

/** A range slider (the toolkit has none): a native input, styled from the theme in CSS. */
export function slider(
  label: string,
  range: { min: number; max: number; step: number },
  value: number,
  onInput: (value: number) => void,
): HTMLElement {
  const input = document.createElement('input');
  input.type = 'range';
  input.min = String(range.min);
  input.max = String(range.max);
  input.step = String(range.step);
  input.value = String(value);
  input.className = 'slider';
  input.setAttribute('aria-label', label);
  input.title = label;
  input.addEventListener('input', () => onInput(Number(input.value)));
  return input;
}
