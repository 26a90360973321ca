/**
 * Per-method fixtures: sample params and body for a call, and sample rows,
 * both as typed literals (for `samples`, checked against the generated
 * types) and as the text StackQL would send (for `fixtures`).
 */
import { defaultHint, fieldSample, valueSample, type JsonValue } from './samples.js';
import type { MethodView, ResourceView } from './resource.js';
import { entriesLiteral, jsString } from '../literal.js';

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

function methodFixture(view: MethodView, defaults: Readonly<Record<string, string>>): MethodFixtureView {
  const { spec } = view.facts;
  const docs = new Map(view.facts.params.map((param) => [param.name, param.description]));
  // Required and server params: what a minimal real call gives.
  const params: Array<[string, JsonValue]> = [];
  for (const param of spec.params) {
    if (!param.required && !param.server) continue;
    params.push([
      param.name,
      valueSample(param.type, param.name, {
        given: param.server ? (defaults[param.name] ?? null) : null,
        defaultText: defaultHint(docs.get(param.name) ?? ''),
      }),
    ]);
  }
  const data = spec.data.map((item): [string, JsonValue] => [item.name, valueSample(item.type, item.name, { validValues: item.validValues })]);
  const rowFields = view.verb === 'select' ? view.facts.rowFields : [];
  const typedRow: Array<[string, JsonValue]> = [];
  const rawRow: Array<[string, string | null]> = [];
  for (const field of rowFields) {
    const sample = fieldSample(field);
    typedRow.push([field.name, sample.value]);
    rawRow.push([field.name, sample.text]);
  }
  const hasRow = rowFields.length > 0;
  return {
    member: view.member,
    nameLiteral: view.nameLiteral,
    verbLiteral: jsString(view.verb),
    specConst: view.specConst,
    paramsType: view.paramsType,
    dataType: view.dataType,
    rowType: view.rowType,
    paramsLiteral: entriesLiteral(params),
    dataLiteral: entriesLiteral(data),
    rows: hasRow ? [entriesLiteral(typedRow)] : [],
    rawRows: hasRow ? [entriesLiteral(rawRow)] : [],
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
