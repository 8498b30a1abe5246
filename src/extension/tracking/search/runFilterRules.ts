import { SearchSyntaxError } from '../errors';
import type { Comparison, EntityType } from './filterParser';
import type { RawClause } from './filterSyntax';
import type { RawIdentifier } from './identifierSyntax';
import {
  LIST_COMPARATORS,
  NUMERIC_COMPARATORS,
  STRING_COMPARATORS,
  checkComparator,
  checkListUse,
  listValue,
  numberValue,
  stringValue,
} from './comparisonRules';

/** MLflow's names for the entity types of a run, with the alternatives it accepts (case-sensitive). */
export const RUN_ENTITIES: Readonly<Record<string, EntityType>> = {
  metric: 'metric',
  metrics: 'metric',
  parameter: 'param',
  parameters: 'param',
  param: 'param',
  params: 'param',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
  dataset: 'dataset',
  datasets: 'dataset',
};

/** Searchable run attributes, each mapped to the column MLflow compares (aliases included). */
export const SEARCHABLE_ATTRIBUTES: Readonly<Record<string, string>> = {
  artifact_uri: 'artifact_uri',
  end_time: 'end_time',
  run_id: 'run_id',
  run_name: 'run_name',
  start_time: 'start_time',
  status: 'status',
  user_id: 'user_id',
  created: 'start_time',
  Created: 'start_time',
  'run name': 'run_name',
  'Run name': 'run_name',
  'Run Name': 'run_name',
};

/** Orderable run attributes: the searchable ones, but of the aliases only `created` / `Created`. */
export const ORDERABLE_ATTRIBUTES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SEARCHABLE_ATTRIBUTES).filter(([name]) => !name.includes(' ')),
);

const NUMERIC_ATTRIBUTES: ReadonlySet<string> = new Set(['start_time', 'end_time']);
const DATASET_KEYS: ReadonlySet<string> = new Set(['name', 'digest', 'context']);

/** The entity type an identifier names (`attribute` when it has no `entity.` prefix). */
export function runEntityOf(identifier: RawIdentifier, input: string): EntityType {
  const entity = identifier.entity;
  if (!entity) return 'attribute';
  const known = (entity.quote === 'none' || entity.quote === 'backtick') && Object.hasOwn(RUN_ENTITIES, entity.text);
  if (!known) {
    const written = entity.quote === 'double' ? `"${entity.text}"` : entity.text;
    throw new SearchSyntaxError(
      `Invalid entity type '${written}' at position ${entity.position}. Valid values are metrics, params, tags, attributes, datasets ` +
        '(or metric, param, parameter(s), tag, attribute, attr, run, dataset)',
      input,
      entity.position,
    );
  }
  return RUN_ENTITIES[entity.text]!;
}

/** The column an attribute key names, checked against `valid` (searchable or orderable attributes). */
export function runAttributeOf(
  identifier: RawIdentifier,
  input: string,
  valid: Readonly<Record<string, string>>,
): string {
  const { text, position } = identifier.key;
  if (!Object.hasOwn(valid, text)) {
    throw new SearchSyntaxError(
      `Invalid attribute key '${text}' at position ${position}. Valid keys are ${Object.keys(valid).join(', ')}`,
      input,
      position,
    );
  }
  return valid[text]!;
}

/** Checks one parsed clause of a run filter against MLflow's rules and returns it as a Comparison. */
export function runComparisonOf(clause: RawClause, input: string): Comparison {
  const entityType = runEntityOf(clause.identifier, input);
  const position = clause.identifier.position;
  switch (entityType) {
    case 'metric': {
      const comparator = checkComparator(clause, input, NUMERIC_COMPARATORS, 'metrics');
      return { entityType, key: clause.identifier.key.text, comparator, value: numberValue(clause, input), position };
    }
    case 'param':
    case 'tag': {
      const comparator = checkComparator(clause, input, STRING_COMPARATORS, entityType === 'param' ? 'params' : 'tags');
      return { entityType, key: clause.identifier.key.text, comparator, value: stringValue(clause, input), position };
    }
    case 'attribute':
      return attributeComparison(clause, input);
    case 'dataset':
      return datasetComparison(clause, input);
  }
}

function attributeComparison(clause: RawClause, input: string): Comparison {
  const key = runAttributeOf(clause.identifier, input, SEARCHABLE_ATTRIBUTES);
  const position = clause.identifier.position;
  if (NUMERIC_ATTRIBUTES.has(key)) {
    const comparator = checkComparator(clause, input, NUMERIC_COMPARATORS, 'numeric attributes');
    return { entityType: 'attribute', key, comparator, value: numberValue(clause, input), position };
  }
  const comparator = checkComparator(clause, input, LIST_COMPARATORS, 'string attributes');
  const value = clause.value;
  if (value.kind !== 'list') {
    return { entityType: 'attribute', key, comparator, value: stringValue(clause, input), position };
  }
  if (key !== 'run_id') {
    throw new SearchSyntaxError(
      `Only the run_id attribute can be compared with a list; ${clause.identifier.text} at position ${value.position} cannot`,
      input,
      value.position,
    );
  }
  checkListUse(clause, input, comparator);
  return { entityType: 'attribute', key, comparator, value: listValue(clause, value, input), position };
}

function datasetComparison(clause: RawClause, input: string): Comparison {
  const { text: key, position: keyPosition } = clause.identifier.key;
  if (!DATASET_KEYS.has(key)) {
    throw new SearchSyntaxError(
      `Invalid dataset key '${key}' at position ${keyPosition}. Valid keys are name, digest, context`,
      input,
      keyPosition,
    );
  }
  const comparator = checkComparator(clause, input, LIST_COMPARATORS, 'datasets');
  const position = clause.identifier.position;
  const value = clause.value;
  if (value.kind !== 'list') {
    return { entityType: 'dataset', key, comparator, value: stringValue(clause, input), position };
  }
  checkListUse(clause, input, comparator);
  return { entityType: 'dataset', key, comparator, value: listValue(clause, value, input), position };
}
