// A child's leaving: the date, where they go, and how long the family keeps reading their
// records afterwards. A leaving date still ahead can be changed or cancelled.
import { useForm } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { useClock, useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Done, ErrorBox, Field, Select, Submit } from "../../ui/components";

type LeavingForm = { date: string; destinationKind: Schemas["DestinationKind"]; destination: string; guardianAccessDays: number };

const DESTINATIONS: { value: Schemas["DestinationKind"]; label: string }[] = [
  { value: "school", label: "A school" },
  { value: "setting", label: "Another nursery, pre-school or childminder" },
  { value: "other", label: "Somewhere else" },
];

export function Leaving({ settingId, child }: { settingId: string; child: Schemas["ChildView"] }) {
  const { api } = useSession();
  const { day } = useClock();
  const leaving = child.leaving;
  const { register, handleSubmit } = useForm<LeavingForm>({
    values: {
      date: leaving?.date ?? "",
      destinationKind: leaving?.destinationKind ?? "school",
      destination: leaving?.destination ?? "",
      guardianAccessDays: leaving?.guardianAccessDays ?? 90,
    },
  });
  const change = useAction();
  // The version read: a change made meanwhile by another manager is refused (409), not overwritten.
  const params = { path: { settingId, childId: child.childId }, header: { "If-Match": `"${child.version}"` } };
  const save = handleSubmit((form) =>
    change.run(
      () =>
        unwrap(
          api.PUT("/v1/settings/{settingId}/children/{childId}/leaving", {
            params,
            body: { ...form, guardianAccessDays: Number(form.guardianAccessDays) },
            headers: idempotencyKey(),
          }),
        ),
      "The leaving date is saved.",
    ),
  );
  const cancel = () =>
    void change.run(
      () => unwrap(api.DELETE("/v1/settings/{settingId}/children/{childId}/leaving", { params, headers: idempotencyKey() })),
      `${child.firstName} is no longer leaving.`,
    );
  return (
    <section aria-labelledby="leaving-heading">
      <h2 id="leaving-heading">Leaving</h2>
      {leaving ? (
        <p>
          {leaving.left ? <strong>Left</strong> : <strong>Leaving</strong>} on {day(leaving.date)} for {leaving.destination}. The family{" "}
          {leaving.left ? "may read" : "will be able to read"} {child.firstName}'s records until their access ends on {day(leaving.accessEndsOn)}.
        </p>
      ) : (
        <p>{child.firstName} is not leaving. From a leaving date they are off the register and their family may only read.</p>
      )}
      <Done message={change.done} />
      {!leaving?.left && (
        <form onSubmit={save}>
          <Field label="Leaving date" type="date" required {...register("date", { required: true })} />
          <Select label="Going to" options={DESTINATIONS} {...register("destinationKind")} />
          <Field label="Name of the school or setting" required maxLength={120} {...register("destination", { required: true })} />
          <Field
            label="Days the family keeps reading the records"
            hint="After the leaving date; 0 to 365."
            type="number"
            min={0}
            max={365}
            required
            {...register("guardianAccessDays", { required: true })}
          />
          <Submit busy={change.busy}>{leaving ? "Change the leaving date" : "Record the leaving date"}</Submit>
          {leaving && (
            <button type="button" onClick={cancel} disabled={change.busy}>
              {child.firstName} is staying
            </button>
          )}
        </form>
      )}
      <ErrorBox error={change.error} />
    </section>
  );
}
