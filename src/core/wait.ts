// Waiting for something, but not forever: the kernel's second training thread getting ready, the
// sampling calls ahead of an interpolation.

/** Resolves when `p` settles (fulfilled or rejected) or after `ms`, whichever comes first. */
export async function settleWithin(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((ok) => {
    timer = setTimeout(ok, ms);
  });
  try {
    await Promise.race([p.then(noop, noop), late]);
  } finally {
    clearTimeout(timer);
  }
}

function noop(): void {}
