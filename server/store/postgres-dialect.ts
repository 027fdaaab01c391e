/**
 * Kysely's PostgreSQL dialect with an introspector that sees only the store's own schema.
 *
 * Kysely's Migrator asks the introspector whether its tables exist. The stock introspector lists
 * every table of every schema in the database and passes each schema's name to
 * has_schema_privilege() and pg_get_serial_sequence(), which look the name up again. A schema
 * dropped by another session while that query runs is still in the query's snapshot but gone
 * for the lookup, so migrating failed with `schema "…" does not exist` for a schema that was
 * never ours. Scoping the query to one schema, and to oids, leaves others' schemas alone.
 */
import {
  PostgresDialect,
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  type Kysely,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely';
import type pg from 'pg';

interface ColumnRow {
  table: string;
  table_type: string;
  column: string;
  not_null: boolean;
  has_default: boolean;
  type: string;
  type_schema: string;
  comment: string | null;
  auto_incrementing: boolean;
}

const KYSELY_TABLES = ['kysely_migration', 'kysely_migration_lock'];

class SchemaIntrospector implements DatabaseIntrospector {
  readonly #db: Kysely<any>;
  readonly #schema: string | undefined;

  constructor(db: Kysely<any>, schema: string | undefined) {
    this.#db = db;
    this.#schema = schema;
  }

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace`.execute(this.#db);
    return rows;
  }

  async getTables(options: DatabaseMetadataOptions = { withInternalKyselyTables: false }): Promise<TableMetadata[]> {
    const { schema, rows } = await this.#columns();
    const tables = new Map<string, TableMetadata>();
    for (const row of rows) {
      if (!options.withInternalKyselyTables && KYSELY_TABLES.includes(row.table)) continue;
      let table = tables.get(row.table);
      if (table === undefined) {
        table = { name: row.table, schema, isView: row.table_type === 'v', columns: [] };
        tables.set(row.table, table);
      }
      table.columns.push({
        name: row.column,
        dataType: row.type,
        dataTypeSchema: row.type_schema,
        isNullable: !row.not_null,
        hasDefaultValue: row.has_default,
        isAutoIncrementing: row.auto_incrementing,
        ...(row.comment !== null && { comment: row.comment }),
      });
    }
    return [...tables.values()];
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }

  /** Every column of the schema's tables and views, in table then column order. */
  async #columns(): Promise<{ schema: string; rows: ColumnRow[] }> {
    const schema = this.#schema ?? (await sql<{ name: string }>`select current_schema() as name`.execute(this.#db)).rows[0]?.name;
    if (schema === undefined || schema === null) return { schema: '', rows: [] };
    // A serial column owns its sequence through pg_depend (deptype 'a'); an identity column says so itself.
    const { rows } = await sql<ColumnRow>`
      select c.relname as table, c.relkind as table_type, a.attname as column, a.attnotnull as not_null,
        a.atthasdef as has_default, typ.typname as type, dtns.nspname as type_schema,
        col_description(a.attrelid, a.attnum) as comment,
        (a.attidentity <> '' or exists (
          select 1 from pg_catalog.pg_depend d join pg_catalog.pg_class s on s.oid = d.objid
          where d.classid = 'pg_catalog.pg_class'::regclass and d.refclassid = 'pg_catalog.pg_class'::regclass
            and d.refobjid = c.oid and d.refobjsubid = a.attnum and d.deptype = 'a' and s.relkind = 'S'
        )) as auto_incrementing
      from pg_catalog.pg_attribute a
      join pg_catalog.pg_class c on c.oid = a.attrelid
      join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
      join pg_catalog.pg_type typ on typ.oid = a.atttypid
      join pg_catalog.pg_namespace dtns on dtns.oid = typ.typnamespace
      where ns.nspname = ${schema} and c.relkind in ('r', 'v', 'p') and a.attnum > 0 and not a.attisdropped
      order by c.relname, a.attnum`.execute(this.#db);
    return { schema, rows };
  }
}

/**
 * The dialect for a pool whose connections work in `schema` (or, without one, in the
 * search_path's first schema).
 */
export function createPostgresDialect(pool: pg.Pool, schema?: string): PostgresDialect {
  return new (class extends PostgresDialect {
    override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
      return new SchemaIntrospector(db, schema);
    }
  })({ pool });
}
