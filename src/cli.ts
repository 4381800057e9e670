import { Command, Option } from 'commander';
import { ROLES, type Role } from './auth/domain/actor.js';
import { APP_VERSION } from './app/build-app.js';
import { createUnitOfWork } from './app/repositories.js';
import { isEmpty, seedOrganisation, type SeedResult } from './app/seed-demo.js';
import { startApp } from './app/server.js';
import { newUserSchema } from './org/http/org.routes.js';
import { createUser } from './org/use-cases/manage-users.js';
import { systemClock } from './platform/clock.js';
import { ConfigError, parseConfig, type AppConfig } from './platform/config.js';
import { openDatabase } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrator.js';
import { describeConnectionFailure } from './platform/db/connection-failure.js';
import { AppError } from './platform/errors.js';
import { FieldCipher, resolveDataKey, discardWrongKey } from './platform/security/field-encryption.js';
import { prepareCustomerData } from './customers/use-cases/prepare-customer-data.js';
import { importHolidays } from './sla/use-cases/manage-calendars.js';
import { fireDueDeadlines } from './sla/use-cases/fire-due-deadlines.js';
import { reindexAll } from './search/use-cases/reindex.js';
import { buildConsole, ensureConsoleBuilt } from './console/build-console.js';
import { describeBundle, measureBundle } from './console/bundle-size.js';

const program = new Command('gongdan').description('Gongdan (工单) customer-service work orders').version(APP_VERSION);

program
  .command('serve', { isDefault: true })
  .description('start the server and web console (migrates, and seeds a fresh database)')
  .action(async () => {
    const config = loadConfig();
    await prepareConsole();
    const running = await startApp(config);
    running.outbox.start();
    running.slaSweeper.start();
    running.imports.start();
    running.housekeeping.start();
    const address = await running.app.listen({ port: config.port, host: config.host });
    const shown = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
    console.log(`\nGongdan ${APP_VERSION} is running at ${shown} (${databaseLabel(config)})`);
    console.log(`API documentation: ${shown}/api/docs`);
    if (running.seeded) printSeed(running.seeded);
    if (running.generatedDataKeyFile) printDataKeyNotice(running.generatedDataKeyFile);
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
    const departments = options.departments.split(',').map((d) => d.trim()).filter(Boolean);
    // The same rules as POST /users: the command line is no back door around them.
    const parsed = newUserSchema.safeParse({ username: options.username, displayName: options.displayName, role: options.role, departments, password });
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'} ${issue.message}`).join('; ');
      throw new AppError(422, 'validation_failed', problems);
    }
    await withContext(config, async (ctx) => {
      // A user alone would make the database look set up: serve and seed-demo would then never add the organisation.
      if (await isEmpty(ctx)) {
        throw new AppError(409, 'not_set_up', 'The database has no organisation yet: run `gongdan serve` (or `gongdan seed-demo`) once first; it sets up the taxonomy, departments and admin.');
      }
      const user = await createUser(ctx, parsed.data);
      console.log(`Created ${user.role} ${user.username} (${user.id}).`);
    });
  });

program
  .command('import-holidays')
  .description("add a year's Chinese public holidays and make-up workdays (调休) to a business calendar")
  .requiredOption('-c, --calendar <code>', 'calendar code or id, e.g. workdays_cn')
  .requiredOption('-y, --year <year>', 'the year, e.g. 2026')
  .option('--statutory-only', "only the days the law fixes, for a year whose arrangement is not published yet (no bridging days or 调休)")
  .action(async (options: { calendar: string; year: string; statutoryOnly?: boolean }) => {
    const config = loadConfig();
    await withContext(config, async (ctx) => {
      const imported = await importHolidays(ctx, options.calendar, { region: 'CN', year: Number(options.year), statutoryOnly: options.statutoryOnly === true });
      const { holidays, workdays } = imported.calendar.definition;
      console.log(
        `${imported.calendar.code}: added ${imported.added.holidays} holidays and ${imported.added.workdays} make-up workdays ` +
          `(${holidays.length} holidays and ${workdays.length} make-up workdays in all).`,
      );
    });
  });

