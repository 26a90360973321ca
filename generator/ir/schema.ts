// Imported (not read from disk) so that tsc copies the schema into dist/ and
// an installed package carries it beside the code that emits the IR.
import irSchema from './ir.schema.json' with { type: 'json' };

/** JSON Schema (draft 2020-12) of {@link IRDocument}: what `parse --json` prints and `ir.json` holds. */
export const IR_SCHEMA: object = irSchema;
