// Entry of the second training thread in the browser (a worker started by the engine's worker):
// the first message starts the helper loop, which then runs until the leader says stop.
import { type HelperStart, runHelper } from "./thread";

self.onmessage = (e: MessageEvent<HelperStart>) => {
  runHelper(e.data, () => self.postMessage("ready"));
  self.close();
};
