/** A gate that waiters pass once it is open: "the connection can carry messages now". */
export interface Gate {
  /** Resolves at once when open, else when next opened. */
  wait(): Promise<void>;
  open(): void;
  close(): void;
}

export function createGate(): Gate {
  let isOpen = false;
  const waiters: (() => void)[] = [];
  return {
    wait: () => (isOpen ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    open() {
      isOpen = true;
      for (const resolve of waiters.splice(0)) resolve();
    },
    close() {
      isOpen = false;
    },
  };
}
