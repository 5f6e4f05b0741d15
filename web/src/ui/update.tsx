// The installed app's service worker: registered once, and when a new version is ready it
// waits for the person to choose to reload, so nothing half typed is thrown away.
import { useRegisterSW } from "virtual:pwa-register/react";

export function AppUpdate() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  if (!needRefresh) return null;
  return (
    <div className="update" role="status">
      <p>A new version of Nestling is ready.</p>
      <button type="button" className="primary" onClick={() => void updateServiceWorker(true)}>
        Reload
      </button>
      <button type="button" onClick={() => setNeedRefresh(false)}>
        Later
      </button>
    </div>
  );
}
