// @vitest-environment node
/**
 * deploy/nginx/kiosk-build.conf in Debian's nginx (.ci/run installs it), held to the same checks as
 * the kiosk's own server (tests/helpers/server-contract.ts) over the same fixture build. Skipped,
 * saying so, where nginx is not installed.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { NGINX, nginxInstalled, startNginx, type RunningNginx } from '../helpers/nginx.ts';
import { describeServerContract, writeFixtureBuild } from '../helpers/server-contract.ts';

describe.skipIf(!nginxInstalled)('nginx with deploy/nginx/kiosk-build.conf', () => {
  let outer: string;
  let nginx: RunningNginx | null = null;

  beforeAll(async () => {
    outer = mkdtempSync(join(tmpdir(), 'kiosk-nginx-'));
    // nginx's workers run as an unprivileged user (when started as root, as in CI): the folder
    // mkdtemp makes is the owner's alone.
    chmodSync(outer, 0o755);
    nginx = await startNginx(writeFixtureBuild(outer));
  });

  afterAll(async () => {
    await nginx?.close();
    rmSync(outer, { recursive: true, force: true });
  });

  describeServerContract('nginx', () => ({ port: nginx!.port, outer }));
});

// The skipped test is the report that nginx is missing, with how to install it.
// oxlint-disable-next-line vitest/no-conditional-tests
if (!nginxInstalled) {
  describe('nginx', () => {
    // oxlint-disable-next-line vitest/no-disabled-tests
    it.skip(`is not installed at ${NGINX} (apt-get install nginx libnginx-mod-http-brotli-static; .ci/run does)`, () => {});
  });
}
