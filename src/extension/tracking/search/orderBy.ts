import { SearchSyntaxError } from '../errors';
import type { EntityType } from './filterParser';
import { tokenize } from './filterLexer';
import type { RawIdentifier } from './identifierSyntax';
import { IdentifierReader } from './identifierSyntax';
import { ORDERABLE_ATTRIBUTES, runAttributeOf, runEntityOf } from './runFilterRules';
import { ORDERABLE_EXPERIMENT_ATTRIBUTES, experimentAttributeOf, experimentEntityOf } from './experimentFilterRules';

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
