import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { MlflowError } from '../errors';

type Environment = Readonly<Record<string, string | undefined>>;

/** One profile of the Databricks CLI's config file, as written there (values trimmed). */
export interface DatabricksProfile {
  name: string;
  /** The file it was read from, for messages. */
  file: string;
  values: Readonly<Record<string, string>>;
}

/** The config file the Databricks CLI and SDKs read: DATABRICKS_CONFIG_FILE, else ~/.databrickscfg. */
export function databricksConfigPath(env: Environment): string {
  return env.DATABRICKS_CONFIG_FILE || join(env.HOME || homedir(), '.databrickscfg');
}

/**
 * The sections of an INI file as Python's configparser reads the CLI's file: `[name]` headers,
 * `key = value` or `key: value` lines, `#` and `;` comment lines. Keys are lower-cased, as
 * configparser does; section names are kept as written (`DEFAULT` is the default profile).
 */
export function parseDatabricksConfig(text: string): Map<string, Record<string, string>> {
  const sections = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      const name = header[1]!.trim();
      current = sections.get(name) ?? (Object.create(null) as Record<string, string>);
      sections.set(name, current);
      continue;
    }
    const separator = line.search(/[=:]/);
    if (!current || separator <= 0) continue;
    current[line.slice(0, separator).trim().toLowerCase()] = line.slice(separator + 1).trim();
  }
  return sections;
}

/**
 * The profile `name` of the config file; undefined when the file does not exist and `required`
 * is false. A missing file or profile that was asked for by name is an error naming the file and
 * the profiles it has, so a typo is easy to see.
 */
export function readDatabricksProfile(
  name: string,
  env: Environment,
  required: boolean,
): DatabricksProfile | undefined {
  const file = databricksConfigPath(env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !required) return undefined;
    const why =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'which does not exist'
        : `which cannot be read (${(error as Error).message})`;
    throw new MlflowError(
      `The Databricks profile '${name}' is to be read from ${file}, ${why}.`,
      'INVALID_PARAMETER_VALUE',
      undefined,
      { cause: error },
    );
  }
  const sections = parseDatabricksConfig(text);
  const values = sections.get(name);
  if (!values) {
    if (!required) return undefined;
    const known = [...sections.keys()];
    throw new MlflowError(
      `${file} has no profile '${name}'${known.length ? ` (its profiles: ${known.join(', ')})` : ' (it has no profiles)'}.`,
      'INVALID_PARAMETER_VALUE',
    );
  }
  // As in configparser, every profile inherits what DEFAULT sets and does not override.
  return { name, file, values: { ...sections.get('DEFAULT'), ...values } };
}
