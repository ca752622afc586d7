/**
 * The hidden staff panel: a long press on the app name (the top bar's start corner) opens a PIN pad,
 * the right PIN opens the panel: version, content and audio per language, storage, the offline copy,
 * a test tone and reload. It speaks the kiosk's default language, the one the staff work in, whatever
 * the last patient chose.
 */
import { useEffect, useState } from 'preact/hooks';
import { useServices, useVisit, type KioskServices } from '../../app/kiosk-context';
import type { Translate } from '../../i18n/keys';
import type { IdleTimer } from '../../kiosk/idle';
import type { OfflineStatus } from '../../kiosk/offline';
import type { AudioStatus } from '../../service-worker/manifest';
import { BigButton } from '../../ui/big-button';
import { Modal } from '../../ui/modal';
import type { ReviewStatus } from '../../content/model';
import type { BuildReport } from './build-status';
import { browserProbes, type LanguageHealth, type StaffProbes, type StorageHealth } from './health';
import { createPinLock, type PinLock } from './pin-lock';
import { verifyPin } from '../../config/pin-hash';
import { formatSettingsProblem } from '../../config/describe-issue';
import type { SiteSettings } from '../../kiosk/site-settings';
import { playTestTone } from './tone';
import { StaffIncidents } from '../staff-incidents';
import './staff.css';

export { useStaffGesture } from './gesture';

// One lock per kiosk. The idle timer is the kiosk-wide object every screen can reach (the services
// object itself is rebuilt on every render), so the lock hangs off it.
const locks = new WeakMap<IdleTimer, PinLock>();
function pinLockFor(services: KioskServices): PinLock {
  let lock = locks.get(services.idle);
  if (!lock) {
    const { pinHash } = services.config.staff;
    lock = createPinLock({ verify: (attempt) => verifyPin(attempt, pinHash), now: () => Date.now() });
    locks.set(services.idle, lock);
  }
  return lock;
}

export interface StaffDialogProps {
  probes?: StaffProbes;
  reload?: () => void;
}

