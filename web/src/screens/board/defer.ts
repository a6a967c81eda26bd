// A refetch of the board that waits while the board is busy: a card being dragged, or a move on
// its way to the server (the card already shown where it goes). Asked for then, the refetch runs
// once, when the last of them ends, so that it never takes a card out of the user's hand nor shows
// it back where it was. Pure, unit-tested.
export interface Deferral {
  // Runs the refetch now, or when nothing holds it any more.
  request(): void;
  // Holds refetches until the answer is called (calling it again changes nothing).
  hold(): () => void;
}

export function deferWhileBusy(run: () => void): Deferral {
  let holds = 0;
  let pending = false;
  return {
    request() {
      if (holds > 0) pending = true;
      else run();
    },
    hold() {
      holds++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holds--;
        if (holds === 0 && pending) {
          pending = false;
          run();
        }
      };
    },
  };
}
