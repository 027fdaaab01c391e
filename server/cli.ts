/**
 * `pasokh serve | agent add|passwd|rename|list|disable|enable | faq check` — the package's bin.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { AgentInputError, addAgent, renameAgent, setAgentPassword } from './auth/agents.js';
import { parseSiteList, SiteListError } from './auth/agent-sites.js';
import { ConfigError, loadConfig } from './config.js';
import { runFaqCheck } from './faq/index.js';
import { runFaqTransfer, TransferError } from './faq/transfer.js';
import { tuneOldGenerationGrowth } from './gc-tuning.js';
import { startServer } from './main.js';
import { installProcessNet } from './process-net.js';
import { openStore } from './store/index.js';
import { VISITOR_USAGE, visitorCommand } from './privacy/cli.js';
import { openAttachmentStorage } from './attachments/storage.js';

const USAGE = `Usage:
  pasokh serve                         start the server (PORT, PASOKH_DATA, DATABASE_URL, REDIS_URL, PASOKH_CONFIG)
  pasokh agent add <email> [--name N] [--role admin|agent]   password from stdin or a prompt
  pasokh agent passwd <email>          new password from stdin or a prompt; signs the agent out everywhere
  pasokh agent rename <email> <name>
  pasokh agent list
  pasokh agent disable <email> | enable <email>
  pasokh agent sites <email> <site,site…|all>   which sites the agent serves (default: all)
  pasokh faq check <path> [--query "…" [--locale en|fa]]   the locale: the page's, as the widget searches
  pasokh faq import <path> [--site KEY]   JSON, CSV or a folder of .md files into the database (published)
  pasokh faq export <path> [--site KEY]   the published answers to .json, .csv or a folder of .md files
${VISITOR_USAGE}`;

/** Reads the password from a pipe (first line) or asks for it without echo on a terminal. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  process.stdout.write('Password: ');
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  output._writeToOutput = () => {};
  const password = await new Promise<string>((resolvePromise) => rl.question('', resolvePromise));
  rl.close();
  process.stdout.write('\n');
  return password;
}

async function agentCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: 'string' }, role: { type: 'string', default: 'agent' } },
  });
  const [sub, email] = positionals;
  const config = loadConfig();
  const store = await openStore({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) });
  try {
    if (sub === 'add' && email) {
      const password = await readPassword();
      const agent = await addAgent(store, { email, name: values.name ?? '', password, role: values.role });
      console.log(`Added ${agent.role} ${agent.name} <${agent.email}>.`);
      return 0;
    }
    if (sub === 'passwd' && email) {
      const agent = await setAgentPassword(store, email, await readPassword());
      console.log(`Changed the password of ${agent.email}; their sessions were ended.`);
      return 0;
    }
    if (sub === 'rename' && email && positionals.length > 2) {
      const agent = await renameAgent(store, email, positionals.slice(2).join(' '));
      console.log(`${agent.email} is now called ${agent.name}.`);
      return 0;
    }
    if (sub === 'list') {
      for (const agent of await store.listAgents()) {
        console.log(
          `${agent.email}\t${agent.name}\t${agent.role}${agent.disabled ? '\tdisabled' : ''}${agent.sites ? `\tsites: ${agent.sites.join(',')}` : ''}`,
        );
      }
      return 0;
    }
    if ((sub === 'disable' || sub === 'enable') && email) {
      const agent = await store.findAgentByEmail(email.toLowerCase());
      if (!agent) throw new AgentInputError(`There is no agent with the email ${email}.`);
      await store.updateAgent(agent.id, { disabled: sub === 'disable' });
      if (sub === 'disable') await store.deleteAgentSessions(agent.id);
      console.log(`${sub === 'disable' ? 'Disabled' : 'Enabled'} ${agent.email}.`);
      return 0;
    }
    if (sub === 'sites' && email && positionals[2]) {
      const agent = await store.findAgentByEmail(email.toLowerCase());
      if (!agent) throw new AgentInputError(`There is no agent with the email ${email}.`);
      const sites = parseSiteList(
        positionals[2],
        config.sites.map((s) => s.key),
      );
      await store.updateAgent(agent.id, { sites });
      console.log(`${agent.email} now serves ${sites ? sites.join(', ') : 'every site'}.`);
      return 0;
    }
    console.error(USAGE);
    return 2;
  } finally {
    await store.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
      case undefined: {
        const config = loadConfig();
        const logger = pino({ level: config.logLevel });
        installProcessNet(logger);
        // A V8 flag belongs to the process: the command that owns it sets it, before serving.
        tuneOldGenerationGrowth(config.heapGrowthPercent);
        const server = await startServer(config, { logger });
        const stop = () => {
          server.stop().then(
            () => process.exit(0),
            () => process.exit(1),
          );
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        return -1;
      }
      case 'agent':
        return await agentCommand(rest);
      case 'visitor': {
        const config = loadConfig();
        const store = await openStore({
          dataDir: config.dataDir,
          ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
          ...(config.databaseSchema ? { databaseSchema: config.databaseSchema } : {}),
        });
        try {
          return await visitorCommand(
            { store, storage: openAttachmentStorage(config, store) },
            rest,
            (line) => console.log(line),
            (line) => console.error(line),
          );
        } finally {
          await store.close();
        }
      }
      case 'faq':
        if (rest[0] === 'check') return await runFaqCheck(rest.slice(1), (line) => console.log(line));
        if (rest[0] === 'import' || rest[0] === 'export') {
          const config = loadConfig();
          const openFaqStore = () =>
            openStore({
              dataDir: config.dataDir,
              ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
              ...(config.databaseSchema ? { databaseSchema: config.databaseSchema } : {}),
            });
          return await runFaqTransfer(rest[0], rest.slice(1), {
            config,
            openStore: openFaqStore,
            out: (line) => console.log(line),
          });
        }
        console.error(USAGE);
        return 2;
      default:
        console.error(USAGE);
        return 2;
    }
  } catch (error) {
    if (
      error instanceof ConfigError ||
      error instanceof AgentInputError ||
      error instanceof SiteListError ||
      error instanceof TransferError
    ) {
      console.error(`pasokh: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

const code = await main(process.argv.slice(2));
if (code >= 0) process.exit(code);
