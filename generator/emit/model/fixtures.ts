/**
 * Per-method fixtures: sample params and body for a call, and sample rows,
 * both as typed literals (for `samples`, checked against the generated
 * types) and as the text StackQL would send (for `fixtures`).
 */
import { defaultHint, fieldSample, valueSample, type JsonValue } from './samples.js';
import type { MethodView, ResourceView } from './resource.js';
import { tsLiteral, jsString } from '../literal.js';

export interface MethodFixtureView {
  member: string;
  nameLiteral: string;
  verbLiteral: string;
  specConst: string;
  paramsType: string;
  dataType: string | null;
  rowType: string;
  paramsLiteral: string;
  dataLiteral: string;
  /** Typed rows, one literal each. */
  rows: string[];
  /** The same rows as wire text. */
  rawRows: string[];
}

export interface ResourceFixtureView {
  member: string;
  file: string;
  idLiteral: string;
  methods: MethodFixtureView[];
}

function object(entries: Array<[string, JsonValue]>): { [key: string]: JsonValue } {
  const result: { [key: string]: JsonValue } = {};
  for (const [key, value] of entries) {
    // Assignment is the cheap way to add an own property, except for `__proto__`, which it would treat as the prototype.
    if (key === '__proto__') Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
    else result[key] = value;
  }
  return result;
}

function methodFixture(view: MethodView, defaults: Readonly<Record<string, string>>): MethodFixtureView {
  const { spec } = view.facts;
  const docs = new Map(view.facts.params.map((param) => [param.name, param.description]));
  // Required and server params: what a minimal real call gives.
  const params = object(
    spec.params
      .filter((param) => param.required || param.server)
      .map((param) => [
        param.name,
        valueSample(param.type, param.name, {
          given: param.server ? (defaults[param.name] ?? null) : null,
          defaultText: defaultHint(docs.get(param.name) ?? ''),
        }),
      ]),
  );
  const data = object(
    spec.data.map((item) => [item.name, valueSample(item.type, item.name, { validValues: item.validValues })]),
  );
  const rowFields = view.verb === 'select' ? view.facts.rowFields : [];
  const samples = rowFields.map((field) => [field.name, fieldSample(field)] as const);
  const typedRow = object(samples.map(([name, sample]) => [name, sample.value]));
  const rawRow = object(samples.map(([name, sample]) => [name, sample.text]));
  const hasRow = rowFields.length > 0;
  return {
    member: view.member,
    nameLiteral: view.nameLiteral,
    verbLiteral: jsString(view.verb),
    specConst: view.specConst,
    paramsType: view.paramsType,
    dataType: view.dataType,
    rowType: view.rowType,
    paramsLiteral: tsLiteral(params),
    dataLiteral: tsLiteral(data),
    rows: hasRow ? [tsLiteral(typedRow)] : [],
    rawRows: hasRow ? [tsLiteral(rawRow)] : [],
  };
}

export function resourceFixtures(view: ResourceView, defaults: Readonly<Record<string, string>>): ResourceFixtureView {
  return {
    member: view.placement.member,
    file: view.placement.file,
    idLiteral: view.idLiteral,
    methods: view.methods.map((method) => methodFixture(method, defaults)),
  };
}
