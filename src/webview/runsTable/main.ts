/** The runs table's entry point: messages wired, then `runsTable/ready` to the host. */
import { parseRunsTableHostMessage } from '../protocol';
import { describe, host } from '../shared/host';
import { watchTheme } from '../shared/theme';
import { RunsTableApp } from './app';

const app = new RunsTableApp(document.getElementById('app') ?? document.body);
const theme = watchTheme(() => app.receive({ type: 'themeChanged' }));
host.listen(parseRunsTableHostMessage, (message) =>
  message.type === 'themeChanged' ? theme.notify() : app.receive(message),
);
window.addEventListener('error', (event) =>
  host.post({ type: 'problem', message: `runs table: ${describe(event.error ?? event.message)}` }),
);
// Tests and the benchmark draw synchronously instead of waiting for the next frame.
(window as unknown as { runsTable?: RunsTableApp }).runsTable = app;
host.post({ type: 'runsTable/ready' });
