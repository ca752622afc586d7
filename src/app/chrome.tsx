import { TopBar } from '../ui/top-bar';
import { useServices, useT, useVisit } from './kiosk-context';
import { useStaffGesture } from '../screens/staff/gesture';

/** The top bar wired to the visit: the same Language and Help buttons on every screen. */
export function ScreenTopBar({ showHome = true }: { showHome?: boolean }) {
  const t = useT();
  const visit = useVisit();
  const { resetVisit } = useServices();
  const staffGesture = useStaffGesture();
  return (
    <TopBar
      appName={t('meta.appName')}
      labels={{ home: t('common.home'), language: t('common.language'), help: t('common.help') }}
      onHome={showHome ? resetVisit : undefined}
      onLanguage={() => visit.showLanguages()}
      onHelp={() => visit.openDialog('help')}
      nameProps={staffGesture}
    />
  );
}
