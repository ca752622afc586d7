/**
 * Debian's nginx serving a folder with deploy/nginx/kiosk-build.conf, on a free localhost port, for
 * the tests that hold nginx to what the kiosk's own server does: tests/unit/nginx.test.ts, and the
 * browser tests when KIOSK_TEST_SERVER=nginx.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const CONF = fileURLToPath(new URL('../../deploy/nginx/kiosk-build.conf', import.meta.url));
const BROTLI = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';

export const nginxInstalled = existsSync(NGINX);

export interface RunningNginx {
  url: string;
  port: number;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** A whole nginx.conf around the shipped snippet: its own prefix, port and build folder. */
function mainConfig(root: string, prefix: string, port: number): string {
  return `
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
# Debian's brotli module (libnginx-mod-http-brotli-static), by its full path: a relative one would
# be looked for under this prefix.
${existsSync(BROTLI) ? `load_module ${BROTLI};` : ''}
events { worker_connections 256; }
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

/**
 * Starts nginx over `root` and resolves once it answers. The folders above `root` must be readable by
 * nginx's unprivileged workers (mkdtemp's are not: chmod them 0755).
 */
export async function startNginx(root: string): Promise<RunningNginx> {
  const prefix = mkdtempSync(join(tmpdir(), 'kiosk-nginx-prefix-'));
  mkdirSync(join(prefix, 'logs'));
  const port = await freePort();
  const config = join(prefix, 'nginx.conf');
  writeFileSync(config, mainConfig(root, prefix, port));
  const test = spawnSync(NGINX, ['-t', '-p', prefix, '-c', config], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx refuses deploy/nginx/kiosk-build.conf:\n${test.stderr}${test.stdout}`);
  const nginx = spawn(NGINX, ['-p', prefix, '-c', config], { stdio: 'ignore' });
  const exited = new Promise((resolve) => nginx.once('exit', resolve));
  for (let i = 0; ; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/', method: 'HEAD' }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on('error', () => resolve(false));
      req.end();
    });
    if (up) break;
    if (i > 100) {
      nginx.kill('SIGKILL');
      throw new Error(`nginx did not answer on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: async () => {
      // SIGQUIT: nginx's graceful stop; its workers finish what they are sending.
      nginx.kill('SIGQUIT');
      await exited;
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
