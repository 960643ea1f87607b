import { createHash } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import { getPool } from "./client";
import { withinTransaction } from "./transaction-guard";

// Why this exists: under load each round trip of a transaction waits behind the process's other work on
// the event loop (webhook ingestion measured statements running 0.1–0.4 ms in the database and taking
// 1–3 ms end to end), so drizzle's transaction(), with BEGIN and COMMIT a round trip each, makes a short
// hot transaction pay as much for them as for its statements. Here BEGIN goes with the first statement
// and COMMIT with the last, sent as one simple-protocol query. That protocol takes no parameters: values
// are written in as literals by pg's escapeLiteral, safe whatever standard_conforming_strings says.

class LiteralDialect extends PgDialect {
  override escapeString(str: string): string {
    return pg.escapeLiteral(str);
  }
}
const dialect = new PgDialect();
const literals = new LiteralDialect();
const WRITABLE = new Set(["string", "number", "boolean"]);

/** `q` as text with its values written in. Strings, numbers, booleans and nulls only: a Date would be mangled. */
export function inlineStatement(q: SQL): string {
  for (const p of dialect.sqlToQuery(q).params) {
    if (p !== null && !WRITABLE.has(typeof p))
      throw new TypeError(`A ${typeof p} value cannot be written into a statement`);
  }
  return literals.sqlToQuery(sql`${q}`.inlineParams()).sql;
}

type Row = Record<string, unknown>;

export type CompactTransaction = {
  /** Runs a statement (the first carries the BEGIN) and answers its rows. */
  query<R extends Row>(q: SQL): Promise<R[]>;
  /**
   * Runs a statement between the first and the last as a prepared statement of its connection, planned
   * once per shape (a generic plan: fit for statements whose values are batches read as JSON) instead of
   * on every call.
   */
  prepared<R extends Row>(q: SQL): Promise<R[]>;
  /** Runs `last`, if given, and COMMIT in one round trip; answers `last`'s rows. */
  commit<R extends Row>(last?: SQL): Promise<R[]>;
};

/**
 * A READ COMMITTED transaction on a connection of its own, in as few round trips as it has statements.
 * Commits when `fn` returns without having committed; rolls back when it throws.
 */
export async function compactTransaction<T>(fn: (t: CompactTransaction) => Promise<T>): Promise<T> {
  const client = await getPool().connect();
  const at: { state: "none" | "open" | "committed" } = { state: "none" };
  const send = async (statements: string[]): Promise<pg.QueryResult[]> => {
    if (at.state === "committed") throw new Error("This transaction has already committed");
    const text = [...(at.state === "none" ? ["begin"] : []), ...statements].join(";\n");
    at.state = "open";
    const res = (await client.query(text)) as pg.QueryResult | pg.QueryResult[];
    return Array.isArray(res) ? res : [res];
  };
  const t: CompactTransaction = {
    query: async <R extends Row>(q: SQL) => (await send([inlineStatement(q)])).at(-1)!.rows as R[],
    prepared: async <R extends Row>(q: SQL) => {
      if (at.state !== "open") throw new Error("A prepared statement cannot open or follow the transaction");
      const { sql: text, params } = dialect.sqlToQuery(q);
      const name = `slipway_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
      return (await client.query({ name, text, values: params })).rows as R[];
    },
    commit: async <R extends Row>(last?: SQL) => {
      const res = await send([...(last ? [inlineStatement(last)] : []), "commit"]);
      at.state = "committed";
      return (last ? res.at(-2)!.rows : []) as R[];
    },
  };
  let broken: Error | undefined;
  try {
    const out = await withinTransaction(() => fn(t));
    if (at.state === "open") await t.commit();
    return out;
  } catch (err) {
    if (at.state === "open") {
      await client.query("rollback").catch((e: Error) => {
        broken = e;
      });
    }
    throw err;
  } finally {
    // A connection that could not roll back is not handed to the next caller.
    client.release(broken);
  }
}
