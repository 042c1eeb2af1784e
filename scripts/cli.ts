/**
 * Operator commands. Bureau users are created here (the first administrator too) or by a bureau
 * administrator on /bureau/users, never through signup:
 *   npm run cli -- user:create --role bureau --roles registrar,reviewer --email a@b.cn --password '…' [--name 张三]
 */
import { parseArgs } from 'node:util';
import { closeDb } from '#db/client.ts';
import { migrateDatabase } from '#db/migrate.ts';
import { AppError } from '#domain/errors.ts';
import { BUREAU_ROLES } from '#domain/permissions.ts';
import { email as emailSchema, password as passwordSchema } from '#app/schemas/accounts.server.ts';
import { bureauRoles as rolesSchema } from '#app/schemas/bureau-users.server.ts';
import { createBureauUser } from '#app/services/bureau-users.server.ts';
import { validate } from '#app/lib/validation.ts';
import { ensureServices } from './services/index.ts';

const USAGE = `Usage:
  npm run cli -- user:create --role bureau --roles <${BUREAU_ROLES.join('|')}>[,…] --email <email> --password <password> [--name <name>]`;

async function userCreate(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { role: { type: 'string' }, roles: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
    strict: true,
  });
  if (values.role !== 'bureau') throw new Error('--role bureau is the only role created here; organisations sign up on the site.');
  const email = validate(emailSchema, values.email);
  const password = validate(passwordSchema, values.password);
  const roles = validate(rolesSchema, values.roles?.split(',').map((r) => r.trim()).filter(Boolean));
  if (!email.ok) throw new Error(`--email: ${email.fields._?.zh ?? 'invalid'} / ${email.fields._?.en ?? ''}`);
  if (!password.ok) throw new Error(`--password: ${password.fields._?.zh ?? 'invalid'} / ${password.fields._?.en ?? ''}`);
  if (!roles.ok) throw new Error(`--roles: one or more of ${BUREAU_ROLES.join(', ')}, comma-separated`);
  const services = await ensureServices({ log: () => {} });
  try {
    await migrateDatabase(services.databaseUrl);
    const { user } = await createBureauUser(null, { email: email.data, password: password.data, name: values.name ?? '', roles: roles.data }, { ip: 'cli' });
    console.log(`created bureau user ${user.email} (${user.id}) with roles ${user.bureauRoles.join(', ')}`);
  } finally {
    await closeDb();
    await services.stop();
  }
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'user:create') await userCreate(rest);
  else {
    console.log(USAGE);
    process.exitCode = command ? 2 : 0;
  }
} catch (e) {
  console.error(e instanceof AppError ? `${e.msg.zh} / ${e.msg.en}` : e instanceof Error ? e.message : e);
  process.exitCode = 1;
}
