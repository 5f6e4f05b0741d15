// Working away from the setting: staff confirm three things each year before Nestling opens off the premises.
import { useState } from "react";
import { useForm } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { Link } from "react-router";
import { setting } from "../../routes";
import { useClock, useMembership, useSession } from "../../session";
import { Checkbox, Done, ErrorBox, Page, Submit } from "../../ui/components";
import { useAction } from "../../ui/hooks";

type AttestationForm = { confidentiality: boolean; securitySoftware: boolean; ownDevice: boolean };
const BLANK_ATTESTATION: AttestationForm = { confidentiality: false, securitySoftware: false, ownDevice: false };

export function RemoteAccessPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const { when, day } = useClock();
  const role = useMembership(settingId)?.role;
  const { register, handleSubmit, reset } = useForm<AttestationForm>({ defaultValues: BLANK_ATTESTATION });
  const [answer, setAnswer] = useState<Schemas["RemoteAttestation"] | null>(null);
  const save = useAction();
  const submit = handleSubmit(async (f) => {
    const a = await save.run(
      () =>
        unwrap(
          api.POST("/v1/settings/{settingId}/staff/me/remote-attestation", {
            params: { path: { settingId } },
            body: { confidentiality: f.confidentiality, securitySoftware: f.securitySoftware, ownDevice: f.ownDevice },
            headers: idempotencyKey(),
          }),
        ),
      "Thank you: you can use Nestling away from the setting.",
    );
    if (!a) return;
    setAnswer(a);
    reset(BLANK_ATTESTATION);
  });

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
          <Checkbox label="I keep children's information confidential and out of sight of others." {...register("confidentiality")} required />
          <Checkbox label="My device runs up-to-date security software and locks itself." {...register("securitySoftware")} required />
          <Checkbox label="The device is my own and nobody else uses it." {...register("ownDevice")} required />
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
