import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** The database as a Node without `StatementSync.setReturnArrays` (VS Code 1.101's) shows it: rows only as objects. */
export function withoutReturnArrays(db: DatabaseSync): DatabaseSync {
  const hide = (statement: StatementSync): StatementSync =>
    new Proxy(statement, {
      get(target, key) {
        if (key === 'setReturnArrays') return undefined;
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value.bind(target) as unknown) : value;
      },
    });
  return new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') return (sql: string) => hide(target.prepare(sql));
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value.bind(target) as unknown) : value;
    },
  });
}
