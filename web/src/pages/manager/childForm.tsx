// Registering a child: name, birth date, room, key person and at least one emergency contact.
import { useState } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { Link } from "react-router";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Empty, ErrorBox, Field, Select, Submit, TextArea } from "../../ui/components";
import type { Directory } from "./common";

type Contact = Schemas["EmergencyContact"];
const MAX_CONTACTS = 6;
const BLANK_CONTACT: Contact = { name: "", phone: "", relationship: "" };

type ChildForm = {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  roomId: string;
  keyPersonId: string;
  contacts: Contact[];
  medicalNotes: string;
  dietaryNotes: string;
};
const BLANK_CHILD: ChildForm = { firstName: "", lastName: "", dateOfBirth: "", roomId: "", keyPersonId: "", contacts: [BLANK_CONTACT], medicalNotes: "", dietaryNotes: "" };

export function RegisterChildForm({ settingId, directory }: { settingId: string; directory: Directory }) {
  const { api } = useSession();
  const clock = useClock();
  const activeStaff = directory.staff.filter((s) => s.status === "active");
  const { register, handleSubmit, reset, control } = useForm<ChildForm>({ defaultValues: BLANK_CHILD });
  const contacts = useFieldArray({ control, name: "contacts" });
  const [registered, setRegistered] = useState<Schemas["ChildView"] | null>(null);
  const save = useAction();

  if (directory.rooms.length === 0)
    return (
      <Empty>
        Add a room first: <Link to={setting(settingId, "/rooms")}>Rooms</Link>.
      </Empty>
    );

  const submit = handleSubmit(async (f) => {
    setRegistered(null);
    const child = await save.run(() =>
      unwrap(
        api.POST("/v1/settings/{settingId}/children", {
          params: { path: { settingId } },
          body: {
            firstName: f.firstName.trim(),
            lastName: f.lastName.trim(),
            dateOfBirth: f.dateOfBirth,
            roomId: f.roomId,
            keyPersonId: f.keyPersonId,
            emergencyContacts: f.contacts.map((c) => ({ name: c.name.trim(), phone: c.phone.trim(), relationship: c.relationship.trim() })),
            medicalNotes: f.medicalNotes.trim() || null,
            dietaryNotes: f.dietaryNotes.trim() || null,
          },
          headers: idempotencyKey(),
        }),
      ),
    );
    if (!child) return;
    reset(BLANK_CHILD);
    setRegistered(child);
  });

  return (
    <form onSubmit={submit}>
      <Field label="First name" {...register("firstName")} required autoComplete="off" />
      <Field label="Last name" {...register("lastName")} required autoComplete="off" />
      <Field label="Date of birth" type="date" max={clock.today()} {...register("dateOfBirth")} required />
      <Select
        label="Room"
        {...register("roomId")}
        required
        options={[{ value: "", label: "Choose a room" }, ...directory.rooms.map((r) => ({ value: r.id, label: r.name }))]}
      />
      <Select
        label="Key person"
        {...register("keyPersonId")}
        required
        options={[{ value: "", label: "Choose a member of staff" }, ...activeStaff.map((s) => ({ value: s.userId, label: s.name }))]}
      />
      {contacts.fields.map((c, i) => (
        <fieldset key={c.id}>
          <legend>Emergency contact {i + 1}</legend>
          <Field label="Name" {...register(`contacts.${i}.name`)} required autoComplete="off" />
          <Field label="Phone number" type="tel" {...register(`contacts.${i}.phone`)} required autoComplete="off" />
          <Field label="Relationship to the child" {...register(`contacts.${i}.relationship`)} required autoComplete="off" />
          {contacts.fields.length > 1 && (
            <button type="button" onClick={() => contacts.remove(i)}>
              Remove emergency contact {i + 1}
            </button>
          )}
        </fieldset>
      ))}
      {contacts.fields.length < MAX_CONTACTS && (
        <div className="actions">
          <button type="button" onClick={() => contacts.append(BLANK_CONTACT)}>
            Add another emergency contact
          </button>
        </div>
      )}
      <TextArea label="Medical notes (optional)" hint="Allergies, conditions, medication." {...register("medicalNotes")} />
      <TextArea label="Dietary notes (optional)" {...register("dietaryNotes")} />
      <ErrorBox error={save.error} />
      {registered && (
        <p className="done" role="status">
          {registered.firstName} {registered.lastName} is registered.{" "}
          <Link to={setting(settingId, `/children/${encodeURIComponent(registered.childId)}/manage`)}>Link their parents now</Link>
        </p>
      )}
      <Submit busy={save.busy}>Register child</Submit>
    </form>
  );
}
