// The setting's own devices: pairing a tablet or kiosk by the code it shows, and unpairing one
// at once (reported missing, which every manager is emailed about, or retired).
import { useState } from "react";
import { useForm } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Done, Empty, ErrorBox, Field, Loaded, Page, Submit } from "../../ui/components";
import { pairedDone, unpairedDone, unpairedWords } from "../device/credential";
import { Tag } from "./common";

export function DevicesPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const list = useApiQuery(keys.setting(settingId, "devices"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/devices", { params: { path: { settingId } } })),
  );
  return (
    <Page title="Devices" back={{ to: setting(settingId), label: "Home" }}>
      <p>
        Tablets and kiosks paired to the setting. A paired device works only on the setting's own network, and is unpaired at once here if it
        goes missing.
      </p>
      <PairForm settingId={settingId} />
      <h2>The setting's devices</h2>
      <Loaded state={list}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>No devices paired yet.</Empty>
          ) : (
            <>
              <p className="hint">
                Reporting a device missing unpairs it at once and emails every manager; retiring one unpairs it quietly. Either way its next
                request is refused; to use it again, pair it again.
              </p>
              <ul className="cards" aria-label="The setting's devices">
                {items.map((d) => (
                  <DeviceCard key={d.deviceId} settingId={settingId} device={d} />
                ))}
              </ul>
            </>
          )
        }
      </Loaded>
    </Page>
  );
}

type PairFields = { code: string; name: string };
const BLANK: PairFields = { code: "", name: "" };

function PairForm({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const { register, handleSubmit, reset } = useForm<PairFields>({ defaultValues: BLANK });
  const pair = useAction();
  const [paired, setPaired] = useState<string | null>(null);
  const submit = handleSubmit(async (f) => {
    setPaired(null);
    const device = await pair.run(() =>
      unwrap(
        api.POST("/v1/settings/{settingId}/devices", {
          params: { path: { settingId } },
          body: { code: f.code.trim(), name: f.name.trim() },
          headers: idempotencyKey(),
        }),
      ),
    );
    if (!device) return;
    reset(BLANK);
    setPaired(pairedDone(device.name));
  });
  return (
    <>
      <h2>Pair a device</h2>
      <p className="hint">
        On the tablet or kiosk, open <code>{`${window.location.origin}/device`}</code> and choose "Pair this device": it shows a code for 15 minutes. The device
        must be on the setting's own network.
      </p>
      <form onSubmit={submit} aria-label="Pair a device">
        <Field
          label="Code shown on the device"
          hint="Eight letters and digits, such as ABCD-EF23."
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          {...register("code")}
          required
        />
        <Field label="Name" hint="Such as Robins tablet" autoComplete="off" maxLength={60} {...register("name")} required />
        <ErrorBox error={pair.error} />
        <Done message={paired} />
        <Submit busy={pair.busy}>Pair the device</Submit>
      </form>
    </>
  );
}

function DeviceCard({ settingId, device }: { settingId: string; device: Schemas["DeviceView"] }) {
  const { api } = useSession();
  const { day } = useClock();
  const unpair = useAction();
  const run = (reason: Schemas["UnpairReason"]) =>
    void unpair.run(
      () =>
        unwrap(
          api.POST("/v1/settings/{settingId}/devices/{deviceId}/unpair", {
            params: { path: { settingId, deviceId: device.deviceId } },
            body: { reason },
            headers: idempotencyKey(),
          }),
        ),
      unpairedDone(device.name),
    );
  return (
    <li className="card">
      <h3>{device.name}</h3>
      <p>
        <Tag status={device.status} />
      </p>
      <p>Paired {day(device.pairedAt)}</p>
      {device.unpaired && <p>{unpairedWords(device.unpaired, day)}</p>}
      <Done message={unpair.done} />
      <ErrorBox error={unpair.error} />
      {device.status === "paired" && (
        <p className="actions">
          <button type="button" className="danger" disabled={unpair.busy} aria-busy={unpair.busy} onClick={() => run("reported-missing")}>
            Report {device.name} missing
          </button>
          <button type="button" disabled={unpair.busy} aria-busy={unpair.busy} onClick={() => run("retired")}>
            Retire {device.name}
          </button>
        </p>
      )}
    </li>
  );
}
