/** The run panel's entry point: controls registered, messages wired, then `ready` to the host. */
import { describe, host } from '../shared/host';
import { watchTheme } from '../shared/theme';
import { registerToolkit } from '../shared/toolkit';
import { RunApp } from './app';

registerToolkit();
const app = new RunApp(document.getElementById('app') ?? document.body);
const theme = watchTheme(() => app.themeChanged());
host.onMessage((message) => (message.type === 'themeChanged' ? theme.notify() : app.receive(message)));
window.addEventListener('error', (event) =>
  host.post({ type: 'problem', message: `run panel: ${describe(event.error ?? event.message)}` }),
);
host.post({ type: 'ready' });
