// The device's own screen, /device, with no one signed in: a tablet or kiosk asks to be paired
// and shows its code until a manager types it on the Devices page; once paired it keeps its
// credential (localStorage) and checks, on opening and every minute, that it is still paired
// and on the setting's network. Paired, it offers people a session of their own with their
// number and PIN (sessions.tsx).
import { useQuery } from "@tanstack/react-query";
import { useEffect, useEffectEvent, useState } from "react";
import { asApiError, unwrap, type Api } from "../../api/client";
import { deviceZone } from "../../session";
import { ErrorBox, Loading, Page } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import {
  CODE_EXPIRED,
  NO_LONGER_PAIRED,
  NOT_PAIRED,
  OFF_PREMISES,
  credentialFromStatus,
  deviceAuthorization,
  deviceRefusal,
  initialScreen,
  pairedSentence,
  pairingInstruction,
  writeCredential,
  writePairing,
  type DeviceCredential,
  type DeviceScreen,
  type StoredPairing,
} from "./credential";
import { Sessions } from "./sessions";

/** How often a waiting device asks whether it has been paired, and a paired one whether it still is. */
const POLL_WAITING_MS = 2_000;
const CHECK_PAIRED_MS = 60_000;

/**
 * `api` carries no person's token (see makeDeviceApi): the device's requests are its own, and a
 * 401 here says the device is unpaired, not that someone's session ended.
 */
export function DevicePage({ api }: { api: Api }) {
  const [screen, setScreen] = useState<DeviceScreen>(() => initialScreen(localStorage));
  const start = useAction({ changes: false });

  const pair = () =>
    void start.run(async () => {
      const pairing = await unwrap(api.POST("/v1/device-pairings"));
      const kept: StoredPairing = { code: pairing.code, secret: pairing.secret, expiresAt: pairing.expiresAt };
      writePairing(localStorage, kept);
      setScreen({ kind: "waiting", pairing: kept });
    });
  const paired = (credential: DeviceCredential) => {
    writeCredential(localStorage, credential);
    writePairing(localStorage, null);
    setScreen({ kind: "paired", credential });
  };
  const expired = () => {
    writePairing(localStorage, null);
    setScreen({ kind: "not-paired", notice: "expired" });
  };
  const unpaired = () => {
    writeCredential(localStorage, null);
    setScreen({ kind: "not-paired", notice: "unpaired" });
  };

  return (
    <Page title="This device">
      {screen.kind === "paired" && <Paired key={screen.credential.deviceId} api={api} credential={screen.credential} onUnpaired={unpaired} />}
      {screen.kind === "waiting" && <Waiting key={screen.pairing.code} api={api} pairing={screen.pairing} onPaired={paired} onExpired={expired} />}
      {screen.kind === "not-paired" && (
        <>
          <p role="status">{screen.notice === "expired" ? CODE_EXPIRED : screen.notice === "unpaired" ? NO_LONGER_PAIRED : NOT_PAIRED}</p>
          <ErrorBox error={start.error} />
          <p className="actions">
            <button type="button" className="primary" onClick={pair} disabled={start.busy} aria-busy={start.busy}>
              Pair this device
            </button>
          </p>
        </>
      )}
    </Page>
  );
}

/** The code, large, until a manager types it (asked every 2 seconds) or it expires. */
function Waiting({
  api,
  pairing,
  onPaired,
  onExpired,
}: {
  api: Api;
  pairing: StoredPairing;
  onPaired: (credential: DeviceCredential) => void;
  onExpired: () => void;
}) {
  const status = useQuery({
    queryKey: ["device-pairing", pairing.code],
    queryFn: () =>
      unwrap(api.GET("/v1/device-pairings/{code}", { params: { path: { code: pairing.code } }, headers: { "X-Pairing-Secret": pairing.secret } })).catch(
        (e: unknown) => Promise.reject(asApiError(e)),
      ),
    refetchInterval: POLL_WAITING_MS,
    // A kiosk's tab may be behind another window while the manager types the code.
    refetchIntervalInBackground: true,
    staleTime: 0,
    gcTime: 0,
  });
  // Expired or unknown (the API says 404 for both, and for a wrong secret).
  const gone = status.error?.status === 404;
  const answered = useEffectEvent((answer: typeof status.data, expired: boolean) => {
    const credential = answer ? credentialFromStatus(answer, pairing.secret) : null;
    if (credential) onPaired(credential);
    else if (expired) onExpired();
  });
  // Either outcome replaces this screen.
  useEffect(() => answered(status.data, gone), [status.data, gone]);
  return (
    <>
      <p>
        <output className="pairing-code" aria-label="Pairing code">
          {pairing.code}
        </output>
      </p>
      <p>{pairingInstruction(pairing.expiresAt, deviceZone)}</p>
      {/* Not the page's loading indicator: the page is ready, the device waits for a person. */}
      {status.error && !gone ? <ErrorBox error={status.error} /> : <p role="status">Waiting for a manager…</p>}
    </>
  );
}

/** Who the device is, as the API says now: checked on opening and every minute. */
function Paired({ api, credential, onUnpaired }: { api: Api; credential: DeviceCredential; onUnpaired: () => void }) {
  const self = useQuery({
    queryKey: ["device", credential.settingId, credential.deviceId],
    queryFn: () =>
      unwrap(api.GET("/v1/device", { headers: { Authorization: deviceAuthorization(credential) } })).catch((e: unknown) => Promise.reject(asApiError(e))),
    refetchInterval: CHECK_PAIRED_MS,
    refetchIntervalInBackground: true,
    staleTime: 0,
    gcTime: 0,
  });
  const refusal = deviceRefusal(self.error);
  const refused = useEffectEvent(() => onUnpaired());
  useEffect(() => {
    if (refusal === "unpaired") refused();
  }, [refusal]);
  if (refusal === "off-premises")
    return (
      <div className="error" role="alert">
        <p>{OFF_PREMISES}</p>
      </div>
    );
  if (!self.data) return self.error && refusal !== "unpaired" ? <ErrorBox error={self.error} /> : <Loading what="Checking this device" />;
  // Once it answered, a later check that fails for a moment (the network) leaves the screen,
  // and anyone's session on it, as they are.
  return (
    <>
      <p role="status">{pairedSentence(self.data)}</p>
      {self.error && refusal !== "unpaired" && <ErrorBox error={self.error} />}
      <Sessions api={api} credential={credential} onUnpaired={onUnpaired} />
    </>
  );
}
