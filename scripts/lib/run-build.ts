/**
 * Runs `vite build` into a given folder in a child process, for `npm start`: the server keeps
 * answering while it runs (the build's work stays off the server's event loop), its memory is
 * returned when it ends, and whatever it prints is kept so a failure can be shown to staff.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface BuildRun {
  /** Settles when the build ends: `ok` with everything it printed. */
  done: Promise<{ ok: boolean; output: string }>;
  /** Stops the build (the server is shutting down). */
  stop(): void;
}

/** The end of the output is where a build's error is; this much is enough for any of ours. */
const KEPT_CHARS = 8000;

export function runBuild(root: string, outDir: string, id: string, echo: (text: string) => void): BuildRun {
  let child: ChildProcess;
  const done = new Promise<{ ok: boolean; output: string }>((resolve) => {
    const spawned = spawn(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: root,
      // A production build whatever the caller's NODE_ENV (vitest sets `test`); the id is the hash
      // the caller already made, so the build does not read every input a second time; no colour
      // codes in what is kept for the staff panel.
      env: { ...process.env, NODE_ENV: 'production', KIOSK_BUILD_ID: id, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      const text = chunk.toString();
      echo(text);
      output = (output + text).slice(-KEPT_CHARS);
    };
    child = spawned;
    spawned.stdout.on('data', keep);
    spawned.stderr.on('data', keep);
    child.on('error', (error) => resolve({ ok: false, output: `The build could not start: ${error.message}` }));
    child.on('close', (code, signal) => resolve({ ok: code === 0, output: output || (signal ? `The build was stopped (${signal})` : `The build exited with code ${code}`) }));
  });
  return { done, stop: () => child.kill('SIGTERM') };
}
