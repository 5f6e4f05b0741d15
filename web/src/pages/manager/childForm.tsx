// Registering a child: name, birth date, room, key person and at least one emergency contact.
import { useState, type FormEvent } from "react";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { Link } from "react-router";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Empty, ErrorBox, Field, Select, Submit, TextArea } from "../../ui/components";
import type { Directory } from "./common";

type Contact = Schemas["EmergencyContact"];
const MAX_CONTACTS = 6;
const blankContact = (): Contact => ({ name: "", phone: "", relationship: "" });

export function RegisterChildForm({ settingId, directory, onRegistered }: { settingId: string; directory: Directory; onRegistered: () => void }) {
  const { api } = useSession();
  const clock = useClock();
  const activeStaff = directory.staff.filter((s) => s.status === "active");
  const [firstName, setFirstName] = useState("");
  const [lastName, setLastName] = useState("");
  const [dateOfBirth, setDateOfBirth] = useState("");
  const [roomId, setRoomId] = useState("");
  const [keyPersonId, setKeyPersonId] = useState("");
  const [contacts, setContacts] = useState<Contact[]>([blankContact()]);
  const [medicalNotes, setMedicalNotes] = useState("");
  const [dietaryNotes, setDietaryNotes] = useState("");
  const [registered, setRegistered] = useState<Schemas["ChildView"] | null>(null);
  const save = useAction();

  if (directory.rooms.length === 0)
    return (
      <Empty>
        Add a room first: <Link to={setting(settingId, "/rooms")}>Rooms</Link>.
      </Empty>
    );

  const setContact = (i: number, change: Partial<Contact>) => setContacts((cs) => cs.map((c, j) => (j === i ? { ...c, ...change } : c)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setRegistered(null);
    void save.run(async () => {
      const child = await unwrap(
        api.POST("/v1/settings/{settingId}/children", {
          params: { path: { settingId } },
          body: {
            firstName: firstName.trim(),
            lastName: lastName.trim(),
            dateOfBirth,
            roomId,
            keyPersonId,
            emergencyContacts: contacts.map((c) => ({ name: c.name.trim(), phone: c.phone.trim(), relationship: c.relationship.trim() })),
            medicalNotes: medicalNotes.trim() || null,
            dietaryNotes: dietaryNotes.trim() || null,
          },
          headers: idempotencyKey(),
        }),
      );
      setFirstName("");
      setLastName("");
      setDateOfBirth("");
      setRoomId("");
      setKeyPersonId("");
      setContacts([blankContact()]);
      setMedicalNotes("");
      setDietaryNotes("");
      setRegistered(child);
      onRegistered();
    });
  };

  return (
    <form onSubmit={submit}>
      <Field label="First name" value={firstName} onChange={(e) => setFirstName(e.target.value)} required autoComplete="off" />
      <Field label="Last name" value={lastName} onChange={(e) => setLastName(e.target.value)} required autoComplete="off" />
      <Field label="Date of birth" type="date" max={clock.today()} value={dateOfBirth} onChange={(e) => setDateOfBirth(e.target.value)} required />
      <Select
        label="Room"
        value={roomId}
        onChange={(e) => setRoomId(e.target.value)}
        required
        options={[{ value: "", label: "Choose a room" }, ...directory.rooms.map((r) => ({ value: r.id, label: r.name }))]}
      />
      <Select
        label="Key person"
        value={keyPersonId}
        onChange={(e) => setKeyPersonId(e.target.value)}
        required
        options={[{ value: "", label: "Choose a member of staff" }, ...activeStaff.map((s) => ({ value: s.userId, label: s.name }))]}
      />
      {contacts.map((c, i) => (
        <fieldset key={i}>
          <legend>Emergency contact {i + 1}</legend>
          <Field label="Name" value={c.name} onChange={(e) => setContact(i, { name: e.target.value })} required autoComplete="off" />
          <Field label="Phone number" type="tel" value={c.phone} onChange={(e) => setContact(i, { phone: e.target.value })} required autoComplete="off" />
          <Field
            label="Relationship to the child"
            value={c.relationship}
            onChange={(e) => setContact(i, { relationship: e.target.value })}
            required
            autoComplete="off"
          />
          {contacts.length > 1 && (
            <button type="button" onClick={() => setContacts((cs) => cs.filter((_, j) => j !== i))}>
              Remove emergency contact {i + 1}
            </button>
          )}
        </fieldset>
      ))}
      {contacts.length < MAX_CONTACTS && (
        <div className="actions">
          <button type="button" onClick={() => setContacts((cs) => [...cs, blankContact()])}>
            Add another emergency contact
          </button>
        </div>
      )}
      <TextArea label="Medical notes (optional)" hint="Allergies, conditions, medication." value={medicalNotes} onChange={(e) => setMedicalNotes(e.target.value)} />
      <TextArea label="Dietary notes (optional)" value={dietaryNotes} onChange={(e) => setDietaryNotes(e.target.value)} />
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