export function StaffDialog({ probes = browserProbes, reload = () => location.reload() }: StaffDialogProps) {
  const services = useServices();
  const visit = useVisit();
  const [open, setOpen] = useState(false);
  const lang = services.config.defaultLanguage;
  const t = services.i18n.fixedT(lang);
  const dir = services.i18n.languages.find((l) => l.code === lang)?.dir ?? 'ltr';
  return (
    <Modal title={t('staff.title')} closeLabel={t('common.close')} onClose={() => visit.closeDialog()}>
      <div class="staff" lang={lang} dir={dir}>
        {open ? (
          <StaffPanel t={t} lang={lang} services={services} probes={probes} reload={reload} />
        ) : (
          <PinPad t={t} lock={pinLockFor(services)} maxLength={8} onOpen={() => setOpen(true)} />
        )}
      </div>
    </Modal>
  );
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

interface PinPadProps {
  t: Translate;
  lock: PinLock;
  maxLength: number;
  onOpen: () => void;
}

function PinPad({ t, lock, maxLength, onOpen }: PinPadProps) {
  const [entered, setEntered] = useState('');
  const [message, setMessage] = useState('');
  const [lockedFor, setLockedFor] = useState(() => lock.secondsLocked());

  // While locked, count down once a second; the pad opens again by itself.
  useEffect(() => {
    if (lockedFor === 0) return;
    const timer = setInterval(() => {
      const left = lock.secondsLocked();
      setLockedFor(left);
      if (left === 0) setMessage('');
    }, 1000);
    return () => clearInterval(timer);
    // oxlint-disable-next-line react-hooks/exhaustive-deps -- restarted when the lock starts or ends, not at every second it counts down.
  }, [lockedFor === 0]);

  const locked = lockedFor > 0;
  const press = (digit: string) => {
    setMessage('');
    setEntered((current) => (current.length < maxLength ? current + digit : current));
  };
  const [checking, setChecking] = useState(false);
  const submit = () => {
    const attempt = entered;
    setEntered('');
    setChecking(true);
    void lock.check(attempt).then((result) => {
      setChecking(false);
      if (result === 'open') onOpen();
      else if (result === 'wrong') setMessage(t('staff.wrongPin', { count: lock.triesLeft() }));
      else setLockedFor(lock.secondsLocked());
    });
  };

  return (
    <div class="pin-pad">
      <p class="pin-pad__prompt" id="pin-prompt">
        {t('staff.pinPrompt')}
      </p>
      <p class="pin-pad__entered" data-entered={entered.length}>
        <span aria-hidden="true">{'●'.repeat(entered.length) || '\u00a0'}</span>
        <span class="visually-hidden">{t('staff.pinEntered', { count: entered.length })}</span>
      </p>
      <p class="pin-pad__message" role="status" data-pin-message>
        {locked ? t('staff.locked', { count: lockedFor }) : message}
      </p>
      <div class="pin-pad__keys" role="group" aria-labelledby="pin-prompt">
        {DIGITS.map((digit) => (
          <BigButton key={digit} onClick={() => press(digit)} disabled={locked} data-digit={digit}>
            {digit}
          </BigButton>
        ))}
        <BigButton onClick={() => setEntered((current) => current.slice(0, -1))} disabled={locked || entered === ''} data-action="pin-erase">
          {t('staff.erase')}
        </BigButton>
        <BigButton onClick={() => press('0')} disabled={locked} data-digit="0">
          0
        </BigButton>
        <BigButton variant="primary" onClick={submit} disabled={locked || checking || entered === ''} data-action="pin-open">
          {t('staff.open')}
        </BigButton>
      </div>
    </div>
  );
}

interface PanelProps {
  t: Translate;
  lang: string;
  services: KioskServices;
  probes: StaffProbes;
  reload: () => void;
}

type Tone = 'idle' | 'playing' | 'failed';

function StaffPanel({ t, lang, services, probes, reload }: PanelProps) {
  const { config, i18n, build } = services;
  const [content, setContent] = useState<LanguageHealth[] | null>(null);
  const [storage, setStorage] = useState<StorageHealth | null | undefined>(undefined);
  const [offline, setOffline] = useState<OfflineStatus | null>(null);
  const [buildReport, setBuildReport] = useState<BuildReport | null>(null);
  const [tone, setTone] = useState<Tone>('idle');

  useEffect(() => {
    let live = true;
    void probes.content(i18n.languages, config.handouts).then((value) => live && setContent(value));
    void probes.storage().then((value) => live && setStorage(value));
    // Asked again every few seconds, so staff can watch a first install or an update finish.
    const askOffline = () => {
      void probes.offline().then((value) => live && setOffline(value));
      void probes.build(build.id).then((value) => live && setBuildReport(value));
    };
    askOffline();
    const timer = setInterval(askOffline, 3000);
    return () => {
      live = false;
      clearInterval(timer);
    };
    // oxlint-disable-next-line react-hooks/exhaustive-deps -- one round of probes per panel opened; the services live as long as the kiosk.
  }, []);

  const megabytes = (bytes: number) => (bytes / 1e6).toLocaleString(lang, { maximumFractionDigits: 1 });
  const playTone = () => {
    setTone('playing');
    playTestTone().then(
      () => setTone('idle'),
      () => setTone('failed'),
    );
  };

  return (
    <div class="staff-panel">
      <section aria-labelledby="staff-kiosk">
        <h3 id="staff-kiosk">{t('staff.kiosk')}</h3>
        <dl class="staff-panel__facts">
          <dt>{t('staff.site')}</dt>
          <dd data-staff="site-name">{config.site.name}</dd>
          <dt>{t('staff.siteSettings')}</dt>
          <dd data-staff="site-source" data-site-source={services.site.source}>
            <SiteSource t={t} lang={lang} site={services.site} />
          </dd>
          <dt>{t('staff.version')}</dt>
          <dd data-staff="version">{build.version}</dd>
          <dt>{t('staff.built')}</dt>
          <dd data-staff="built">
            <time dateTime={build.date}>{new Date(build.date).toLocaleString(lang, { dateStyle: 'long', timeStyle: 'short' })}</time>
          </dd>
          <dt>{t('staff.buildId')}</dt>
          <dd data-staff="build-id">
            <code>{build.id}</code>
          </dd>
        </dl>
        {services.site.problems.length > 0 && (
          <div data-staff="site-problems">
            <p class="staff-panel__problem">{t('staff.siteProblems')}</p>
            {/* Written for whoever edits the file, in the language of the files: English. */}
            <ul class="staff-panel__output" lang="en" dir="ltr">
              {services.site.problems.map((problem) => (
                <li key={formatSettingsProblem(problem)}>{formatSettingsProblem(problem)}</li>
              ))}
            </ul>
          </div>
        )}
        {buildReport && <BuildNotes t={t} lang={lang} report={buildReport} />}
      </section>

      <section aria-labelledby="staff-content">
        <h3 id="staff-content">{t('staff.content')}</h3>
        {content === null ? (
          <p>{t('staff.checking')}</p>
        ) : (
          <table class="staff-panel__table" data-staff="content">
            <thead>
              <tr>
                <th scope="col">{t('staff.language')}</th>
                <th scope="col">{t('staff.handouts')}</th>
                <th scope="col">{t('staff.sections')}</th>
                <th scope="col">{t('staff.withAudio')}</th>
                <th scope="col">{t('staff.recordedVoice')}</th>
              </tr>
            </thead>
            <tbody>
              {content.map((row) => (
                <tr key={row.code} data-language-health={row.code}>
                  <th scope="row">
                    <span lang={row.code}>{row.name}</span> ({row.code})
                  </th>
                  <td>
                    {row.handouts}
                    {row.failed > 0 && <span class="staff-panel__problem"> {t('staff.loadFailed', { count: row.failed })}</span>}
                  </td>
                  <td>{row.sections}</td>
                  <td class={row.withAudio < row.sections ? 'staff-panel__problem' : undefined}>
                    {row.withAudio} / {row.sections}
                  </td>
                  <td data-recorded={row.recorded.length}>
                    {row.recorded.length}
                    {row.recorded.length > 0 && ` (${row.recorded.join(', ')})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="staff-reviews">
        <h3 id="staff-reviews">{t('staff.reviews')}</h3>
        {content === null ? (
          <p>{t('staff.checking')}</p>
        ) : (
          <>
            <table class="staff-panel__table" data-staff="reviews">
              <thead>
                <tr>
                  <th scope="col">{t('staff.language')}</th>
                  <th scope="col">{t('staff.handout')}</th>
                  <th scope="col">{t('staff.medicalReview')}</th>
                  <th scope="col">{t('staff.translationReview')}</th>
                </tr>
              </thead>
              <tbody>
                {content.flatMap((row) =>
                  row.reviews.map((handout) => (
                    <tr key={`${row.code}/${handout.id}`} data-review={`${row.code}/${handout.id}`}>
                      <th scope="row">
                        <span lang={row.code}>{row.name}</span> ({row.code})
                      </th>
                      <td lang={row.code}>{handout.title}</td>
                      <ReviewCell t={t} lang={lang} status={handout.review.medical} kind="medical" />
                      {handout.review.translation ? (
                        <ReviewCell t={t} lang={lang} status={handout.review.translation} kind="translation" />
                      ) : (
                        <td data-review-state="original">{t('staff.original')}</td>
                      )}
                    </tr>
                  )),
                )}
              </tbody>
            </table>
            <p>{t('staff.reviewsNote')}</p>
          </>
        )}
      </section>

      <section aria-labelledby="staff-storage">
        <h3 id="staff-storage">{t('staff.storage')}</h3>
        <p data-staff="storage">
          {storage === undefined
            ? t('staff.checking')
            : storage === null
              ? t('staff.storageUnknown')
              : t('staff.storageUsed', { used: megabytes(storage.usedBytes), quota: megabytes(storage.quotaBytes) })}
        </p>
      </section>

      <section aria-labelledby="staff-offline">
        <h3 id="staff-offline">{t('staff.offline')}</h3>
        <p data-staff="offline" data-state={offline?.state}>
          {offline === null ? t('staff.checking') : offlineText(t, offline, megabytes)}
        </p>
        {offline?.worker?.audio && <OfflineAudio t={t} audio={offline.worker.audio} megabytes={megabytes} />}
        {offline && offline.state !== 'unsupported' && <p>{offline.controlled ? t('staff.pageFromCache') : t('staff.pageFromNetwork')}</p>}
      </section>

      <section aria-labelledby="staff-sound">
        <h3 id="staff-sound">{t('staff.sound')}</h3>
        <BigButton onClick={playTone} data-action="test-tone" data-tone={tone}>
          {t('staff.testTone')}
        </BigButton>
        {tone === 'failed' && (
          <p class="staff-panel__problem" role="status">
            {t('staff.toneFailed')}
          </p>
        )}
      </section>

      {/* The self-check log: its own component, kept out of this file (screens/staff-incidents). */}
      <StaffIncidents t={t} lang={lang} incidents={services.incidents} />

      <div class="staff-panel__actions">
        <BigButton variant="primary" onClick={reload} data-action="reload">
          {t('staff.reload')}
        </BigButton>
      </div>
    </div>
  );
}

/** What the server's builds mean for this kiosk: a failed change, one being built, one waiting to take over. */
/** Where the site's settings came from: the build, the site file, or the copy this kiosk kept. */
function SiteSource({ t, lang, site }: { t: Translate; lang: string; site: SiteSettings }) {
  if (site.source === 'file') return <code>{site.file}</code>;
  if (site.source === 'saved' && site.savedAt) {
    const date = new Date(site.savedAt).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
    return <>{t('staff.siteSaved', { file: site.file ?? '', date })}</>;
  }
  return <>{t('staff.siteBuiltIn')}</>;
}

function BuildNotes({ t, lang, report }: { t: Translate; lang: string; report: BuildReport }) {
  const when = (iso: string) => new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div data-staff="build-status">
      {report.failed && (
        <>
          <p class="staff-panel__problem">{t('staff.buildFailed', { at: when(report.failed.at) })}</p>
          <pre class="staff-panel__output">{report.failed.output}</pre>
        </>
      )}
      {report.building && <p>{t('staff.building', { since: when(report.building.since) })}</p>}
      {report.serving !== report.running && <p>{t('staff.buildWaiting')}</p>}
    </div>
  );
}

/** A review's state in words (never colour alone), with who and when where one is recorded. */
export function ReviewCell({ t, lang, status, kind }: { t: Translate; lang: string; status: ReviewStatus; kind: 'medical' | 'translation' }) {
  // The record's date is a calendar day, not a moment: shown as that day wherever the kiosk's clock is.
  const date = status.date ? new Date(`${status.date}T00:00:00Z`).toLocaleDateString(lang, { dateStyle: 'long', timeZone: 'UTC' }) : '';
  const values = { by: status.by ?? '', date };
  const text = status.state === 'reviewed' ? t('staff.reviewed', values) : status.state === 'out-of-date' ? t('staff.outOfDate', values) : t('staff.notReviewed');
  return (
    <td data-review-kind={kind} data-review-state={status.state} class={status.state === 'reviewed' ? undefined : 'staff-panel__problem'}>
      {text}
    </td>
  );
}

/** The on-demand part of the offline copy: how much of the clinic's audio budget is used, and by what. */
function OfflineAudio({ t, audio, megabytes }: { t: Translate; audio: AudioStatus; megabytes: (bytes: number) => string }) {
  return (
    <>
      <p data-staff="offline-audio" data-cached-bytes={audio.cachedBytes} data-budget-bytes={audio.budgetBytes}>
        {t('staff.offlineAudio', { cached: megabytes(audio.cachedBytes), budget: megabytes(audio.budgetBytes), files: audio.cachedFiles })}
      </p>
      <p data-staff="offline-handouts" data-cached={audio.handoutsCached} data-total={audio.handouts}>
        {t('staff.offlineHandouts', { cached: audio.handoutsCached, total: audio.handouts, featured: audio.handoutsFeatured })}
      </p>
    </>
  );
}

function offlineText(t: Translate, status: OfflineStatus, megabytes: (bytes: number) => string): string {
  switch (status.state) {
    case 'unsupported':
      return t('staff.offlineUnsupported');
    case 'not-registered':
      return t('staff.offlineNotRegistered');
    case 'installing':
      return t('staff.offlineInstalling');
    case 'update-waiting':
      return t('staff.offlineUpdateWaiting');
    case 'ready':
      return status.worker
        ? t('staff.offlineReady', {
            cached: status.worker.cachedFiles,
            expected: status.worker.expectedFiles,
            size: megabytes(status.worker.expectedBytes),
            version: status.worker.version,
          })
        : t('staff.offlineInstalling');
  }
}
