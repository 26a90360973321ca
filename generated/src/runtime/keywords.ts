/**
 * Every word StackQL's lexer reads as a keyword (the `keywords` map of its
 * parser's `token.go`, a Vitess fork). Many of them are reserved in the
 * grammar (`use`, `limit`, `false`, `list`, `registry`, …), so a column or
 * param with such a name must be written as a quoted identifier to mean the
 * name; quoting a non-reserved one changes nothing, so all are quoted.
 */
const WORDS = `
accessible action add against all alter analyze and as asc asensitive auth auto_increment before begin between
bigint binary _binary _utf8mb4 _utf8 _latin1 bit blob bool boolean both by call cascade case cast change char
character charset check collate collation column columns comment committed commit condition constraint continue
convert substr substring create cross current_date current_time current_timestamp current_user cursor database
databases day_hour day_microsecond day_minute day_second date datetime dec decimal declare default delayed delete
desc describe deterministic distinct distinctrow div double do drop duplicate each else elseif enclosed end engines
enum escape escaped exec exists exit explain expansion extended false fetch fields float float4 float8 flush for
force foreign format from full fulltext generated geometry geometrycollection get global grant group group_concat
having high_priority hour_microsecond hour_minute hour_second if ignore in index indexes infile inout inner
insensitive insert int int1 int2 int3 int4 int8 integer interactive interval into io_after_gtids is isolation
iterate join json json_each json_array_elements_text key keys key_block_size kill language last_insert_id leading
leave left less level like list limit linear lines linestring load localtime localtimestamp lock login long
longblob longtext loop low_priority master_bind match materialized maxvalue mediumblob mediumint mediumtext
middleint minute_microsecond minute_second mod mode modifies multilinestring multipoint multipolygon names
nativequery natural nchar next no not no_write_to_binlog null numeric off offset on only optimize optimizer_costs
option optionally or order out outer outfile partition plugins point polygon precision primary processlist
procedure pull purge query range read reads read_write real references refresh registry regexp release rename
reorganize repair repeat repeatable replace require resignal restrict return revoke right rlike rollback sa
savepoint schema second_microsecond select sensitive separator sequence serializable serviceaccount session set
share show signal signed sleep smallint spatial specific sql sqlexception sqlstate sqlwarning sql_big_result
sql_cache sql_calc_found_rows sql_no_cache sql_small_result ssl stackql start starting status stored straight_join
stream table tables terminated temp temporary than then text time timestamp timestampadd timestampdiff tinyblob
tinyint tinytext to trailing transaction tree traditional trigger true truncate uncommitted undo union unique
unlock unsigned update usage use using utc_date utc_time utc_timestamp values variables varbinary varchar
varcharacter varying virtual vindex vindexes view vitess vitess_metadata vschema warnings when where while with
work write xor year year_month zerofill
array cume_dist dense_rank first_value grouping groups json_table lag last_value lateral lead member nth_value
ntile of over percent_rank rank recursive row_number system window returning dual
`;

export const STACKQL_KEYWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter((word) => word !== ''));

/** True when `name`, in any case, is a word the lexer reads as a keyword. */
export function isKeyword(name: string): boolean {
  return STACKQL_KEYWORDS.has(name.toLowerCase());
}
