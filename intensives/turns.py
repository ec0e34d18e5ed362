"""The order of turns in a guided conversation, without Django.

A round gives each partner one turn to speak: the speaker speaks while the other
listens, then the listener reflects back what they heard ("What I hear is…"), then
both switch. The hurt partner speaks first: their sense of safety sets the pace. The
last reflection of the last round ends the conversation (no switch after it).
"""

from dataclasses import dataclass
from math import ceil

HURT = "hurt"
INVOLVED = "involved"
SPEAK, REFLECT, SWITCH = "speak", "reflect", "switch"


@dataclass(frozen=True)
class Turn:
    index: int
    round: int
    phase: str
    speaker: str  # the role speaking this round's half; the other one listens

    @property
    def listener(self) -> str:
        return INVOLVED if self.speaker == HURT else HURT

    def minutes(self, turn_minutes: int) -> int:
        """Speaking takes the guide's minutes; reflecting about half; a switch is a
        breath, with no timer."""
        if self.phase == SPEAK:
            return turn_minutes
        if self.phase == REFLECT:
            return max(1, ceil(turn_minutes / 2))
        return 0


def sequence(rounds: int) -> list[Turn]:
    turns: list[Turn] = []
    for number in range(1, rounds + 1):
        for speaker in (HURT, INVOLVED):
            for phase in (SPEAK, REFLECT, SWITCH):
                turns.append(Turn(len(turns), number, phase, speaker))
    return turns[:-1]  # nothing to switch to after the very last reflection
