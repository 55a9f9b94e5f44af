// The training run's state machine as a table: every (phase, event) pair and the phase it leads to,
// then the flags the panels read.
import { describe, expect, it } from "vitest";
import { networkLabel, nextPhase, type RunEvent, type RunPhase, runFlags } from "../../src/state/trainingRun";

const PHASES: RunPhase[] = ["idle", "running", "pausing", "stepping", "paused", "diverged", "finishing"];
const EVENTS: Record<string, RunEvent> = {
  train: { type: "train" },
  step: { type: "step" },
  pause: { type: "pause" },
  resume: { type: "resume" },
  "chunk ran": { type: "progress", state: "running" },
  "worker paused": { type: "progress", state: "paused" },
  "worker stopped": { type: "progress", state: "stopped" },
  "run done": { type: "progress", state: "done" },
  "run diverged": { type: "progress", state: "diverged" },
  "settled ok": { type: "settled", diverged: false },
  "settled diverged": { type: "settled", diverged: true },
  "train failed": { type: "failed", during: "train" },
  "resume failed": { type: "failed", during: "resume" },
  "continue failed": { type: "failed", during: "continue" },
  end: { type: "end" },
};

// Rows: phase; columns in the order of EVENTS. "=" means the phase stays.
const TABLE: Record<RunPhase, string[]> = {
  //          train      step        pause      resume     chunk      wpaused   wstopped done         diverged     setOk  setDiv      trFail  resFail    contFail    end
  idle: ["running", "stepping", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "idle"],
  running: [
    "=",
    "=",
    "pausing",
    "=",
    "=",
    "paused",
    "idle",
    "finishing",
    "finishing",
    "=",
    "=",
    "idle",
    "paused",
    "diverged",
    "idle",
  ],
  pausing: [
    "=",
    "=",
    "=",
    "=",
    "=",
    "paused",
    "idle",
    "finishing",
    "finishing",
    "=",
    "=",
    "idle",
    "paused",
    "diverged",
    "idle",
  ],
  stepping: [
    "=",
    "=",
    "=",
    "=",
    "pausing",
    "=",
    "idle",
    "finishing",
    "finishing",
    "=",
    "=",
    "idle",
    "paused",
    "diverged",
    "idle",
  ],
  paused: ["=", "stepping", "=", "running", "=", "=", "idle", "=", "=", "=", "=", "=", "=", "=", "idle"],
  diverged: [
    "running",
    "stepping",
    "=",
    "running",
    "=",
    "=",
    "idle",
    "=",
    "=",
    "=",
    "=",
    "=",
    "=",
    "=",
    "idle",
  ],
  finishing: [
    "=",
    "=",
    "=",
    "=",
    "=",
    "=",
    "=",
    "=",
    "=",
    "idle",
    "diverged",
    "idle",
    "paused",
    "diverged",
    "idle",
  ],
};

describe("training run transitions", () => {
  const names = Object.keys(EVENTS);
  for (const phase of PHASES) {
    it(`from ${phase}`, () => {
      const got = names.map((n) => {
        const next = nextPhase(phase, EVENTS[n]);
        return next === phase && n !== "end" ? "=" : next;
      });
      expect(got).toEqual(TABLE[phase].map((v, i) => (v === phase && names[i] !== "end" ? "=" : v)));
    });
  }
});

describe("training run flags", () => {
  it("Train, Pause, Resume, Step and End run are offered exactly where they apply", () => {
    const row = (p: RunPhase) => {
      const f = runFlags(p, true);
      return [f.canTrain, f.canPause, f.canResume, f.canStep, f.canEnd].map(Number).join("");
    };
    // columns: Train, Pause, Resume, Step, End run
    expect(PHASES.map(row)).toEqual(["10010", "01000", "00000", "01000", "00111", "10111", "00000"]);
    // Nothing starts before a network is loaded.
    expect(runFlags("idle", false).canTrain).toBe(false);
    expect(runFlags("idle", false).canStep).toBe(false);
  });

  it("paused after diverging locks the architecture (Resume continues the same network) and says why", () => {
    for (const p of ["paused", "diverged"] as RunPhase[]) {
      const f = runFlags(p, true);
      expect(f.architectureLocked).toBe(true);
      expect(f.knobsEditable).toBe(true);
      expect(f.lockReason).toMatch(/Resume continues the same network/);
    }
    expect(runFlags("idle", true).architectureLocked).toBe(false);
    expect(runFlags("running", true).knobsEditable).toBe(false);
  });

  it("the worker counts as busy from Train to the settled end, and only then", () => {
    expect(PHASES.filter((p) => runFlags(p, true).workerBusy)).toEqual([
      "running",
      "pausing",
      "stepping",
      "finishing",
    ]);
    expect(PHASES.filter((p) => runFlags(p, true).runOpen)).toEqual(PHASES.slice(1));
    expect(PHASES.filter((p) => runFlags(p, true).chunking)).toEqual(["running", "pausing", "stepping"]);
  });

  it("the header names the network and the run's phase", () => {
    expect(networkLabel("pretrained", 2000, "idle")).toBe("pretrained network (2000 steps)");
    expect(networkLabel("fresh", 0, "idle")).toBe("untrained network");
    expect(networkLabel("fresh", 300, "running")).toBe("training your network (300 steps so far)");
    expect(networkLabel("user", 300, "paused")).toBe("your network, paused (300 steps so far)");
    expect(networkLabel("user", 50, "diverged")).toBe("your network, paused after diverging (50 steps)");
  });
});
