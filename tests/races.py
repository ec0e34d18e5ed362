"""Two people acting at the same moment, each on their own database connection."""

import threading

from django.db import connections


def race(*actions, refused: type[Exception]):
    """Run each action in its own thread and database connection, released together;
    an action refused with `refused` gives that error as its outcome."""
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = action()
        except refused as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes
