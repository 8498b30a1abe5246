import { MlflowError, SearchSyntaxError } from '../errors';
import type { LifecycleStage, ViewType } from '../model';
import type { EntityType } from '../../../webview/shared/searchWords';
import {
  ORDERABLE_ATTRIBUTES,
  ORDERABLE_EXPERIMENT_ATTRIBUTES,
  experimentAttributeOf,
  experimentEntityOf,
  runAttributeOf,
  runEntityOf,
} from './filterParser';
import type { RawIdentifier } from './filterSyntax';
import { IdentifierReader, tokenize } from './filterSyntax';

/*
 * The fields of a search request other than its filter, checked as the server checks them:
 * `max_results`, `view_type`, the fields a request may carry, `order_by` and `page_token`.
 */

/** The server's default page size, and the most it hands out in one page. */
export const DEFAULT_MAX_RESULTS = 1000;
export const MAX_RESULTS_LIMIT = 50000;

/** The page size of a search request, checked as the server checks `max_results`. */
export function checkMaxResults(maxResults: number | undefined): number {
  if (maxResults === undefined) return DEFAULT_MAX_RESULTS;
  if (!Number.isInteger(maxResults)) {
    throw invalidMaxResults(maxResults, 'It must be an integer');
  }
  if (maxResults < 1) throw invalidMaxResults(maxResults, 'It must be a positive integer');
  if (maxResults > MAX_RESULTS_LIMIT) throw invalidMaxResults(maxResults, `It must be at most ${MAX_RESULTS_LIMIT}`);
  return maxResults;
}

function invalidMaxResults(maxResults: number, rule: string): MlflowError {
  return new MlflowError(
    `Invalid value ${maxResults} for parameter 'max_results' supplied. ${rule}`,
    'INVALID_PARAMETER_VALUE',
    400,
  );
}

const STAGES: Readonly<Record<ViewType, ReadonlySet<LifecycleStage>>> = {
  ACTIVE_ONLY: new Set(['active']),
  DELETED_ONLY: new Set(['deleted']),
  ALL: new Set(['active', 'deleted']),
};

/** The lifecycle stages a view type selects (ACTIVE_ONLY when absent); an unknown view type is an error. */
export function stagesOf(viewType: ViewType | undefined, field: string): ReadonlySet<LifecycleStage> {
  const view = viewType ?? 'ACTIVE_ONLY';
  if (!Object.hasOwn(STAGES, view)) {
    throw new MlflowError(
      `Invalid ${field} '${String(view)}': expected ACTIVE_ONLY, DELETED_ONLY or ALL`,
      'INVALID_PARAMETER_VALUE',
      400,
    );
  }
  return STAGES[view];
}

/**
 * Checks the shape of a request that may come from outside TypeScript's reach (a webview, a
 * stored setting): strings where strings belong, lists of strings where lists belong.
 */
export function checkRequestFields(fields: {
  experimentIds?: unknown;
  filterString?: unknown;
  orderBy?: unknown;
  pageToken?: unknown;
}): void {
  const isStringList = (value: unknown): boolean =>
    Array.isArray(value) && value.every((item) => typeof item === 'string');
  if ('experimentIds' in fields && !isStringList(fields.experimentIds))
    throw invalidField('experimentIds', 'a list of experiment ids');
  if (fields.filterString !== undefined && typeof fields.filterString !== 'string')
    throw invalidField('filterString', 'a string');
  if (fields.orderBy !== undefined && !isStringList(fields.orderBy)) throw invalidField('orderBy', 'a list of strings');
  if (fields.pageToken !== undefined && typeof fields.pageToken !== 'string')
    throw invalidField('pageToken', 'a string');
}

function invalidField(field: string, expected: string): MlflowError {
  return new MlflowError(`Invalid ${field}: expected ${expected}`, 'INVALID_PARAMETER_VALUE', 400);
}

/** One `order_by` clause of a run search: `metrics.loss DESC`, `` tags.`a b` ``, `start_time ASC`. */
export interface RunOrderClause {
  entityType: Exclude<EntityType, 'dataset'>;
  /** Attribute aliases are resolved (`created` is `start_time`). */
  key: string;
  ascending: boolean;
}

/** One `order_by` clause of an experiment search: an attribute and a direction. */
export interface ExperimentOrderClause {
  key: string;
  ascending: boolean;
}

/** Parses a run search's `order_by` list; throws SearchSyntaxError (INVALID_PARAMETER_VALUE) as the server would. */
export function parseRunOrderBy(orderBy: readonly string[]): RunOrderClause[] {
  const seen = new Set<string>();
  return orderBy.map((text) => {
    const { identifier, ascending } = parseOrderByClause(text);
    const entityType = runEntityOf(identifier, text);
    if (entityType === 'dataset') {
      throw new SearchSyntaxError(
        `Runs cannot be ordered by datasets (order_by clause '${text}')`,
        text,
        identifier.position,
      );
    }
    const key =
      entityType === 'attribute' ? runAttributeOf(identifier, text, ORDERABLE_ATTRIBUTES) : identifier.key.text;
    const field = `${entityType}\u0000${key}`;
    if (seen.has(field)) {
      throw new SearchSyntaxError(
        `order_by names ${identifier.text} twice (clause '${text}')`,
        text,
        identifier.position,
      );
    }
    seen.add(field);
    return { entityType, key, ascending };
  });
}

