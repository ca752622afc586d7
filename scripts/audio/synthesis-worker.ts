/**
 * The worker side of the audio build's pool (scripts/audio/pool.ts): one eSpeak NG engine for this
 * thread, then one job at a time, each a section or one language's prompt clips, made by the same
 * functions a one-thread build calls.
 */
import { parentPort } from 'node:worker_threads';
import { InputError } from '../lib/input-error.ts';
import { loadEngine } from './engine.ts';
import { makeSection } from './make-section.ts';
import type { WorkerReply, WorkerRequest } from './pool.ts';
import { makeClip } from './prompts.ts';

const port = parentPort;
if (!port) throw new Error('scripts/audio/synthesis-worker.ts runs only as a worker thread of scripts/audio/pool.ts');

const engine = await loadEngine();
const reply = (message: WorkerReply) => port.postMessage(message);

port.on('message', async (request: WorkerRequest) => {
  try {
    // A fresh engine for each section and each language's batch of clips (engine.ts, `reset`): what
    // this worker made before must not change the bytes.
    await engine.reset?.();
    const value =
      request.kind === 'section' ? makeSection(request.job.audioDir, request.job.target, engine, request.job.reason) : request.jobs.map((job) => makeClip(engine, job));
    reply({ kind: 'done', id: request.id, value });
  } catch (error) {
    if (error instanceof InputError) reply({ kind: 'failed', id: request.id, message: error.message, problems: error.problems });
    else reply({ kind: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error), ...(error instanceof Error && error.stack ? { stack: error.stack } : {}) });
  }
});
reply({ kind: 'ready', name: engine.name, voices: engine.voices?.() ?? [] });
