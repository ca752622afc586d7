/**
 * `npm run audio` on every core: a pool of worker threads, each with its own eSpeak NG engine
 * (scripts/audio/synthesis-worker.ts). The main thread plans, hands out one section (or one
 * language's prompt clips) at a time to whichever worker is free, and writes the manifest last; each
 * worker writes its own files atomically, with the same code as a one-thread build (make-section.ts,
 * prompts.ts `makeClip`), and starts each job from a fresh engine (engine.ts `reset`), so a file's
 * bytes never depend on which worker made it, or on what it made before.
 *
 * Errors keep their meaning across the thread boundary: an InputError from a worker (an unknown
 * voice, a file that cannot be written) is thrown again here with the same file and field.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InputError, type InputProblem } from '../lib/input-error.ts';
import type { SectionTarget } from './check-audio.ts';
import type { SectionResult } from './make-section.ts';
import type { ManifestEntry } from './timings.ts';

export interface SectionJob {
  audioDir: string;
  target: SectionTarget;
  reason: string | undefined;
}

export interface SectionDone {
  entry: ManifestEntry;
  result: SectionResult;
}

/** One prompt clip to make (scripts/audio/prompts.ts `makeClip`), and what became of it. */
export interface ClipJob {
  speech: string;
  voice: string;
  wordsPerMinute: number;
  lang: string;
  /** Where to write it, and its name in messages. */
  path: string;
  shown: string;
}

export interface ClipDone {
  /** False when the engine made no sound for it (nothing written). */
  made: boolean;
  duration: number;
  bytes: number;
  synthesisSeconds: number;
  encodeSeconds: number;
}

export interface SynthesisPool {
  /** The engine's name, as the manifest records it (the same in every worker). */
  readonly name: string;
  readonly size: number;
  hasVoice(voice: string): boolean;
  section(job: SectionJob): Promise<SectionDone>;
  /** One language's clips, in order, from one fresh engine. */
  clips(jobs: ClipJob[]): Promise<ClipDone[]>;
  close(): Promise<void>;
}

/** What crosses to a worker and back (synthesis-worker.ts speaks the other side). */
type Job = { kind: 'section'; job: SectionJob } | { kind: 'clips'; jobs: ClipJob[] };
export type WorkerRequest = Job & { id: number };
export type WorkerReply =
  | { kind: 'ready'; name: string; voices: string[] }
  | { kind: 'done'; id: number; value: SectionDone | ClipDone[] }
  | { kind: 'failed'; id: number; message: string; stack?: string; problems?: InputProblem[] };

/** `--jobs` when given, else one worker per core the machine offers this process. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

export async function startPool(size: number = defaultJobs()): Promise<SynthesisPool> {
  // At least one worker, and the types know it: the first one's voices stand for all.
  const workers = await Promise.all([startWorker(), ...Array.from({ length: Math.max(1, size) - 1 }, () => startWorker())]);
  const { name, voices } = workers[0].ready;
  const known = new Set(voices);
  const idle = [...workers];
  const queue: { request: Job; resolve: (value: unknown) => void; reject: (error: unknown) => void }[] = [];
  let nextId = 0;
  let closed = false;

  const pump = () => {
    // Nothing below awaits, so close() cannot run while this loop does: one look at `closed` is enough.
    if (closed) return;
    for (;;) {
      const worker = idle.shift();
      if (!worker) return;
      const task = queue.shift();
      if (!task) {
        idle.unshift(worker);
        return;
      }
      worker.run({ ...task.request, id: nextId++ }).then(
        (value) => {
          idle.push(worker);
          task.resolve(value);
          pump();
        },
        (error: unknown) => {
          idle.push(worker);
          task.reject(error);
          pump();
        },
      );
    }
  };
  const submit = <T>(request: Job) =>
    new Promise<T>((resolve, reject) => {
      if (closed) return reject(new Error('The synthesis pool is closed'));
      queue.push({ request, resolve: resolve as (value: unknown) => void, reject });
      pump();
    });

  return {
    name,
    size: workers.length,
    hasVoice: (voice) => known.has(voice.toLowerCase()),
    section: (job) => submit<SectionDone>({ kind: 'section', job }),
    clips: (jobs) => submit<ClipDone[]>({ kind: 'clips', jobs }),
    async close() {
      closed = true;
      for (const task of queue.splice(0)) task.reject(new Error('The synthesis pool was closed'));
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

interface PoolWorker {
  ready: { name: string; voices: string[] };
  run(request: WorkerRequest): Promise<unknown>;
  terminate(): Promise<number>;
}

function startWorker(): Promise<PoolWorker> {
  // A plain .mjs entry that registers tsx, so the worker runs the TypeScript sources however the
  // main thread was started (tsx, vitest). execArgv is not inherited: a test runner's flags are not
  // meant for it.
  const worker = new Worker(new URL('./synthesis-worker.mjs', import.meta.url), { execArgv: [] });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  let fatal: Error | null = null;
  return new Promise((resolveStart, rejectStart) => {
    let started = false;
    worker.on('message', (reply: WorkerReply) => {
      if (reply.kind === 'ready') {
        started = true;
        resolveStart({
          ready: { name: reply.name, voices: reply.voices },
          run(request) {
            if (fatal) return Promise.reject(fatal);
            return new Promise((resolve, reject) => {
              pending.set(request.id, { resolve, reject });
              // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker_threads Worker, not a window: it has no origin
              worker.postMessage(request);
            });
          },
          terminate: () => worker.terminate(),
        });
        return;
      }
      const task = pending.get(reply.id);
      if (!task) return;
      pending.delete(reply.id);
      if (reply.kind === 'done') task.resolve(reply.value);
      else task.reject(reviveError(reply));
    });
    const die = (error: Error) => {
      fatal = error;
      if (!started) rejectStart(error);
      for (const task of pending.values()) task.reject(error);
      pending.clear();
    };
    worker.on('error', die);
    worker.on('exit', (code) => {
      if (code !== 0) die(new Error(`An audio worker thread stopped (exit code ${code})`));
    });
  });
}

function reviveError(reply: Extract<WorkerReply, { kind: 'failed' }>): Error {
  if (reply.problems) return new InputError(reply.problems);
  const error = new Error(reply.message);
  if (reply.stack) error.stack = reply.stack;
  return error;
}