/** Parses an experiment search's `order_by` list (name, experiment_id, creation_time, last_update_time). */
export function parseExperimentOrderBy(orderBy: readonly string[]): ExperimentOrderClause[] {
  return orderBy.map((text) => {
    const { identifier, ascending } = parseOrderByClause(text);
    if (experimentEntityOf(identifier, text) !== 'attribute') {
      throw new SearchSyntaxError(
        `Invalid order_by entity: experiments can be ordered by attributes only, not by ${identifier.text}`,
        text,
        identifier.position,
      );
    }
    return { key: experimentAttributeOf(identifier, text, ORDERABLE_EXPERIMENT_ATTRIBUTES), ascending };
  });
}

/**
 * `identifier [ASC|DESC]`, the direction case-insensitive. Like the server, a clause with
 * surrounding spaces is refused rather than trimmed.
 */
function parseOrderByClause(text: string): { identifier: RawIdentifier; ascending: boolean } {
  if (text.trim() === '' || text.trim() !== text) {
    const position = text.trimStart() === text ? text.trimEnd().length : 0;
    throw new SearchSyntaxError(
      `Invalid order_by clause '${text}': it could not be parsed (empty, or spaces around it)`,
      text,
      position,
    );
  }
  return new OrderByReader(text, tokenize(text)).readClause();
}

class OrderByReader extends IdentifierReader {
  readClause(): { identifier: RawIdentifier; ascending: boolean } {
    const identifier = this.readIdentifier();
    const direction = this.peek();
    if (!direction) return { identifier, ascending: true };
    if (direction.kind !== 'word' || direction.start === identifier.position + identifier.text.length) {
      throw this.error(
        `Invalid order_by clause '${this.input}': unexpected '${direction.text}' at position ${direction.start}`,
        direction.start,
      );
    }
    const word = direction.text.toLowerCase();
    if (word !== 'asc' && word !== 'desc') {
      throw this.error(
        `Invalid ordering key in order_by clause '${this.input}': '${direction.text}' at position ${direction.start} is neither ASC nor DESC`,
        direction.start,
      );
    }
    const extra = this.peek(1);
    if (extra) {
      throw this.error(
        `Invalid order_by clause '${this.input}': unexpected '${extra.text}' after ${direction.text} at position ${extra.start}`,
        extra.start,
      );
    }
    return { identifier, ascending: word === 'asc' };
  }
}

/**
 * MLflow's page tokens: base64 of the JSON `{"offset": N}` as Python's json.dumps writes it (a
 * space after the colon), so a token from a local search looks like one from a server.
 */
export function encodePageToken(offset: number): string {
  return Buffer.from(`{"offset": ${offset}}`, 'utf8').toString('base64');
}

/**
 * The offset a page token carries (0 for no token), read as leniently as the server reads it:
 * characters outside the base64 alphabet are skipped, and the offset may be a number or a
 * numeric string. A bad token is an INVALID_PARAMETER_VALUE error with the server's wording.
 */
export function decodePageToken(token: string | undefined): number {
  if (!token) return 0;
  const parsed = parseJson(decodeBase64(token));
  const offset = isRecord(parsed) ? parsed['offset'] : undefined;
  if (!offset) throw invalidToken(`parsed value=${JSON.stringify(parsed)}`);
  return integerOf(offset);
}

/** Python's non-strict base64 decoding: skip foreign characters, then demand full padding. */
function decodeBase64(token: string): Buffer {
  const cleaned = token.replace(/[^A-Za-z0-9+/=]/g, '');
  const data = cleaned.replace(/=.*$/s, '');
  const padding = cleaned.length - data.length;
  const remainder = data.length % 4;
  const padded = remainder === 0 || (remainder === 2 && padding >= 2) || (remainder === 3 && padding >= 1);
  if (remainder === 1 || !padded) throw invalidToken('could not base64-decode');
  return Buffer.from(data, 'base64');
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw invalidToken(`decoded value=${JSON.stringify(bytes.toString('latin1'))}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Python's int() of the offset: integers, floats (truncated) and integer strings. */
function integerOf(offset: unknown): number {
  if (typeof offset === 'number' && Number.isFinite(offset)) return Math.trunc(offset);
  if (typeof offset === 'boolean') return offset ? 1 : 0;
  if (typeof offset === 'string' && /^\s*[+-]?\d+(?:_\d+)*\s*$/.test(offset)) return Number(offset.replace(/_/g, ''));
  throw invalidToken(`not stringable ${typeof offset === 'string' ? offset : JSON.stringify(offset)}`);
}

function invalidToken(reason: string): MlflowError {
  return new MlflowError(`Invalid page token, ${reason}`, 'INVALID_PARAMETER_VALUE', 400);
}
