// "Share": the address to give a room (from the server's LAN addresses when `npm start` serves the
// page), as text and as a QR code students can scan, with the option to hide panels in their link.
// qrcode is loaded only when the dialog opens, so it costs the first load nothing.
import { useEffect, useId, useRef, useState } from "react";
import { isLoopback, roomOrigins, studentLink } from "../pwa/share";
import "./ShareDialog.css";

const PANELS: ReadonlyArray<readonly [string, string]> = [
  ["training", "training controls"],
  ["data", "data panel"],
  ["schedule", "schedule panel"],
  ["compare", "sampler comparison"],
  ["interpolate", "interpolation"],
];

export interface ShareDialogProps {
  open: boolean;
  onClose: () => void;
  /** The page's current address (the link is the view). */
  href: string;
}

export function ShareDialog({ open, onClose, href }: ShareDialogProps) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [origins, setOrigins] = useState<string[] | null>(null);
  const [hide, setHide] = useState<string[]>([]);
  const [qr, setQr] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const origin = origins?.[0] ?? null;
  const link = href ? studentLink(href, origin, hide) : "";

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal(); // native modal: focus stays inside, Esc closes
    if (!open && d.open) d.close();
  }, [open]);

  useEffect(() => {
    if (open && origins === null) void roomOrigins().then(setOrigins);
  }, [open, origins]);

  useEffect(() => {
    if (!open || !link) return;
    let live = true;
    setCopied(false);
    void import("qrcode")
      .then((QRCode) => QRCode.toDataURL(link, { margin: 1, width: 320, errorCorrectionLevel: "M" }))
      .then((url) => live && setQr(url))
      .catch(() => live && setQr(null));
    return () => {
      live = false;
    };
  }, [open, link]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false); // the address is on screen to copy by hand
    }
  };

  return (
    <dialog
      ref={ref}
      className="modal share-dialog"
      // Only while open: the page's Space shortcut stands down while any aria-modal element exists.
      aria-modal={open ? "true" : undefined}
      aria-labelledby={`${id}-t`}
      onClose={onClose}
      onCancel={onClose}
    >
      <h3 id={`${id}-t`}>Share this view</h3>
      <p>Students open this address (or scan the code) on the same network:</p>
      <output className="share-url">{link}</output>
      {origin === null && href && isLoopback(href) ? (
        <p className="share-note">
          This address works only on this computer. Serve the dashboard to the room with{" "}
          <code>npm start</code> (see the README, "Teaching with DDIM Lab").
        </p>
      ) : null}
      {qr ? (
        <img className="share-qr" src={qr} alt={`QR code for ${link}`} width={200} height={200} />
      ) : (
        <div className="share-qr" aria-hidden="true" />
      )}
      <fieldset className="share-hide">
        <legend>Hide in the students' link</legend>
        {PANELS.map(([name, label]) => (
          <label key={name}>
            <input
              type="checkbox"
              checked={hide.includes(name)}
              onChange={(e) =>
                setHide((h) => (e.target.checked ? [...h, name] : h.filter((x) => x !== name)))
              }
            />{" "}
            the {label}
          </label>
        ))}
      </fieldset>
      <div className="modal-actions">
        <button type="button" onClick={() => void copy()}>
          {copied ? "Copied" : "Copy address"}
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}

/** The header's button and its dialog (what App mounts). */
