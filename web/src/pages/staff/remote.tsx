// Working away from the setting: staff confirm three things each year before Nestling opens off the premises.
import { useState, type FormEvent } from "react";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { Link } from "react-router";
import { setting } from "../../routes";
import { useClock, useMembership, useSession } from "../../session";
import { Checkbox, Done, ErrorBox, Page, Submit } from "../../ui/components";
import { useAction } from "../../ui/hooks";

export function RemoteAccessPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const { when, day } = useClock();
  const role = useMembership(settingId)?.role;
  const [confidentiality, setConfidentiality] = useState(false);
  const [securitySoftware, setSecuritySoftware] = useState(false);
  const [ownDevice, setOwnDevice] = useState(false);
  const [answer, setAnswer] = useState<Schemas["RemoteAttestation"] | null>(null);
  const save = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save
      .run(
        () =>
          unwrap(
            api.POST("/v1/settings/{settingId}/staff/me/remote-attestation", {
              params: { path: { settingId } },
              body: { confidentiality, securitySoftware, ownDevice },
              headers: idempotencyKey(),
            }),
          ),
        "Thank you: you can use Nestling away from the setting.",
      )
      .then((a) => {
        if (!a) return;
        setAnswer(a);
        setConfidentiality(false);
        setSecuritySoftware(false);
        setOwnDevice(false);
      });
  };

  return (
    <Page title="Working away from the setting" back={{ to: setting(settingId), label: "Home" }}>
      <p>
        When you use Nestling off the setting's premises (at home, for example), you must first confirm three things. Your confirmation lasts 12 months.
      </p>
      {role === "practitioner" && (
        <p>
          Away from the setting you can see only your own key children whose families agreed to remote access. See{" "}
          <Link to={setting(settingId, "/key-children")}>my key children</Link>.
        </p>
      )}
      <form onSubmit={submit}>
        <fieldset>
          <legend>I confirm that</legend>
          <Checkbox
            label="I keep children's information confidential and out of sight of others."
            checked={confidentiality}
            onChange={(e) => setConfidentiality(e.target.checked)}
            required
          />
          <Checkbox
            label="My device runs up-to-date security software and locks itself."
            checked={securitySoftware}
            onChange={(e) => setSecuritySoftware(e.target.checked)}
            required
          />
          <Checkbox label="The device is my own and nobody else uses it." checked={ownDevice} onChange={(e) => setOwnDevice(e.target.checked)} required />
        </fieldset>
        <ErrorBox error={save.error} />
        <Submit busy={save.busy}>Confirm</Submit>
      </form>
      <Done message={save.done} />
      {answer && (
        <dl className="facts">
          <dt>Confirmed</dt>
          <dd>{when(answer.attestedAt)}</dd>
          <dt>Lasts until</dt>
          <dd>{day(answer.expiresAt)}</dd>
        </dl>
      )}
    </Page>
  );
}
