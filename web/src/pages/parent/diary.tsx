// A child's day as the parents see it: what staff recorded, and the medicine given (read only).
import { ChildDiaryPage } from "../../ui/diary";

export function DiaryPage({ settingId, childId }: { settingId: string; childId: string }) {
  return <ChildDiaryPage settingId={settingId} childId={childId} />;
}
