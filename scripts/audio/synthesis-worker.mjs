// One worker thread of the audio build's pool (scripts/audio/pool.ts). Plain JavaScript so that it
// starts whatever loaded the main thread: it registers tsx, then runs the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./synthesis-worker.ts');
