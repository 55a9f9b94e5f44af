// A value that changes at most every `ms` milliseconds, for readouts fed by fast events (training
// chunks arrive up to ~13 times a second; recharts and the stats need not redraw that often).
import { useEffect, useRef, useState } from "react";

export const THROTTLE_MS = 300;

/** The latest value, but at most one update per `ms`. */
export function useThrottled<T>(value: T, ms = THROTTLE_MS): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = last.current + ms - Date.now();
    if (wait <= 0) {
      last.current = Date.now();
      setShown(value);
      return;
    }
    const id = setTimeout(() => {
      last.current = Date.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(id);
  }, [value, ms]);
  return shown;
}
