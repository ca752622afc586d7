/**
 * The page's side of the offline service worker (src/service-worker/sw.ts): registers it, and lets a
 * new build take over only between visits. A patient must never be reloaded out of a handout; on an
 * empty welcome screen a reload costs nobody anything.
 *
 * The rule, in order:
 * 1. A new build's worker installs in the background and waits (the browser finds it on a navigation
 *    or on our hourly `update()`: a kiosk can run for days without navigating).
 * 2. While `isSafeToUpdate()` is true, the waiting worker is told `SKIP_WAITING`.
 * 3. On `controllerchange`, the page reloads if it is still safe; if a patient started in the moment
 *    between, it reloads the next time it is safe instead (the old build's cache is kept meanwhile).
 */
import { effect, signal, untracked } from '@preact/signals';
import type { WorkerStatus } from '../service-worker/manifest';

export interface OfflineOptions {
  /**
   * True while nobody is using the kiosk (the visit's `betweenVisits`, app/visit-machine). Called
   * inside a signals effect: the signals it reads make it be asked again whenever they change.
   */
  isSafeToUpdate: () => boolean;
  /** A new build has installed and waits for a safe moment. */
  onUpdateReady?: () => void;
  /** `navigator.serviceWorker`; tests pass a fake. */
  container?: ServiceWorkerContainer;
  /** Where the built worker is; the app's base URL plus `sw.js`. */
  scriptUrl?: string;
  reload?: () => void;
  /** How often to ask the server for a new build. */
  checkEveryMs?: number;
  every?: (ms: number, callback: () => void) => () => void;
  /** No worker under `npm run dev`: Vite serves sources, not a build. */
  dev?: boolean;
}

const HOUR = 60 * 60 * 1000;

export function registerOffline(options: OfflineOptions): () => void {
  const container = options.container ?? (typeof navigator === 'undefined' ? undefined : navigator.serviceWorker);
  if ((options.dev ?? import.meta.env.DEV) || !container) return () => {};
  const reload = options.reload ?? (() => location.reload());
  const every =
    options.every ??
    ((ms, callback) => {
      const handle = setInterval(callback, ms);
      return () => clearInterval(handle);
    });

  const waiting = signal<ServiceWorker | null>(null);
  const reloadPending = signal(false);
  // A page that loaded without a worker is taken over by the first one (clients.claim()): that is
  // the first install, not an update, and there is nothing new to reload into.
  let controlled = container.controller !== null;
  let disposed = false;
  let stopChecking = () => {};
  let asked: ServiceWorker | null = null;

  const markWaiting = (worker: ServiceWorker | null) => {
    if (!worker || !container.controller || waiting.peek() === worker) return;
    waiting.value = worker;
    options.onUpdateReady?.();
  };

  const onControllerChange = () => {
    if (!controlled) {
      controlled = true;
      return;
    }
    waiting.value = null;
    reloadPending.value = true;
  };
  container.addEventListener('controllerchange', onControllerChange);

  container
    .register(options.scriptUrl ?? `${import.meta.env.BASE_URL}sw.js`)
    .then((registration: ServiceWorkerRegistration | undefined) => {
      // Automation that blocks workers (Playwright's serviceWorkers: 'block') resolves with nothing.
      if (disposed || !registration) return;
      markWaiting(registration.waiting);
      registration.addEventListener('updatefound', () => {
        const worker = registration.installing;
        worker?.addEventListener('statechange', () => {
          if (worker.state === 'installed') markWaiting(worker);
        });
      });
      stopChecking = every(options.checkEveryMs ?? HOUR, () => {
        // Offline, or the server is down: try again next time.
        registration.update().catch(() => {});
      });
    })
    .catch((error: unknown) => console.warn('The offline service worker did not register', error));

  const stopGate = effect(() => {
    const safe = options.isSafeToUpdate();
    if (!safe) return;
    if (reloadPending.value) {
      untracked(() => {
        reloadPending.value = false;
        reload();
      });
      return;
    }
    const worker = waiting.value;
    // Once per new build: the gate re-runs on every change while the kiosk stays between visits.
    if (!worker || asked === worker) return;
    asked = worker;
    // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a ServiceWorker's postMessage takes no origin.
    worker.postMessage({ type: 'SKIP_WAITING' });
  });

  return () => {
    disposed = true;
    stopGate();
    stopChecking();
    container.removeEventListener('controllerchange', onControllerChange);
  };
}

export type OfflineState = 'unsupported' | 'not-registered' | 'installing' | 'ready' | 'update-waiting';

export interface OfflineStatus {
  state: OfflineState;
  /** Whether this page is served by the worker (it is after the first reload, or once claimed). */
  controlled: boolean;
  worker: WorkerStatus | null;
}

/** For the staff panel: what the worker and its cache say right now. */
export async function readOfflineStatus(container: ServiceWorkerContainer | undefined = globalThis.navigator?.serviceWorker): Promise<OfflineStatus> {
  if (!container) return { state: 'unsupported', controlled: false, worker: null };
  const registration = await container.getRegistration();
  const controlled = container.controller !== null;
  if (!registration) return { state: 'not-registered', controlled, worker: null };
  const active = registration.active;
  const worker = active ? await askStatus(active) : null;
  const state: OfflineState = registration.waiting ? 'update-waiting' : active ? 'ready' : 'installing';
  return { state, controlled, worker };
}

function askStatus(worker: ServiceWorker, timeoutMs = 2000): Promise<WorkerStatus | null> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(null), timeoutMs);
    channel.port1.onmessage = (event: MessageEvent<WorkerStatus>) => {
      clearTimeout(timer);
      resolve(event.data);
    };
    worker.postMessage({ type: 'GET_STATUS' }, [channel.port2]);
  });
}
