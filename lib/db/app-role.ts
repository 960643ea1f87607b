import pg from "pg";

/** The role the embedded server's application connects as (loopback only, like its superuser). */
export const EMBEDDED_APP_ROLE = { name: "slipway_app", password: "slipway_app" };

// Owned by the admin role, so the application's role can neither disable the audit trigger nor
// rewrite the trail; it may only read and append (and move the signed head checkpoint).
const AUDIT_TABLES = ["audit_log", "audit_head"];

export function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

export const roleOf = (url: string): string => decodeURIComponent(new URL(url).username);

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates a login role without superuser, role or database creation rights, when it does not exist. */
export async function ensureLoginRole(adminUrl: string, role: { name: string; password: string }): Promise<void> {
  await withClient(adminUrl, async (client) => {
    const found = await client.query("select 1 from pg_roles where rolname = $1", [role.name]);
    if (found.rowCount) return;
    await client.query(
      `create role ${client.escapeIdentifier(role.name)} login password ${client.escapeLiteral(role.password)} ` +
        "nosuperuser nocreatedb nocreaterole nobypassrls",
    );
  });
}

/**
 * Run as the admin role after migrations: the application's role gets every table (public and
 * pg-boss's schema, including ones created since the last start) except the audit trail, which it
 * may only read and append to. Idempotent, so each start repairs what a migration added.
 */
export async function grantAppRole(adminUrl: string, appRole: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    const role = client.escapeIdentifier(appRole);
    const roleLiteral = client.escapeLiteral(appRole);
    const audit = AUDIT_TABLES.map((t) => client.escapeLiteral(t)).join(", ");
    // CREATE on the database: pg-boss creates its own schema on a fresh install.
    await client.query(
      `grant connect, create, temporary on database ${client.escapeIdentifier(await currentDatabase(client))} to ${role}`,
    );
    await client.query(`grant usage on schema public to ${role}`);
    await client.query(`do $$
declare r record;
begin
  if exists (select 1 from pg_namespace where nspname = 'pgboss') then
    execute format('alter schema pgboss owner to %I', ${roleLiteral});
  end if;
  -- Tables and views; a table's own sequences and indexes follow it.
  for r in select c.oid::regclass as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname in ('public', 'pgboss') and c.relkind in ('r', 'p', 'v', 'm')
      and not (n.nspname = 'public' and c.relname in (${audit})) and pg_get_userbyid(c.relowner) <> ${roleLiteral}
  loop execute format('alter table %s owner to %I', r.name, ${roleLiteral}); end loop;
  for r in select t.oid::regtype as name from pg_type t join pg_namespace n on n.oid = t.typnamespace
    where n.nspname = 'pgboss' and t.typtype = 'e' and pg_get_userbyid(t.typowner) <> ${roleLiteral}
  loop execute format('alter type %s owner to %I', r.name, ${roleLiteral}); end loop;
  for r in select p.oid::regprocedure as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'pgboss' and pg_get_userbyid(p.proowner) <> ${roleLiteral}
  loop execute format('alter function %s owner to %I', r.name, ${roleLiteral}); end loop;
end $$`);
    await client.query(`grant select, insert on audit_log to ${role}`);
    await client.query(`grant usage on sequence audit_log_id_seq to ${role}`);
    await client.query(`grant select, insert, update on audit_head to ${role}`);
    // Readiness (GET /api/ready) compares the migrations applied with the journal in the image.
    await client.query(`grant usage on schema drizzle to ${role}`);
    await client.query(`grant select on drizzle.__drizzle_migrations to ${role}`);
  });
}

async function currentDatabase(client: pg.Client): Promise<string> {
  return (await client.query<{ name: string }>("select current_database() as name")).rows[0]!.name;
}

/** Whether the role behind `url` may bypass the audit trigger (superuser, or owner of audit_log). */
export async function canBypassAuditTrigger(url: string): Promise<boolean> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ bypass: boolean }>(
      `select r.rolsuper or coalesce(pg_has_role(current_user, c.relowner, 'usage'), false) as bypass
         from pg_roles r left join pg_class c on c.oid = to_regclass('public.audit_log')
        where r.rolname = current_user`,
    );
    return rows[0]?.bypass ?? true;
  });
}
