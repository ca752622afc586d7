// @vitest-environment node
/**
 * deploy/nginx/kiosk-build.conf in Debian's nginx (.ci/run installs it), held to the same checks as
 * the kiosk's own server (tests/helpers/server-contract.ts) over the same fixture build. Skipped,
 * saying so, where nginx is not installed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ask, describeServerContract, writeFixtureBuild } from '../helpers/server-contract.ts';

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const CONF = fileURLToPath(new URL('../../deploy/nginx/kiosk-build.conf', import.meta.url));
const BROTLI = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
const installed = existsSync(NGINX);

let outer: string;
let port: number;
let pidFile: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** A whole nginx.conf around the shipped snippet: this test's own prefix, port and build folder. */
function mainConfig(root: string, prefix: string): string {
  return `
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
# Debian's brotli module (libnginx-mod-http-brotli-static), by its full path: a relative one would
# be looked for under this test's prefix.
${existsSync(BROTLI) ? `load_module ${BROTLI};` : ''}
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    include ${CONF};
  }
}
`;
}

describe.skipIf(!installed)('nginx with deploy/nginx/kiosk-build.conf', () => {
  let nginx: ReturnType<typeof spawn> | null = null;

  beforeAll(async () => {
    outer = mkdtempSync(join(tmpdir(), 'kiosk-nginx-'));
    // nginx's workers run as an unprivileged user (when started as root, as in CI): the folder
    // mkdtemp makes is the owner's alone.
    chmodSync(outer, 0o755);
    const root = writeFixtureBuild(outer);
    const prefix = join(outer, 'nginx');
    mkdirSync(prefix);
    pidFile = join(prefix, 'nginx.pid');
    port = await freePort();
    const config = join(prefix, 'nginx.conf');
    writeFileSync(config, mainConfig(root, prefix));
    const test = spawnSync(NGINX, ['-t', '-p', prefix, '-c', config], { encoding: 'utf8' });
    if (test.status !== 0) throw new Error(`nginx refuses deploy/nginx/kiosk-build.conf:\n${test.stderr}${test.stdout}`);
    nginx = spawn(NGINX, ['-p', prefix, '-c', config], { stdio: 'ignore' });
    // Ready when it answers.
    for (let i = 0; ; i++) {
      try {
        await ask(port, '/');
        break;
      } catch (error) {
        if (i > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  });

  afterAll(async () => {
    if (nginx) {
      const exited = new Promise((resolve) => nginx!.once('exit', resolve));
      nginx.kill('SIGQUIT');
      await exited;
    }
    rmSync(outer, { recursive: true, force: true });
  });

  describeServerContract('nginx', () => ({ port, outer }));
});

if (!installed) {
  describe('nginx', () => {
    it.skip(`is not installed at ${NGINX} (apt-get install nginx libnginx-mod-http-brotli-static; .ci/run does)`, () => {});
  });
}
