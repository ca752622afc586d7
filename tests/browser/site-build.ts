/**
 * A production build of the kiosk with a few settings of its own, served on a free localhost port:
 * for what the shared build (global-setup.ts) leaves off by default, such as a public copy
 * (`site.publicUrl`) or a printer. The server listens before the build, so the build can name its
 * own address as the public copy: a "Take it home" link then opens on this same server.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listen } from '../../scripts/server/listen.ts';
import { createStaticSite, type StaticSite } from '../../scripts/server/static-site.ts';
import { buildContentRoot } from '../helpers/build-content-root.ts';
import { loadConfig } from '../../scripts/lib/load-config.ts';

const project = fileURLToPath(new URL('../..', import.meta.url));

export interface SiteBuild {
  url: string;
  /**
   * Takes the server off the network (every connection is dropped) or puts it back. Chromium's
   * offline emulation (`context.setOffline`) does not reach a service worker's own fetches.
   */
  setReachable(reachable: boolean): void;
  close(): Promise<void>;
}

export async function buildSite(languages: string[], change: (config: Record<string, any>, url: string) => void): Promise<SiteBuild> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-site-'));
  let site: StaticSite | null = null;
  let reachable = true;
  const server = await listen((request, response) => {
    if (!reachable) request.socket.destroy();
    else if (site) site.handle(request, response);
    else response.writeHead(503).end();
  }, 0);
  try {
    const config: Record<string, any> = loadConfig(project);
    config.$schema = undefined;
    config.languages = languages;
    config.defaultLanguage = languages[0];
    change(config, server.url);
    writeFileSync(join(dir, 'kiosk.config.json'), JSON.stringify(config));
    cpSync(join(project, 'locales/figures'), join(dir, 'locales/figures'), { recursive: true });
    mkdirSync(join(dir, 'audio'));
    for (const lang of languages) {
      cpSync(join(project, 'locales', lang), join(dir, 'locales', lang), { recursive: true });
      cpSync(join(project, 'audio', lang), join(dir, 'audio', lang), { recursive: true });
    }
    cpSync(join(project, 'audio/manifest.json'), join(dir, 'audio/manifest.json'));
    site = createStaticSite(await buildContentRoot(dir));
  } catch (error) {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: server.url,
    setReachable(value) {
      reachable = value;
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
