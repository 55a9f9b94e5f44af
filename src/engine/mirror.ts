// What the pool's other workers load (src/engine/poolWorkers.ts): the main worker's network at a
// network stamp, saved once per stamp. After a network became current, `prime` has them load it at
// once (beside the main worker's first units) instead of when the first call reaches them.
import type { SavedNetwork } from "./api";

export class NetworkMirror {
  private cache: { stamp: string; saved: Promise<SavedNetwork> } | null = null;

  constructor(
    /** The main worker's network stamp and its save. */
    private readonly readStamp: () => Promise<string>,
    private readonly save: () => Promise<SavedNetwork>,
  ) {}

  /** The main worker's network saved at (or after) this stamp. */
  savedFor(stamp: string): Promise<SavedNetwork> {
    if (this.cache?.stamp !== stamp) this.remember(stamp, this.save());
    return (this.cache as { saved: Promise<SavedNetwork> }).saved;
  }

  /**
   * A network became current (`loaded`: the file the main worker just loaded, else its save is
   * asked for). The stamp and the save are requested before anything else can queue a unit on the
   * main worker; `ready` gets the stamp (the pool then has its other workers load the network).
   */
  prime(loaded: SavedNetwork | null, ready: (stamp: string) => void): void {
    const stamp = this.readStamp();
    const saved = loaded ? Promise.resolve(loaded) : this.save();
    saved.catch(() => undefined); // reported by the worker that asks for it (savedFor)
    stamp.then(
      (s) => {
        if (this.cache?.stamp !== s) this.remember(s, saved);
        ready(s);
      },
      () => undefined, // the next call reads the stamp again and reports the failure
    );
  }

  private remember(stamp: string, saved: Promise<SavedNetwork>): void {
    this.cache = { stamp, saved };
    // A failed save is not kept: the next worker that needs this stamp asks again.
    saved.catch(() => {
      if (this.cache?.saved === saved) this.cache = null;
    });
  }
}
