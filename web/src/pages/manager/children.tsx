// Children: the roll (optionally one room) and registering a new child.
import { useState } from "react";
import { keys, useApiQuery } from "../../api/queries";
import { Link } from "react-router";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { Empty, ErrorBox, Loaded, Page, Select } from "../../ui/components";
import { useSettingWords } from "../../ui/hooks";
import { loadChildren, useDirectory } from "./common";
import { RegisterChildForm } from "./childForm";

export function ChildrenPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const { day, today } = useClock();
  const directory = useDirectory(settingId);
  const [roomId, setRoomId] = useState("");
  // Every child is the same read (and key) as the staff pages' list; one room's adds its id.
  const list = useApiQuery(keys.setting(settingId, "children", ...(roomId ? [roomId] : [])), () =>
    loadChildren(api, settingId, roomId || undefined),
  );
  const dir = directory.data;
  // "Pupils" in a school; the rest of the page is the nursery's as it was.
  const words = useSettingWords(settingId);
  return (
    <Page title={words.Children} back={{ to: setting(settingId), label: "Home" }}>
      <ErrorBox error={directory.error} />
      {dir && (
        <Select
          label="Show room"
          value={roomId}
          onChange={(e) => setRoomId(e.target.value)}
          options={[{ value: "", label: "All rooms" }, ...dir.rooms.map((r) => ({ value: r.id, label: r.name }))]}
        />
      )}
      <Loaded state={list}>
        {(children) =>
          children.length === 0 ? (
            <Empty>{roomId ? `No ${words.children} in this room.` : `No ${words.children} registered yet.`}</Empty>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scroll sideways on small screens)">
              <table>
                <caption className="visually-hidden">{words.Children}{roomId && dir ? ` in ${dir.roomName(roomId)}` : ""}</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Date of birth</th>
                    <th scope="col">Room</th>
                    <th scope="col">Key person</th>
                  </tr>
                </thead>
                <tbody>
                  {children.map((c) => (
                    <tr key={c.childId}>
                      <th scope="row">
                        <Link to={setting(settingId, `/children/${encodeURIComponent(c.childId)}/manage`)}>
                          {c.firstName} {c.lastName}
                        </Link>
                        {c.leavingDate && " "}
                        {c.leavingDate && <span className="tag">{c.leavingDate <= today() ? "Left" : `Leaving ${day(c.leavingDate)}`}</span>}
                      </th>
                      <td>{day(c.dateOfBirth)}</td>
                      <td>{dir?.roomName(c.roomId) ?? ""}</td>
                      <td>{dir?.staffName(c.keyPersonId) ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
      <h2>Register a child</h2>
      {dir && <RegisterChildForm settingId={settingId} directory={dir} />}
    </Page>
  );
}
