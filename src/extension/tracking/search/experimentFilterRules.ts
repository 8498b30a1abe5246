import { SearchSyntaxError } from '../errors';
import type { Comparison, EntityType } from './filterParser';
import type { RawClause } from './filterSyntax';
import type { RawIdentifier } from './identifierSyntax';
import { NUMERIC_COMPARATORS, STRING_COMPARATORS, checkComparator, numberValue, stringValue } from './comparisonRules';

/** Experiment searches know fewer entity types than run searches, and check them before any quote is removed. */
const EXPERIMENT_ENTITIES: Readonly<Record<string, EntityType>> = { attribute: 'attribute', tag: 'tag', tags: 'tag' };

export const SEARCHABLE_EXPERIMENT_ATTRIBUTES: ReadonlySet<string> = new Set([
  'name',
  'creation_time',
  'last_update_time',
]);
export const ORDERABLE_EXPERIMENT_ATTRIBUTES: ReadonlySet<string> = new Set([
  'name',
  'experiment_id',
  'creation_time',
  'last_update_time',
]);
const NUMERIC_EXPERIMENT_ATTRIBUTES: ReadonlySet<string> = new Set(['creation_time', 'last_update_time']);

/** The entity type of an experiment filter or order_by identifier: `attribute` or `tag`. */
export function experimentEntityOf(identifier: RawIdentifier, input: string): EntityType {
  const entity = identifier.entity;
  if (!entity) return 'attribute';
  if (entity.quote !== 'none' || !Object.hasOwn(EXPERIMENT_ENTITIES, entity.text)) {
    const written = input.slice(entity.position, identifier.key.position - 1);
    throw new SearchSyntaxError(
      `Invalid entity type '${written}' at position ${entity.position}. Valid entity types for experiments are attribute, tag, tags`,
      input,
      entity.position,
    );
  }
  return EXPERIMENT_ENTITIES[entity.text]!;
}

/** The attribute key of an experiment identifier, checked against `valid`. */
export function experimentAttributeOf(identifier: RawIdentifier, input: string, valid: ReadonlySet<string>): string {
  const { text, position } = identifier.key;
  if (!valid.has(text)) {
    throw new SearchSyntaxError(
      `Invalid attribute key '${text}' at position ${position}. Valid keys are ${[...valid].join(', ')}`,
      input,
      position,
    );
  }
  return text;
}

/** Checks one parsed clause of an experiment filter against MLflow's rules and returns it as a Comparison. */
export function experimentComparisonOf(clause: RawClause, input: string): Comparison {
  const entityType = experimentEntityOf(clause.identifier, input);
  checkUpperCaseKeyword(clause, input);
  const position = clause.identifier.position;
  if (entityType === 'tag') {
    const comparator = checkComparator(clause, input, STRING_COMPARATORS, 'experiment tags');
    return { entityType, key: clause.identifier.key.text, comparator, value: stringValue(clause, input), position };
  }
  const key = experimentAttributeOf(clause.identifier, input, SEARCHABLE_EXPERIMENT_ATTRIBUTES);
  if (NUMERIC_EXPERIMENT_ATTRIBUTES.has(key)) {
    const comparator = checkComparator(clause, input, NUMERIC_COMPARATORS, 'numeric attributes');
    return { entityType, key, comparator, value: numberValue(clause, input), position };
  }
  const comparator = checkComparator(clause, input, STRING_COMPARATORS, 'the name');
  return { entityType, key, comparator, value: stringValue(clause, input), position };
}

/**
 * Unlike run searches, MLflow 3.5.1 compares an experiment filter's comparator as written, so
 * `name like 'demo%'` is refused: only `LIKE` / `ILIKE` in capitals are known.
 */
function checkUpperCaseKeyword(clause: RawClause, input: string): void {
  const { text, written, position } = clause.comparator;
  if (written !== text && /^[A-Z ]+$/.test(text)) {
    throw new SearchSyntaxError(
      `Invalid comparator '${written}' at position ${position}: experiment searches need it in capitals, ${text}`,
      input,
      position,
    );
  }
}
