// "Kiosk code": a parent or family member, signed in on their own phone, shows a one-time code
// (and its QR code) that opens the setting's families' kiosk for them instead of their number
// and PIN. A code works once, within two minutes; the page counts down and says when it has
// expired. Staff have no kiosk to open and do not see the page.
import QRCode from "qrcode";
import { useEffect, useState } from "react";
import { idempotencyKey, unwrap } from "../../api/client";
import { setting } from "../../routes";
import { useSession } from "../../session";
import { ErrorBox, Page } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { PASS_EXPIRED, PASS_PURPOSE, PASS_QR_ALT, PASS_RULE, PASS_TITLE, SHOW_PASS, normaliseKioskCode, passDeadline, passValidity } from "./passWords";

/** A code on screen: as the API gave it, its QR code (null if it could not be drawn) and when it stops working. */
interface ShownPass {
  code: string;
  qr: string | null;
  deadline: number;
}

/** How often the countdown is redrawn (under a second, so no second is skipped). */
const TICK_MS = 500;
/** The QR code's size in CSS pixels: easily read by a tablet's camera at arm's length. */
const QR_SIZE = 240;

export function KioskCodePage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const create = useAction({ changes: false });
  const [pass, setPass] = useState<ShownPass | null>(null);
  const show = () =>
    void create.run(async () => {
      const answer = await unwrap(api.POST("/v1/settings/{settingId}/kiosk-passes", { params: { path: { settingId } }, headers: idempotencyKey() }));
      const deadline = passDeadline(answer.expiresAt, Date.now());
      const digits = normaliseKioskCode(answer.code) ?? answer.code.replace(/\s+/g, "");
      // The QR code carries the 8 digits only. Should it fail to draw, the code can still be typed.
      const qr = await QRCode.toDataURL(digits, { errorCorrectionLevel: "M", margin: 4, width: QR_SIZE * 2 }).catch(() => null);
      setPass({ code: answer.code, qr, deadline });
    });
  return (
    <Page title={PASS_TITLE} back={{ to: setting(settingId), label: "Home" }}>
      <p>{PASS_PURPOSE}</p>
      <p className="hint">{PASS_RULE}</p>
      <p className="actions">
        <button type="button" className="primary" onClick={show} disabled={create.busy} aria-busy={create.busy}>
          {create.busy ? "Please wait…" : SHOW_PASS}
        </button>
      </p>
      <ErrorBox error={create.error} />
      {pass && <Shown key={`${pass.code}-${pass.deadline}`} pass={pass} />}
    </Page>
  );
}

function Shown({ pass }: { pass: ShownPass }) {
  const [now, setNow] = useState(() => Date.now());
  const expired = now >= pass.deadline;
  useEffect(() => {
    if (expired) return;
    const timer = window.setInterval(() => setNow(Date.now()), TICK_MS);
    return () => window.clearInterval(timer);
  }, [expired]);
  return (
    <div className="kiosk-pass">
      {!expired && (
        <>
          <p>
            <output className="kiosk-code" aria-label="Kiosk code">
              {pass.code}
            </output>
          </p>
          {pass.qr && <img className="kiosk-qr" src={pass.qr} alt={PASS_QR_ALT} width={QR_SIZE} height={QR_SIZE} />}
          {/* A timer is not read out every second; its expiry is, below. */}
          <p role="timer" className="kiosk-countdown">
            {passValidity(pass.deadline, now)}
          </p>
        </>
      )}
      <div role="status">{expired && <p className="kiosk-expired">{PASS_EXPIRED}</p>}</div>
    </div>
  );
}
