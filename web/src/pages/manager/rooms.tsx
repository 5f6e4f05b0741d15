// Rooms: where children are registered and staff clock in; each has an age band.
import { useForm } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Done, Empty, ErrorBox, Field, Loaded, Page, Select, Submit } from "../../ui/components";
import { AGE_BANDS, loadRooms } from "./common";

const bandName = (band: Schemas["AgeBand"]) => AGE_BANDS.find((b) => b.value === band)?.label ?? band;

type RoomForm = { name: string; ageBand: Schemas["AgeBand"] };
const BLANK_ROOM: RoomForm = { name: "", ageBand: "mixed" };

export function RoomsPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const state = useApiQuery(keys.setting(settingId, "rooms"), () => loadRooms(api, settingId));
  const { register, handleSubmit, reset } = useForm<RoomForm>({ defaultValues: BLANK_ROOM });
  const add = useAction();
  const submit = handleSubmit((f) => {
    const roomName = f.name.trim();
    return add.run(async () => {
      await unwrap(
        api.POST("/v1/settings/{settingId}/rooms", {
          params: { path: { settingId } },
          body: { name: roomName, ageBand: f.ageBand },
          headers: idempotencyKey(),
        }),
      );
      reset(BLANK_ROOM);
    }, `${roomName} was added.`);
  });
  return (
    <Page title="Rooms" back={{ to: setting(settingId), label: "Home" }}>
      <Loaded state={state}>
        {(rooms) =>
          rooms.length === 0 ? (
            <Empty>No rooms yet. Add one below before registering children.</Empty>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scroll sideways on small screens)">
              <table>
                <caption className="visually-hidden">Rooms</caption>
                <thead>
                  <tr>
                    <th scope="col">Room</th>
                    <th scope="col">Age band</th>
                  </tr>
                </thead>
                <tbody>
                  {rooms.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">{r.name}</th>
                      <td>{bandName(r.ageBand)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
      <h2>Add a room</h2>
      <form onSubmit={submit}>
        <Field label="Room name" {...register("name")} required />
        <Select label="Age band" {...register("ageBand")} options={AGE_BANDS} />
        <ErrorBox error={add.error} />
        <Done message={add.done} />
        <Submit busy={add.busy}>Add room</Submit>
      </form>
    </Page>
  );
}
