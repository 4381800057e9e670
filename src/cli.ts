import { Command, Option } from 'commander';
import { ROLES, type Role } from './auth/domain/actor.js';
import { APP_VERSION } from './app/build-app.js';
import { createUnitOfWork } from './app/repositories.js';
import { isEmpty, seedOrganisation, type SeedResult } from './app/seed-demo.js';
import { startApp } from './app/server.js';
import { createUser } from './org/use-cases/manage-users.js';
import { systemClock } from './platform/clock.js';
import { ConfigError, parseConfig, type AppConfig } from './platform/config.js';
import { openDatabase } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrator.js';
import { AppError } from './platform/errors.js';

const program = new Command('gongdan').description('Gongdan (工单) customer-service work orders').version(APP_VERSION);

program
  .command('serve', { isDefault: true })
  .description('start the server and web console (migrates, and seeds a fresh database)')
  .action(async () => {
    const config = loadConfig();
    const running = await startApp(config);
    running.outbox.start();
    const address = await running.app.listen({ port: config.port, host: config.host });
    const shown = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
    console.log(`\nGongdan ${APP_VERSION} is running at ${shown} (${databaseLabel(config)})`);
    console.log(`API documentation: ${shown}/api/docs`);
    if (running.seeded) printSeed(running.seeded);
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await running.close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('bring the database schema up to date and exit')
  .action(async () => {
    const config = loadConfig();
    const database = openDatabase(config.database);
    try {
      const applied = await migrateToLatest(database);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    } finally {
      await database.close();
    }
  });

program
  .command('seed-demo')
  .description('set up the demo organisation in an empty database and print the sign-in details')
  .action(async () => {
    const config = loadConfig();
    await withContext(config, async (ctx) => {
      if (!(await isEmpty(ctx))) {
        console.log('The database already has users; nothing was seeded.');
        return;
      }
      printSeed(await seedOrganisation(ctx, { adminPassword: config.adminPassword, demoPassword: config.demoPassword, demo: true }));
    });
  });

program
  .command('create-user')
  .description('create a user (the password is read from GONGDAN_NEW_USER_PASSWORD or --password)')
  .requiredOption('-u, --username <username>')
  .requiredOption('-n, --display-name <name>')
  .addOption(new Option('-r, --role <role>').choices(ROLES).makeOptionMandatory())
  .option('-d, --departments <codes>', 'comma-separated department codes or ids', '')
  .option('-p, --password <password>', 'prefer the environment variable: shell history keeps arguments')
  .action(async (options: { username: string; displayName: string; role: Role; departments: string; password?: string }) => {
    const config = loadConfig();
    const password = options.password ?? process.env.GONGDAN_NEW_USER_PASSWORD;
    if (!password) throw new AppError(400, 'password_required', 'Give the password in GONGDAN_NEW_USER_PASSWORD or --password.');
    await withContext(config, async (ctx) => {
      const departments = options.departments.split(',').map((d) => d.trim()).filter(Boolean);
      const user = await createUser(ctx, { username: options.username, displayName: options.displayName, role: options.role, departments, password });
      console.log(`Created ${user.role} ${user.username} (${user.id}).`);
    });
  });

function loadConfig(): AppConfig {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

async function withContext(config: AppConfig, work: (ctx: Parameters<typeof isEmpty>[0]) => Promise<void>): Promise<void> {
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database);
    await work({ uow: createUnitOfWork(database), clock: systemClock, timeZone: config.timeZone, scryptLogN: config.scryptLogN });
  } finally {
    await database.close();
  }
}

function databaseLabel(config: AppConfig): string {
  return config.database.kind === 'sqlite' ? `SQLite ${config.database.file}` : 'PostgreSQL';
}

function printSeed(seed: SeedResult): void {
  const rows = [
    ['admin', 'admin', seed.adminPasswordGenerated ? seed.adminPassword : '(GONGDAN_ADMIN_PASSWORD)'],
    ...seed.demoUsers.map((u) => [u.username, u.role, u.password]),
  ];
  console.log('\nFirst start: the organisation was set up. Sign in with:');
  for (const [username, role, password] of rows) console.log(`  ${username!.padEnd(12)} ${role!.padEnd(11)} ${password}`);
  console.log('These passwords are shown only this once. Change them under Users once signed in.\n');
}

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof AppError ? `${error.code}: ${error.message}` : error);
  process.exit(1);
});
