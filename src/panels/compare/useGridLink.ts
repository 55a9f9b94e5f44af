// The messages about the link's col= and xseed= fields, for the comparison panel to show. The link
// itself is read and written by the page's one address-bar writer (state/useUrlSync.ts).
import { useView } from "../../state/view";

export function useGridLink(): string[] {
  return useView((s) => s.gridMessages);
}
