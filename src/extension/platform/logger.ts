import * as vscode from 'vscode';

/**
 * The one "MLflow" output channel. Each line is tagged with the component that wrote it
 * (`[rest] GET /api/2.0/mlflow/runs/get 200 41ms`); credentials are never passed in.
 */
export class Logger implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('MLflow', { log: true });

  /** A logger that prefixes every line with `[component]`. */
  scoped(component: string): ScopedLogger {
    const tag = `[${component}]`;
    return {
      trace: (message) => this.channel.trace(`${tag} ${message}`),
      info: (message) => this.channel.info(`${tag} ${message}`),
      warn: (message) => this.channel.warn(`${tag} ${message}`),
      error: (message, error) => this.channel.error(`${tag} ${message}${describe(error)}`),
    };
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

export interface ScopedLogger {
  trace(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

function describe(error: unknown): string {
  if (error === undefined) return '';
  if (error instanceof Error) return `: ${error.name}: ${error.message}`;
  return `: ${typeof error === 'string' ? error : JSON.stringify(error)}`;
}
