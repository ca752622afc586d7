/**
 * What `npm start` and `npm run kiosk` both need: the kiosk served on localhost at the configured
 * port (default 4173), at once, and never from a broken build.
 *
 * - Sources (code, lockfile, config, content, audio) unchanged since a kept build: that build is
 *   served at once, without building (a content hash decides, scripts/lib/build-inputs.ts).
 * - Sources changed, and a good build is kept: the good build is served at once while the new one is
 *   built beside it; the server switches to the new one only if it succeeded. A failed build is
 *   printed, and the last good build goes on serving.
 * - No good build yet (a fresh clone): build first, then serve; a failure then is fatal.
 *
 * How the last build went is at `/build-status.json` (no-cache), for the staff panel
 * (src/screens/staff/build-status.ts reads it).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_HOST, listen } from '../server/listen.ts';
import { createStaticSite, type StaticSite } from '../server/static-site.ts';
import { buildInputs } from './build-inputs.ts';
import { BuildStore } from './build-store.ts';
import { bundleFastStart, fastStartFile } from './bundle-fast-start.ts';
import { checkedConfigPort } from './fast-start.ts';
import { InputError } from './input-error.ts';
import { kioskHandler, type BuildStatus } from './kiosk-handler.ts';
import { runBuild, type BuildRun } from './run-build.ts';

export interface KioskServer {
  url: string;
  /** The id of the build being served now. */
  buildId(): string;
  /** Settles when the build started in the background (if any) has finished, well or not. */
  settled: Promise<void>;
  close(): Promise<void>;
}

export type { BuildStatus } from './kiosk-handler.ts';

export interface ServeOptions {
  /** Where the config, locales and audio are (default `root`). */
  contentRoot?: string;
  /** Overrides PORT and server.port (0: any free port, for tests). */
  port?: number;
  /** Overrides HOST (default 127.0.0.1). */
  host?: string;
  log?: (text: string) => void;
  /** How a build is made (default: `vite build` in a child process); tests pass a fake. */
  build?: typeof runBuild;
  /**
   * Bundle scripts/lib/fast-start.ts for each build served, for the next unchanged start
   * (default true; tests of the choice of build leave it out).
   */
  fastStart?: boolean;
}

export async function serveKiosk(root: string, options: ServeOptions = {}): Promise<KioskServer> {
  const log = options.log ?? ((text: string) => process.stdout.write(text));
  const contentRoot = options.contentRoot ?? root;
  const store = new BuildStore(join(root, '.builds'));
  const inputs = buildInputs(root, contentRoot);
  const last = store.current();
  const port = options.port ?? (await kioskPortOr(contentRoot, store.has(inputs.id), last?.port, log));
  const host = options.host ?? process.env.HOST ?? DEFAULT_HOST;

  let site: StaticSite | null = null;
  let serving = '';
  const status: BuildStatus = { serving: { id: '' }, building: null, failed: null };
  let build: BuildRun | null = null;
  let closed = false;
  let bundling: Promise<void> = Promise.resolve();

  const switchTo = (id: string) => {
    site = createStaticSite(store.folder(id));
    serving = id;
    status.serving = { id };
    store.select(id, port);
    // Only for a build of the sources as they are: fast-start serves nothing else.
    if (options.fastStart !== false && id === inputs.id && !existsSync(fastStartFile(store.dir, id))) {
      bundling = bundleFastStart(root, store.dir, id).catch((error: unknown) => {
        // Not fatal: the next start takes this slower path again, and says why.
        log(`(the quick start for the next unchanged start could not be made: ${error instanceof Error ? error.message : String(error)})\n`);
      });
    }
  };

  /** Builds `id` into a partial folder; moves it into place and returns true only if it succeeded. */
  const buildInto = async (id: string): Promise<boolean> => {
    const partial = store.startPartial(id);
    status.building = { id, since: new Date().toISOString() };
    build = (options.build ?? runBuild)(root, partial, id, log);
    const result = await build.done;
    build = null;
    status.building = null;
    if (closed) {
      store.discard(partial);
      return false;
    }
    if (!result.ok) {
      store.discard(partial);
      status.failed = { id, at: new Date().toISOString(), output: result.output.trim() };
      return false;
    }
    store.finish(partial, id);
    status.failed = null;
    return true;
  };

  let settled: Promise<void> = Promise.resolve();
  if (store.has(inputs.id)) {
    // Unchanged sources (or sources rolled back to a kept build): serve it, no build.
    switchTo(inputs.id);
    log(`Sources unchanged: serving build ${inputs.id}.\n`);
  } else if (last) {
    switchTo(last.id);
    log(`Sources changed: serving the last good build ${last.id} while build ${inputs.id} is made.\n`);
    settled = buildInto(inputs.id).then((ok) => {
      if (ok) {
        switchTo(inputs.id);
        log(`Build ${inputs.id} is ready and now served; the kiosk takes it up between visits.\n`);
      } else if (!closed) {
        log(`\nBuild ${inputs.id} FAILED; still serving the last good build ${last.id}. The error:\n${status.failed?.output}\n`);
      }
    });
  } else {
    log(`No build yet: building ${inputs.id}…\n`);
    if (!(await buildInto(inputs.id))) {
      throw new Error(`The kiosk could not be built, and there is no earlier build to serve:\n${status.failed?.output}`);
    }
    switchTo(inputs.id);
  }

  const server = await listen(
    kioskHandler(
      () => {
        // Every path above either serves a build or throws before the server starts.
        if (!site) throw new Error('no build is being served yet');
        return site;
      },
      () => status,
    ),
    port,
    host,
  );

  return {
    url: server.url,
    buildId: () => serving,
    settled: settled.then(() => bundling),
    close: async () => {
      closed = true;
      build?.stop();
      await settled;
      await bundling;
      await server.close();
    },
  };
}

/** Throws an InputError, naming the field, when kiosk.config.json is wrong. */
export async function kioskPort(root: string): Promise<number> {
  // Imported only when needed: zod is most of the time a start with unchanged sources would take.
  const [{ loadConfig }, { DEFAULT_PORT }] = await Promise.all([import('./load-config.ts'), import('../../src/config/schema.ts')]);
  return Number(process.env.PORT) || loadConfig(root).server?.port || DEFAULT_PORT;
}

/**
 * The port, even from a broken config: the kiosk's browser is pointed at a fixed address, and the
 * last good build must go on answering there. The config's error is printed; the build reports it too.
 * When a finished build of these very sources exists, the config passed the build's validation
 * unchanged, so it is read as plain JSON.
 */
async function kioskPortOr(root: string, validated: boolean, lastPort: number | undefined, log: (text: string) => void): Promise<number> {
  if (validated) {
    const port = Number(process.env.PORT) || checkedConfigPort(root);
    if (port) return port;
  }
  try {
    return await kioskPort(root);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const port = lastPort || (await import('../../src/config/schema.ts')).DEFAULT_PORT;
    log(`${error.message}\n(using port ${port}, where the last good build was served)\n`);
    return port;
  }
}
