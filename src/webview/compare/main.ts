/** The compare panel's entry point: controls registered, messages wired, then `ready` to the host. */
import { host, describe } from '../shared/host';
import { watchTheme } from '../shared/theme';
import { registerToolkit } from '../shared/toolkit';
import { CompareApp } from './app';

registerToolkit();
const app = new CompareApp(document.getElementById('app') ?? document.body);
const theme = watchTheme(() => app.themeChanged());
host.onMessage((message) => (message.type === 'themeChanged' ? theme.notify() : app.receive(message)));
window.addEventListener('error', (event) =>
  host.post({ type: 'problem', message: `compare panel: ${describe(event.error ?? event.message)}` }),
);
host.post({ type: 'ready' });
