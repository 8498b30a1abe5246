/**
 * Every command the extension contributes, by area. A test checks this map against the
 * `contributes` section of package.json (commands, menus and when-clauses).
 */
export const CommandId = {
  showLog: 'mlflow.log.show',
} as const;

export type CommandIdValue = (typeof CommandId)[keyof typeof CommandId];