program
  .command('sla-sweep')
  .description('fire every time-limit warning, breach and escalation level due now, then exit (serve does this continuously)')
  .action(async () => {
    const config = loadConfig();
    await withContext(config, async (ctx) => {
      const started = performance.now();
      const result = await fireDueDeadlines(ctx);
      console.log(`Fired ${result.firings} milestones on ${result.tickets} tickets in ${Math.round(performance.now() - started)} ms.`);
    });
  });

program
  .command('reindex')
  .description('rebuild the search index from every ticket and its timeline (for tickets from before search, or after a tokenizer change)')
  .action(async () => {
    const config = loadConfig();
    await withContext(config, async (ctx) => {
      const outcome = await reindexAll(ctx, {
        onProgress: (done) => {
          if (done % 50_000 === 0) console.log(`  ${done} tickets indexed`);
        },
      });
      console.log(`Indexed ${outcome.tickets} tickets in ${outcome.seconds.toFixed(1)} s (${Math.round(outcome.ticketsPerSecond)} tickets/s).`);
    });
  });

program
  .command('build-console')
  .description('build the web console into web/dist (serve does this when its sources changed) and report its size')
  .action(async () => {
    const started = performance.now();
    await buildConsole({ verbose: true, log: (line) => console.log(line) });
    console.log(`\nBuilt the web console in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    console.log(describeBundle(measureBundle()));
  });

/** Builds the web console when web/dist is missing or older than its sources; a current build costs a hash of its sources. */
async function prepareConsole(): Promise<void> {
  try {
    const result = await ensureConsoleBuilt({ log: (line) => console.log(line) });
    if (result.built) console.log(`Built the web console in ${(result.ms / 1000).toFixed(1)} s.`);
  } catch (error) {
    // The API still serves; the console's pages say how to build it.
    console.error(`The web console could not be built; the API runs without it. Run \`npm run build:web\` to see why.\n${error instanceof Error ? error.message : String(error)}`);
  }
}

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
  const dataKey = resolveDataKey(config);
  const cipher = new FieldCipher(dataKey.key);
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database);
    const ctx = {
      uow: createUnitOfWork(database, cipher),
      clock: systemClock,
      timeZone: config.timeZone,
      scryptLogN: config.scryptLogN,
      defaultAreaCode: config.defaultAreaCode,
    };
    await prepareCustomerData(ctx, cipher.fingerprint, () => discardWrongKey(dataKey));
    if (dataKey.source === 'generated') printDataKeyNotice(dataKey.file!);
    await work(ctx);
  } finally {
    await database.close();
  }
}

function printDataKeyNotice(file: string): void {
  console.log(`A data key encrypting customer phone numbers, emails and ID numbers was generated in ${file}.`);
  console.log('Back it up, apart from the database: without it that data cannot be read. (GONGDAN_DATA_KEY sets one instead.)\n');
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
  console.log('These passwords are shown only this once. Change them once signed in: your name at the top right, 修改密码.\n');
}

/** The PostgreSQL URL the configuration names (environment or GONGDAN_CONFIG_FILE), for a refusal to name it. */
function configuredDatabaseUrl(): string | undefined {
  try {
    const { database } = parseConfig(process.env);
    return database.kind === 'postgres' ? database.url : undefined;
  } catch {
    return undefined;
  }
}

program.parseAsync().catch((error: unknown) => {
  const unreachable = describeConnectionFailure(error, configuredDatabaseUrl());
  if (error instanceof ConfigError || unreachable) {
    console.error(unreachable ?? (error as ConfigError).message);
    process.exit(2);
  }
  console.error(error instanceof AppError ? `${error.code}: ${error.message}` : error);
  process.exit(1);
});
