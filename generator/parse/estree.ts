import type { Expression, Node as EstreeNode, Program } from 'estree';

/** JSON-like data: what `<SchemaTable fields={[…]} />` holds. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type EvaluateResult = { ok: true; value: JsonValue } | { ok: false; node: EstreeNode; message: string };

/**
 * Evaluates an MDX expression's estree as data, never as code: only literals,
 * arrays, objects with plain keys, template literals without substitutions and
 * negative numbers are accepted; anything else (calls, identifiers, spreads)
 * is refused with the offending node so the caller can locate it.
 */
export function evaluateProgram(program: Program): EvaluateResult {
  const statement = program.body[0];
  if (program.body.length !== 1 || statement?.type !== 'ExpressionStatement') {
    return { ok: false, node: program, message: 'expected a single expression' };
  }
  return evaluate(statement.expression);
}

export function evaluate(node: Expression): EvaluateResult {
  switch (node.type) {
    case 'Literal': {
      const value = node.value;
      if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return { ok: true, value };
      return { ok: false, node, message: 'only string, number, boolean and null literals are data' };
    }
    case 'TemplateLiteral': {
      if (node.expressions.length > 0) return { ok: false, node, message: 'template literal with substitutions' };
      return { ok: true, value: node.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join('') };
    }
    case 'UnaryExpression': {
      if (node.operator === '-' && node.argument.type === 'Literal' && typeof node.argument.value === 'number') return { ok: true, value: -node.argument.value };
      return { ok: false, node, message: `unsupported operator '${node.operator}'` };
    }
    case 'ArrayExpression': {
      const items: JsonValue[] = [];
      for (const element of node.elements) {
        if (element === null || element.type === 'SpreadElement') return { ok: false, node: element ?? node, message: 'holes and spreads are not data' };
        const item = evaluate(element);
        if (!item.ok) return item;
        items.push(item.value);
      }
      return { ok: true, value: items };
    }
    case 'ObjectExpression': {
      const object: { [key: string]: JsonValue } = {};
      for (const property of node.properties) {
        if (property.type !== 'Property' || property.computed || property.kind !== 'init' || property.shorthand || property.method) {
          return { ok: false, node: property, message: 'only plain `key: value` properties are data' };
        }
        const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : null;
        if (key === null) return { ok: false, node: property.key, message: 'unsupported property key' };
        const value = evaluate(property.value as Expression);
        if (!value.ok) return value;
        // defineProperty, not assignment, so a `__proto__` key stays data.
        Object.defineProperty(object, key, { value: value.value, enumerable: true, writable: true, configurable: true });
      }
      return { ok: true, value: object };
    }
    default:
      return { ok: false, node, message: `'${node.type}' is code, not data` };
  }
}
