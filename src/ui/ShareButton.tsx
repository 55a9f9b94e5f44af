// The header's "Share with the room" button. The dialog (its code, styles and the room-address
// logic) loads on the first click, not with the page: the first paint's bundle is budgeted
// (docs/deploy.md, "Weight").
import { lazy, Suspense, useState } from "react";

const ShareDialog = lazy(() => import("./ShareDialog").then((m) => ({ default: m.ShareDialog })));

export function ShareButton() {
  const [open, setOpen] = useState(false);
  const [wanted, setWanted] = useState(false);
  return (
    <>
      <button
        type="button"
        className="link-button"
        onClick={() => {
          setWanted(true);
          setOpen(true);
        }}
      >
        Share with the room
      </button>
      {wanted ? (
        <Suspense fallback={null}>
          <ShareDialog open={open} onClose={() => setOpen(false)} href={open ? window.location.href : ""} />
        </Suspense>
      ) : null}
    </>
  );
}
