/**
 * The staff panel's record of self-checks the kiosk failed and recovered from (kiosk/watchdog): when,
 * on which screen, what was wrong. Shown in the staff's language, like the rest of the panel.
 */
import type { Translate, UiKey } from '../../i18n/keys';
import type { IncidentLog } from '../../kiosk/incident-log';
import type { InvariantId } from '../../kiosk/invariants';

const WHAT: Record<InvariantId, UiKey> = {
  'inert-only-under-dialog': 'incidents.inert',
  'dialog-matches-state': 'incidents.dialog',
  'touch-mode-shown': 'incidents.touchMode',
  'control-reachable': 'incidents.reachable',
  'speech-matches-state': 'incidents.speech',
  'focus-visible': 'incidents.focus',
  'screen-loaded': 'incidents.loading',
};

export interface StaffIncidentsProps {
  t: Translate;
  lang: string;
  incidents: IncidentLog;
}

export function StaffIncidents({ t, lang, incidents }: StaffIncidentsProps) {
  const entries = incidents.entries.value;
  return (
    <section aria-labelledby="staff-incidents" data-staff="incidents">
      <h3 id="staff-incidents">{t('incidents.title')}</h3>
      {entries.length === 0 ? (
        <p>{t('incidents.none')}</p>
      ) : (
        <ul class="staff-incidents">
          {entries.map((incident) => (
            <li key={incident.at} data-incident>
              <time dateTime={incident.at}>{new Date(incident.at).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'medium' })}</time>
              {': '}
              {incident.broken.map((b) => t(WHAT[b.invariant])).join('; ')} ({incident.screen}
              {incident.dialogs.length ? `, ${incident.dialogs.join(', ')}` : ''}). {t('incidents.recovered')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
